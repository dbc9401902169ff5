# --help and -h: the whole help on stdout, exit 0, nothing on stderr, every
# line under 80 columns, every exit status and NO_COLOR mentioned.
. "$(dirname "$0")/../lib.sh"

for opt in --help -h; do
	run "$opt"
	expect_rc 0 "$opt"
	check "$opt: stderr empty" is_empty "$T/err"
	check "$opt: help on stdout" grep -q '^Usage: wdilog ' "$T/out"
	long=$(awk 'length($0) >= 80' "$T/out")
	expect_eq "$opt: lines of 80 columns or more" "$long" ""
	for code in 0 1 2; do
		check "$opt: exit status $code described" \
			grep -q "^ *$code  *[a-z]" "$T/out"
	done
	check "$opt: NO_COLOR described" grep -q 'NO_COLOR' "$T/out"
	check "$opt: standard input described" grep -q 'standard input' "$T/out"
done

# --help wins over everything else, even operands that do not exist
run --help /nonexistent/input
expect_rc 0 "--help with an operand"
check "--help with an operand: nothing read" is_empty "$T/err"
finish
