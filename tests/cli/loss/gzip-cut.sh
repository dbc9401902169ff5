#!/bin/sh
# A gzip stream cut short (no trailer) is an incomplete capture, never a
# clean report (issue 11 item 7, formats.md 3b): the input is truncated,
# the record the cut ends is damaged, a warning names the file, and
# --strict and --max-damaged 0 fail. A whole gzip stream says none of it.
. "$(dirname "$0")/../lib.sh"
need_python
# this case reads the status of the commands it runs itself (not set -e)
set +e

# 4000 WPP records, each with a success status, compressed
i=0
awk 'BEGIN { for (i = 1; i <= 4000; i++)
	printf "[0]0C34.2FF0::08/28/17-10:11:12.123 [drv]record %d AssocStatus=0x0\n", i }' \
	| gzip -c >"$T/whole.gz"
size=$(wc -c <"$T/whole.gz")
head -c $((size / 2)) "$T/whole.gz" >"$T/cut.gz"

run -f json "$T/whole.gz"
expect_rc 0 "a whole gzip stream"
expect_eq "whole: not truncated" "$(jget "$T/out" "j['inputs'][0]['truncated']")" false
expect_eq "whole: no truncated inputs" "$(jget "$T/out" "j['totals']['truncated_inputs']")" 0
expect_eq "whole: no damage" "$(jget "$T/out" "j['totals']['damaged']")" 0

run -f json "$T/cut.gz"
expect_rc 0 "a cut gzip stream is read (no gate)"
expect_eq "cut: truncated" "$(jget "$T/out" "j['inputs'][0]['truncated']")" true
expect_eq "cut: counted in the totals" "$(jget "$T/out" "j['totals']['truncated_inputs']")" 1
dm=$(jget "$T/out" "j['totals']['damaged']")
check "cut: the cut record is damaged ($dm)" [ "$dm" -ge 1 ]
ev=$(jget "$T/out" "j['totals']['events']")
check "cut: the records before the cut are read ($ev)" [ "$ev" -gt 100 ]
has "a warning names the file" "$T/err" "cut.gz: gzip data ends early"
has "the damaged record is named" "$T/err" "inside this record; event counted as damaged"

run -q --strict "$T/cut.gz"
expect_rc 1 "--strict fails on a cut gzip stream"
run --max-damaged 0 "$T/cut.gz"
expect_rc 1 "--max-damaged 0 fails on a cut gzip stream"
has "the verdict counts the truncated input" "$T/err" \
	"max-damaged: 2 damaged events, unreadable or truncated inputs, limit 0: FAILED"
run -q --max-damaged 2 "$T/cut.gz"
expect_rc 0 "--max-damaged 2: one damaged record and one truncated input pass"
run -q --strict "$T/whole.gz"
expect_rc 0 "--strict passes the whole stream"

# every format says so
run "$T/cut.gz"
has "text: the totals line" "$T/out" "reading: 1 input cut short (truncated)"
has "text: the input line" "$T/out" "cut short (truncated)"
run -f markdown "$T/cut.gz"
has "markdown: the totals sentence" "$T/out" "**Incomplete reading**: 1 input cut short (truncated)."
run -f github "$T/cut.gz"
has "github: a warning at the file" "$T/out" "::warning file=$T/cut.gz,title=wdilog incomplete input::cut short (truncated)"
run -f html "$T/cut.gz"
has "html: the verdict line" "$T/out" "; 1 input cut short (truncated)</p>"
run -q --strict -f junit "$T/cut.gz"
has "junit: the damaged testcase fails with the truncation" "$T/out" \
	'type="max-damaged"'
has "junit: in words" "$T/out" "damaged events, unreadable or truncated inputs here"
# nothing lost: none of those words
run "$T/whole.gz"
lacks "text of a whole stream: no reading line" "$T/out" "reading:"
run -f github "$T/whole.gz"
lacks "github of a whole stream: no loss warning" "$T/out" "incomplete input"
finish
