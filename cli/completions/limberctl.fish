# fish completion for limberctl
set -l commands status pause resume snooze skip break set get reset reload monitor stats
set -l keys interval-min interval-max snooze natural-break lull break-length pause-default title routine activity-source call-detection call-ignore

complete -c limberctl -f
complete -c limberctl -n "not __fish_seen_subcommand_from $commands" -a status -d 'Show the state and the next break'
complete -c limberctl -n "not __fish_seen_subcommand_from $commands" -a pause -d 'Silence reminders for a while'
complete -c limberctl -n "not __fish_seen_subcommand_from $commands" -a resume -d 'End a pause'
complete -c limberctl -n "not __fish_seen_subcommand_from $commands" -a snooze -d 'Postpone the break'
complete -c limberctl -n "not __fish_seen_subcommand_from $commands" -a skip -d 'Skip the break'
complete -c limberctl -n "not __fish_seen_subcommand_from $commands" -a break -d 'Take a break now'
complete -c limberctl -n "not __fish_seen_subcommand_from $commands" -a set -d 'Change a setting and save it'
complete -c limberctl -n "not __fish_seen_subcommand_from $commands" -a get -d 'Show the settings'
complete -c limberctl -n "not __fish_seen_subcommand_from $commands" -a reset -d 'Put settings back to their defaults'
complete -c limberctl -n "not __fish_seen_subcommand_from $commands" -a reload -d 'Read the configuration again'
complete -c limberctl -n "not __fish_seen_subcommand_from $commands" -a monitor -d 'Follow the state live'
complete -c limberctl -n "not __fish_seen_subcommand_from $commands" -a stats -d 'Breaks and work per day'
complete -c limberctl -n "__fish_seen_subcommand_from status get monitor stats" -l json -d 'Print JSON'
complete -c limberctl -n "__fish_seen_subcommand_from stats" -l days -x -a '7 14 30 90 366' -d 'How many days'
complete -c limberctl -n "__fish_seen_subcommand_from reset" -l all -d 'Reset every setting'
complete -c limberctl -n "__fish_seen_subcommand_from pause" -l until -x -d 'Pause until HH:MM'
complete -c limberctl -n "__fish_seen_subcommand_from pause" -l indefinitely -d 'Pause until resumed'
complete -c limberctl -n "__fish_seen_subcommand_from pause" -l while -d 'Hold reminders while the command after -- runs'
complete -c limberctl -n "__fish_seen_subcommand_from pause" -l reason -x -d 'Why, as status shows it'
complete -c limberctl -n "__fish_seen_subcommand_from set get reset" -a "$keys"
