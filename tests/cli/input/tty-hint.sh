#!/bin/sh
# No operand with standard input on a terminal: a short hint on stderr and
# exit 2, not a silent wait; "-" still reads the terminal, and a pipe is
# read as always. script(1) (util-linux) gives the terminal.
. "$(dirname "$0")/../lib.sh"
set +e

need script
need timeout
# a pipe and a file are read with no operand
rc=0
cat "$D" | "$WDILOG" -q >"$T/out" 2>"$T/err" || rc=$?
expect_rc 0 "no operand, a pipe"
has "the pipe was read" "$T/out" "43 events"
run_stdin "$D" -q
expect_rc 0 "no operand, a file"

if ! script -q -c true /dev/null </dev/null >/dev/null 2>&1; then
	fail "script(1) cannot open a terminal here"
	finish
fi
# on a terminal: the hint (script's terminal merges stdout and stderr)
rc=0
timeout 20 script -q -e -c "'$WDILOG'; echo \"rc=\$?\"" /dev/null \
	</dev/null >"$T/tty" 2>&1 || rc=$?
has "the hint" "$T/tty" "wdilog: no input: give a FILE or DIR, or pipe a trace in"
has "exit 2" "$T/tty" "rc=2"
[ "$rc" -ne 124 ] && ok "no wait on the terminal" || fail "waited (timed out)"
# "-" reads the terminal: it waits, and ends at the end of input
rc=0
timeout 3 script -q -c "'$WDILOG' -q -" /dev/null </dev/null >"$T/tty2" 2>&1 || rc=$?
lacks "'-': no hint" "$T/tty2" "no input:"

finish
