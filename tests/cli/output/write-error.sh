#!/bin/sh
# A report that cannot be written is an output error, worded apart from
# input errors ("cannot write PATH: reason"), exit 2, and the other
# reports are still written. wdilog diff exits as diff(1): 0 same, 1
# different, 2 error.
. "$(dirname "$0")/../lib.sh"
set +e

run -q -f json -o "$T/ci/x.json" "$D"
expect_rc 2 "-o into a missing directory"
has "an output error" "$T/err" "wdilog: cannot write $T/ci/x.json: No such file or directory"
run -q -o "$T/ci/x.json" -o "$T/ok.json" "$D"
expect_rc 2 "one output fails"
has "the other still written" "$T/ok.json" '"schema": "wdilog/1"'
run -q -o "$T/missing-dir/e.jsonl" "$D"
has "an event stream too" "$T/err" "wdilog: cannot write $T/missing-dir/e.jsonl: No such file or directory"
# an input error names the input alone
run "$T/missing.txt"
has "an input error" "$T/err" "wdilog: $T/missing.txt: cannot open: No such file or directory"
lacks "not an output error" "$T/err" "cannot write"
if [ -w /dev/full ]; then
	rc=0
	"$WDILOG" -q "$D" >/dev/full 2>"$T/err" || rc=$?
	expect_rc 2 "standard output full"
	has "standard output named" "$T/err" "wdilog: cannot write standard output: No space left on device"
fi

# wdilog diff
trace "$T/a.txt" 10 31 31
trace "$T/b.txt" 10 31 31 31
"$WDILOG" -q -o "$T/a.json" "$T/a.txt"
"$WDILOG" -q -o "$T/b.json" "$T/b.txt"
"$WDILOG" -q -o "$T/a2.json" "$T/a.txt"
run diff "$T/a.json" "$T/a2.json"
expect_rc 0 "diff: the same counts"
run diff "$T/a.json" "$T/b.json"
expect_rc 1 "diff: one more record"
has "the comparison still printed" "$T/out" "wdilog diff:"
run diff -f json "$T/b.json" "$T/a.json"
expect_rc 1 "diff -f json: they differ"
run diff "$T/a.json" "$T/missing.json"
expect_rc 2 "diff: a missing report"
run diff -o "$T/ci/d.txt" "$T/a.json" "$T/b.json"
expect_rc 2 "diff: an output error wins over differing"

finish
