# --events to a full disk: one output error, every input still read and
# listed without an error, exit 2 (it used to mark each later input
# unreadable, "the event consumer failed").
. "$(dirname "$0")/../lib.sh"
need_python
[ -w /dev/full ] || skip "no /dev/full"

# enough events to fill stdio's buffer while reading, not only at the end
awk 'BEGIN { for (i = 0; i < 3000; i++) printf "AssocStatus=%d\n", i % 60 }' >"$T/a.txt"
cp "$T/a.txt" "$T/b.txt"
cp "$T/a.txt" "$T/c.txt"

run -f events -o /dev/full -f json -o "$T/rep.json" "$T/a.txt" "$T/b.txt" "$T/c.txt"
expect_rc 2 "--events to /dev/full is an output error"
expect_eq "one message, naming the events output" \
	"$(cat "$T/err")" "wdilog: cannot write /dev/full: No space left on device"
expect_eq "all three inputs listed" "$(jget "$T/rep.json" 'len(j["inputs"])')" 3
expect_eq "no input has an error" \
	"$(jget "$T/rep.json" '[i["error"] for i in j["inputs"]]')" "[null, null, null]"
expect_eq "every status counted" "$(jget "$T/rep.json" 'j["inputs"][2]["statuses"]')" 3000
finish
