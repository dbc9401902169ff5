#!/bin/sh
# The attempt list in the HTML, Markdown, JUnit and GitHub outputs
# (--with-attempts), checked against the --attempts stream of the same
# generated capture (tools/gen_attempts.py): one swimlane bar per attempt
# with its result's class, one JUnit failure and one GitHub ::error at the
# ending line per failed attempt (failure, dropped, timeout), the
# Markdown section; the list's cap and its "not listed" count; -j 2 gives
# the outputs of -j 1, also past the cap with a capture cut in parts;
# without --with-attempts nothing changes.
. "$(dirname "$0")/../lib.sh"
need_python
GEN=$SRCDIR/tools/gen_attempts.py
"$PYTHON" "$GEN" --attempts 120 --minutes 30 "$T/a.xml"
run --attempts "$T/a.xml"
cp "$T/out" "$T/stream"
count() { grep -c "$1" "$T/stream"; }
natt=$(count '"type": "attempt"')
nsess=$(count '"type": "session"')
nfailed=$(count '"type": "attempt".*"result": "\(failure\|dropped\|timeout\)"')
check "the capture has more than 15 failed attempts" [ "$nfailed" -gt 15 ]
check "the capture has sessions" [ "$nsess" -gt 0 ]

# HTML: the swimlane
run --with-attempts -f html "$T/a.xml"
cp "$T/out" "$T/a.html"
expect_eq "one bar per attempt" "$(grep -c '<rect class="bar a-' "$T/a.html")" "$natt"
for r in success failure aborted dropped superseded timeout incomplete; do
	expect_eq "bars of result $r" \
		"$(grep -c "<rect class=\"bar a-$r\"" "$T/a.html")" \
		"$(count "\"type\": \"attempt\".*\"result\": \"$r\"")"
done
expect_eq "one session bar per session" "$(grep -c '<rect class="sess" x=' "$T/a.html")" "$nsess"
expect_eq "bars on the row of the phase reached" \
	"$(grep -c '<rect class="bar a-success" data-phase="connected"' "$T/a.html")" \
	"$(count '"result": "success"')"
expect_eq "a table row per attempt" \
	"$(grep -c '^<tr><td class="mono" data-v=' "$T/a.html")" "$natt"
has "the table sorts" "$T/a.html" '<table class="sortable attempts">'
has "hover: tries and reason" "$T/a.html" 'tries 1 on 1 BSSID, reason wlan 0x38002 association failed'
lacks "no external resources" "$T/a.html" 'src="http'
run -f html "$T/a.xml"
lacks "no Attempts section without --with-attempts" "$T/out" 'id="attempts"'
lacks "no Attempts link without --with-attempts" "$T/out" 'href="#attempts"'

# Markdown
run --with-attempts -f markdown "$T/a.xml"
cp "$T/out" "$T/a.md"
has "Markdown: the section" "$T/a.md" '### Attempts'
has "Markdown: results table" "$T/a.md" "| success | $(count '"result": "success"') |"
expect_eq "Markdown: 15 failed attempts listed" \
	"$(grep -c '^| 2024-.* | \(failure\|dropped\|timeout\) | ' "$T/a.md")" 15
has "Markdown: the rest counted" "$T/a.md" "$((nfailed - 15)) more failed attempts."
run -f markdown "$T/a.xml"
lacks "Markdown: no section without --with-attempts" "$T/out" 'Attempts'

# JUnit: a failing testcase per failed attempt
run --with-attempts -f junit "$T/a.xml"
cp "$T/out" "$T/a.junit"
if command -v xmllint >/dev/null 2>&1; then
	check "JUnit is well-formed" xmllint --noout "$T/a.junit"
fi
expect_eq "JUnit: a testcase per failed attempt" \
	"$(grep -c '<testcase name="[^"]* at 2024-[^"]*" classname="wdilog.attempt"' "$T/a.junit")" "$nfailed"
expect_eq "JUnit: each of them fails" \
	"$(grep -c '<failure message="\(failure in the\|dropped after\|timeout after\)' "$T/a.junit")" "$nfailed"
has "JUnit: the failures in the totals" "$T/a.junit" "failures=\"$nfailed\" errors=\"0\""
has "JUnit: a passing summary" "$T/a.junit" '<testcase name="attempts" classname="wdilog.attempt"'

# GitHub: an ::error at the line that ended each failed attempt, capped
run --with-attempts -f github "$T/a.xml"
cp "$T/out" "$T/a.gh"
"$PYTHON" - "$T/stream" >"$T/want-lines" <<'PY'
import json, sys
for l in open(sys.argv[1]):
    a = json.loads(l)
    if a["type"] == "attempt" and a["result"] in ("failure", "dropped", "timeout"):
        print(a["line"])
PY
head -10 "$T/want-lines" >"$T/want10"
sed -n 's/^::error file=[^,]*,line=\([0-9]*\),title=wdilog attempt .*/\1/p' "$T/a.gh" >"$T/got"
same "GitHub: errors at the ending lines of the first 10 failed attempts" "$T/got" "$T/want10"
has "GitHub: the rest counted" "$T/a.gh" "; $((nfailed - 10)) more failed attempts not annotated"
run -f github "$T/a.xml"
lacks "GitHub: no attempt errors without --with-attempts" "$T/out" 'wdilog attempt'

# -j 2 = -j 1, on two inputs read side by side
"$PYTHON" "$GEN" --attempts 40 --minutes 10 --seed 7 "$T/b.xml"
for f in html markdown junit github; do
	run --with-attempts -j 1 -f "$f" "$T/a.xml" "$T/b.xml"
	cp "$T/out" "$T/j1"
	run --with-attempts -j 2 -f "$f" "$T/a.xml" "$T/b.xml"
	same "-j 2 = -j 1 ($f)" "$T/out" "$T/j1"
done
run --attempts "$T/a.xml" "$T/b.xml"
nboth=$(grep -c '"type": "attempt"' "$T/out")
run --with-attempts -j 2 -f html "$T/a.xml" "$T/b.xml"
expect_eq "-j 2: every attempt of both inputs drawn" \
	"$(grep -c '<rect class="bar a-' "$T/out")" "$nboth"

# the cap: 10,000 attempts listed, the rest counted wherever shown
"$PYTHON" "$GEN" --simple --attempts 10003 --minutes 600 "$T/many.xml"
run --with-attempts -f html "$T/many.xml"
expect_eq "the list stops at its cap" "$(grep -c '<rect class="bar a-' "$T/out")" 10000
has "HTML: not listed" "$T/out" '3 more attempts and 0 more sessions not listed'
run --with-attempts -f markdown "$T/many.xml"
has "Markdown: not listed" "$T/out" '3 more attempts not listed'
run --with-attempts -f junit "$T/many.xml"
has "JUnit: not listed" "$T/out" '3 more attempts not listed'
run --with-attempts -f github "$T/many.xml"
has "GitHub: not listed" "$T/out" '; 3 more attempts not listed'

# -j N = -j 1 past the cap: the capture cut in 7 parts and two inputs
# after it. A job keeps no more of its list than the main list had room
# for when it started (none once it is full), and a first part's list is
# moved, not copied: the outputs stay those of one pass.
for f in html markdown junit github; do
	run --with-attempts -j 1 -f "$f" "$T/many.xml" "$T/a.xml" "$T/b.xml"
	cp "$T/out" "$T/j1"
	export WDILOG_SPLIT_BYTES=100000
	run --with-attempts -j 7 -f "$f" "$T/many.xml" "$T/a.xml" "$T/b.xml"
	unset WDILOG_SPLIT_BYTES
	same "-j 7 in parts = -j 1, past the cap ($f)" "$T/out" "$T/j1"
done
has "past the cap: the inputs after it counted" "$T/j1" \
	"$((nboth + 3)) more attempts not listed"
finish
