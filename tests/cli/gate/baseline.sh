#!/bin/sh
# --baseline and --tolerance: new codes fail, counts above the baseline by
# more than the tolerance fail, counts within it pass, disappeared codes
# are reported and pass, rates per 1,000 events when the event totals
# differ, and a report of another schema is a usage error.
. "$(dirname "$0")/../lib.sh"
# this case reads the status of the commands it runs itself (not set -e)
set +e

trace "$T/base.txt" 20 31 31 31 31 31 31 31 31 31 31 41
"$WDILOG" -q -f json -o "$T/base.json" "$T/base.txt" || fail "baseline written"

code() { # CODE CHANGE UNIT BASELINE LIMIT MEASURED PASSED
	printf '"code": %s, "name": "%s", "phase": "%s", "change": "%s", "unit": "%s", "baseline": %s, "limit": %s, "measured": %s, "passed": %s}' "$@"
}

run -q -f json --baseline "$T/base.json" "$T/base.txt"
expect_rc 0 "the baseline's own input"
has "31 within" "$T/out" "$(code 31 WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE probe within count 10 10 10 true)"
has "phase checked too" "$T/out" '{"rule": "baseline", "scope": "phase", "phase": "probe", "change": "within"'

trace "$T/more.txt" 20 31 31 31 31 31 31 31 31 31 31 31 31 41
run -q -f json --baseline "$T/base.json" "$T/more.txt"
expect_rc 1 "12 against 10 with no tolerance"
has "31 above" "$T/out" "$(code 31 WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE probe above count 10 10 12 false)"
run -q --baseline "$T/base.json" --tolerance 1 "$T/more.txt"
expect_rc 1 "12 against 10 + 1"
run -q -f json --baseline "$T/base.json" --tolerance 2 "$T/more.txt"
expect_rc 0 "12 against 10 + 2 is within"
has "limit 12" "$T/out" "$(code 31 WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE probe within count 10 12 12 true)"
run -q --baseline "$T/base.json" --tolerance 1.5 "$T/more.txt"
expect_rc 1 "12 against 10 + 1.5"
run -q -f json --baseline "$T/base.json" --tolerance 20% "$T/more.txt"
expect_rc 0 "12 against 10 + 20% is within"
has "limit 12 from 20%" "$T/out" "$(code 31 WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE probe within count 10 12 12 true)"
run -q --baseline "$T/base.json" --tolerance 19.999% "$T/more.txt"
expect_rc 1 "12 against 10 + 19.999%"
run -q --baseline "$T/base.json" --tolerance 10% "$T/more.txt"
expect_rc 1 "12 against 10 + 10%"

# 40 events: 20 of 31 is the baseline's rate (10 in 20), 21 is not
trace "$T/long.txt" 40 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 41 41
run -q -f json --baseline "$T/base.json" "$T/long.txt"
expect_rc 0 "twice the events, twice the records: same rate"
has "compared per 1,000 events" "$T/out" "$(code 31 WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE probe within per-1000-events 500 500 500 true)"
trace "$T/long2.txt" 40 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 31 41 41
run -q -f json --baseline "$T/base.json" "$T/long2.txt"
expect_rc 1 "21 in 40 events is above 10 in 20"
has "rate above" "$T/out" "$(code 31 WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE probe above per-1000-events 500 500 525 false)"
run -q --baseline "$T/base.json" --tolerance 25 "$T/long2.txt"
expect_rc 0 "absolute tolerance in records per 1,000 events"
run -q --baseline "$T/base.json" --tolerance 24.999 "$T/long2.txt"
expect_rc 1 "just under the needed 25"

trace "$T/new.txt" 20 31 31 31 31 31 31 31 31 31 31 41 51
run -q -f json --baseline "$T/base.json" "$T/new.txt"
expect_rc 1 "a code the baseline lacks"
has "51 is new" "$T/out" "$(code 51 WDI_ASSOC_STATUS_NO_ASSOC_RESPONSE assoc new count 0 0 1 false)"
has "assoc phase is new" "$T/out" '"phase": "assoc", "change": "new"'
run -q --baseline "$T/base.json" --tolerance 1000% "$T/new.txt"
expect_rc 1 "no tolerance excuses a new code"
run -q --baseline "$T/base.json" --allow 51 "$T/new.txt"
expect_rc 0 "unless it is allowed"
run -q --baseline "$T/base.json" --fail-on probe,auth --max-failures 11 "$T/new.txt"
expect_rc 0 "or not selected"
run -q -f json --baseline "$T/base.json" --fail-on probe,auth "$T/new.txt"
expect_rc 0 "--fail-on with --baseline implies no limit"
lacks "no max-failures rule" "$T/out" '"rule": "max-failures"'
run -q --baseline "$T/base.json" --fail-on assoc "$T/new.txt"
expect_rc 1 "the baseline over the selection"
trace "$T/unk.txt" 20 31 31 31 31 31 31 31 31 31 31 41 WDI_ASSOC_STATUS_BRAND_NEW
run -q -f json --baseline "$T/base.json" "$T/unk.txt"
expect_rc 1 "a new unknown name"
has "named in the check" "$T/out" '"code": null, "name": "WDI_ASSOC_STATUS_BRAND_NEW", "phase": "unknown", "change": "new"'

trace "$T/gone.txt" 20 31 31 31 31 31 31 31 31 31 31
run -q -f json --baseline "$T/base.json" "$T/gone.txt"
expect_rc 0 "a code that disappeared passes"
has "41 reported as disappeared" "$T/out" "$(code 41 WDI_ASSOC_STATUS_NO_AUTH_RESPONSE auth disappeared count 1 1 0 true)"
run --baseline "$T/base.json" "$T/gone.txt"
has "stderr verdict" "$T/err" "wdilog: gate passed"

run -q --baseline "$T/base.json" -f json -o "$T/r.json" -f markdown "$T/more.txt"
expect_rc 1 "failing baseline"
has "JSON still written" "$T/r.json" '"schema": "wdilog/1"'
has "markdown on stdout" "$T/out" "| baseline, 31 WDI\\_ASSOC\\_STATUS\\_NO\\_BEACON\\_PROBE\\_RESPONSE | 10 | 12 | **failed** (above tolerance) |"

sed 's#"schema": "wdilog/1"#"schema": "wdilog/2"#' "$T/base.json" >"$T/v2.json"
run -q --baseline "$T/v2.json" "$T/base.txt"
expect_rc 2 "a baseline of another schema"
has "says which schemas" "$T/err" "report schema is 'wdilog/2'; this wdilog reads wdilog/1"
printf 'not json\n' >"$T/bad.json"
run -q --baseline "$T/bad.json" "$T/base.txt"
expect_rc 2 "a baseline that is not JSON"
has "says so" "$T/err" "not a JSON report"
printf '{"totals": {}}\n' >"$T/noschema.json"
run -q --baseline "$T/noschema.json" "$T/base.txt"
expect_rc 2 "JSON that is not a wdilog report"
has "no schema" "$T/err" 'not a wdilog report (no "schema" member)'
sed 's#"events": 20,#"events": "20",#' "$T/base.json" >"$T/type.json"
run -q --baseline "$T/type.json" "$T/base.txt"
expect_rc 2 "a member of the wrong type"
has "names the member" "$T/err" "member 'totals.events' is not a count"
run -q --baseline "$T/none.json" "$T/base.txt"
expect_rc 2 "a baseline that does not exist"
run -q --tolerance 5 "$T/base.txt"
expect_rc 2 "--tolerance without --baseline"
for bad in abc 10%% -1 1.2345 '' 5x; do
	run -q --baseline "$T/base.json" --tolerance "$bad" "$T/base.txt"
	expect_rc 2 "--tolerance '$bad'"
done
finish
