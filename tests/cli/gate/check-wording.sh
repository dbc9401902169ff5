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
has "malformed rule" "$T/err.lines" "max-malformed: 1 malformed status values, limit 0"
has "baseline code check" "$T/err" \
	"wdilog: gate: baseline: 30 WDI_ASSOC_STATUS_PROBE_TX_FAILURE new: 1 now, 0 in the baseline, limit 0: FAILED"
has "baseline phase check" "$T/err.lines" "phase probe above: 5 now, 2 in the baseline, limit 2"
lines=$(wc -l <"$T/gh.lines")
[ "$lines" -ge 3 ] && ok "three or more failed checks compared" || fail "only $lines checks"

finish
