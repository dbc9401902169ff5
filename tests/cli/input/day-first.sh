# --day-first reads NN/NN/YYYY dates as day/month/year; dates written
# year-first are the same either way.
. "$(dirname "$0")/../lib.sh"
need_python

S=$SAMPLES/tracefmt-dayfirst.txt
run -q --format json --day-first "$S"
expect_rc 0 "--day-first"
cp "$T/out" "$T/df.json"
# the values from samples/EXPECTED.md
expect_eq "--day-first: probe first" \
	"$(jget "$T/df.json" 'j["phases"]["probe"]["first"]')" 2003-10-31T23:59:51.420
expect_eq "--day-first: disassociate (01/11/03 is 1 November)" \
	"$(jget "$T/df.json" 'j["phases"]["disassociate"]["first"]')" 2003-11-01T00:00:40.000
expect_eq "--day-first: general first (year-first layout)" \
	"$(jget "$T/df.json" 'j["phases"]["general"]["first"]')" 2003-10-31T23:59:58.500
expect_eq "--day-first: statuses" "$(jget "$T/df.json" 'j["totals"]["statuses"]')" 9

run -q --format json --month-first "$S"
expect_rc 0 "--month-first"
expect_eq "month-first: 01/11/03 is 11 January" \
	"$(jget "$T/out" 'j["phases"]["disassociate"]["first"]')" 2003-01-11T00:00:40.000
check "month-first: the times differ" \
	differ "$T/df.json" "$T/out"
expect_eq "month-first: same counts" "$(jget "$T/out" 'j["totals"]')" \
	"$(jget "$T/df.json" 'j["totals"]')"

# a month-first file is unchanged by --day-first when no date is ambiguous
# the other way round (13..31 as a first field cannot be a month)
run -q --format json "$SAMPLES/tracerpt.xml"
cp "$T/out" "$T/x1.json"
run -q --format json --day-first "$SAMPLES/tracerpt.xml"
check "--day-first leaves ISO 8601 XML times alone" cmp -s "$T/x1.json" "$T/out"
finish
