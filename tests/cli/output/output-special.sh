# -o onto what is not a plain new file: devices, FIFOs and symbolic links
# are written through and stay what they are; an existing report keeps its
# mode; a new one honours the umask (issue 11, item 13).
. "$(dirname "$0")/../lib.sh"
need_python

S=$SAMPLES/eventlog.txt
"$WDILOG" -q --format json "$S" >"$T/want.json"

is_link() { [ -L "$1" ]; }
is_fifo() { [ -p "$1" ]; }
is_chardev() { [ -c "$1" ]; }
mode_of() { ls -l "$1" | cut -c1-10; }

# a new file: 0666 less the umask (077 leaves it to its owner)
(umask 077 && "$WDILOG" -q --format json -o "$T/new.json" "$S")
expect_eq "umask 077: a new report is private" "$(mode_of "$T/new.json")" "-rw-------"
(umask 002 && "$WDILOG" -q --format json -o "$T/new2.json" "$S")
expect_eq "umask 002: a new report is group-writable" "$(mode_of "$T/new2.json")" "-rw-rw-r--"

# an existing file keeps its mode
: >"$T/old.json"
chmod 600 "$T/old.json"
run -q --format json -o "$T/old.json" "$S"
expect_rc 0 "-o over an existing 0600 file"
expect_eq "an existing 0600 report stays 0600" "$(mode_of "$T/old.json")" "-rw-------"
check "and holds the report" cmp -s "$T/want.json" "$T/old.json"
chmod 640 "$T/old.json"
run -q --format json -o "$T/old.json" "$S"
expect_eq "an existing 0640 report stays 0640" "$(mode_of "$T/old.json")" "-rw-r-----"

# a symbolic link to a file: the link stays, its target gets the report
mkdir "$T/d"
printf 'old\n' >"$T/d/target.json"
chmod 604 "$T/d/target.json"
ln -s d/target.json "$T/link.json"
run -q --format json -o "$T/link.json" "$S"
expect_rc 0 "-o onto a symbolic link"
check "the link is still a link" is_link "$T/link.json"
check "its target holds the report" cmp -s "$T/want.json" "$T/d/target.json"
expect_eq "the target keeps its mode" "$(mode_of "$T/d/target.json")" "-rw----r--"
check "no temporary left beside the link or the target" \
	[ -z "$(find "$T" -name '*.tmp.*')" ]

# a dangling link: written through, the target is created
ln -s d/later.json "$T/dangling.json"
run -q --format json -o "$T/dangling.json" "$S"
expect_rc 0 "-o onto a dangling link"
check "the dangling link is still a link" is_link "$T/dangling.json"
check "its target was created with the report" cmp -s "$T/want.json" "$T/d/later.json"

# a link to /dev/null (as /dev/stdout is a link): nothing replaced
ln -s /dev/null "$T/null"
run -q --format json -o "$T/null" "$S"
expect_rc 0 "-o onto a link to /dev/null"
check "the link to /dev/null is still a link" is_link "$T/null"
check "/dev/null is still a device" is_chardev /dev/null

# a link into /proc, as /dev/stdout is: written to the descriptor
ln -s /proc/self/fd/1 "$T/stdout"
run -q --format json -o "$T/stdout" "$S"
expect_rc 0 "-o onto a link to /proc/self/fd/1"
check "the report went to standard output" cmp -s "$T/want.json" "$T/out"
check "the link is still a link" is_link "$T/stdout"

# a device node of our own (root only; never touches /dev itself)
if [ "$(id -u)" -eq 0 ] && mknod "$T/zero" c 1 5 2>/dev/null; then
	run -q --format json -o "$T/zero" "$S"
	expect_rc 0 "-o onto a device node"
	check "the device node is still a device" is_chardev "$T/zero"
	run -q --events -o "$T/zero" "$S"
	expect_rc 0 "--events -o onto a device node"
	check "after --events, still a device" is_chardev "$T/zero"
fi

# a FIFO: read on the other side, never replaced
mkfifo "$T/fifo"
timeout 20 cat "$T/fifo" >"$T/from-fifo" &
reader=$!
run -q --format json -o "$T/fifo" "$S"
wait "$reader" || true
expect_rc 0 "-o onto a FIFO"
check "the FIFO is still a FIFO" is_fifo "$T/fifo"
check "the report came through the FIFO" cmp -s "$T/want.json" "$T/from-fifo"

timeout 20 cat "$T/fifo" >"$T/from-fifo2" &
reader=$!
run -q --events -o "$T/fifo" "$S"
wait "$reader" || true
expect_rc 0 "--events -o onto a FIFO"
check "after --events, the FIFO is still a FIFO" is_fifo "$T/fifo"
check "the events came through the FIFO" [ -s "$T/from-fifo2" ]
finish
