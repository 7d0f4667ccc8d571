#define _POSIX_C_SOURCE 200809L
#include "shard_writer.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

typedef struct job {
    xc_writable *db;
    xc_document *doc;   /* add it; NULL: commit */
    bool close;         /* commit: then free db (the job owns it) */
    const char *key;    /* commit: metadata to set first (static key) */
    char *value;
    char *where;
} job;

struct shard_writer {
    pthread_mutex_t lock;
    pthread_cond_t changed;    /* a job queued, done, or stop asked */
    pthread_t thread;
    bool threaded;
    bool stop;
    job *ring;
    size_t cap, head, count;
    bool busy;                 /* the thread holds a job off the ring */
    bool failed;
    char *fail_where, *fail_msg;
};

static void job_free(job *j)
{
    if (j->close)
        xc_writable_free(j->db);
    xc_document_free(j->doc);
    free(j->value);
    free(j->where);
}

static xc_status job_run(const job *j, char **msg)
{
    if (j->doc)
        return xc_writable_add_document(j->db, j->doc, NULL, msg);
    xc_status st = XC_OK;
    if (j->key && j->value)
        st = xc_writable_set_metadata(j->db, j->key, j->value, strlen(j->value), msg);
    return st == XC_OK ? xc_writable_commit(j->db, msg) : st;
}

/* Runs j unless an earlier job failed (then the rest are dropped: the
 * build stops at its next call).  Called with the lock not held. */
static void run_one(shard_writer *w, job *j, bool failed)
{
    char *msg = NULL;
    xc_status st = failed ? XC_OK : job_run(j, &msg);
    if (st != XC_OK) {
        pthread_mutex_lock(&w->lock);
        if (!w->failed) {
            w->failed = true;
            w->fail_where = j->where;
            w->fail_msg = msg ? msg : strdup(xc_status_name(st));
            j->where = NULL;
            msg = NULL;
            pthread_cond_broadcast(&w->changed);   /* a full ring's giver */
        }
        pthread_mutex_unlock(&w->lock);
    }
    free(msg);
    job_free(j);
}

static void *writer_main(void *arg)
{
    shard_writer *w = arg;
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->count && !w->stop)
            pthread_cond_wait(&w->changed, &w->lock);
        if (!w->count)
            break;
        job j = w->ring[w->head];
        w->head = (w->head + 1) % w->cap;
        w->count--;
        w->busy = true;
        bool failed = w->failed;
        /* The giver waits only on a full ring: wake it when half is free. */
        if (w->count == w->cap / 2)
            pthread_cond_broadcast(&w->changed);
        pthread_mutex_unlock(&w->lock);
        run_one(w, &j, failed);
        pthread_mutex_lock(&w->lock);
        w->busy = false;
        if (!w->count)   /* shard_writer_wait's moment */
            pthread_cond_broadcast(&w->changed);
    }
    pthread_mutex_unlock(&w->lock);
    return NULL;
}

shard_writer *shard_writer_new(size_t capacity)
{
    shard_writer *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->cap = capacity ? capacity : 1;
    w->ring = calloc(w->cap, sizeof *w->ring);
    if (!w->ring) {
        free(w);
        return NULL;
    }
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->changed, NULL);
    w->threaded = pthread_create(&w->thread, NULL, writer_main, w) == 0;
    return w;
}

static bool give(shard_writer *w, job j)
{
    if (!w->threaded) {
        run_one(w, &j, w->failed);
        return !w->failed;
    }
    pthread_mutex_lock(&w->lock);
    while (w->count == w->cap && !w->failed)
        pthread_cond_wait(&w->changed, &w->lock);
    bool failed = w->failed;
    if (!failed) {
        w->ring[(w->head + w->count) % w->cap] = j;
        if (w->count++ == 0)   /* the thread waits only on an empty ring */
            pthread_cond_broadcast(&w->changed);
    }
    pthread_mutex_unlock(&w->lock);
    if (failed)
        job_free(&j);
    return !failed;
}

bool shard_writer_add(shard_writer *w, xc_writable *db, xc_document *doc, char *where)
{
    return give(w, (job){.db = db, .doc = doc, .where = where});
}

bool shard_writer_commit(shard_writer *w, xc_writable *db, const char *key,
                         char *value, char *where)
{
    return give(w, (job){.db = db, .key = key, .value = value, .where = where});
}

bool shard_writer_close(shard_writer *w, xc_writable *db, char *where)
{
    return give(w, (job){.db = db, .close = true, .where = where});
}

bool shard_writer_wait(shard_writer *w, char **error)
{
    pthread_mutex_lock(&w->lock);
    while (w->threaded && (w->count || w->busy))
        pthread_cond_wait(&w->changed, &w->lock);
    bool ok = !w->failed;
    if (!ok && w->fail_msg) {
        error_take(error, w->fail_where, w->fail_msg);
        w->fail_msg = NULL;   /* said once; failed stays */
    }
    pthread_mutex_unlock(&w->lock);
    return ok;
}

void shard_writer_free(shard_writer *w)
{
    if (!w)
        return;
    if (w->threaded) {
        pthread_mutex_lock(&w->lock);
        w->stop = true;
        pthread_cond_broadcast(&w->changed);
        pthread_mutex_unlock(&w->lock);
        pthread_join(w->thread, NULL);
    }
    pthread_cond_destroy(&w->changed);
    pthread_mutex_destroy(&w->lock);
    free(w->ring);
    free(w->fail_where);
    free(w->fail_msg);
    free(w);
}
