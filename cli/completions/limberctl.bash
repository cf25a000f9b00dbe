# bash completion for limberctl                              -*- shell-script -*-

_limberctl()
{
    local cur prev words cword
    _init_completion || return

    local commands="status pause resume snooze skip break routine checkin set get reset reload monitor stats"
    local kinds="micro-break posture-check stretch checkin"
    local keys="interval-min interval-max snooze natural-break lull break-length pause-default title routine activity-source micro-break-routine posture-check posture-check-routine stretch-at stretch-routine checkin-at"

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
        break)
            [[ $cword -eq 2 ]] && COMPREPLY=($(compgen -W "$kinds --help" -- "$cur"))
            ;;
        routine)
            if [[ $cword -eq 2 ]]; then
                COMPREPLY=($(compgen -W "list show safety start next stop --json --help" -- "$cur"))
            elif [[ $cword -eq 3 && ${words[2]} == show ]]; then
                COMPREPLY=($(compgen -W "$(limberctl routine list --json 2>/dev/null | sed -n 's/.*"name" : "\([^"]*\)".*/\1/p')" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "--json" -- "$cur"))
            fi
            ;;
        checkin)
            if [[ $prev == --note ]]; then
                return
            elif [[ $cword -eq 2 ]]; then
                COMPREPLY=($(compgen -W "1 2 3 4 5 6 7 8 9 10" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "--note --help" -- "$cur"))
            fi
            ;;
        set)
            if [[ $cword -eq 2 ]]; then
                COMPREPLY=($(compgen -W "$keys" -- "$cur"))
            elif [[ $cword -eq 3 && ${words[2]} == activity-source ]]; then
                COMPREPLY=($(compgen -W "auto mutter wayland screensaver xsync logind none" -- "$cur"))
            elif [[ $cword -eq 3 && ${words[2]} == *-routine ]]; then
                COMPREPLY=($(compgen -W "$(limberctl routine list --json 2>/dev/null | sed -n 's/.*"name" : "\([^"]*\)".*/\1/p')" -- "$cur"))
            elif [[ $cword -eq 3 && ${words[2]} == posture-check ]]; then
                COMPREPLY=($(compgen -W "off 20min 30min 45min" -- "$cur"))
            elif [[ $cword -eq 3 && ${words[2]} == stretch-at ]]; then
                COMPREPLY=($(compgen -W "off 12:00 17:00" -- "$cur"))
            fi
            ;;
        *)
            COMPREPLY=($(compgen -W "--help" -- "$cur"))
            ;;
    esac
}

complete -F _limberctl limberctl
