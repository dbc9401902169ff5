# -o: the report goes to the file, replaced atomically; a failed write
# exits 2 and leaves neither a partial report nor a temporary file.
. "$(dirname "$0")/../lib.sh"
need_python

# no_temp_left DIR: no "*.tmp.*" file (output.c's temporary) anywhere in DIR
no_temp_left() {
	[ -z "$(find "$1" -name '*.tmp.*')" ]
}

mkdir "$T/o"
run -q --format json -o "$T/o/r.json" "$SAMPLES/eventlog.txt"
expect_rc 0 "-o to a new file"
check "-o: stdout empty" is_empty "$T/out"
expect_eq "-o: the file holds the report" \
	"$(jget "$T/o/r.json" 'j["totals"]["events"]')" 15
check "-o: no temporary file left" no_temp_left "$T/o"
perm=$(ls -l "$T/o/r.json" | cut -c1-10)
expect_eq "-o: the report is readable by others" "$perm" "-rw-r--r--"

# replacing a longer file leaves exactly the new report
head -c 100000 /dev/zero | tr '\0' x >"$T/o/r.json"
"$WDILOG" -q --format json "$SAMPLES/eventlog.txt" >"$T/want.json"
run -q --format json -o "$T/o/r.json" "$SAMPLES/eventlog.txt"
expect_rc 0 "-o over an existing longer file"
check "-o over an existing file: same bytes as stdout" cmp -s "$T/want.json" "$T/o/r.json"
check "-o over an existing file: no temporary left" no_temp_left "$T/o"

# -o - is standard output
run -q --format json -o - "$SAMPLES/eventlog.txt"
expect_rc 0 "-o -"
check "-o - writes to stdout" cmp -s "$T/want.json" "$T/out"

# a directory that does not exist
run -q --format json -o /nonexistent/dir/r.json "$SAMPLES/eventlog.txt"
expect_rc 2 "-o into a missing directory"
check "-o into a missing directory: no file" [ ! -e /nonexistent/dir/r.json ]
check "-o into a missing directory: names the path" \
	grep -q -F '/nonexistent/dir/r.json' "$T/err"

# the target is a directory: the temporary file is written, the rename
# fails, and the temporary must go
mkdir "$T/o/target"
: >"$T/o/target/keep"
run -q --format json -o "$T/o/target" "$SAMPLES/eventlog.txt"
expect_rc 2 "-o onto a directory"
check "-o onto a directory: no temporary left" no_temp_left "$T/o"
check "-o onto a directory: directory untouched" [ -f "$T/o/target/keep" ]

# a failed write after another report was written keeps the good one
run -q --format json -o "$T/o/good.json" --format text -o "$T/o/target" \
	"$SAMPLES/eventlog.txt"
expect_rc 2 "one of two outputs fails"
expect_eq "one of two outputs fails: the other is whole" \
	"$(jget "$T/o/good.json" 'j["totals"]["events"]')" 15
check "one of two outputs fails: no temporary left" no_temp_left "$T/o"

# a read-only directory (only meaningful when not root)
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$T/ro"
	chmod 555 "$T/ro"
	run -q -o "$T/ro/r.txt" "$SAMPLES/eventlog.txt"
	expect_rc 2 "-o into a read-only directory"
	check "-o into a read-only directory: no file" [ ! -e "$T/ro/r.txt" ]
	chmod 755 "$T/ro"
fi
finish
