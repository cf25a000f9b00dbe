# bash completion for limberctl                              -*- shell-script -*-

_limberctl()
{
    local cur prev words cword
    _init_completion || return

    local commands="status pause resume snooze skip break set get reset reload monitor stats"
    local keys="interval-min interval-max snooze natural-break lull break-length pause-default title routine activity-source call-detection call-ignore"

    if [[ $cword -eq 1 ]]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi

    case ${words[1]} in
        stats)
            if [[ $prev == --days ]]; then
                COMPREPLY=($(compgen -W "7 14 30 90 366" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "--days --json --help" -- "$cur"))
            fi
            ;;
        reset)
            COMPREPLY=($(compgen -W "$keys --all --help" -- "$cur"))
            ;;
        status|get|monitor)
            if [[ ${words[1]} == get && $cword -eq 2 && $cur != -* ]]; then
                COMPREPLY=($(compgen -W "$keys" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "--json --help" -- "$cur"))
            fi
            ;;
        pause)
            local i
            for ((i = 2; i < cword; i++)); do
                if [[ ${words[i]} == -- ]]; then
                    # The command to run while reminders are held.
                    COMPREPLY=($(compgen -c -- "$cur"))
                    return
                fi
            done
            [[ $prev == --until || $prev == --reason ]] && return
            COMPREPLY=($(compgen -W "--until --indefinitely --while --reason --help 30min 1h 2h" -- "$cur"))
            ;;
        snooze)
            COMPREPLY=($(compgen -W "--help 5min 10min 15min" -- "$cur"))
            ;;
        set)
            if [[ $cword -eq 2 ]]; then
                COMPREPLY=($(compgen -W "$keys" -- "$cur"))
            elif [[ $cword -eq 3 && ${words[2]} == activity-source ]]; then
                COMPREPLY=($(compgen -W "auto mutter screensaver xsync logind none" -- "$cur"))
            elif [[ $cword -eq 3 && ${words[2]} == call-detection ]]; then
                COMPREPLY=($(compgen -W "on off" -- "$cur"))
            fi
            ;;
        *)
            COMPREPLY=($(compgen -W "--help" -- "$cur"))
            ;;
    esac
}

complete -F _limberctl limberctl
