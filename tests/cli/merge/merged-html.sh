#!/bin/sh
# A merged report keeps peers, bursts, 802.11 codes and SSIDs (issue 15):
# every format shows them. A merge of reports written by an older wdilog
# (no "dot11" member) does not know them, and every format says so in the
# same words: JSON null, "not known: ..." in text, Markdown and HTML,
# never "None." or an empty table.
. "$(dirname "$0")/../lib.sh"
# this case reads the status of the commands it runs itself (not set -e)
set +e
need_python

note="not known: the merged reports were written by an older wdilog"
"$WDILOG" -q -f json -o "$T/part.json" "$D" || fail "report written"
run merge -q -f json "$T/part.json"
lacks "JSON: bursts known" "$T/out" '"bursts": null'
lacks "JSON: peers known" "$T/out" '"peers": null'
has "JSON: 802.11 codes known" "$T/out" '"status_codes": ['
run merge -q -f html "$T/part.json"
has "HTML: peer table" "$T/out" '<th>Peer</th>'
has "HTML: 802.11 section" "$T/out" '<section id="dot11">'
lacks "HTML: nothing not known" "$T/out" "not known"
run merge -q -f text --by=peer "$T/part.json"
has "text --by=peer: peer table" "$T/out" "PEERS by failures"
lacks "text: nothing not known" "$T/out" "not known"

# an older report: the new members taken out
"$PYTHON" - "$T/part.json" "$T/old.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for k in ("dot11", "ssids", "peers_exact"):
    del r[k]
json.dump(r, open(sys.argv[2], "w"))
PY
run merge -q -f json "$T/old.json"
for k in peers no_peer peers_past_limit bursts dot11 ssids; do
	has "JSON: $k null" "$T/out" "\"$k\": null"
done
run merge -q -f html "$T/old.json"
expect_rc 0 "merge -f html"
sed -n '/<section id="bursts">/,/<\/section>/p' "$T/out" >"$T/bursts"
sed -n '/<section id="peers">/,/<\/section>/p' "$T/out" >"$T/peers"
sed -n '/<section id="dot11">/,/<\/section>/p' "$T/out" >"$T/dot11"
has "HTML: bursts not known" "$T/bursts" "Bursts: $note"
lacks "HTML: bursts not 'None.'" "$T/bursts" "None."
has "HTML: peers not known" "$T/peers" "Peers: $note"
lacks "HTML: no peer table" "$T/peers" "<table"
has "HTML: 802.11 not known" "$T/dot11" "802.11 codes and SSIDs: $note"
run merge -q -f text --by=peer "$T/old.json"
has "text: peers not known" "$T/out" "PEERS $note"
has "text: bursts not known" "$T/out" "BURSTS $note"
has "text: 802.11 not known" "$T/out" "802.11 CODES AND SSIDS $note"
run merge -q -f markdown "$T/old.json"
has "Markdown: peers and bursts not known" "$T/out" "Peers and bursts: $note"
has "Markdown: 802.11 not known" "$T/out" "802.11 codes and SSIDs: $note"
# a report read from a trace knows them all
"$WDILOG" -q -f html -o "$T/direct.html" "$D"
lacks "HTML of a trace: all known" "$T/direct.html" "not known"
has "HTML of a trace: peer table" "$T/direct.html" '<th>Peer</th>'

finish
