# Times of years 1 and 9999 (.NET's DateTime.MinValue and MaxValue, which
# real logs print) in one capture (issue 11, item 9): the run ends, the
# timeline stays within years 1-9999 in every format, its JSON loads back
# in wdilog merge, and the text's column width does not wrap at 2^32.
. "$(dirname "$0")/../lib.sh"
need_python
set +e
printf '%s\n' \
	'[0]0888.0D60::01/01/0001-00:00:00.000 [w]AssocStatus=41' \
	'[0]0888.0D60::06/15/2024-12:00:00.000 [w]AssocStatus=51' \
	'[0]0888.0D60::12/31/9999-23:59:59.000 [w]AssocStatus=41' >"$T/t.txt"

timeout 20 "$WDILOG" "$T/t.txt" >"$T/out" 2>"$T/err"
rc=$?
expect_rc 0 "text report of years 1 to 9999 (no hang)"
has "the timeline starts at year 1" "$T/out" "TIMELINE 0001-01-01T00:00:00 .."
has "the timeline ends in year 9999" "$T/out" ".. 9999-12-31T23:59:59,"
# the text says a column in days; the folded width (a multiple of a
# bucket near 2^32 s) must not wrap at 32 bits
days=$(sed -n 's/.*one column = \([0-9]*\) days.*/\1/p' "$T/out")
check "one column is a whole bucket of more than 2^31 s, not wrapped ($days days)" \
	[ "${days:-0}" -gt 24855 ]
has "the years between are one break" "$T/out" "gap of 2881536 days: 2087-10-02T00:00:00 .. 9977-02-17T00:00:00"

timeout 20 "$WDILOG" -q -f json -o "$T/r.json" "$T/t.txt"
expect_eq "the JSON timeline's first bucket starts in year 1" \
	"$(jget "$T/r.json" "j['timeline']['buckets'][0]['start'][:4]")" 0001
timeout 20 "$WDILOG" merge -q -f json -o "$T/m.json" "$T/r.json" "$T/r.json" \
	2>"$T/err"
rc=$?
expect_rc 0 "the report loads back and merges"
expect_eq "the merge counts every record" \
	"$(jget "$T/m.json" "sum(b['auth'] + b['assoc'] for b in j['timeline']['buckets'])")" 6
timeout 20 "$WDILOG" -q -f html -o "$T/r.html" "$T/t.txt"
lacks "the HTML shows no year before 1" "$T/r.html" ">-0"

# a leap second on 9999-12-31 would be year 10000: no time, and the
# report loads back
printf '[0]0C34.2FF0::12/31/9999-23:59:60.000 [Drv]AssocStatus=31\n' >"$T/leap.txt"
timeout 20 "$WDILOG" -q -f json -o "$T/leap.json" "$T/leap.txt"
lacks "no year 10000 in the report" "$T/leap.json" "10000-"
timeout 20 "$WDILOG" merge -q -f json -o "$T/leapm.json" "$T/leap.json" 2>"$T/err"
rc=$?
expect_rc 0 "the report with a 9999 leap second loads back"
finish
