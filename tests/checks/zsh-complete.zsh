#!/usr/bin/zsh -f
# zsh-complete.zsh DIR WORDS…: types WORDS and Tab into an interactive zsh
# (on a pseudo-terminal, as completion needs zle) whose fpath starts with
# DIR, and prints what it completes, each as "@@match:WORD", amid the
# terminal's output.
zmodload zsh/zpty || exit 2
dir=$1
shift
TERM=dumb zpty z zsh -f -i
zpty -w z "unset zle_bracketed_paste; PS1=''; PS2=''; fpath=($dir \$fpath)"
zpty -w z 'autoload -U compinit; compinit -u -D; bindkey "^I" complete-word'
# Every word offered passes through compadd: note those it keeps (its -O,
# -A and -D forms only ask, and are passed on).
zpty -w z 'compadd() { if (( ${@[(I)-[OAD]]} )); then builtin compadd "$@"; return; fi; local -a m; builtin compadd -O m "$@"; print -r -l -- "@@match:"${^m}; builtin compadd "$@"; }'
zpty -w z 'print @@""ready'
zpty -r z out '*@@ready*' || exit 2
# The words and Tab, then ^U to clear the line and a marker to wait for.
zpty -w -n z "$*"$'\t\x15'"print @@\"\"done"$'\n'
zpty -r z out '*@@done*' || exit 2
print -r -- "$out"
zpty -d z
