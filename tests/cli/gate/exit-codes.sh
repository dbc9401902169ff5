#!/bin/sh
# Exit statuses: 0 done (gate passed or none asked), 1 gate failed, 2
# usage or input error, which wins over 1; a failing gate still writes
# every report.
. "$(dirname "$0")/../lib.sh"
# this case reads the status of the commands it runs itself (not set -e)
set +e

run -q "$D"
expect_rc 0 "no gate"
run -q --max-failures 1000 "$D"
expect_rc 0 "gate passed"
run -q --max-failures 0 "$D"
expect_rc 1 "gate failed"
run --no-such-option "$D"
expect_rc 2 "unknown option"
has "usage hint" "$T/err" "Try 'wdilog --help'"
run -q --max-failures
expect_rc 2 "missing value"
run -q -f xml "$D"
expect_rc 2 "unknown format"
has "lists the formats" "$T/err" "text, json, junit, markdown, github"

run -q -f json -o "$T/r.json" --max-damaged 5 "$D" "$T/missing.txt"
expect_rc 2 "an unreadable input is exit 2 even when the gate passes"
has "report still written" "$T/r.json" '"schema": "wdilog/1"'
has "unreadable input measured by --max-damaged" "$T/r.json" \
	'{"rule": "max-damaged", "limit": 5, "measured": 1, "passed": true}'
run -q -f json -o "$T/r2.json" --max-failures 0 "$D" "$T/missing.txt"
expect_rc 2 "exit 2 wins over a failed gate"
has "report still written" "$T/r2.json" '"passed": false'

"$WDILOG" -q --max-failures 0 "$D" >/dev/full 2>"$T/err"
rc=$?
expect_rc 2 "a failed write is exit 2, even with a failed gate"

run -q --max-failures 0 -f json -o "$T/f.json" -f junit -o "$T/f.xml" "$D"
expect_rc 1 "failed gate with two reports"
if [ "$(tail -c 2 "$T/f.json")" = "}" ] && tail -n 1 "$T/f.xml" | grep -q '</testsuites>'; then
	ok "both reports complete"
else
	fail "both reports complete"
fi
finish
