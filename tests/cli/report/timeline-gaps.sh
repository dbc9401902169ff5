# Two captures two days apart, each with a two-minute probe storm: the
# HTML chart and the text timeline fold the empty days into one labelled
# break so both storms get a readable share of their width; the bucket
# width reads in minutes; the clock is stated; a failures-only switch
# hides successes in HTML, and successes have their own row in text.
. "$(dirname "$0")/../lib.sh"
need_python

# capture FILE DAY HOUR: three hours of a success every 10 minutes and,
# an hour in, a probe failure every 2 s for two minutes
capture() {
	{
	h=0
	while [ "$h" -lt 3 ]; do
		m=0
		while [ "$m" -lt 60 ]; do
			printf '[0]1A2C.0F10::12/%02d/2026-%02d:%02d:00.000 [wdiwifi]Association result: AssocStatus=0\n' "$2" $(($3 + h)) "$m"
			m=$((m + 10))
		done
		h=$((h + 1))
	done
	s=0
	while [ "$s" -lt 120 ]; do
		printf '[0]1A2C.0F10::12/%02d/2026-%02d:%02d:%02d.000 [wdiwifi]Association result: AssocStatus=30\n' "$2" $(($3 + 1)) $((s / 60)) $((s % 60))
		s=$((s + 2))
	done
	} >"$1"
}
capture "$T/monday.txt" 7 9
capture "$T/wednesday.txt" 9 14

run -q --format html "$T/monday.txt" "$T/wednesday.txt"
expect_rc 0 "two captures two days apart"
cp "$T/out" "$T/r.html"
check "the bucket width in readable units" grep -q "Status records per 30 min" "$T/r.html"
check "the empty days are one break saying how long" \
	grep -q '<g class="gap"><title>no status records for 2 days 2 h</title>' "$T/r.html"
expect_eq "one break" "$(grep -c '<g class="gap">' "$T/r.html")" 1
check "the clock is stated" grep -q "Times as the inputs wrote them" "$T/r.html"
check "a failures-only switch" grep -q 'id="tl-failures"' "$T/r.html"
check "the second stretch is labelled where it starts" \
	grep -q '>2026-12-09T14:00:00</text>' "$T/r.html"
# each storm's bar is wide: a share of 13 slots, not of 112
"$PYTHON" - "$T/r.html" >"$T/widths" <<'PY'
import re, sys
html = open(sys.argv[1]).read()
for m in re.finditer(r'<rect class="ph-probe" x="[^"]*" y="[^"]*" width="([^"]*)" height="([^"]*)"', html):
    print(m.group(1), m.group(2))
PY
expect_eq "two probe bars" "$(nlines "$T/widths")" 2
check "both probe bars at least 40 units wide and 100 high" \
	awk '$1 < 40 || $2 < 100 { bad = 1 } END { exit bad }' "$T/widths"

# the text timeline folds the same gap (one rule, wdl_timeline_layout):
# both storms are a full block in the probe row, a break between them
run -q --color=never "$T/monday.txt" "$T/wednesday.txt"
expect_rc 0 "text report of the two captures"
cp "$T/out" "$T/r.txt"
has "the column width in readable units" "$T/r.txt" "one column = 30 min"
has "the clock is stated" "$T/r.txt" "clock: as written, no zone"
has "the break says how long and when" "$T/r.txt" \
	"  / gap of 2 days 2 h: 2026-12-07T12:00:00 .. 2026-12-09T14:00:00"
check "both storms in the probe row, the break between them" \
	grep -q '^probe  *| *@ */ *@ *| 120$' "$T/r.txt"
check "successes keep a row of their own, with the same break" \
	grep -q '^success  *|[^/|]*@[^/|]*/[^/|]*@[^/|]*| 36$' "$T/r.txt"
# one chart per report: no second break, each stretch ~7 columns not 1
expect_eq "one break column" "$(grep '^probe' "$T/r.txt" | tr -cd / | wc -c | tr -d ' ')" 1

# one short capture: no break, the old quarter ticks
run -q --format html "$SAMPLES/tracefmt-default.txt"
check "no break without a long gap" no_grep 'class="gap"' "$T/out"
finish
