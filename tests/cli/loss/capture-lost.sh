#!/bin/sh
# What the capture itself says it lost (issue 11 item 6, formats.md 3b):
# tracefmt's "Processing completed ... EventsLost: N" and FmtSum.txt's
# "Total Events  Lost N" give events_lost, in every format, and --strict
# fails on it. An input that does not say has events_lost null.
. "$(dirname "$0")/../lib.sh"
need_python
# this case reads the status of the commands it runs itself (not set -e)
set +e

{ cat "$D"
  echo "Processing completed   Buffers: 5, Events: 209, EventsLost: 3 :: Format Errors: 0, Unknowns: 0"
} >"$T/lost.txt"
{ cat "$D"
  echo "Processing completed   Buffers: 5, Events: 209, EventsLost: 0 :: Format Errors: 0, Unknowns: 0"
} >"$T/none-lost.txt"
printf 'Files Processed:\n\tfoo.etl\nTotal Buffers Processed 5\nTotal Events  Processed 209\nTotal Events  Lost     2\n' >"$T/FmtSum.txt"

run -f json "$T/lost.txt"
expect_rc 0 "no gate"
expect_eq "input events_lost" "$(jget "$T/out" "j['inputs'][0]['events_lost']")" 3
expect_eq "total events_lost" "$(jget "$T/out" "j['totals']['events_lost']")" 3
run -f json "$D"
expect_eq "an input that does not say: null" "$(jget "$T/out" "j['inputs'][0]['events_lost']")" null
expect_eq "and a null total" "$(jget "$T/out" "j['totals']['events_lost']")" null
run -f json "$T/FmtSum.txt"
expect_eq "FmtSum.txt: events_lost" "$(jget "$T/out" "j['inputs'][0]['events_lost']")" 2
run -f json "$T/lost.txt" "$T/FmtSum.txt" "$D"
expect_eq "the total sums the inputs that say" "$(jget "$T/out" "j['totals']['events_lost']")" 5
run -f json "$T/none-lost.txt"
expect_eq "EventsLost: 0 is a known 0" "$(jget "$T/out" "j['totals']['events_lost']")" 0

run "$T/lost.txt"
has "text: totals" "$T/out" "reading: 3 events lost (the captures say so)"
has "text: input" "$T/out" "3 events lost (the capture says so)"
run -f markdown "$T/lost.txt"
has "markdown: totals" "$T/out" "**Incomplete reading**: 3 events lost (the captures say so)."
has "markdown: the input listed" "$T/out" "3 events lost (the capture says so) |"
run -f html "$T/lost.txt"
has "html: verdict" "$T/out" "3 events lost (the captures say so)"

run --max-failures 1000 --max-malformed 1000 --max-damaged 1000 --strict "$T/lost.txt"
expect_rc 1 "--strict fails on events lost, whatever the other limits"
has "the verdict sentence" "$T/err" \
	"max-lost: 3 events the captures say they lost (an input that cannot say how many counts as 1), limit 0: FAILED"
run -q --max-failures 1000 --max-malformed 1000 --max-damaged 1000 --strict "$T/none-lost.txt"
expect_rc 0 "--strict passes EventsLost: 0"
run -q --max-failures 1000 "$T/lost.txt"
expect_rc 0 "without --strict, events lost do not fail"
run -q --max-failures 1000 --strict -f junit "$T/lost.txt"
has "junit: a failing max-lost testcase" "$T/out" '<failure message="3 events the capture says it lost here; 3 in all inputs, limit 0" type="max-lost">'
run -q --max-failures 1000 --strict -f github "$T/lost.txt"
has "github: the failed rule" "$T/out" "::error title=wdilog gate::max-lost: 3 events"
has "github: a warning at the file" "$T/out" "title=wdilog incomplete input::3 events lost (the capture says so)"
finish
