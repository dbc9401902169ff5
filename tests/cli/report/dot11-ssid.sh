#!/bin/sh
# 802.11 status and reason codes and SSIDs are counted in every report
# (issue 14): per code with its name, per SSID with records and failures;
# SSIDs from WPP text in the forms doc/report.md lists, escaped for each
# format; past 64 SSIDs one "other" row, counted; loaded back and merged.
. "$(dirname "$0")/../lib.sh"
set +e
need_python

p='[0]0888.0D60::10/23/2003-12:27'
{
	printf '%s:01.000 [drv]AssocStatus=51 Dot11StatusCode=17 SSID="<b>Tom & Jerry|x</b>"\n' "$p"
	printf '%s:02.000 [drv]AssocStatus=51 Dot11StatusCode=17 SSID="<b>Tom & Jerry|x</b>"\n' "$p"
	printf '%s:03.000 [drv]AssocStatus=0 Ssid: Caf\303\251-\346\227\245\n' "$p"
	printf '%s:04.000 [drv]AssocStatus=13 Dot11Reason=0x4 SSID=[Lobby Wi-Fi]\n' "$p"
	printf '%s:05.000 [drv]AssocStatus=13 Dot11Reason=9999 ssid list empty\n' "$p"
} >"$T/t.txt"
run -q -f json -o "$T/r.json" "$T/t.txt"
expect_rc 0 "report"
expect_eq "SSID rows" "$(jget "$T/r.json" 'len(j["ssids"]["list"])')" 3
expect_eq "quoted SSID kept whole" \
	"$(jget "$T/r.json" '[r["ssid"] for r in j["ssids"]["list"]][0]')" \
	"<b>Tom & Jerry|x</b>"
expect_eq "its records and failures" \
	"$(jget "$T/r.json" '[(r["records"], r["failures"]) for r in j["ssids"]["list"]][0]')" \
	"(2, 2)"
expect_eq "UTF-8 SSID" \
	"$(jget "$T/r.json" '[r["ssid"] for r in j["ssids"]["list"]][1] == "Caf\u00e9-\u65e5"')" true
expect_eq "bracketed SSID" \
	"$(jget "$T/r.json" '[r["ssid"] for r in j["ssids"]["list"]][2]')" "Lobby Wi-Fi"
expect_eq "802.11 status 17 with its name, 2 records, 2 failures" \
	"$(jget "$T/r.json" '[(r["code"], r["records"], r["failures"], r["name"] is not None) for r in j["dot11"]["status_codes"]]')" \
	"[[17, 2, 2, true]]"
expect_eq "802.11 reasons: 4 named, 9999 unnamed" \
	"$(jget "$T/r.json" '[(r["code"], r["name"] is None) for r in j["dot11"]["reason_codes"]]')" \
	"[[4, false], [9999, true]]"
expect_eq "no other rows, exact" \
	"$(jget "$T/r.json" '(j["ssids"]["other"], j["dot11"]["status_codes_other"], j["ssids"]["exact"], j["dot11"]["exact"])')" \
	"(None, None, True, True)"

# the event stream names the SSID of each record
run -q -f events "$T/t.txt"
expect_eq "events: one SSID per record" \
	"$("$PYTHON" -c 'import json,sys; print([json.loads(l)["ssid"] for l in open(sys.argv[1])])' "$T/out")" \
	"['<b>Tom & Jerry|x</b>', '<b>Tom & Jerry|x</b>', 'Café-日', 'Lobby Wi-Fi', None]"

run -q -f text "$T/t.txt"
has "text: status code section" "$T/out" "802.11 STATUS CODES"
has "text: reason code section" "$T/out" "802.11 REASON CODES"
has "text: SSID section" "$T/out" "SSIDS (status records"
has "text: code row" "$T/out" "   17 "
has "text: SSID row" "$T/out" "<b>Tom & Jerry|x</b>"
"$PYTHON" -c '
import sys
t = open(sys.argv[1], encoding="utf-8").read()
t = t[t.index("802.11 STATUS CODES"):t.index("INPUTS")]
sys.exit(max(len(l) for l in t.split("\n")) >= 80)' "$T/out" \
	&& ok "text: 802.11 and SSID lines under 80 columns" \
	|| fail "text: an 802.11 or SSID line of 80 columns or more"

run -q -f markdown "$T/t.txt"
has "Markdown: SSID line" "$T/out" "**SSIDs**: "
has "Markdown: SSID escaped, its counts" "$T/out" '\<b\>Tom \& Jerry\|x\</b\> 2 records (2 failures)'
has "Markdown: 802.11 status line" "$T/out" "**802.11 status codes**: 17 "

run -q -f html "$T/t.txt"
has "HTML: 802.11 section" "$T/out" '<section id="dot11">'
has "HTML: SSID escaped" "$T/out" "&lt;b&gt;Tom &amp; Jerry|x&lt;/b&gt;"
lacks "HTML: no raw markup from the SSID" "$T/out" "<b>Tom"

# a control byte in an SSID: escaped in text and JSON, never raw
printf '%s:06.000 [drv]AssocStatus=1 SSID="a\033[31mb"\n' "$p" >"$T/c.txt"
run -q -f text "$T/c.txt"
no_raw_control "text: control byte escaped" "$T/out"
run -q -f json "$T/c.txt"
has "JSON: control byte escaped" "$T/out" '"a\u001b[31mb"'

# 70 SSIDs: 64 rows and one other row of 6 records, in every format
i=0
while [ $i -lt 70 ]; do
	printf '%s:%02d.000 [drv]AssocStatus=31 SSID=net%02d\n' "$p" $((i % 60)) $i
	i=$((i + 1))
done >"$T/many.txt"
run -q -f json -o "$T/many.json" "$T/many.txt"
expect_eq "64 SSID rows" "$(jget "$T/many.json" 'len(j["ssids"]["list"])')" 64
expect_eq "other row counts the rest" \
	"$(jget "$T/many.json" '(j["ssids"]["other"]["records"], j["ssids"]["other"]["failures"])')" "(6, 6)"
run -q -f text "$T/many.txt"
has "text: other row" "$T/out" "(other values past the limit)"
run -q -f markdown "$T/many.txt"
has "Markdown: other row" "$T/out" "(other values past the limit)"
run -q -f html "$T/many.txt"
has "HTML: other row" "$T/out" "(other values past the limit)"

# loaded back and merged: the same tables as one run over both inputs
run -q -f json -o "$T/one.json" "$T/t.txt" "$T/many.txt"
run merge -q -f json -o "$T/m.json" "$T/r.json" "$T/many.json"
expect_rc 0 "merge"
same_merged "merge = one run (802.11 codes and SSIDs included)" "$T/m.json" "$T/one.json"
expect_eq "merged SSID rows" "$(jget "$T/m.json" 'len(j["ssids"]["list"])')" 64
expect_eq "exact: the full part came second, but its other row may hold names of the first" \
	"$(jget "$T/m.json" 'j["ssids"]["exact"]')" false
run merge -q -f json -o "$T/m2.json" "$T/many.json" "$T/r.json"
expect_eq "full part first: exact" "$(jget "$T/m2.json" 'j["ssids"]["exact"]')" true
run -q -f json -o "$T/one2.json" "$T/many.txt" "$T/t.txt"
same_merged "and equal to one run" "$T/m2.json" "$T/one2.json"
run merge -q -f text "$T/r.json" "$T/many.json"
has "text: not-exact note" "$T/out" "not exact: a merged part had reached"
run merge -q -f markdown "$T/r.json" "$T/many.json"
has "Markdown: not-exact note" "$T/out" "not exact: a merged part had reached"
run merge -q -f html "$T/r.json" "$T/many.json"
has "HTML: not-exact note" "$T/out" "not exact: a merged part had reached"

finish
