#!/bin/sh
# An EVTX file whose header says it was not closed cleanly (dirty) or was
# full says it lost events without saying how many (doc/evtx.md, "Loss
# the file reports"): events_lost null, lost_uncounted true, shown in every
# format, and --strict fails. A clean header says 0. The file is made by
# the EVTX test writer (the bench program, given as the extra argument);
# the flags (byte 120) are outside the header's checksum (bytes 0-119).
. "$(dirname "$0")/../lib.sh"
need_python
# this case reads the status of the commands it runs itself (not set -e)
set +e
WRITER=$3

"$WRITER" 1 "$T/clean.evtx" >/dev/null || fail "the test writer made a file"
flag() { # FILE BYTE
	cp "$T/clean.evtx" "$1"
	printf "\\$2" | dd of="$1" bs=1 seek=120 conv=notrunc 2>/dev/null
}
flag "$T/dirty.evtx" 001
flag "$T/full.evtx" 002

run -f json "$T/clean.evtx"
expect_eq "a clean header says nothing lost" "$(jget "$T/out" "j['inputs'][0]['events_lost']")" 0
expect_eq "not uncounted" "$(jget "$T/out" "j['inputs'][0]['lost_uncounted']")" false
run -q --max-failures 1000 --strict "$T/clean.evtx"
expect_rc 0 "--strict passes a clean file"

for f in dirty full; do
	run -f json "$T/$f.evtx"
	expect_rc 0 "$f: read (no gate)"
	expect_eq "$f: events_lost not known" "$(jget "$T/out" "j['inputs'][0]['events_lost']")" null
	expect_eq "$f: lost_uncounted" "$(jget "$T/out" "j['inputs'][0]['lost_uncounted']")" true
	expect_eq "$f: counted in the totals" "$(jget "$T/out" "j['totals']['lost_uncounted_inputs']")" 1
	expect_eq "$f: every record still read" "$(jget "$T/out" "j['totals']['events']")" 1591
	has "$f: a warning names the flag" "$T/err" "EVTX file marked $f"
	run --max-failures 1000 --strict "$T/$f.evtx"
	expect_rc 1 "$f: --strict fails"
	has "$f: the verdict" "$T/err" "max-lost: 1 event the captures say they lost (an input that cannot say how many counts as 1), limit 0: FAILED"
done
run "$T/dirty.evtx"
has "text" "$T/out" "reading: 1 input lost events, how many not known (the captures say so)"
has "text: the input" "$T/out" "events lost, how many not known (the capture says so)"
run -f markdown "$T/dirty.evtx"
has "markdown" "$T/out" "**Incomplete reading**: 1 input lost events, how many not known"
run -f html "$T/dirty.evtx"
has "html" "$T/out" "1 input lost events, how many not known"
run -f github "$T/dirty.evtx"
has "github" "$T/out" "title=wdilog incomplete input::events lost, how many not known"
run -q --max-failures 1000 --strict -f junit "$T/dirty.evtx"
has "junit" "$T/out" 'type="max-lost"'
# a clean file merged with a dirty one
"$WDILOG" -q -f json -o "$T/c.json" "$T/clean.evtx"
"$WDILOG" -q -f json -o "$T/d.json" "$T/dirty.evtx"
run merge -f json "$T/c.json" "$T/d.json"
expect_eq "merged: the clean file's 0" "$(jget "$T/out" "j['totals']['events_lost']")" 0
expect_eq "merged: one uncounted loss" "$(jget "$T/out" "j['totals']['lost_uncounted_inputs']")" 1
finish
