#!/bin/sh
# The command's post-mortem options: --events, --since/--until, --by peer,
# --burst, --format html, and the text report's width and ASCII fallback.
. "$(dirname "$0")/../lib.sh"
wdilog=$WDILOG work=$T
cd "$SRCDIR"
# the N of the first "KEY": N member of a JSON report on stdin
member() {
	sed -n "s/^ *\"$1\": \([0-9]*\),*\$/\1/p" | head -1
}

# --events: one line per status record, as many as the report counts
for s in samples/tracefmt-default.txt samples/tracerpt.xml samples/eventlog.txt \
	samples/wevtutil-events-utf16.xml samples/tracefmt-gzip.txt.gz; do
	n=$("$wdilog" -q -f json "$s" | member statuses)
	"$wdilog" -q --events "$s" >"$work/ev"
	lines=$(wc -l <"$work/ev" | tr -d ' ')
	[ "$lines" = "$n" ] || fail "$s: $lines event lines, $n status records"
	bad=$(grep -cv '^{"input": ".*", "line": [0-9]*, .*"tid": [0-9a-z]*}$' "$work/ev" || true)
	[ "$bad" = 0 ] || fail "$s: $bad event lines are not one JSON object"
	# the same stream with --format json, and as a named format
	"$wdilog" -q --events --format json "$s" | cmp -s - "$work/ev" ||
		fail "$s: --events --format json differs from --events"
	"$wdilog" -q --format events "$s" | cmp -s - "$work/ev" ||
		fail "$s: --format events differs from --events"
done
# per code, the stream agrees with the report (tracefmt-default.txt)
s=samples/tracefmt-default.txt
"$wdilog" -q --events "$s" | grep -c '"code": 31,' | grep -qx 4 ||
	fail "code 31 should be in 4 event lines"
"$wdilog" -q --events "$s" | grep -c '"peer": "00:11:22:33:44:55"' | grep -qx 1 ||
	fail "peer 00:11:22:33:44:55 should be in 1 event line"
# to a file (written whole or not at all), beside another report
"$wdilog" -q -f events -o "$work/ev.jsonl" -f json -o "$work/r.json" "$s"
[ "$(wc -l <"$work/ev.jsonl")" -eq "$(member statuses <"$work/r.json")" ] ||
	fail "events file and report disagree"
ls "$work" | grep -q tmp && fail "a temporary file was left behind"
status=0
"$wdilog" -q --events -f html -o "$work/x.html" "$s" 2>"$work/err" || status=$?
[ "$status" = 2 ] && grep -q "JSON Lines" "$work/err" ||
	fail "--events with only an html output should be a usage error"

# --since/--until: the counts of a file cut to the window by hand (its
# lines are not the original's: positions are left out of the compare)
"$wdilog" -q -f json --since 12:27:41 --until 12:28:33 "$s" >"$work/w.json"
"$wdilog" -q -f json tests/report/cut/tracefmt-default.txt >"$work/c.json"
for part in '/^  "phases"/,/^  "undecoded_guids"/p' '/^  "peers"/,/^  "window"/p'; do
	sed -n "$part" "$work/w.json" | sed -e 's/"input": "[^"]*"//' \
		-e 's/, "positions": {[^}]*}//' -e '$d' >"$work/a"
	sed -n "$part" "$work/c.json" | sed -e 's/"input": "[^"]*"//' \
		-e 's/, "positions": {[^}]*}//' -e '$d' >"$work/b"
	[ "$(wc -l <"$work/a")" -gt 10 ] || fail "window: nothing compared ($part)"
	diff "$work/a" "$work/b" >/dev/null || fail "window and cut file differ ($part)"
done
grep -q '"outside_events": 7' "$work/w.json" || fail "7 events should be outside"
"$wdilog" -q --events --since 12:27:41 --until 12:28:33 "$s" | wc -l |
	grep -qx 13 || fail "the event stream should follow the window"
for bad in 25:00 yesterday 12:5; do
	status=0
	"$wdilog" -q --since "$bad" "$s" >/dev/null 2>&1 || status=$?
	[ "$status" = 2 ] || fail "--since $bad should be a usage error"
done

# --by peer and bursts in text: within 100 columns, ASCII without UTF-8
LC_ALL=C "$wdilog" -q --by peer samples/wevtutil-events.xml "$s" >"$work/t"
grep -q '^PEERS' "$work/t" || fail "--by peer: no PEERS table"
grep -q '^3c:28:6d:aa:bb:01 ' "$work/t" || fail "--by peer: peer row missing"
grep -q '^BURSTS' "$work/t" || fail "no BURSTS list"
awk 'length($0) > 100 { bad = 1 } END { exit bad }' "$work/t" ||
	fail "text report wider than 100 columns"
LC_ALL=C grep -q "$(printf '\342\226')" "$work/t" &&
	fail "Unicode sparkline in a C locale"
if locale -a 2>/dev/null | grep -qi '^c.utf-\?8$'; then
	LC_ALL=C.UTF-8 "$wdilog" -q "$s" | LC_ALL=C grep -q "$(printf '\342\226')" ||
		fail "no Unicode sparkline in a UTF-8 locale"
fi
"$wdilog" -q "$s" | grep -q '^PEERS' && fail "PEERS table without --by peer"
status=0
"$wdilog" -q --by=bssid "$s" >/dev/null 2>&1 || status=$?
[ "$status" = 2 ] || fail "--by bssid should be a usage error"

# --burst
"$wdilog" -q -f json --burst=10/10s "$s" | grep -q '"list": \[\]' ||
	fail "--burst=10/10s should find no burst"
"$wdilog" -q -f json --burst=2/1s "$s" | grep -q '"min_failures": 2' ||
	fail "--burst=2/1s not applied"
for bad in 0/10s 5 5/0 5/2h x/1s; do
	status=0
	"$wdilog" -q --burst="$bad" "$s" >/dev/null 2>&1 || status=$?
	[ "$status" = 2 ] || fail "--burst=$bad should be a usage error"
done

# --format html to a file
"$wdilog" -q --format html -o "$work/r.html" "$s"
head -1 "$work/r.html" | grep -q '^<!DOCTYPE html>$' || fail "html: no doctype"
grep -q '<section id="peers">' "$work/r.html" || fail "html: no peers section"

# help: the new options, under 80 columns
"$wdilog" --help >"$work/help"
for o in --since --until --by --burst --events html; do
	grep -q -- "$o" "$work/help" || fail "help does not mention $o"
done
awk 'length($0) >= 80 { bad = 1 } END { exit bad }' "$work/help" ||
	fail "help wider than 79 columns"
finish
