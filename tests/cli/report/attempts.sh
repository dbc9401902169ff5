#!/bin/sh
# Attempts from the CLI: --by attempt on the interleaved sample prints the
# table computed by hand in tests/golden/attempts/EXPECTED.md; --attempts
# streams one JSON line per attempt and session; the report sections
# appear only with --with-attempts.
. "$(dirname "$0")/../lib.sh"
S=$SAMPLES/attempts-interleaved.xml
want=$(sed -n '/^```$/,/^```$/p' "$SRCDIR/tests/golden/attempts/EXPECTED.md" | sed '1d;$d')
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
finish
