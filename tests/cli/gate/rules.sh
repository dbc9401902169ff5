#!/bin/sh
# Every gate rule passing and failing, and what --fail-on and --allow
# select. Counts are those of samples/EXPECTED.md: tracefmt-default.txt
# has 15 failure and 2 unknown records (probe 4, auth 4, assoc 2,
# general 1 + 1 benign, disassociate 4 + 2 benign, unknown 2) and 6
# malformed values; tracerpt-truncated.xml has 2 damaged events.
. "$(dirname "$0")/../lib.sh"
# this case reads the status of the commands it runs itself (not set -e)
set +e

rule() { # RULE LIMIT MEASURED PASSED: the JSON gate line
	printf '{"rule": "%s", "limit": %s, "measured": %s, "passed": %s}' "$@"
}

run -q -f json --max-failures 17 "$D"
expect_rc 0 "17 failure+unknown records within --max-failures 17"
has "gate object lists the rule" "$T/out" "$(rule max-failures 17 17 true)"
has "gate passed" "$T/out" '"passed": true,'

run -q -f json --max-failures 16 "$D"
expect_rc 1 "17 records over --max-failures 16"
has "failing rule in JSON" "$T/out" "$(rule max-failures 16 17 false)"
has "gate failed in JSON" "$T/out" '"passed": false,'

run -q -f json --fail-on auth,assoc --max-failures 6 "$D"
expect_rc 0 "--fail-on auth,assoc counts 6"
has "auth+assoc measured" "$T/out" "$(rule max-failures 6 6 true)"
run -q --fail-on auth,assoc --max-failures 5 "$D"
expect_rc 1 "--fail-on auth,assoc over 5"

run -q -f json --fail-on 31,WDI_ASSOC_STATUS_NO_AUTH_RESPONSE "$D"
expect_rc 1 "--fail-on code and name alone implies a limit of 0"
has "31 x4 + NO_AUTH_RESPONSE x1" "$T/out" "$(rule max-failures 0 5 false)"

run -q -f json --fail-on '0x1f, no_auth_response' --max-failures 5 "$D"
expect_rc 0 "hex code and short name in any case"
has "same 5 records" "$T/out" "$(rule max-failures 5 5 true)"

run -q -f json --fail-on 31 "$SAMPLES/eventlog.txt"
expect_rc 0 "--fail-on a code the input lacks"
has "nothing counted" "$T/out" "$(rule max-failures 0 0 true)"

run -q -f json --fail-on auth --fail-on 31 --max-failures 8 "$D"
expect_rc 0 "repeated --fail-on adds up"
has "auth 4 + probe 31 x4" "$T/out" "$(rule max-failures 8 8 true)"

run -q -f json --fail-on disassociate --max-failures 4 "$D"
expect_rc 0 "a phase counts its failures, not its benign codes"
has "15 x2, 13, 14 but not 7 and 10" "$T/out" "$(rule max-failures 4 4 true)"

run -q -f json --fail-on benign --max-failures 3 "$D"
expect_rc 0 "--fail-on benign"
has "5, 7 and 10" "$T/out" "$(rule max-failures 3 3 true)"

run -q -f json --fail-on 5 --max-failures 0 "$D"
expect_rc 1 "a benign code named explicitly counts"
has "ABORTED once" "$T/out" "$(rule max-failures 0 1 false)"

run -q -f json --fail-on unknown --max-failures 2 "$D"
expect_rc 0 "--fail-on unknown"
has "99 and the unknown name" "$T/out" "$(rule max-failures 2 2 true)"

run -q -f json --fail-on WDI_ASSOC_STATUS_MADE_UP_REASON "$D"
expect_rc 1 "an unknown name, spelled in full"
has "counted once" "$T/out" "$(rule max-failures 0 1 false)"

run -q -f json --allow 31,99,WDI_ASSOC_STATUS_MADE_UP_REASON --max-failures 11 "$D"
expect_rc 0 "--allow exempts codes and names"
has "17 - 4 - 1 - 1" "$T/out" "$(rule max-failures 11 11 true)"
run -q --allow 31 --allow 99 --max-failures 11 "$D"
expect_rc 1 "--allow repeated; 12 left over 11"
run -q -f json --fail-on probe --allow 0x1F "$D"
expect_rc 0 "--allow wins over --fail-on"

run -q -f json --allow 31 "$D"
expect_rc 0 "--allow alone asks no gate"
has "no gate is null" "$T/out" '"gate": null,'
run -q -f json "$D"
expect_rc 0 "no rule"
has "no gate is null" "$T/out" '"gate": null,'

for bad in bogus 31,,32 MADE_UP_REASON 0x100000000 ' ' -1; do
	run -q --fail-on "$bad" "$D"
	expect_rc 2 "--fail-on '$bad' is a usage error"
done
has "names the bad item" "$T/err" "--fail-on: '-1' is not a phase, kind, status code or name"
run -q --allow auth "$D"
expect_rc 2 "--allow takes no phases"
has "says why" "$T/err" "'auth' is a phase"
for bad in -1 abc 1.5 '' 99999999999999999999; do
	run -q --max-failures "$bad" "$D"
	expect_rc 2 "--max-failures '$bad' is a usage error"
done

run -q -f json --max-malformed 6 "$D"
expect_rc 0 "6 malformed within --max-malformed 6"
has "malformed rule" "$T/out" "$(rule max-malformed 6 6 true)"
run -q -f json --max-malformed 5 "$D"
expect_rc 1 "6 malformed over 5"
has "malformed rule fails" "$T/out" "$(rule max-malformed 5 6 false)"

run -q -f json --max-damaged 2 "$SAMPLES/tracerpt-truncated.xml"
expect_rc 0 "2 damaged within --max-damaged 2"
has "damaged rule" "$T/out" "$(rule max-damaged 2 2 true)"
run -q -f json --max-damaged 1 "$SAMPLES/tracerpt-truncated.xml"
expect_rc 1 "2 damaged over 1"
has "damaged rule fails" "$T/out" "$(rule max-damaged 1 2 false)"

run -q -f json --strict "$D"
expect_rc 1 "--strict on a sample with failures"
has "strict failures" "$T/out" "$(rule max-failures 0 17 false)"
has "strict malformed" "$T/out" "$(rule max-malformed 0 6 false)"
has "strict damaged" "$T/out" "$(rule max-damaged 0 0 true)"
trace "$T/clean.txt" 5 0 0 7
run -q -f json --strict "$T/clean.txt"
expect_rc 0 "--strict on a clean trace (successes, benign)"
run -q --strict --max-failures 5 "$SAMPLES/wevtutil-events-utf16.xml"
expect_rc 0 "--strict with --max-failures given keeps 5"
run -q --strict "$SAMPLES/wevtutil-events-utf16.xml"
expect_rc 1 "--strict alone: 4 failures + 1 unknown"

run --max-failures 0 "$D"
expect_rc 1 "verdict on stderr"
has "failed rule named" "$T/err" "wdilog: gate: max-failures: 17 status records counted, limit 0: FAILED"
has "one verdict line" "$T/err" "wdilog: gate FAILED (1 of 1 check failed)"
run --max-failures 100 "$D"
has "passing verdict" "$T/err" "wdilog: gate passed (1 check)"
run -q --max-failures 0 "$D"
lacks "--quiet hides the verdict" "$T/err" "gate"

finish
