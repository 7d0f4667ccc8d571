# bash completion for brief                                 -*- shell-script -*-
#
# Completes subcommands, their options, and the values of --pillar, --agency,
# --actor, --kind, --report and passage ids (show, quote), which it reads
# from the index with `brief complete WHAT` (a hidden subcommand), passing
# on the --index given on the line.  An agency or actor is offered under
# every name the filters take: canonical, as the report names it, and as
# analysts type it (DoD, Pentagon, MOFA, USTR).  Installed as
# share/bash-completion/completions/brief; or: source completion/brief.bash

# The --index given on the line, as arguments for brief (none when not).
_brief_index_args()
{
    local i w v
    for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
        ((i == COMP_CWORD)) && continue
        w=${COMP_WORDS[i]}
        v=
        case $w in
            --index | -i)
                # bash splits "--index=DIR" into --index, =, DIR.
                if [[ ${COMP_WORDS[i + 1]-} == = ]]; then
                    ((i + 2 != COMP_CWORD)) && v=${COMP_WORDS[i + 2]-}
                elif ((i + 1 != COMP_CWORD)); then
                    v=${COMP_WORDS[i + 1]-}
                fi
                ;;
            --index=?*) v=${w#--index=} ;;
        esac
        [[ -n $v ]] || continue
        v=${v#[\"\']}
        v=${v%[\"\']}
        [[ $v == \~* ]] && v=$HOME${v#\~}
        _brief_index=(--index "$v")
    done
}

# Values of WHAT from the index (brief complete WHAT), those that start with
# the word being completed (any case), quoted for the line.
_brief_values()
{
    local what=$1 cur=$2 quote= brief=${COMP_WORDS[0]} line
    local -a _brief_index=()
    _brief_index_args
    [[ $brief == \~* ]] && brief=$HOME${brief#\~}
    case $cur in
        \"* | \'*) quote=${cur:0:1} cur=${cur:1} ;;
    esac
    local IFS=$'\n'
    while IFS= read -r line; do
        [[ ${line,,} == "${cur,,}"* ]] || continue
        if [[ -n $quote ]]; then
            COMPREPLY+=("$line")
        else
            COMPREPLY+=("$(printf '%q' "$line")")
        fi
    done < <("$brief" "${_brief_index[@]}" complete "$what" 2>/dev/null)
}

_brief()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev= sub= i
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    # "--format=js": bash makes that --format, =, js.
    if [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    elif [[ $cur == = ]]; then
        cur= prev=${COMP_WORDS[COMP_CWORD - 1]}
    fi
    COMPREPLY=()

    # The subcommand: the first word that is not a global option or its value.
    local sub_at=0
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            --index | --color | --colour)
                [[ ${COMP_WORDS[i + 1]-} == = ]] && ((i++))
                ((i++))
                ;;
            -*) ;;
            =) ;;
            *)
                sub=${COMP_WORDS[i]} sub_at=$i
                break
                ;;
        esac
    done

    local subcommands="index add search show quote verify passages facets help"
    local filters="--pillar --agency --actor --kind --section --report"
    local opts
    case $sub in
        '') opts="--index --color --help --version" ;;
        index) opts="--corpus --index --wait --quiet --shards --rebuild --help" ;;
        add) opts="--id --corpus --index --force --quiet --help" ;;
        search) opts="$filters --facets --sort --format --json --limit --offset
                      --snippet --color --explain --match --index --help" ;;
        show) opts="--context --format --json --color --index --help" ;;
        quote) opts="--style --index --help" ;;
        verify) opts="--index --help" ;;
        passages) opts="--format --json --color --index --help" ;;
        facets) opts="$filters --limit --format --json --color --index --help" ;;
        complete) opts="--index --help" ;;
        *) opts="--help" ;;
    esac

    # The value of an option.
    case $prev in
        --index | -i | --corpus | -c)
            [[ $prev != -i || -n $sub ]] && {
                COMPREPLY=($(compgen -d -- "$cur"))
                compopt -o filenames 2>/dev/null
                return 0
            }
            ;;
        --pillar | -p) _brief_values pillars "$cur"; return 0 ;;
        --agency | -a) _brief_values agencies "$cur"; return 0 ;;
        --actor) _brief_values actors "$cur"; return 0 ;;
        --kind | -k) _brief_values kinds "$cur"; return 0 ;;
        --report | -r) _brief_values reports "$cur"; return 0 ;;
        --color | --colour)
            COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
            return 0
            ;;
        --sort)
            COMPREPLY=($(compgen -W "relevance report" -- "$cur"))
            return 0
            ;;
        --match)
            COMPREPLY=($(compgen -W "all some" -- "$cur"))
            return 0
            ;;
        --style)
            COMPREPLY=($(compgen -W "markdown plain chicago" -- "$cur"))
            return 0
            ;;
        -s)
            if [[ $sub == quote ]]; then
                COMPREPLY=($(compgen -W "markdown plain chicago" -- "$cur"))
            fi
            return 0
            ;;
        --context | -C)
            COMPREPLY=($(compgen -W "0 1" -- "$cur"))
            return 0
            ;;
        --format | -f)
            local formats="text json jsonl"
            case $sub in
                search) formats="text json jsonl markdown" ;;
                facets) formats="text json" ;;
            esac
            COMPREPLY=($(compgen -W "$formats" -- "$cur"))
            return 0
            ;;
        --section | --limit | -n | --offset | --snippet | --shards | --id)
            return 0
            ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return 0
    fi
    case $sub in
        '') COMPREPLY=($(compgen -W "$subcommands" -- "$cur")) ;;
        help) ((COMP_CWORD == sub_at + 1)) &&
            COMPREPLY=($(compgen -W "$subcommands" -- "$cur")) ;;
        show | quote) _brief_values ids "$cur" ;;
        add) COMPREPLY=($(compgen -f -- "$cur"))
            compopt -o filenames 2>/dev/null ;;
        complete) COMPREPLY=($(compgen -W "subcommands pillars agencies actors kinds
                                           reports ids" -- "$cur")) ;;
    esac
    return 0
}

complete -F _brief brief
