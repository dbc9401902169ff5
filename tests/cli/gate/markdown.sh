#!/bin/sh
# Markdown output renders: cmark-gfm (GitHub's Markdown, tables on)
# turns it into HTML whose first heading is the verdict, with tables;
# input-derived text cannot add markup; the summary stays short.
. "$(dirname "$0")/../lib.sh"
# this case reads the status of the commands it runs itself (not set -e)
set +e
need cmark-gfm
html() { cmark-gfm -e table "$1" >"$2"; }

cd "$SAMPLES" || exit 1
run -q --max-failures 0 -f markdown -o "$T/fail.md" .
expect_rc 1 "failing gate"
expect_eq "verdict first" "$(head -n 1 "$T/fail.md")" "## wdilog: gate **FAILED**"
html "$T/fail.md" "$T/fail.html"
expect_eq "rendered verdict first" "$(head -n 1 "$T/fail.html")" "<h2>wdilog: gate <strong>FAILED</strong></h2>"
expect_eq "four tables: rule, phases, codes, inputs" "$(grep -c '^<table>' "$T/fail.html")" 4
has "rule row" "$T/fail.html" "<td>max-failures</td>"
has "code row" "$T/fail.html" "<td>WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE</td>"
lines=$(wc -l <"$T/fail.md")
# 60, and up to 6 for the 802.11 and SSID lines (one line each, issue 14)
if [ "$lines" -le 66 ]; then ok "short: $lines lines for 12 inputs"; else fail "$lines lines"; fi
has "capped code table" "$T/fail.md" "more codes; the JSON report lists all."

run -q --max-failures 1000 -f markdown -o "$T/pass.md" eventlog.txt tracefmt-default.txt
expect_eq "passing verdict" "$(head -n 1 "$T/pass.md")" "## wdilog: gate passed"
html "$T/pass.md" "$T/pass.html"
has "first seen: first input holding it, first line" "$T/pass.html" "<td>tracefmt-default.txt:4</td>"
has "first seen in the first input" "$T/pass.html" "<td>eventlog.txt:67</td>"
run -q -f markdown -o "$T/none.md" tracefmt-default.txt
expect_eq "no gate" "$(head -n 1 "$T/none.md")" "## wdilog: no gate"
html "$T/none.md" "$T/none.html"
has "phase table renders" "$T/none.html" "<th>phase</th>"

weird=$(printf 'a|b <script>x</script> *em* `c` [l](u)\001.txt')
printf '[0]0888.0D60::10/23/2003-12:27:40.173 [drv]AssocStatus=31\n' >"$T/$weird"
run -q --max-failures 0 -f markdown -o "$T/weird.md" "$T/$weird"
html "$T/weird.md" "$T/weird.html"
lacks "no raw HTML from a file name" "$T/weird.html" "<script>"
lacks "no emphasis from a file name" "$T/weird.html" "<em>"
lacks "no link from a file name" "$T/weird.html" "<a "
has "the name shown as written" "$T/weird.html" 'a|b &lt;script&gt;x&lt;/script&gt; *em* `c` [l](u)\x01.txt'
# the inputs table row must keep its six cells despite the '|'
row=$(grep -A 7 '<td>.*a|b' "$T/weird.html" | grep -c '<td')
expect_eq "table row keeps its cells" "$row" 6

# GitHub autolinks addresses and URLs even through backslash escapes;
# rendered as GitHub does (HTML comments kept, then hidden)
mkdir -p "$T/http:"
for name in user@evil.com http://evil.example.com www.evil.example.com; do
	printf '[0]0888.0D60::10/23/2003-12:27:40.173 [drv]AssocStatus=31\n' >"$T/$name"
	run -q -f markdown -o "$T/link.md" "$T/$name"
	cmark-gfm --unsafe -e table -e autolink "$T/link.md" |
		sed 's/<!-- -->//g' >"$T/link.html"
	lacks "no link from $name" "$T/link.html" "<a "
	has "$name shown as written" "$T/link.html" "$name"
done

"$WDILOG" -q -f json -o "$T/a.json" tracefmt-default.txt
"$WDILOG" -q -f json -o "$T/b.json" eventlog.txt
run diff -f markdown "$T/a.json" "$T/b.json"
cp "$T/out" "$T/diff.md"
html "$T/diff.md" "$T/diff.html"
expect_eq "diff renders two tables" "$(grep -c '^<table>' "$T/diff.html")" 2
finish
