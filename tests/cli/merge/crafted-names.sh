#!/bin/sh
# Names and paths that came from an input never reach the terminal raw:
# wdilog merge -f text and wdilog diff (text and Markdown) on reports whose
# code names and input paths hold ESC, C1 controls (as JSON \u escapes),
# and report file names that hold ESC, C1 and bytes that are not UTF-8,
# print each of them as an escape.
. "$(dirname "$0")/../lib.sh"
# this case reads the status of the commands it runs itself (not set -e)
set +e

# clean WHAT FILE: FILE is valid UTF-8 with no C0 control but tab and line
# feed, no DEL and no C1 control
clean() {
	if python3 - "$2" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit("not UTF-8 at byte %d" % e.start)
for i, ch in enumerate(text):
    o = ord(ch)
    if (o < 0x20 and ch not in "\t\n") or 0x7f <= o < 0xa0:
        sys.exit("raw U+%04X at character %d" % (o, i))
PY
	then
		ok "$1"
	else
		fail "$1"
		od -c "$2" | head -20 | sed 's/^/#   /'
	fi
}

trace "$T/t.txt" 4 WDI_ASSOC_STATUS_MADEUP 5 31
"$WDILOG" -q -f json -o "$T/r.json" "$T/t.txt" || fail "report of a trace"
# ESC [31m, CSI as C1 (U+009B), OSC as C1 (U+009D) in a code name and in
# the input path; the JSON reader accepts them as \u escapes
python3 - "$T/r.json" "$T/evil.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
bad = "\u001b[31m\u009b2J\u009d0;t\u0007\u007f"
for c in r["codes"] + r["inputs"][0]["codes"]:
    if c["code"] is None:
        c["name"] = "WDI_ASSOC_STATUS_" + bad + "X"
r["inputs"][0]["path"] = "in" + bad + ".txt"
json.dump(r, open(sys.argv[2], "w"))
PY
[ -s "$T/evil.json" ] || fail "crafted report written"
# report file names with ESC, a lone C1 byte and a byte that is never UTF-8
a=$(printf '%s/a\033[1m\233\377.json' "$T")
b=$(printf '%s/b\302\233\376.json' "$T")
cp "$T/evil.json" "$a"
"$WDILOG" -q -f json -o "$b" "$T/t.txt" "$T/t.txt"

run merge -q -f text --color=never "$T/evil.json"
expect_rc 0 "merge -f text of the crafted report"
clean "merge -f text: no raw control or bad byte" "$T/out"
has "merge -f text: ESC shown as an escape" "$T/out" '\x1b[31m'
has "merge -f text: C1 shown as an escape" "$T/out" '\u009b2J'

run merge -q -f text --color=never "$a" "$b"
expect_rc 0 "merge -f text of reports with crafted file names"
clean "merge -f text, crafted file names: output clean" "$T/out"
clean "merge -f text, crafted file names: diagnostics clean" "$T/err"

c=$(printf '%s/c\033[1m\233\377.txt' "$T")
cp "$T/t.txt" "$c"
run merge -q "$a" "$c"
expect_rc 2 "merge naming a trace, not a report"
clean "merge diagnostic: no raw control or bad byte" "$T/err"
has "merge diagnostic: ESC shown" "$T/err" '\x1b[1m'
has "merge diagnostic: lone byte shown" "$T/err" '\x9b\xff'

run diff -q "$a" "$b"
expect_rc 1 "diff of crafted reports (they differ)"
clean "diff: no raw control or bad byte" "$T/out"
has "diff: file name escaped" "$T/out" '/a\x1b[1m\x9b\xff.json -> '
has "diff: C1 in a file name escaped" "$T/out" '/b\u009b\xfe.json'
has "diff: code name escaped" "$T/out" '\x1b[31m\u009b2J\u009d0;t\x07\x7fX'

run diff -q -f markdown "$a" "$b"
expect_rc 1 "diff -f markdown of crafted reports (they differ)"
clean "diff -f markdown: no raw control or bad byte" "$T/out"

run diff -q -f json "$a" "$b"
expect_rc 1 "diff -f json of crafted reports (they differ)"
clean "diff -f json: no raw control or bad byte" "$T/out"

finish
