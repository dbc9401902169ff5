# A report that cannot be written to standard output is a failure (exit 2),
# not a silent success.
. "$(dirname "$0")/../lib.sh"

[ -c /dev/full ] || skip "no /dev/full"
for fmt in text json; do
	rc=0
	"$WDILOG" -q --format "$fmt" "$SAMPLES/eventlog.txt" >/dev/full 2>"$T/err" || rc=$?
	expect_rc 2 "--format $fmt > /dev/full"
	check "--format $fmt > /dev/full: says the write failed" grep -q '^wdilog: ' "$T/err"
done
rc=0
"$WDILOG" --help >/dev/full 2>"$T/err" || rc=$?
expect_rc 2 "--help > /dev/full"
rc=0
"$WDILOG" --version >/dev/full 2>"$T/err" || rc=$?
expect_rc 2 "--version > /dev/full"
finish
