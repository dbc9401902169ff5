# Diagnostics are ranked and deterministic: a damaged event, an input cut
# short and an unreadable input are shown even after many minor
# warnings, the same lines in the same order whatever --jobs, and the
# ones left out are counted by kind.
. "$(dirname "$0")/../lib.sh"

mkdir "$T/in"
i=10
while [ "$i" -lt 40 ]; do
	printf 'line 1: AssocStatus=zzz\nline 2: AssocStatus=yyy\n' >"$T/in/m$i.txt"
	i=$((i + 1))
done
# the last input: one event with a NUL byte (damaged)
printf 'line 1: AssocStatus=5 \000 here\n' >"$T/in/z-damaged.txt"

run -j 1 "$T/in"
expect_rc 0 "30 inputs of minor warnings and a damaged one, -j 1"
cp "$T/err" "$T/err1"
check "-j 1: the damaged event is shown" \
	grep -q "z-damaged.txt:1: NUL byte in line" "$T/err1"
check "-j 1: it comes first" sh -c "head -n 1 '$T/err1' | grep -q z-damaged"
check "-j 1: the rest counted by kind" \
	grep -q -x 'wdilog: 41 more diagnostics not shown: 41 unreadable values' "$T/err1"
expect_eq "-j 1: 20 shown and the count" "$(nlines "$T/err1")" 21
check "-j 1: minor ones in input order" \
	sh -c "sed -n 2p '$T/err1' | grep -q 'm10.txt:1:' && sed -n 3p '$T/err1' | grep -q 'm10.txt:2:' && sed -n 4p '$T/err1' | grep -q 'm11.txt:1:'"

n=0
while [ "$n" -lt 3 ]; do
	run -j 4 "$T/in"
	check "-j 4 (run $n): stderr identical to -j 1" cmp -s "$T/err1" "$T/err"
	n=$((n + 1))
done

# an input cut short outranks the minor warnings too
cp "$SAMPLES/tracerpt-truncated.xml" "$T/in/y-cut.xml"
run -j 4 "$T/in"
check "an input cut short is shown" grep -q "y-cut.xml" "$T/err"
cp "$T/err" "$T/errc"
run -j 1 "$T/in"
check "with it, -j 4 and -j 1 alike" cmp -s "$T/errc" "$T/err"

# an unreadable input is always shown
run -j 4 "$T/in" "$T/missing.txt"
check "an unreadable input is shown" grep -q "missing.txt: cannot open" "$T/err"
finish
