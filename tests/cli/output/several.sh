#!/bin/sh
# Several -f/-o pairs in one run: one pass over the input (standard input
# can only be read once) gives every report, each complete, also when the
# gate fails.
. "$(dirname "$0")/../lib.sh"
# this case reads the status of the commands it runs itself (not set -e)
set +e
need xmllint
need cmark-gfm

"$WDILOG" -q --max-failures 0 -f json -o "$T/r.json" -f junit -o "$T/r.xml" \
	-f markdown -o "$T/r.md" -f github -o "$T/r.gh" -f text -o "$T/r.txt" \
	- <"$D" >"$T/stdout" 2>"$T/err"
rc=$?
expect_rc 1 "five reports from standard input, gate failed"
has "JSON read all of stdin" "$T/r.json" '"events": 43,'
has "JSON has the verdict" "$T/r.json" '{"rule": "max-failures", "limit": 0, "measured": 17, "passed": false}'
if "$WDILOG" merge "$T/r.json" -o "$T/re.json"; then
	ok "the JSON report reads back"
else
	fail "the JSON report reads back"
fi
if xmllint --noout --schema "$CLI_DIR/gate/junit-4.xsd" "$T/r.xml" 2>/dev/null; then
	ok "JUnit complete and valid"
else
	fail "JUnit complete and valid"
fi
has "JUnit read all of stdin" "$T/r.xml" '<property name="events" value="43"/>'
has "Markdown" "$T/r.md" "## wdilog: gate **FAILED**"
cmark-gfm -e table "$T/r.md" | grep -q '<table>' && ok "Markdown renders" || fail "Markdown renders"
has "GitHub commands" "$T/r.gh" "::notice title=wdilog::gate failed: 1 input, 43 events"
has "text" "$T/r.txt" "wdilog: 1 input, 43 events"
expect_eq "nothing else on stdout" "$(wc -c <"$T/stdout")" 0

run -q -o "$T/o.json" --format json "$D"
has "-o then --format pairs too" "$T/o.json" '"schema": "wdilog/1"'
run -q -f markdown -o "$T/a.md" -f github "$D"
has "a trailing -f goes to stdout" "$T/out" "::notice title=wdilog::"
run -q -o 1 -o 2 -o 3 -o 4 -o 5 -o 6 -o 7 -o 8 -o 9 "$D"
expect_rc 2 "at most 8 reports"
finish
