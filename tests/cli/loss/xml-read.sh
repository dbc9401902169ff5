#!/bin/sh
# What reading XML passed over or repaired reaches the report (formats.md
# 3a): a banner before the events is counted in preamble_lines, an event
# with a raw '&' in repaired; neither is a loss, so --strict passes.
. "$(dirname "$0")/../lib.sh"
need_python
# this case reads the status of the commands it runs itself (not set -e)
set +e

ev() { # STATUS TEXT
	printf '<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="x"/><EventID>1</EventID><TimeCreated SystemTime="2024-01-01T00:00:00Z"/></System><EventData><Data Name="AssocStatus">%s</Data><Data Name="Text">%s</Data></EventData></Event>\n' "$1" "$2"
}
{ echo "evtxexport 20181227"; echo; echo "<Events>"; ev 31 a; ev 0 b; echo "</Events>"; } >"$T/banner.xml"
{ echo "<Events>"; ev 31 "fish & chips"; ev 0 b; echo "</Events>"; } >"$T/amp.xml"

run -f json "$T/banner.xml"
expect_rc 0 "a banner before the events"
expect_eq "read as XML" "$(jget "$T/out" "j['inputs'][0]['format']")" event-xml
expect_eq "input preamble_lines" "$(jget "$T/out" "j['inputs'][0]['preamble_lines']")" 1
expect_eq "total preamble_lines" "$(jget "$T/out" "j['totals']['preamble_lines']")" 1
expect_eq "the events" "$(jget "$T/out" "j['totals']['events']")" 2
run "$T/banner.xml"
has "text says so" "$T/out" "reading: 1 preamble line passed over"

run -f json "$T/amp.xml"
expect_eq "input repaired" "$(jget "$T/out" "j['inputs'][0]['repaired']")" 1
expect_eq "total repaired" "$(jget "$T/out" "j['totals']['repaired']")" 1
expect_eq "not damaged" "$(jget "$T/out" "j['totals']['damaged']")" 0
run -f markdown "$T/amp.xml"
has "markdown says so, not as a loss" "$T/out" "Reading: 1 event repaired."
run -q --max-failures 1000 --strict "$T/amp.xml" "$T/banner.xml"
expect_rc 0 "repairs and preambles are no loss for --strict"

# an XML file cut inside an event, gzipped and cut: truncated, damaged
{ echo "<Events>"; i=0; while [ $i -lt 300 ]; do ev 31 "row $i"; i=$((i + 1)); done; echo "</Events>"; } | gzip -c >"$T/x.xml.gz"
size=$(wc -c <"$T/x.xml.gz")
head -c $((size / 2)) "$T/x.xml.gz" >"$T/cut.xml.gz"
run -f json "$T/cut.xml.gz"
expect_eq "cut XML: truncated" "$(jget "$T/out" "j['inputs'][0]['truncated']")" true
dm=$(jget "$T/out" "j['totals']['damaged']")
check "cut XML: the open event is damaged ($dm)" [ "$dm" -ge 1 ]
finish
