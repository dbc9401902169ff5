#!/bin/sh
# Attempts from the CLI: --by attempt on the three attempt samples (event
# XML, wevtutil text, WPP text) prints the tables computed by hand in
# tests/golden/attempts/EXPECTED.md; --attempts
# streams one JSON line per attempt and session; the report sections
# appear only with --with-attempts.
. "$(dirname "$0")/../lib.sh"
S=$SAMPLES/attempts-interleaved.xml
# the Nth table of EXPECTED.md (its Nth ``` block)
table() {
	awk -v n="$1" '/^```$/ { k++; next } k == 2 * n - 1' \
		"$SRCDIR/tests/golden/attempts/EXPECTED.md"
}
want=$(table 1)
run --by attempt "$S"
expect_eq "--by attempt exit status" "$rc" 0
check "--by attempt prints the hand-computed table" [ "$(cat "$T/out")" = "$want" ]
run --attempts "$S"
expect_eq "--attempts lines" "$(wc -l <"$T/out" | tr -d ' ')" 4
check "--attempts: a session line" grep -q '"type": "session".*"ended_by": "disconnect"' "$T/out"
run "$S"
check "no ATTEMPTS section by default" no_grep ATTEMPTS "$T/out"
run --with-attempts "$S"
check "--with-attempts adds the section" grep -q '^ATTEMPTS (idle end after 30 s, retry window 60 s)' "$T/out"
run --with-attempts --attempt-idle=5s --retry-window=2m -f json "$S"
check "JSON member with the parameters in force" grep -q '"idle_ms": 5000, "retry_window_ms": 120000' "$T/out"
# the wevtutil /f:text and WPP text samples: their tables by hand too
run --by attempt "$SAMPLES/attempts-wevtutil.txt"
expect_eq "--by attempt (wevtutil text) exit status" "$rc" 0
check "wevtutil text: the hand-computed table" [ "$(cat "$T/out")" = "$(table 2)" ]
run --by attempt "$SAMPLES/attempts-wpp.txt"
expect_eq "--by attempt (WPP text) exit status" "$rc" 0
check "WPP text: the hand-computed table" [ "$(cat "$T/out")" = "$(table 3)" ]
finish
