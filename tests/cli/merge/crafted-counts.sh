#!/bin/sh
# Counts in a loaded report never wrap (issue 11 item 11): a report whose
# counts do not add up, or whose sums would pass 2^63-1, is refused with
# exit 2 and the member named; a merge whose sum passes 2^63-1 fails the
# same way; the gate never reads a huge count as a small one, and the text
# timeline draws it as the same bars.
. "$(dirname "$0")/../lib.sh"
set +e

"$WDILOG" -q -f json "$D" > "$T/r.json"
if [ $? -ne 0 ]; then
	fail "a report of $D"
	finish
fi

check "the untouched report loads" "$WDILOG" merge -q "$T/r.json" -o "$T/m.json"

# 2^64-2 failures split over two codes: each fits, the sum wraps
edit_report wrap "
r['codes'][0]['count'] = 9223372036854775807
r['codes'].append(dict(r['codes'][0]))
r['codes'][1]['code'] = 77777
"
# refused NAME MEMBER WHAT: loading NAME.json exits 2 naming 'MEMBER'
refused() { merge_refused "$1" "'$2'" "$3"; }

refused wrap codes "code counts summing past 2^63-1 are refused"

edit_report fail-gt "
r['totals']['failures'] = r['totals']['statuses'] + 1
"
refused fail-gt totals.statuses "more failures than status records is refused"

edit_report events "
r['totals']['events'] += 1
"
refused events totals.events "events that are not the sum of their kinds are refused"

edit_report phase "
r['phases']['auth']['statuses'] += 1
"
refused phase totals.statuses "phase counts that do not add up are refused"

edit_report input "
r['inputs'][0]['damaged'] += 1
"
refused input totals.damaged "per-input counts that do not add up are refused"

edit_report phasefail "
r['phases']['auth']['failures'] = r['phases']['auth']['statuses'] + 1
"
refused phasefail phases.auth.failures "a phase with more failures than statuses is refused"

edit_report order "
r['phases']['auth']['first'] = '9999-12-31T23:59:59'
r['phases']['auth']['last'] = '4999-12-31T23:59:59'
"
refused order phases.auth.first "a phase whose first is after its last is refused"

# a consistent report scaled so that events is just under 2^63: it loads,
# two of it merge past 2^63-1
scale="
q = 9223372036854775807 // r['totals']['events']
for o in [r['totals']] + r['inputs']:
    for k in list(o):
        if isinstance(o[k], int) and not isinstance(o[k], bool) and o[k]:
            o[k] = o[k] * q
for p in r['phases'].values():
    p['statuses'] *= q; p['failures'] *= q
for c in r['codes']:
    c['count'] *= q
for i in r['inputs']:
    for c in i.get('codes', []):
        c['count'] *= q
for g in r.get('undecoded_guids', []):
    g['count'] *= q
for b in r.get('timeline', {}).get('buckets', []):
    for k in r['phases']:
        b[k] *= q
for p in r['peers'] + [r['no_peer'], r['peers_past_limit'] or {}]:
    for k in ('statuses', 'failures', 'other_failures'):
        if k in p: p[k] *= q
    for k in p.get('phases', {}): p['phases'][k] *= q
    for c in p.get('failure_codes', []): c['count'] *= q
for b in r['bursts']['list']:
    b['failures'] *= q; b['other'] *= q
    for c in b['codes']: c['count'] *= q
for t in (r['dot11']['status_codes'], r['dot11']['reason_codes'], r['ssids']['list']):
    for row in t:
        row['records'] *= q; row['failures'] *= q
"
edit_report huge "$scale"
"$WDILOG" merge -q "$T/huge.json" > /dev/null 2> "$T/err"
rc=$?
if [ "$rc" -eq 1 ] || [ "$rc" -eq 0 ]; then
	ok "a consistent report of counts near 2^63 loads"
else
	fail "a consistent report of counts near 2^63 loads (exit $rc: $(cat "$T/err"))"
fi
"$WDILOG" merge -q "$T/huge.json" "$T/huge.json" > "$T/out" 2> "$T/err"
rc=$?
if [ "$rc" -eq 2 ] && [ ! -s "$T/out" ]; then
	ok "a merge whose sums pass 2^63-1 fails with exit 2"
else
	fail "a merge whose sums pass 2^63-1 fails with exit 2 (exit $rc: $(cat "$T/err"))"
fi
if grep -q "passes 2^63-1" "$T/err" && ! grep -q "out of memory" "$T/err"; then
	ok "the merge error names the sum that passes 2^63-1"
else
	fail "the merge error names the sum: $(cat "$T/err")"
fi
# the gate: huge failures never pass --max-failures 0 and are not shown small
"$WDILOG" merge --max-failures 0 "$T/huge.json" > /dev/null 2> "$T/err"
rc=$?
if [ "$rc" -eq 1 ] && ! grep -q "max-failures: 0 " "$T/err"; then
	ok "huge failure counts fail --max-failures 0 and are not shown as 0"
else
	fail "huge failure counts fail --max-failures 0 (exit $rc: $(cat "$T/err"))"
fi
# the text timeline of counts near 2^63 has the bars of the counts it
# was scaled from: a sample whose busiest bucket holds 40% of its events,
# where 7 x that count wrapped and the bars came out wrong
bars() {
	"$WDILOG" merge -q -f text --color=never --width=400 "$1" |
		sed -n '/^TIMELINE/,/^$/p' | grep '|' | sed 's/| [0-9]*$//'
}
"$WDILOG" -q -f json "$SAMPLES/real-textanalysistool.txt" > "$T/r.json"
edit_report tall "$scale"
bars "$T/r.json" > "$T/bars-small"
bars "$T/tall.json" > "$T/bars-tall"
if [ -s "$T/bars-small" ] && cmp -s "$T/bars-small" "$T/bars-tall"; then
	ok "the text timeline of counts near 2^63 has the same bars"
else
	fail "the text timeline of counts near 2^63 has the same bars: $(diff "$T/bars-small" "$T/bars-tall")"
fi
finish
