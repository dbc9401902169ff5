#!/bin/sh
# A gate check is worded once (wdilog_gate_check_describe): the verdict
# lines on standard error and the GitHub annotations say the same sentence
# for limit rules and for baseline checks.
. "$(dirname "$0")/../lib.sh"
# this case reads the status of the commands it runs itself (not set -e)
set +e

trace "$T/base.txt" 20 31 31 41
"$WDILOG" -q -f json -o "$T/base.json" "$T/base.txt" || fail "baseline written"
trace "$T/more.txt" 20 31 31 31 31 30 41 MADEUP

# the sentence of each check, from both outputs
"$WDILOG" -f github --max-failures 1 --max-malformed 0 --baseline "$T/base.json" \
	"$T/more.txt" >"$T/gh" 2>"$T/err"
sed -n 's/^::error title=wdilog [a-z]*:://p' "$T/gh" >"$T/gh.lines"
sed -n 's/^wdilog: gate: \(baseline: \)\{0,1\}\(.*\): FAILED$/\2/p' "$T/err" >"$T/err.lines"
same "stderr and GitHub word every failed check alike" "$T/gh.lines" "$T/err.lines"
has "limit rule" "$T/err" "wdilog: gate: max-failures: 6 status records counted, limit 1: FAILED"
has "malformed rule, one value: singular" "$T/err.lines" "max-malformed: 1 malformed status value, limit 0"
has "baseline code check: counts first" "$T/err" \
	"wdilog: gate: baseline: 1 record of 30 WDI_ASSOC_STATUS_PROBE_TX_FAILURE, 0 in the baseline: new, limit 0: FAILED"
has "baseline phase check" "$T/err.lines" "5 records of phase probe, 2 in the baseline: above, limit 2"

# event totals differ (20 and 21 events): rates are compared, and the
# sentence still says the counts, the rate beside them
trace "$T/longer.txt" 40 31 31 31 31 31 31 51 51 51
"$WDILOG" --baseline "$T/base.json" "$T/longer.txt" >/dev/null 2>"$T/rate"
has "a new code by rate: counts with the rate beside" "$T/rate" \
	"wdilog: gate: baseline: 3 records of 51 WDI_ASSOC_STATUS_NO_ASSOC_RESPONSE (75 per 1,000 events), 0 in the baseline (0 per 1,000 events): new, limit 0 per 1,000 events: FAILED"
has "a phase by rate: counts with the rates beside" "$T/rate" \
	"6 records of phase probe (150 per 1,000 events), 2 in the baseline (100 per 1,000 events): above, limit 100 per 1,000 events"
lacks "no rate alone" "$T/rate" " now, "

# min- rules: the count, the minimum, singular for one
trace "$T/one.txt" 1
run --min-events 2 --min-statuses 1 "$T/one.txt"
has "min-events, one event: singular" "$T/err" "wdilog: gate: min-events: 1 event read, at least 2 needed: FAILED"
has "min-statuses" "$T/err" "wdilog: gate: min-statuses: 0 status records read, at least 1 needed: FAILED"
run --max-failures 0 --fail-on 31 "$T/base.txt"
has "max-failures, plural" "$T/err" "max-failures: 2 status records counted, limit 0"
trace "$T/one31.txt" 1 31
run --max-failures 0 "$T/one31.txt"
has "max-failures, one record: singular" "$T/err" "max-failures: 1 status record counted, limit 0"

lines=$(wc -l <"$T/gh.lines")
[ "$lines" -ge 3 ] && ok "three or more failed checks compared" || fail "only $lines checks"

finish
