#!/bin/sh
# -o with no -f of its own: the extension picks the format (.json,
# .jsonl = the event stream, .xml = JUnit, .md, .html, .txt, any case);
# an explicit -f wins; two -f with no -o between them are a usage error,
# never a silent drop; format names are read in any case.
. "$(dirname "$0")/../lib.sh"
set +e

run -q -o "$T/r.json" -o "$T/r.jsonl" -o "$T/r.xml" -o "$T/r.md" \
	-o "$T/r.html" -o "$T/r.txt" -o "$T/R.JSON" "$D"
expect_rc 0 "six outputs by extension"
has ".json: the JSON report" "$T/r.json" '"schema": "wdilog/1"'
has ".JSON: any case" "$T/R.JSON" '"schema": "wdilog/1"'
has ".jsonl: the event stream" "$T/r.jsonl" '{"input": '
lacks ".jsonl: not the report" "$T/r.jsonl" '"schema"'
has ".xml: JUnit" "$T/r.xml" '<testsuites name="wdilog"'
has ".md: Markdown" "$T/r.md" '## wdilog:'
has ".html: HTML" "$T/r.html" '<!DOCTYPE html>'
has ".txt: text" "$T/r.txt" 'wdilog: 1 input, 43 events'
is_empty "$T/out" && ok "nothing on standard output" || fail "standard output written"

# an explicit -f wins over the extension, before or after the -o
run -q -f markdown -o "$T/x.json" "$D"
has "-f before -o wins" "$T/x.json" '## wdilog:'
run -q -o "$T/y.json" -f text "$D"
has "-f after the one -o wins" "$T/y.json" 'wdilog: 1 input'
# an extension it does not know keeps the format of the last -f
run -q -f json -o "$T/a.xml" -o "$T/b.report" "$D"
has "unknown extension: the last -f" "$T/b.report" '"schema": "wdilog/1"'
has "known extension after it: its own" "$T/a.xml" '"schema": "wdilog/1"'
run -q -o "$T/c.out" "$D"
has "unknown extension, no -f: text" "$T/c.out" 'wdilog: 1 input'

# merge and diff: what they can write
"$WDILOG" -q -f json -o "$T/one.json" "$D"
run merge -q -o "$T/m.md" "$T/one.json"
has "merge to .md: Markdown" "$T/m.md" '## wdilog:'
run diff -q -o "$T/d.md" "$T/one.json" "$T/one.json"
expect_rc 0 "diff of a report with itself"
has "diff to .md: the Markdown comparison" "$T/d.md" '### wdilog diff'

# two -f with no -o between them
run -q -f json -f markdown "$D"
expect_rc 2 "two -f, no -o"
has "said as a usage error" "$T/err" "two --format options with no --output between them"
run -q -f json -o "$T/p.json" -f junit -f text "$D"
expect_rc 2 "two -f after the last -o"
run -q -f json -o "$T/q.json" -f markdown "$D"
expect_rc 0 "-f after the last -o: standard output"
has "that -f to standard output" "$T/out" '## wdilog:'

# format names in any case
run -q -f JSON "$D"
expect_rc 0 "-f JSON"
has "-f JSON is json" "$T/out" '"schema": "wdilog/1"'
run -q --format=Markdown "$D"
has "--format=Markdown" "$T/out" '## wdilog:'
run diff -q -f JSON "$T/one.json" "$T/one.json"
expect_rc 0 "diff -f JSON"

finish
