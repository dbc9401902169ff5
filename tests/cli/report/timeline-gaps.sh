# Two captures two days apart, each with a two-minute probe storm: the
# HTML chart folds the empty days into one labelled break so both storms
# get a readable share of its width; the bucket width reads in minutes;
# the clock is stated; a failures-only switch hides successes.
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

# one short capture: no break, the old quarter ticks
run -q --format html "$SAMPLES/tracefmt-default.txt"
check "no break without a long gap" no_grep 'class="gap"' "$T/out"
finish
