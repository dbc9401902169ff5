# --full-parse runs everything through the slow, plain rules: the report
# must be identical to the fast path's for every sample.
. "$(dirname "$0")/../lib.sh"

for f in "$SAMPLES"/*; do
	s=$(basename "$f")
	"$WDILOG" -q --format json "$f" >"$T/fast.json" 2>/dev/null || true
	run -q --format json --full-parse "$f"
	check "$s: --full-parse report = fast report" cmp -s "$T/fast.json" "$T/out"
done
run -q --format json --full-parse "$SAMPLES"
expect_rc 0 "--full-parse on samples/"
finish
