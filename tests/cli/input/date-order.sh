# The order of NN/NN/YYYY dates is told per input when no option forces
# it: a first field above 12 in the first 64 KiB makes the input
# day-first (said once); one met later flips it with a warning naming the
# line; a date that fits neither order is named with its line and the
# record is counted as without a time, never dropped unsaid.
. "$(dirname "$0")/../lib.sh"
need_python

S=$SAMPLES/tracefmt-dayfirst.txt
run --format json "$S"
expect_rc 0 "a day-first sample, no option"
expect_eq "told day-first: 01/11/03 is 1 November" \
	"$(jget "$T/out" 'j["phases"]["disassociate"]["first"]')" 2003-11-01T00:00:40.000
check "said once, with the date and its line" \
	grep -q "tracefmt-dayfirst.txt:2: .*dates read day-first: 31/10/2003" "$T/err"
expect_eq "said once" "$(grep -c 'dates read day-first' "$T/err")" 1
run -q --format json --day-first "$S"
cp "$T/out" "$T/df.json"
run --format json "$S"
check "told the same as --day-first" cmp -s "$T/df.json" "$T/out"
run -q --format json --month-first "$S"
expect_eq "--month-first forces month/day: 01/11/03 is 11 January" \
	"$(jget "$T/out" 'j["phases"]["disassociate"]["first"]')" 2003-01-11T00:00:40.000
check "--month-first: no day-first note" no_grep 'day-first' "$T/err"
run -q --format json --day-first --month-first "$S"
expect_eq "the last of the two options wins" \
	"$(jget "$T/out" 'j["phases"]["disassociate"]["first"]')" 2003-01-11T00:00:40.000

# the evidence comes after the first 64 KiB: month-first until then, then
# day-first with a warning that names the line
F=$T/late.txt
{
	echo '[0]1A2C.0F10::01/02/2026-10:00:00.000 [wdiwifi]Association result: AssocStatus=30'
	i=0
	while [ $i -lt 1200 ]; do
		echo '[0]1A2C.0F10::01/02/2026-10:00:01.000 [wdiwifi]filler line of no interest, padding the capture past the sniff'
		i=$((i + 1))
	done
	echo '[0]1A2C.0F10::25/02/2026-10:00:02.000 [wdiwifi]Association result: AssocStatus=30'
	echo '[0]1A2C.0F10::03/02/2026-10:00:03.000 [wdiwifi]Association result: AssocStatus=30'
} >"$F"
run --format json "$F"
expect_rc 0 "a late day-first date"
check "the flip names its line and the risk" \
	grep -q "late.txt:1202: .*date 25/02/2026 has a first field above 12.*earlier dates were read month-first" "$T/err"
expect_eq "later dates day-first" \
	"$(jget "$T/out" 'j["phases"]["probe"]["last"]')" 2026-02-25T10:00:02.000
expect_eq "no record lost" "$(jget "$T/out" 'j["totals"]["statuses"]')" 3

# dates that fit neither order: named with their lines, counted untimed
F=$T/neither.txt
{
	echo '[0]1A2C.0F10::02/03/2026-10:00:00.000 [wdiwifi]Association result: AssocStatus=30'
	echo '[0]1A2C.0F10::13/13/2026-10:00:01.000 [wdiwifi]Association result: AssocStatus=30'
	echo '[0]1A2C.0F10::31/31/26-10:00:02.000 [wdiwifi]Association result: AssocStatus=30'
} >"$F"
run --format json "$F"
expect_rc 0 "dates that fit no order"
check "13/13/2026 named with its line" \
	grep -q "neither.txt:2: .*date 13/13/2026 fits neither month/day nor day/month" "$T/err"
check "31/31/26 named with its line" \
	grep -q "neither.txt:3: .*date 31/31/26 fits neither" "$T/err"
expect_eq "all three counted" "$(jget "$T/out" 'j["totals"]["statuses"]')" 3
expect_eq "two untimed in the timeline" "$(jget "$T/out" 'j["timeline"]["untimed"]')" 2
cp "$T/out" "$T/neither.json"
run -q "$F"
check "the text report says so" \
	grep -q "2 status records without a readable time, not in the timeline" "$T/out"
run -q --format html "$F"
check "the HTML report says so" \
	grep -q "2 status records without a readable time, not in the chart" "$T/out"
run merge -q "$T/neither.json" "$T/neither.json" --format json
expect_eq "merge adds them" "$(jget "$T/out" 'j["timeline"]["untimed"]')" 4

# a date the forced order cannot read is named too
run --format json --month-first "$SAMPLES/tracefmt-dayfirst.txt"
check "--month-first names a day-first date it cannot read" \
	grep -q "does not fit this input's month/day order" "$T/err"
finish
