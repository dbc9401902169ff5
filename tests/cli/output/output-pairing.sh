# How -f/--format pairs with -o/--output: a -f applies to the -o after it;
# a single -f and a single -o pair in either order; a trailing -f writes to
# standard output.
. "$(dirname "$0")/../lib.sh"
need_python

is_json() {
	"$PYTHON" -c 'import json,sys; json.load(open(sys.argv[1]))' "$1" 2>/dev/null
}

is_text() {
	grep -q '^wdilog: ' "$1" && ! is_json "$1"
}

S=$SAMPLES/eventlog.txt
run -q -f json -o "$T/a" "$S"
expect_rc 0 "-f json -o A"
check "-f json -o A: A is JSON" is_json "$T/a"
check "-f json -o A: stdout empty" is_empty "$T/out"

rm -f "$T/a"
run -q -o "$T/a" -f json "$S"
expect_rc 0 "-o A -f json"
check "-o A -f json: A is JSON (a single pair, any order)" is_json "$T/a"
check "-o A -f json: stdout empty" is_empty "$T/out"

rm -f "$T/a"
run -q -o "$T/a" "$S"
expect_rc 0 "-o A"
check "-o A: A is text" is_text "$T/a"

rm -f "$T/a" "$T/b"
run -q -f json -o "$T/a" -f text -o "$T/b" "$S"
expect_rc 0 "-f json -o A -f text -o B"
check "A is JSON" is_json "$T/a"
check "B is text" is_text "$T/b"
check "stdout empty" is_empty "$T/out"

rm -f "$T/a" "$T/b"
run -q -f text -o "$T/a" -f json "$S"
expect_rc 0 "-f text -o A -f json"
check "A is text" is_text "$T/a"
check "the trailing -f json goes to stdout" is_json "$T/out"

rm -f "$T/a" "$T/b"
run -q --output="$T/a" --format=json --output="$T/b" "$S"
expect_rc 0 "-o A -f json -o B"
check "A is text (the -f came after it)" is_text "$T/a"
check "B is JSON" is_json "$T/b"

run -q --format=json "$S"
check "--format=json alone: JSON on stdout" is_json "$T/out"
run -q "$S"
check "no -f: text on stdout" is_text "$T/out"
finish
