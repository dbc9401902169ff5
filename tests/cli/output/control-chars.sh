# Control characters from file names and file contents are escaped before
# they reach the terminal: a trace cannot move the cursor, recolour the
# screen or forge extra diagnostic lines.
. "$(dirname "$0")/../lib.sh"

esc=$(printf '\033')
nl='
'
name="ev${esc}[31mil${nl}wdilog: forged${esc}]0;title$(printf '\007')x.txt"
mkdir "$T/d"
{
	printf 'AssocStatus=zzz\n'
	printf 'AssocStatus=%s[2J\n' "$esc"
	printf 'RoamReason=%s\n' "$(printf '\001\002\177')"
	printf 'AssocStatus=31\n'
} >"$T/d/$name"

for fmt in text json; do
	run --format "$fmt" "$T/d/$name"
	expect_rc 0 "$fmt: a file name with control characters"
	check "$fmt: stderr has no raw control bytes" no_raw_control "$T/err" ||
		show "$T/err"
	check "$fmt: stdout has no raw control bytes" no_raw_control "$T/out"
	check "$fmt: no forged diagnostic line" no_grep '^wdilog: forged' "$T/err" "$T/out"
done
# the same through a directory walk, and for a missing file
run "$T/d"
expect_rc 0 "walk: a file name with control characters"
check "walk: stderr has no raw control bytes" no_raw_control "$T/err"
check "walk: stdout has no raw control bytes" no_raw_control "$T/out"
run "$T/no${esc}[31msuch${nl}file"
expect_rc 2 "a missing file with control characters"
check "missing: stderr has no raw control bytes" no_raw_control "$T/err"
check "missing: stdout has no raw control bytes" no_raw_control "$T/out"
run -o "$T/no/such${esc}dir/r.txt" "$T/d"
expect_rc 2 "-o with control characters"
check "-o: stderr has no raw control bytes" no_raw_control "$T/err"
# usage errors quote the bad argument: escaped too
run "--nope${esc}[2J"
expect_rc 2 "an unknown option with control characters"
check "unknown option: stderr has no raw control bytes" no_raw_control "$T/err"
run --key "a${esc}b" "$T/d"
expect_rc 2 "a --key with control characters"
check "--key: stderr has no raw control bytes" no_raw_control "$T/err"
run --fail-on "x${esc}[31m" "$T/d"
expect_rc 2 "a --fail-on with control characters"
check "--fail-on: stderr has no raw control bytes" no_raw_control "$T/err"
finish
