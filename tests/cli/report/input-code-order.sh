# An input's codes come in the report's order (codes ascending, then
# names outside the enum by name) whatever the order they were first
# seen in: a few codes are sorted by insertion, more than 16 by qsort
# (report.c, wdl_input_sorted). Each input is checked against the
# report-wide list, which is sorted on its own.
. "$(dirname "$0")/../lib.sh"
need_python
set +e

for k in 2 3 5 9 16 17 40; do
	"$PYTHON" - "$k" > "$T/in$k.log" <<'PY'
import random, sys
k = int(sys.argv[1])
random.seed(k)
vals = [str(c) for c in random.sample(range(0, 45), k - 2)]
vals += ["2147483649", "WDI_ASSOC_STATUS_ZZZ" if k % 2 else "WDI_ASSOC_STATUS_AAA"]
if k > 3:
    vals[0] = "WDI_ASSOC_STATUS_MMM"
random.shuffle(vals)
for i, v in enumerate(vals * 2):
    print("[0]0888.0D60::10/23/2003-12:%02d:%02d.000 [w]AssocStatus=%s" % (i // 60, i % 60, v))
PY
	run -q -f json "$T/in$k.log"
	n=$(jget "$T/out" "len(j['inputs'][0]['codes'])")
	expect_eq "$k codes: all listed for the input" "$n" "$k"
	order=$(jget "$T/out" "[c['name'] for c in j['inputs'][0]['codes']] == [c['name'] for c in j['codes']]")
	expect_eq "$k codes: the input lists them in the report's order" "$order" true
	nums=$(jget "$T/out" "[c['code'] for c in j['inputs'][0]['codes'] if c['code'] is not None] == sorted(c['code'] for c in j['inputs'][0]['codes'] if c['code'] is not None)")
	expect_eq "$k codes: numbered codes ascending" "$nums" true
done
finish
