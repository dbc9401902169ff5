#!/bin/sh
# wdilog merge is exact: per-file reports merged give the same bytes as
# one run over all the files (inputs in merge order), also in steps. And
# wdilog diff compares two reports.
. "$(dirname "$0")/../lib.sh"
# this case reads the status of the commands it runs itself (not set -e)
set +e

# every sample read with default options (the day-first one needs
# --day-first, which would misread the others)
files="tracefmt-default.txt tracefmt-crlf-utf16le.txt tracefmt-gzip.txt.gz
tracefmt-custom-prefix.txt tracerpt.xml tracerpt-complete-no-root-end.xml
wevtutil-events.xml wevtutil-events-utf16.xml eventlog.txt
tracerpt-truncated.xml"
cd "$SAMPLES" || exit 1
parts=""
i=0
for f in $files; do
	i=$((i + 1))
	"$WDILOG" -q -f json -o "$T/part$i.json" "$f"
	parts="$parts $T/part$i.json"
done
# shellcheck disable=SC2086
"$WDILOG" -q -f json -o "$T/all.json" $files
# shellcheck disable=SC2086
run merge -q $parts -o "$T/merged.json"
expect_rc 0 "merge of ten reports"
same_merged "merged = one run over all inputs (peers and bursts aside)" "$T/merged.json" "$T/all.json"
has "timeline spans 2003 to 2024" "$T/merged.json" '"start": "2003-'

run merge -q "$T/part1.json" "$T/part2.json" "$T/part3.json" -o "$T/m123.json"
"$WDILOG" -q -f json tracefmt-default.txt tracefmt-crlf-utf16le.txt \
	tracefmt-gzip.txt.gz >"$T/a123.json"
same_merged "three merged = one run over three" "$T/m123.json" "$T/a123.json"
# shellcheck disable=SC2086
run merge -q "$T/m123.json" $(echo $parts | cut -d' ' -f4-) -o "$T/steps.json"
same_merged "merging a merge: same as one run" "$T/steps.json" "$T/all.json"
run merge -q "$T/part3.json"
same_merged "merge of one report to stdout is that report" "$T/out" "$T/part3.json"

# shellcheck disable=SC2086
"$WDILOG" -q --max-failures 0 -f junit $files >"$T/all.xml"
# shellcheck disable=SC2086
run merge -q --max-failures 0 -f junit $parts
expect_rc 1 "gate over a merge"
same "JUnit of a merge = JUnit of one run" "$T/all.xml" "$T/out"
run merge -q --max-failures 1000 "$T/part1.json" -o "$T/g.json"
expect_rc 0 "passing gate over a merge"
has "merge writes the gate" "$T/g.json" '"passed": true,'
run merge -q -f text "$T/part1.json"
has "merge can write text" "$T/out" "wdilog: 1 input, 43 events"

run merge -q
expect_rc 2 "merge with nothing"
run merge -q "$D"
expect_rc 2 "merge of a trace, not a report"
has "names it" "$T/err" "wdilog: merge: $D:1: not a JSON report"

run diff -q "$T/part1.json" "$T/merged.json"
expect_rc 1 "diff of reports that differ"
has "header" "$T/out" "wdilog diff: $T/part1.json -> $T/merged.json"
has "events row" "$T/out" "events                     43        195       +152"
has "a code that only B has" "$T/out" "         1  FAILURE                            general      failure       0       1      +1  new"
has "a code in both" "$T/out" "        31  NO_BEACON_PROBE_RESPONSE           probe        failure       4      13      +9  more"
run diff -q "$T/merged.json" "$T/part1.json"
has "a code gone" "$T/out" "  gone"
run diff -q -f json "$T/part1.json" "$T/merged.json"
has "diff as JSON" "$T/out" '"schema": "wdilog-diff/1"'
has "totals with change" "$T/out" '"events": {"a": 43, "b": 195, "change": 152}'
has "codes with status" "$T/out" '{"code": 1, "name": "WDI_ASSOC_STATUS_FAILURE", "phase": "general", "kind": "failure", "a": 0, "b": 1, "change": 1, "status": "new"}'
run diff -q -f json "$T/merged.json" "$T/part1.json"
has "negative change" "$T/out" '"events": {"a": 195, "b": 43, "change": -152}'
run diff -q "$T/part2.json" "$T/part2.json"
expect_rc 0 "diff of a report with itself"
lacks "a report against itself: nothing new" "$T/out" "new"
run diff -q -f markdown -o "$T/d.md" "$T/part1.json" "$T/part2.json"
expect_rc 1 "diff as Markdown to a file, reports differ"
has "markdown table" "$T/d.md" "| events | 43 | 17 | -26 |"
run diff -q "$T/part1.json"
expect_rc 2 "diff with one report"
run diff -q --max-failures 0 "$T/part1.json" "$T/part2.json"
expect_rc 2 "diff with a gate option"
run diff -q -f junit "$T/part1.json" "$T/part2.json"
expect_rc 2 "diff as JUnit"
finish
