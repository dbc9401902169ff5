#!/bin/sh
# Drill-down (issue 15, item 13): every code row and burst says where its
# records are (input:line, first, last and the earliest 8), each input its
# span, each undecoded GUID its inputs; the same with -j 4 on a file read
# in parts, after a merge of shards, and in the HTML and Markdown reports;
# the loader refuses positions that cannot be.
. "$(dirname "$0")/../lib.sh"
set +e
need_python

# a trace with known lines: code 31 in a storm (a burst), 51 now and then,
# chatter between, and an undecoded GUID
gen() {
	awk -v n="$2" -v base="$3" 'BEGIN {
		printf "EventTrace\n"
		for (i = 0; i < n; i++) {
			s = base + int(i / 4)
			t = sprintf("10/23/2003-%02d:%02d:%02d.%03d", int(s / 3600) % 24,
				    int(s / 60) % 60, s % 60, i % 1000)
			if (i % 97 == 5)
				printf "Unknown( 12): GUID=0b2a6f1e-4c3d-4e21-9a7b-d15c3e8f2a40 (No Format Information found).\n"
			else if (i % 13 == 3 && (i < 300 || i > 500))
				printf "[0]0888.0D60::%s [drv]AssocStatus=51\n", t
			else if (i >= 400 && i < 420)
				printf "[0]0888.0D60::%s [drv]AssocStatus=31\n", t
			else
				printf "[0]0888.0D60::%s [drv]chatter %d\n", t, i
		}
	}' >"$1"
}
gen "$T/a.txt" 1000 0
gen "$T/b.txt" 600 40000

"$WDILOG" -q -f json -o "$T/one.json" "$T/a.txt" "$T/b.txt"
rc=$?
expect_rc 0 "report of two inputs"

# positions against the real lines (grep -n), not numbers written here
pos() { # FILE INPUT PATTERN: [[input, line], ...] of every line matching
	grep -n -- "$3" "$1" | cut -d: -f1 |
		awk -v i="$2" 'BEGIN { printf "[" } { printf "%s[%d, %d]", (NR > 1 ? ", " : ""), i, $1 } END { print "]" }'
}
pos "$T/a.txt" 0 'AssocStatus=51$' >"$T/p51a"
pos "$T/b.txt" 1 'AssocStatus=51$' >"$T/p51b"
want=$("$PYTHON" -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
print(json.dumps({"first": a[0], "last": b[-1], "earliest": (a + b)[:8], "unplaced": 0}))
' "$T/p51a" "$T/p51b")
got=$(jget "$T/one.json" '[c["positions"] for c in j["codes"] if c["code"] == 51][0]')
expect_eq "code 51: first, last and earliest 8 are its real lines" "$got" "$want"
pos "$T/a.txt" 0 'AssocStatus=31$' >"$T/p31"
want=$("$PYTHON" -c '
import json, sys
a = json.load(open(sys.argv[1]))
print(json.dumps([a[0], a[-1], a[:8]]))' "$T/p31")
got=$(jget "$T/one.json" '[[b["positions"]["first"], b["positions"]["last"], b["positions"]["earliest"]] for b in j["bursts"]["list"] if b["dominant"]["code"] == 31][0]')
expect_eq "the storm's burst: its real lines" "$got" "$want"
got=$(jget "$T/one.json" 'j["undecoded_guids"][0]["inputs"]')
expect_eq "the undecoded GUID names both inputs" "$got" "[0, 1]"
got=$(jget "$T/one.json" '[[i["first"], i["last"]] for i in j["inputs"]]')
# the times of each input's first and last status line
span() {
	grep AssocStatus "$1" | sed -n '1p;$p' |
		sed 's|^.*::\(..\)/\(..\)/\(....\)-\([^ ]*\) .*|"\3-\1-\2T\4"|' | paste -sd, -
}
expect_eq "each input's span: its first and last status record" "$got" \
	"[[$(span "$T/a.txt" | sed 's/,/, /')], [$(span "$T/b.txt" | sed 's/,/, /')]]"

# -j 4 on a file read in parts (parts start at 32 MiB): the same report
awk 'BEGIN { printf "EventTrace\n"
	for (i = 0; i < 560000; i++) {
		s = int(i / 50)
		printf "[0]0888.0D60::10/23/2003-%02d:%02d:%02d.%03d [drv]%s\n",
			int(s / 3600) % 24, int(s / 60) % 60, s % 60, i % 1000,
			(i % 7 == 0) ? "AssocStatus=" (31 + i % 3) : "chatter chatter chatter"
	} }' >"$T/big.txt"
size=$(wc -c <"$T/big.txt")
check "the big trace passes 32 MiB (so -j 4 reads it in parts)" [ "$size" -gt 33554432 ]
"$WDILOG" -q -j 1 -f json -o "$T/j1.json" "$T/big.txt"
"$WDILOG" -q -j 4 -f json -o "$T/j4.json" "$T/big.txt"
same "-j 1 and -j 4 write the same report, positions included" "$T/j1.json" "$T/j4.json"
got=$(jget "$T/j4.json" '[c["positions"]["last"] for c in j["codes"]]')
want=$(for c in 31 32 33; do grep -n "AssocStatus=$c\$" "$T/big.txt" | tail -1 | cut -d: -f1; done |
	awk 'BEGIN { printf "[" } { printf "%s[0, %d]", (NR > 1 ? ", " : ""), $1 } END { print "]" }')
expect_eq "-j 4: each code's last line is its real last line" "$got" "$want"

# a merge of two shards: positions, spans and GUID inputs as one run
"$WDILOG" -q -f json -o "$T/sa.json" "$T/a.txt"
"$WDILOG" -q -f json -o "$T/sb.json" "$T/b.txt"
run merge -q -f json "$T/sa.json" "$T/sb.json"
expect_rc 0 "merge of two shards"
cp "$T/out" "$T/merged.json"
for expr in '[c["positions"] for c in j["codes"]]' 'j["undecoded_guids"]' \
	'[[i["first"], i["last"]] for i in j["inputs"]]'; do
	expect_eq "merge = one run: $expr" "$(jget "$T/merged.json" "$expr")" \
		"$(jget "$T/one.json" "$expr")"
done
# and merged again, loaded back: still the same
run merge -q -f json "$T/merged.json"
expect_eq "a merged report loads back with its positions" \
	"$(jget "$T/out" '[c["positions"] for c in j["codes"]]')" \
	"$(jget "$T/one.json" '[c["positions"] for c in j["codes"]]')"
# a report without positions (written before them): first and last not known
"$PYTHON" -c '
import json, sys
r = json.load(open(sys.argv[1]))
for c in r["codes"]:
    del c["positions"]
json.dump(r, open(sys.argv[2], "w"))' "$T/sa.json" "$T/old.json"
run merge -q -f json "$T/old.json" "$T/sb.json"
expect_eq "merged with an older report: first not known" \
	"$(jget "$T/out" '[c["positions"]["first"] for c in j["codes"] if c["code"] == 51][0]')" "null"
run merge -q -f markdown "$T/old.json" "$T/sb.json"
has "Markdown says not known alike" "$T/out" "| not known |"
run merge -q -f html "$T/old.json" "$T/sb.json"
has "HTML says not known alike" "$T/out" "first and last not known"

# HTML: the per-input table and the input:line links
"$WDILOG" -q -f html -o "$T/r.html" "$T/a.txt" "$T/b.txt"
has "HTML: per-input section" "$T/r.html" '<section id="per-input">'
has "HTML: a row per input, the links' target" "$T/r.html" '<tr id="input-1">'
first51=$(grep -n 'AssocStatus=51$' "$T/a.txt" | head -1 | cut -d: -f1)
has "HTML: code 51's first record linked" "$T/r.html" \
	"<a class=\"mono nw\" href=\"#input-0\">$T/a.txt:$first51</a>"
has "HTML: the GUID names its inputs" "$T/r.html" "href=\"#input-1\">$T/b.txt</a></td>"
# Markdown: first and last seen
last51=$(grep -n 'AssocStatus=51$' "$T/b.txt" | tail -1 | cut -d: -f1)
"$WDILOG" -q -f markdown -o "$T/r.md" "$T/a.txt" "$T/b.txt"
has "Markdown: code 51 last seen" "$T/r.md" "b\\.txt:$last51 |"

# the loader refuses positions that cannot be
bad() { # DESCRIPTION PYTHON-EDIT MESSAGE
	"$PYTHON" -c "
import json, sys
r = json.load(open(sys.argv[1]))
c = [c for c in r['codes'] if c['code'] == 51][0]
p = c['positions']
$2
json.dump(r, open(sys.argv[2], 'w'))" "$T/one.json" "$T/bad.json"
	run merge -q -f json "$T/bad.json"
	if [ "$rc" = 2 ] && grep -qF -- "$3" "$T/err"; then
		ok "loader refuses $1"
	else
		fail "loader should refuse $1 (exit $rc)"
		show "$T/err"
	fi
}
bad "line 0" 'p["earliest"][0][1] = 0; p["first"][1] = 0' "line is not 1 or more"
bad "an input out of range" 'p["last"][0] = 9' "input is not listed"
bad "last before first" 'p["last"] = [0, 1]' "'last' before its 'first'"
bad "earliest out of order" 'p["earliest"][1], p["earliest"][2] = p["earliest"][2], p["earliest"][1]' "out of order"
bad "first not the earliest" 'p["first"] = p["earliest"][1]' "not the earliest"
bad "more positions than records" 'c["count"] = 1' "count"
bad "a GUID's input out of range" 'r["undecoded_guids"][0]["inputs"] = [0, 5]' "not listed inputs"

finish
