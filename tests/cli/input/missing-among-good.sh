# One bad input among good ones: exit 2, but the good ones are still read
# and counted, in argument order.
. "$(dirname "$0")/../lib.sh"
need_python

run --format json "$SAMPLES/eventlog.txt" "$T/missing.txt" "$SAMPLES/tracerpt.xml"
expect_rc 2 "a missing input among two good ones"
check "stderr names the missing input" grep -q -F "$T/missing.txt" "$T/err"
expect_eq "three inputs listed" "$(jget "$T/out" 'len(j["inputs"])')" 3
expect_eq "inputs in argument order" \
	"$(jget "$T/out" '" ".join(i["path"].rsplit("/", 1)[-1] for i in j["inputs"])')" \
	"eventlog.txt missing.txt tracerpt.xml"
# EXPECTED.md: eventlog.txt 15 events, 7 statuses; tracerpt.xml 17 and 10
expect_eq "eventlog.txt counted" "$(jget "$T/out" 'j["inputs"][0]["events"]')" 15
expect_eq "eventlog.txt statuses" "$(jget "$T/out" 'j["inputs"][0]["statuses"]')" 7
expect_eq "eventlog.txt has no error" "$(jget "$T/out" 'j["inputs"][0]["error"]')" null
expect_eq "tracerpt.xml counted" "$(jget "$T/out" 'j["inputs"][2]["events"]')" 17
expect_eq "tracerpt.xml statuses" "$(jget "$T/out" 'j["inputs"][2]["statuses"]')" 10
expect_eq "missing input: no events" "$(jget "$T/out" 'j["inputs"][1]["events"]')" 0
expect_eq "missing input: error given" \
	"$(jget "$T/out" 'isinstance(j["inputs"][1]["error"], str)')" true
expect_eq "totals are the good inputs' sum" "$(jget "$T/out" 'j["totals"]["events"]')" 32
expect_eq "one unreadable input" "$(jget "$T/out" 'j["totals"]["unreadable_inputs"]')" 1

# the text report lists the good inputs as well
run "$SAMPLES/eventlog.txt" "$T/missing.txt"
expect_rc 2 "text report with a missing input"
check "text report lists the good input" grep -q 'eventlog.txt' "$T/out"
finish
