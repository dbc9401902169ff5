# A report whose phase or peer 'first' is later than its 'last' only by a
# fraction of a second is refused when loaded, as one later by seconds is
# (the check compared whole seconds, and a merge then swapped the two;
# fuzz_report found it): merge says so and exits 2.
. "$(dirname "$0")/../lib.sh"
need_python
set +e

run -q -f json "$SAMPLES/eventlog.txt"
expect_rc 0 "a report of the sample"
cp "$T/out" "$T/r.json"
run merge -q -f json "$T/r.json"
expect_rc 0 "the report as written merges"

# 'first' a millisecond past 'last', in the same second
later='
def later(t):
    head, frac = t.split(".")
    digits = "".join(c for c in frac if c.isdigit())
    return "%s.%0*d%s" % (head, len(digits), int(digits) + 1, frac[len(digits):])
'
edit_report phase "$later
p = next(p for p in r['phases'].values() if p['last'] and '.' in p['last'])
p['first'] = later(p['last'])"
merge_refused phase "is later than its 'last'" \
	"a phase's first a millisecond past its last is refused"
edit_report peer "$later
p = next(p for p in r['peers'] if '.' in p['last'])
p['first'] = later(p['last'])"
merge_refused peer "is later than its 'last'" \
	"a peer's first a millisecond past its last is refused"
finish
