# Two -o naming one file (the same path, or two names of it) are a usage
# error before anything is read or written: one would overwrite the other.
. "$(dirname "$0")/../lib.sh"

run -q -f json -o "$T/r.json" -f text -o "$T/r.json" "$D"
expect_rc 2 "two -o, one path"
check "the usage error names the paths" grep -q "are one file" "$T/err"
check "nothing written" test ! -e "$T/r.json"

mkdir "$T/d"
run -q -f json -o "$T/r.json" -f text -o "$T/d/../r.json" "$D"
expect_rc 2 "two -o, two names of one file not yet created"

run -q -f json -o "$T/r.json" -f text -o "$T/r.txt" "$D"
expect_rc 0 "two -o, two files"
check "both written" test -s "$T/r.json" -a -s "$T/r.txt"
finish
