# Standard input: "-" and no operand both read it; the report is the same as
# for the file, except that the input is named "-".
. "$(dirname "$0")/../lib.sh"
need_python

# same_counts A B: the two JSON reports agree on everything but paths.
same_counts() {
	"$PYTHON" - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for r in (a, b):
    for i in r["inputs"]:
        i["path"] = "-"
    for x in (r.get("bursts") or {}).get("list", []):
        x["input"] = "-"
sys.exit(0 if a == b else 1)
PY
}

for s in eventlog.txt tracefmt-default.txt tracerpt.xml wevtutil-events-utf16.xml \
	tracefmt-crlf-utf16le.txt; do
	"$WDILOG" -q --format json "$SAMPLES/$s" >"$T/file.json" || true
	rc=0
	cat "$SAMPLES/$s" | "$WDILOG" -q --format json - >"$T/out" 2>"$T/err" || rc=$?
	expect_rc 0 "cat $s | wdilog -"
	check "$s on stdin: same report as the file" same_counts "$T/file.json" "$T/out"
	expect_eq "$s on stdin: input named -" "$(jget "$T/out" 'j["inputs"][0]["path"]')" "-"
	run_stdin "$SAMPLES/$s" -q --format json
	expect_rc 0 "wdilog < $s (no operand)"
	check "$s with no operand: same report as the file" same_counts "$T/file.json" "$T/out"
done

# empty standard input: zero events, still a report
run_stdin /dev/null -q --format json -
expect_rc 0 "empty stdin"
expect_eq "empty stdin: no events" "$(jget "$T/out" 'j["totals"]["events"]')" 0
expect_eq "empty stdin: one input" "$(jget "$T/out" 'len(j["inputs"])')" 1
finish
