#!/bin/sh
# A gate needs something to judge: with no readable input (an empty
# directory, a capture that failed) it exits 2 with a message instead of
# passing; --min-events and --min-statuses require evidence (exit 1 when
# below), worded like every other check in every CI format; --strict
# implies --min-events=1.
. "$(dirname "$0")/../lib.sh"
set +e

mkdir "$T/empty"
run --max-failures 0 "$T/empty"
expect_rc 2 "--max-failures 0 on an empty directory"
has "nothing to judge, said" "$T/err" "wdilog: gate: nothing to judge: no input could be read"
lacks "no 'gate passed'" "$T/err" "gate passed"
run -q --strict "$T/empty"
expect_rc 2 "--strict on an empty directory, even with -q"
has "nothing to judge, said with -q" "$T/err" "nothing to judge"
run --strict "$T/missing.txt"
expect_rc 2 "--strict when the only input cannot be read"
has "nothing to judge after the input error" "$T/err" "nothing to judge"
run -q "$T/empty"
expect_rc 0 "no gate: an empty directory is an empty report"
run -q --max-failures 0 "$D" "$T/missing.txt"
lacks "one readable input: something to judge" "$T/err" "nothing to judge"

# an input read whole but empty: --strict wants one event
: >"$T/empty.txt"
run --strict "$T/empty.txt"
expect_rc 1 "--strict on an empty file"
has "min-events sentence" "$T/err" "wdilog: gate: min-events: 0 events read, at least 1 needed: FAILED"
run -q --strict --min-events 0 "$T/empty.txt"
expect_rc 0 "--min-events 0 overrides --strict's"
run -q --max-failures 0 "$T/empty.txt"
expect_rc 0 "--max-failures alone does not ask for events"

# the minimums: 43 events and 21 status records in the sample
run -q --min-events 43 --min-statuses 21 "$D"
expect_rc 0 "at the minimums"
run -q --min-events 44 "$D"
expect_rc 1 "one event short"
run --min-statuses 22 "$D"
expect_rc 1 "one status record short"
has "min-statuses sentence" "$T/err" "wdilog: gate: min-statuses: 21 status records read, at least 22 needed: FAILED"
run -q --min-events x "$D"
expect_rc 2 "a count is a number"
has "usage error names the option" "$T/err" "--min-events takes a count, not 'x'"

# in every CI format, like the other checks
run -q --min-events 100 -f json -o "$T/r.json" -f junit -o "$T/r.xml" \
	-f markdown -o "$T/r.md" -f github -o "$T/r.gh" "$D"
expect_rc 1 "every format written, the gate failed"
has "JSON rule" "$T/r.json" '{"rule": "min-events", "limit": 100, "measured": 43, "passed": false}'
has "JUnit testcase" "$T/r.xml" '<failure message="min-events: 43 events read, at least 100 needed" type="min-events">'
has "Markdown row" "$T/r.md" '| min-events | 100 | 43 | **failed** (below the minimum) |'
has "GitHub annotation" "$T/r.gh" '::error title=wdilog gate::min-events: 43 events read, at least 100 needed'
run -q --min-statuses 1 -f json "$D"
has "a passing minimum in JSON" "$T/out" '{"rule": "min-statuses", "limit": 1, "measured": 21, "passed": true}'

finish
