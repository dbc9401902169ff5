# Inputs that cannot be read: exit 2, a message naming the input on stderr,
# and the report still written, listing the input with its error.
. "$(dirname "$0")/../lib.sh"
need_python

# unreadable DESCRIPTION PATH
unreadable() {
	run -q --format json "$2"
	expect_rc 2 "$1"
	check "$1: report still written" grep -q '"schema": "wdilog/1"' "$T/out"
	expect_eq "$1: listed as unreadable" \
		"$(jget "$T/out" 'j["totals"]["unreadable_inputs"]')" 1
	expect_eq "$1: the input carries its error" \
		"$(jget "$T/out" 'j["inputs"][0]["error"] is not None')" true
	run "$2"
	expect_rc 2 "$1 (text, no -q)"
	check "$1: stderr names the input" grep -q -F "wdilog: $2" "$T/err"
}

unreadable "a path that does not exist" "$T/no-such-file.txt"
unreadable "a path under a regular file" "$SAMPLES/eventlog.txt/x"
mkdir "$T/d"
unreadable "a path through a missing directory" "$T/d/missing/x.txt"

if [ "$(id -u)" -ne 0 ]; then
	cp "$SAMPLES/eventlog.txt" "$T/locked.txt"
	chmod 000 "$T/locked.txt"
	unreadable "a file without read permission" "$T/locked.txt"
else
	ok "running as root: a chmod 000 file would still be readable, not tried"
fi

# An empty directory is not an error: nothing to read, an empty report.
run -q --format json "$T/d"
expect_rc 0 "an empty directory"
expect_eq "an empty directory: no inputs" "$(jget "$T/out" 'len(j["inputs"])')" 0
finish
