#!/bin/sh
# GitHub workflow commands: an ::error per failed rule and per failing
# status record with file and line, at most 10 (GitHub's per-step limit)
# and a ::notice that counts the rest; properties and data escaped as
# the workflow command syntax requires.
. "$(dirname "$0")/../lib.sh"
# this case reads the status of the commands it runs itself (not set -e)
set +e
cd "$SAMPLES" || exit 1

run -q --fail-on 31 -f github tracefmt-default.txt
expect_rc 1 "a failing gate"
cat >"$T/want" <<'X'
::error title=wdilog gate::max-failures: 4 status records counted, limit 0
::error file=tracefmt-default.txt,line=4,title=wdilog probe failure::WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE (31): probe phase, failure
::error file=tracefmt-default.txt,line=5,title=wdilog probe failure::WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE (31): probe phase, failure
::error file=tracefmt-default.txt,line=12,title=wdilog probe failure::WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE (31): probe phase, failure
::error file=tracefmt-default.txt,line=47,title=wdilog probe failure::WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE (31): probe phase, failure
::notice title=wdilog::gate failed: 1 input, 43 events, 21 status records (15 failures, 2 unknown), 6 malformed values, 0 damaged events
X
same "one error per failing record, in line order, and a notice" "$T/want" "$T/out"

run -q --max-failures 0 -f github tracefmt-default.txt eventlog.txt
expect_eq "at most 10 errors" "$(grep -c '^::error' "$T/out")" 10
has "records in line order" "$T/out" "::error file=tracefmt-default.txt,line=4,"
# 20 records counted, 9 annotated after the rule's own error
has "the rest counted" "$T/out" "; 11 more failing records not annotated"
expect_eq "notice last" "$(tail -n 1 "$T/out" | cut -c1-20)" "::notice title=wdilo"

run -q --fail-on unknown -f github tracefmt-default.txt
has "an unknown number" "$T/out" "::error file=tracefmt-default.txt,line=21,title=wdilog unknown unknown::status 99 (not in the enum): unknown phase, unknown"
has "an unknown name" "$T/out" "::error file=tracefmt-default.txt,line=22,title=wdilog unknown unknown::WDI_ASSOC_STATUS_MADE_UP_REASON: unknown phase, unknown"

run -q --max-failures 100 -f github eventlog.txt
expect_rc 0 "a passing gate"
expect_eq "no errors" "$(grep -c '^::error' "$T/out")" 0
has "warnings for counted records" "$T/out" "::warning file=eventlog.txt,line=24,title=wdilog assoc failure::WDI_ASSOC_STATUS_NO_ASSOC_RESPONSE (51): assoc phase, failure"
has "passing notice" "$T/out" "::notice title=wdilog::gate passed: 1 input, 15 events"

run -q --max-malformed 0 -f github eventlog.txt
has "a rule without records" "$T/out" "::error title=wdilog gate::max-malformed: 1 malformed status value, limit 0"

weird=$(printf 'a,b:c%%d\nx.txt')
printf '[0]0888.0D60::10/23/2003-12:27:40.173 [drv]AssocStatus=31\r\n' >"$T/$weird"
run -q --max-failures 0 -f github "$T/$weird"
has "properties escape , : % and newline" "$T/out" "a%2Cb%3Ac%25d%0Ax.txt,line=1,title=wdilog probe failure::"
finish
