#!/bin/sh
# Exit statuses: 0 done (gate passed or none asked), 1 gate failed, 2
# usage or input error, which wins over 1; a failing gate still writes
# every report.
. "$(dirname "$0")/lib.sh"

run -q "$D"
expect_exit "no gate" 0
run -q --max-failures 1000 "$D"
expect_exit "gate passed" 0
run -q --max-failures 0 "$D"
expect_exit "gate failed" 1
run --no-such-option "$D"
expect_exit "unknown option" 2
has "usage hint" "$T/err" "Try 'wdilog --help'"
run -q --max-failures
expect_exit "missing value" 2
run -q -f xml "$D"
expect_exit "unknown format" 2
has "lists the formats" "$T/err" "text, json, junit, markdown, github"

run -q -f json -o "$T/r.json" --max-damaged 5 "$D" "$T/missing.txt"
expect_exit "an unreadable input is exit 2 even when the gate passes" 2
has "report still written" "$T/r.json" '"schema": "wdilog/1"'
has "unreadable input measured by --max-damaged" "$T/r.json" \
	'{"rule": "max-damaged", "limit": 5, "measured": 1, "passed": true}'
run -q -f json -o "$T/r2.json" --max-failures 0 "$D" "$T/missing.txt"
expect_exit "exit 2 wins over a failed gate" 2
has "report still written" "$T/r2.json" '"passed": false'

"$WDILOG" -q --max-failures 0 "$D" >/dev/full 2>"$T/err"
rc=$?
expect_exit "a failed write is exit 2, even with a failed gate" 2

run -q --max-failures 0 -f json -o "$T/f.json" -f junit -o "$T/f.xml" "$D"
expect_exit "failed gate with two reports" 1
if [ "$(tail -c 2 "$T/f.json")" = "}" ] && tail -n 1 "$T/f.xml" | grep -q '</testsuites>'; then
	ok "both reports complete"
else
	no "both reports complete"
fi
finish
