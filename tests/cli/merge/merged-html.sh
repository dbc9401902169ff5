#!/bin/sh
# The HTML page of a merged report says what the JSON report says: peers
# and bursts are not known (JSON null) rather than none; so does the text
# report's peer table.
. "$(dirname "$0")/../lib.sh"
# this case reads the status of the commands it runs itself (not set -e)
set +e

"$WDILOG" -q -f json -o "$T/part.json" "$D" || fail "report written"
run merge -q -f json "$T/part.json"
has "JSON: bursts null" "$T/out" '"bursts": null'
has "JSON: peers null" "$T/out" '"peers": null'
run merge -q -f html "$T/part.json"
expect_rc 0 "merge -f html"
sed -n '/<section id="bursts">/,/<\/section>/p' "$T/out" >"$T/bursts"
sed -n '/<section id="peers">/,/<\/section>/p' "$T/out" >"$T/peers"
has "HTML: bursts not known" "$T/bursts" "Bursts are not known for merged reports"
lacks "HTML: bursts not 'None.'" "$T/bursts" "None."
has "HTML: peers not known" "$T/peers" "Peers are not known for merged reports"
lacks "HTML: no peer table" "$T/peers" "<table"
run merge -q -f text --by=peer "$T/part.json"
has "text --by=peer: peers not known" "$T/out" "PEERS not known for merged reports"
# a report read from a trace still lists them
"$WDILOG" -q -f html -o "$T/direct.html" "$D"
lacks "HTML of a trace: bursts known" "$T/direct.html" "not known for merged reports"
has "HTML of a trace: peer table" "$T/direct.html" '<th>Peer</th>'

finish
