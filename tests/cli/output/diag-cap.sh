# Diagnostics: the first 20 in full (wdilog: PATH:LINE: message), then one
# line counting the rest; --quiet shows none and changes nothing else.
. "$(dirname "$0")/../lib.sh"
need_python

# gen FILE N: N lines, each with one malformed status value
gen() {
	i=1
	while [ "$i" -le "$2" ]; do
		printf 'line %d: AssocStatus=zzz\n' "$i"
		i=$((i + 1))
	done >"$1"
}

gen "$T/m30.txt" 30
run --format json "$T/m30.txt"
expect_rc 0 "30 malformed values"
expect_eq "30 malformed: counted" "$(jget "$T/out" 'j["totals"]["malformed"]')" 30
expect_eq "30 malformed: 21 stderr lines" "$(nlines "$T/err")" 21
n=$(grep -c -E "^wdilog: $T/m30\\.txt:[0-9]+: " "$T/err" || true)
expect_eq "30 malformed: 20 diagnostics with path and line" "$n" 20
expect_eq "30 malformed: the first names line 1" \
	"$(head -n 1 "$T/err" | sed -E 's/^wdilog: [^:]*:([0-9]+):.*/\1/')" 1
expect_eq "30 malformed: the 20th names line 20" \
	"$(sed -n 20p "$T/err" | sed -E 's/^wdilog: [^:]*:([0-9]+):.*/\1/')" 20
check "30 malformed: the last line counts the rest" \
	grep -q -x 'wdilog: 10 more diagnostics not shown: 10 unreadable values' "$T/err"
cp "$T/out" "$T/loud.json"

run -q --format json "$T/m30.txt"
expect_rc 0 "--quiet"
check "--quiet: stderr empty" is_empty "$T/err"
check "--quiet: same report" cmp -s "$T/loud.json" "$T/out"
run --quiet "$T/m30.txt"
check "--quiet (long): stderr empty" is_empty "$T/err"

gen "$T/m20.txt" 20
run "$T/m20.txt"
expect_eq "exactly 20: no count line" "$(nlines "$T/err")" 20

# the cap is over the whole run, not per input
gen "$T/m15.txt" 15
run "$T/m15.txt" "$T/m15.txt"
expect_eq "two inputs of 15: 21 lines" "$(nlines "$T/err")" 21
check "two inputs of 15: 10 more" \
	grep -q -x 'wdilog: 10 more diagnostics not shown: 10 unreadable values' "$T/err"
finish
