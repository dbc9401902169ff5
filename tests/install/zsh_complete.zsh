# zsh_complete.zsh DIR LINE WANT: in an interactive zsh (on a pseudo-
# terminal) with DIR's _wdilog, type LINE and a tab; exit 0 once the
# terminal shows WANT after it. The caller bounds the time (timeout).
zmodload zsh/zpty || exit 2
dir=$1 line=$2 want=$3
zpty z zsh -f -i
zpty -w z "PS1=; RPS1=; fpath=($dir \$fpath); autoload -U compinit; compinit -u -D; print READY"
zpty -r z out '*READY*'
zpty -n -w z "$line"$'\t'
# read until the completed line holds WANT (blocks; the timeout ends it)
zpty -r z out "*${line%% *}*${want}*"
zpty -d z
