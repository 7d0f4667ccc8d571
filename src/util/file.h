/* Reading whole files, with errors that name the file. */
#ifndef BRIEF_FILE_H
#define BRIEF_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

/* Opens path for reading if it is a regular file (its stat in *st): a
 * FIFO, socket, device or folder is an error naming path, never a hang. */
FILE *file_open_regular(const char *path, struct stat *st, char **error);

/* Reads path into a malloc()ed, NUL-terminated buffer, without a leading
 * UTF-8 byte order mark.  Fails (with a
 * message naming the file) on I/O errors and on files larger than
 * max_bytes. */
bool file_read_all(const char *path, size_t max_bytes, char **data_out,
                   size_t *len_out, char **error);

/* The folder of path ("." for a bare name); malloc()ed, NULL when out of
 * memory. */
char *file_dir_of(const char *path);

/* 1-based line and column of byte offset `at` in text. */
void file_line_col(const char *text, size_t at, size_t *line, size_t *col);

#endif
