# Colour: only on request or on a terminal; never in JSON; NO_COLOR (set
# and not empty) turns it off unless --color=always asks (the flag wins).
. "$(dirname "$0")/../lib.sh"

S=$SAMPLES/eventlog.txt
run -q "$S"
check "default to a pipe: no colour" no_esc "$T/out"
run -q --color=always "$S"
check "--color=always: colour" has_esc "$T/out"
run -q --colour=always "$S"
check "--colour=always: colour" has_esc "$T/out"
run -q --color=never "$S"
check "--color=never: no colour" no_esc "$T/out"
run -q --color=auto "$S"
check "--color=auto to a pipe: no colour" no_esc "$T/out"
run -q --color=always --format json "$S"
check "--color=always --format json: no colour" no_esc "$T/out"
run -q --color=always -o "$T/r.txt" "$S"
check "--color=always -o FILE: colour in the file" has_esc "$T/r.txt"
run -q -o "$T/r2.txt" "$S"
check "-o FILE: no colour by default" no_esc "$T/r2.txt"

rc=0
NO_COLOR=1 "$WDILOG" -q --color=always "$S" >"$T/out" 2>"$T/err" || rc=$?
expect_rc 0 "NO_COLOR=1 --color=always"
check "--color=always beats NO_COLOR=1 (the flag wins)" has_esc "$T/out"
rc=0
NO_COLOR=1 "$WDILOG" -q --color=always -o "$T/r3.txt" "$S" >"$T/out" 2>"$T/err" || rc=$?
check "--color=always beats NO_COLOR=1 for -o" has_esc "$T/r3.txt"
rc=0
NO_COLOR=1 "$WDILOG" -q --color=auto "$S" >"$T/out" 2>"$T/err" || rc=$?
check "NO_COLOR=1 --color=auto: no colour" no_esc "$T/out"
rc=0
NO_COLOR='' "$WDILOG" -q --color=always "$S" >"$T/out" 2>"$T/err" || rc=$?
check "NO_COLOR empty: ignored" has_esc "$T/out"

# colour changes nothing but the escapes
"$WDILOG" -q --color=never "$S" >"$T/plain.txt"
"$WDILOG" -q --color=always "$S" | sed "s/$(printf '\033')\[[0-9;]*m//g" >"$T/stripped.txt"
check "--color=always minus escapes = --color=never" cmp -s "$T/plain.txt" "$T/stripped.txt"

# on a terminal, when script(1) can give us one
if command -v script >/dev/null 2>&1 &&
	script -q -c true /dev/null </dev/null >/dev/null 2>&1; then
	script -q -c "'$WDILOG' -q '$S'" /dev/null </dev/null >"$T/tty.txt" 2>&1 || true
	check "auto on a terminal: colour" has_esc "$T/tty.txt"
	NO_COLOR=1 script -q -c "'$WDILOG' -q '$S'" /dev/null </dev/null >"$T/tty2.txt" 2>&1 || true
	check "NO_COLOR on a terminal: no colour" \
		no_esc "$T/tty2.txt"
	TERM=dumb script -q -c "'$WDILOG' -q '$S'" /dev/null </dev/null >"$T/tty3.txt" 2>&1 || true
	check "TERM=dumb on a terminal: no colour" \
		no_esc "$T/tty3.txt"
fi
finish
