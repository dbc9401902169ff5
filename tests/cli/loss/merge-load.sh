#!/bin/sh
# The new members travel through saved reports: merge sums events_lost
# and the flagged inputs exactly, a report written before them loads (as
# nothing lost, events_lost null), and an inconsistent one is refused
# naming the member.
. "$(dirname "$0")/../lib.sh"
need_python
# this case reads the status of the commands it runs itself (not set -e)
set +e

{ cat "$D"; echo "Processing completed   Buffers: 5, Events: 209, EventsLost: 3 :: Format Errors: 0, Unknowns: 0"; } >"$T/a.txt"
printf 'Total Events  Lost     2\n' >"$T/FmtSum.txt"
awk 'BEGIN { for (i = 1; i <= 3000; i++) printf "[0]0C34.2FF0::08/28/17-10:11:12.123 [drv]r %d AssocStatus=0x0\n", i }' | gzip -c >"$T/w.gz"
head -c 4000 "$T/w.gz" >"$T/cut.gz"
"$WDILOG" -q -f json -o "$T/a.json" "$T/a.txt" "$T/cut.gz"
"$WDILOG" -q -f json -o "$T/b.json" "$T/FmtSum.txt" "$T/cut.gz"
"$WDILOG" -q -f json -o "$T/c.json" "$D"

run merge -f json "$T/a.json" "$T/b.json"
expect_rc 0 "merge"
expect_eq "events_lost summed" "$(jget "$T/out" "j['totals']['events_lost']")" 5
expect_eq "truncated inputs summed" "$(jget "$T/out" "j['totals']['truncated_inputs']")" 2
expect_eq "each input keeps its flag" \
	"$(jget "$T/out" "[i['truncated'] for i in j['inputs']]")" "[false, true, false, true]"
run merge -f json "$T/c.json" "$T/c.json"
expect_eq "two reports that do not say: null" "$(jget "$T/out" "j['totals']['events_lost']")" null
run merge -f json "$T/c.json" "$T/a.json"
expect_eq "one that says: its count" "$(jget "$T/out" "j['totals']['events_lost']")" 3
run merge --strict "$T/a.json"
expect_rc 1 "a merged report with events lost fails --strict"

# an older report: none of the new members
"$PYTHON" - "$T/a.json" "$T/old.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
for k in ("repaired", "preamble_lines", "truncated_inputs",
          "lost_uncounted_inputs", "events_lost"):
    del j["totals"][k]
for i in j["inputs"]:
    for k in ("repaired", "preamble_lines", "events_lost", "truncated",
              "lost_uncounted"):
        del i[k]
json.dump(j, open(sys.argv[2], "w"))
PY
run merge -f json "$T/old.json"
expect_rc 0 "a report without the new members loads"
expect_eq "and says nothing about loss" "$(jget "$T/out" "j['totals']['events_lost']")" null
expect_eq "nothing truncated" "$(jget "$T/out" "j['totals']['truncated_inputs']")" 0

bad() { # DESCRIPTION PYTHON-EDIT MEMBER
	"$PYTHON" - "$T/a.json" "$T/bad.json" "$2" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(j, open(sys.argv[2], "w"))
PY
	run merge -f json "$T/bad.json"
	expect_rc 2 "$1"
	has "$1: names the member" "$T/err" "$3"
}
bad "a total that is not the inputs' sum" "j['totals']['events_lost'] = 4" "totals.events_lost"
bad "a total null while an input says" "j['totals']['events_lost'] = None" "totals.events_lost"
bad "a count that is not a count" "j['inputs'][0]['events_lost'] = 'x'" "inputs[0].events_lost"
bad "truncated not a boolean" "j['inputs'][1]['truncated'] = 1" "inputs[1].truncated"
bad "a flagged count that does not match" "j['totals']['truncated_inputs'] = 0" "totals.truncated_inputs"
bad "events_lost past 2^63-1" "j['inputs'][0]['events_lost'] = 2**63; j['totals']['events_lost'] = 2**63" "too big integer"
# two reports whose sum passes 2^63-1
"$PYTHON" - "$T/a.json" "$T/big.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["inputs"][0]["events_lost"] = 2**62 + 1
j["totals"]["events_lost"] = 2**62 + 1
json.dump(j, open(sys.argv[2], "w"))
PY
run merge -f json "$T/big.json" "$T/big.json"
expect_rc 2 "a merge whose events_lost passes 2^63-1"
has "names the member" "$T/err" "events_lost"
finish
