#!/bin/sh
# wdilog merge keeps peers and bursts (issue 15). The loader checks the
# members an exact merge needs and refuses a report whose counts do not
# add up (exit 2, the member named); a burst belongs to its input, so one
# run over two inputs and the merge of their reports give the same bursts
# even when a storm runs across the boundary; a merged part past the peer
# limit makes peers_exact false, said alike in every format.
. "$(dirname "$0")/../lib.sh"
set +e
need_python

cd "$SAMPLES" || exit 1
"$WDILOG" -q -f json tracefmt-default.txt real-raw-control.xml wevtutil-events.xml \
	>"$T/r.json"
"$WDILOG" merge -q "$T/r.json" >/dev/null 2>"$T/err"
expect_eq "the untouched report loads" "$?" 0

edit_report codes "p = r['no_peer']; p['failure_codes'][0]['count'] += 1"
merge_refused codes "no_peer.failures" "per-peer failure codes not adding up to failures"
edit_report other "r['peers'][0]['other_failures'] = 1"
merge_refused other "peers[0].failures" "other_failures past the peer's failures"
edit_report phases "r['peers'][0]['phases']['probe'] += 1"
merge_refused phases "peers[0].statuses" "per-peer phases not adding up to statuses"
edit_report totals "p = r['peers'][0]; p['statuses'] += 1; p['phases']['success'] += 1"
merge_refused totals "'peers'" "peers not adding up to totals"
edit_report twice "r['peers'].append(r['peers'][0])"
merge_refused twice "names a peer twice" "a peer listed twice"
edit_report nocode "r['no_peer']['failure_codes'][0]['code'] = 777"
merge_refused nocode "missing from 'codes'" "a per-peer code the report lacks"
edit_report binput "r['bursts']['list'][0]['input'] = 'elsewhere.txt'"
merge_refused binput "bursts.list[0].input" "a burst of an input the report lacks"
edit_report bcodes "r['bursts']['list'][0]['codes'][0]['count'] += 1"
merge_refused bcodes "bursts.list[0].failures" "burst codes not adding up to its failures"
edit_report bexact "del r['bursts']['exact']"
merge_refused bexact "bursts.exact" "bursts without exact"
edit_report sdup "r['ssids']['list'].append(dict(r['ssids']['list'][0]))"
merge_refused sdup "repeats a value" "an SSID listed twice"
edit_report sfail "r['ssids']['list'][0]['failures'] = r['ssids']['list'][0]['records'] + 1"
merge_refused sfail "ssids.list[0]" "an SSID with more failures than records"
edit_report dother "r['dot11']['status_codes_other'] = {'records': 1, 'failures': 0}"
merge_refused dother "status_codes_other" "an other row while the table has room"
edit_report dcode "r['dot11']['status_codes'][0]['code'] = 70000"
merge_refused dcode "status_codes[0]" "an 802.11 code past 16 bits"
edit_report nopeers "del r['peers']"
merge_refused nopeers "'peers'" "dot11 present but peers missing"
# an older report (no dot11): loads, peers and bursts not known
edit_report old "
for k in ('dot11', 'ssids', 'peers_exact'): del r[k]
for p in r['peers'] + [r['no_peer']]: del p['failure_codes'], p['other_failures']
"
run merge -q -f json "$T/old.json"
expect_rc 0 "an older report loads"
has "its peers are not known" "$T/out" '"peers": null'

# a storm across two inputs: 3 failures at the end of one, 3 at the start
# of the next, within 10 s; no input has 5, so there is no burst, in one
# run as in the merge
p='[0]0888.0D60::10/23/2003-12:27'
for s in 01 02 03; do printf '%s:%s.000 [d]AssocStatus=31\n' "$p" "$s"; done >"$T/a.txt"
for s in 04 05 06; do printf '%s:%s.000 [d]AssocStatus=31\n' "$p" "$s"; done >"$T/b.txt"
"$WDILOG" -q -f json -o "$T/ab.json" "$T/a.txt" "$T/b.txt"
"$WDILOG" -q -f json -o "$T/a.json" "$T/a.txt"
"$WDILOG" -q -f json -o "$T/b.json" "$T/b.txt"
run merge -q -f json -o "$T/m.json" "$T/a.json" "$T/b.json"
expect_eq "one run: no burst across inputs" "$(jget "$T/ab.json" 'len(j["bursts"]["list"])')" 0
same_merged "merge = one run" "$T/m.json" "$T/ab.json"
# a storm inside one input stays a burst, named by its input, after a merge
for s in 07 08 09 10 11; do printf '%s:%s.000 [d]AssocStatus=41\n' "$p" "$s"; done >>"$T/b.txt"
"$WDILOG" -q -f json -o "$T/ab.json" "$T/a.txt" "$T/b.txt"
"$WDILOG" -q -f json -o "$T/b.json" "$T/b.txt"
run merge -q -f json -o "$T/m.json" "$T/a.json" "$T/b.json"
expect_eq "the burst of b.txt" "$(jget "$T/m.json" '[(b["failures"], b["input"].endswith("b.txt")) for b in j["bursts"]["list"]]')" "[[8, true]]"
same_merged "merge = one run, with a burst" "$T/m.json" "$T/ab.json"

# a part past the peer limit merged into another: peers_exact false, and
# every format says so alike
edit_report past "
p = r['no_peer']
r['peers_past_limit'] = dict(p)
r['no_peer'] = {'statuses': 0, 'failures': 0, 'phases': {k: 0 for k in p['phases']}, 'first': None, 'last': None, 'dominant_failure': None, 'failure_codes': [], 'other_failures': 0}
"
run merge -q -f json "$T/r.json" "$T/past.json" -o "$T/pm.json"
expect_rc 0 "merge with a capped part"
expect_eq "peers_exact false" "$(jget "$T/pm.json" 'j["peers_exact"]')" false
run merge -q -f json "$T/past.json" -o "$T/p1.json"
expect_eq "a capped report alone is still exact" "$(jget "$T/p1.json" 'j["peers_exact"]')" true
note="not exact: a merged part had reached this table's limit"
run merge -q -f text --by=peer "$T/r.json" "$T/past.json"
has "text: not-exact note" "$T/out" "$note"
run merge -q -f html "$T/r.json" "$T/past.json"
sed -n '/<section id="peers">/,/<\/section>/p' "$T/out" >"$T/peers"
has "HTML: not-exact note" "$T/peers" "$note"
run merge -q -f markdown "$T/r.json" "$T/past.json"
has "Markdown: not-exact note" "$T/out" "Peers: $note"

finish
