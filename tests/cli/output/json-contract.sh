# Every formats.md section 6 member is in the JSON report, and the counts
# agree (events = with_status + without_status + undecoded + damaged, ...),
# for every sample alone, for samples/ as a whole, and for odd inputs.
. "$(dirname "$0")/../lib.sh"
need_python

n=0
for f in "$SAMPLES"/*; do
	[ -f "$f" ] || continue   # samples/expected/ holds the golden reports
	n=$((n + 1))
	"$WDILOG" -q --format json "$f" >"$T/r$n.json" || true
	check "$(basename "$f"): contract" "$PYTHON" "$CLI_DIR/contract.py" "$T/r$n.json"
	"$WDILOG" -q --day-first --format json "$f" >"$T/d$n.json" || true
	check "$(basename "$f") --day-first: contract" \
		"$PYTHON" "$CLI_DIR/contract.py" "$T/d$n.json"
done
run -q --format json "$SAMPLES"
check "samples/: contract" "$PYTHON" "$CLI_DIR/contract.py" "$T/out"
expect_eq "samples/: an input per file" "$(jget "$T/out" 'len(j["inputs"])')" "$n"

run_stdin /dev/null -q --format json
check "empty input: contract" "$PYTHON" "$CLI_DIR/contract.py" "$T/out"
run -q --format json "$SAMPLES/eventlog.txt" "$T/missing"
check "with an unreadable input: contract" "$PYTHON" "$CLI_DIR/contract.py" "$T/out"

# the checker itself must catch a broken sum
sed 's/"damaged": 0,/"damaged": 1,/' "$T/r1.json" >"$T/broken.json"
if cmp -s "$T/r1.json" "$T/broken.json"; then
	fail "could not make a broken report to test the checker"
else
	check "the checker rejects a report whose sums are off" \
		sh -c '! "$1" "$2" "$3" >/dev/null' _ "$PYTHON" "$CLI_DIR/contract.py" "$T/broken.json"
fi
finish
