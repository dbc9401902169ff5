# A progress line on standard error once a run has read for 2 seconds,
# only when standard error is a terminal and not under CI; never in a
# pipe or a file. The slow input is a FIFO fed after 3 seconds.
. "$(dirname "$0")/../lib.sh"

command -v script >/dev/null 2>&1 || skip "script(1) is not installed"
command -v mkfifo >/dev/null 2>&1 || skip "mkfifo is not installed"

# slow_run OUT ENV...: wdilog on the sample then a FIFO that delivers a
# capture after 3 s, on a terminal (script's pseudo-terminal)
slow_run() {
	_out=$1
	shift
	rm -f "$T/fifo"
	mkfifo "$T/fifo"
	(sleep 3; cat "$D" >"$T/fifo") &
	env "$@" script -q -e -c "'$WDILOG' -f json -o '$T/r.json' '$D' '$T/fifo'" /dev/null >"$_out" 2>&1 || true
	wait
}

slow_run "$T/tty" CI= TERM=xterm
check "on a terminal: the progress line" grep -q "wdilog: read 1 of 2 inputs" "$T/tty"
check "on a terminal: erased at the end" grep -q "$(printf '\r\033\\[K')" "$T/tty"

slow_run "$T/ci" CI=true TERM=xterm
check "under CI: no progress line" no_grep "wdilog: read" "$T/ci"

rm -f "$T/fifo"
mkfifo "$T/fifo"
(sleep 3; cat "$D" >"$T/fifo") &
rc=0
env CI= "$WDILOG" -f json -o "$T/r.json" "$D" "$T/fifo" 2>"$T/pipe" || rc=$?
wait
expect_rc 0 "standard error a file"
check "standard error a file: no progress line" no_grep "wdilog: read" "$T/pipe"
finish
