# The limit options take any count up to UINT64_MAX, and no more.
. "$(dirname "$0")/../lib.sh"

for o in --max-failures --max-malformed --max-damaged; do
	run -q $o 18446744073709551615 "$D"
	check "$o 18446744073709551615 is accepted" test "$rc" -ne 2
	run -q $o 18446744073709551616 "$D"
	expect_rc 2 "$o 18446744073709551616 is past the range"
	run -q $o 99999999999999999999 "$D"
	expect_rc 2 "$o 99999999999999999999 is past the range"
done
run -q --max-failures 18446744073709551615 --format json -o "$T/r.json" "$D"
check "the largest limit passes the failures check" test "$rc" -eq 0
finish
