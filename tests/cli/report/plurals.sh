#!/bin/sh
# Counts of one read in the singular in every renderer's sentences ("1
# success", "1 event", "1 check"), and in the plural otherwise.
. "$(dirname "$0")/../lib.sh"
set +e

# one event, one status record: a success
trace "$T/one.txt" 1 0
# (a width that holds the summary on one line)
run -q --width 100 "$T/one.txt"
has "text: singular" "$T/out" "wdilog: 1 input, 1 event, 1 status: 0 failures, 0 benign, 1 success, 0 unknown"
run -q -f markdown "$T/one.txt"
has "markdown: singular" "$T/out" "**1 input, 1 event, 1 status record:** 0 failures, 0 benign, 1 success, 0 unknown."
run -q -f github "$T/one.txt"
has "github: singular" "$T/out" "no gate: 1 input, 1 event, 1 status record (0 failures, 0 unknown)"
run --max-failures 0 "$T/one.txt"
has "one check" "$T/err" "wdilog: gate passed (1 check)"
trace "$T/fail.txt" 1 31
run --max-failures 0 "$T/fail.txt"
has "one failed check of one" "$T/err" "wdilog: gate FAILED (1 of 1 check failed)"
run -q "$T/fail.txt"
has "text: one failure" "$T/out" "1 failure, 0 benign, 0 successes"

# and the plural
run -q --width 100 "$D"
has "text: plural" "$T/out" "wdilog: 1 input, 43 events, 21 statuses: 15 failures, 3 benign, 1 success, 2 unknown"
run --max-failures 0 --max-malformed 100 "$D"
has "checks" "$T/err" "(1 of 2 checks failed)"

finish
