# An .evtx file is read natively (issue 12), from a file, gzip, standard
# input and a directory alike (.evtx and .evtx.gz), with the same report;
# --events gives JSON Lines jq reads; a file cut short
# counts the records its last chunk declares but does not hold as damaged,
# and fails --strict. The file is made by the EVTX test writer (the bench
# program, given as the extra argument), 1591 records of which 31 carry a
# status.
. "$(dirname "$0")/../lib.sh"
need_python
# this case reads the status of the commands it runs itself (not set -e)
set +e
WRITER=$3

"$WRITER" 1 "$T/log.evtx" >/dev/null || fail "the test writer made a file"
total() { jget "$T/out" "j['totals']['$1']"; }

run -q -f json "$T/log.evtx"
expect_rc 0 "a whole .evtx file"
expect_eq "every record is an event" "$(total events)" 1591
expect_eq "records with a status" "$(total with_status)" 31
expect_eq "no damage" "$(total damaged)" 0
expect_eq "format named evtx" "$(jget "$T/out" "j['inputs'][0]['format']")" evtx
cp "$T/out" "$T/file.json"

gzip -c "$T/log.evtx" >"$T/log.evtx.gz"
run -q -f json "$T/log.evtx.gz"
expect_eq ".evtx.gz: the same codes" "$(jget "$T/out" "j['codes']")" \
	"$(jget "$T/file.json" "j['codes']")"
expect_eq ".evtx.gz: the same events" "$(total events)" 1591

run_stdin "$T/log.evtx" -q -f json -
expect_eq "standard input: the same codes" "$(jget "$T/out" "j['codes']")" \
	"$(jget "$T/file.json" "j['codes']")"

mkdir "$T/d"
cp "$T/log.evtx" "$T/d/"
cp "$SAMPLES/eventlog.txt" "$T/d/"
run -q -f json "$T/d"
expect_rc 0 "a directory with an .evtx beside a text log"
expect_eq "the .evtx is an input of the walk" \
	"$(jget "$T/out" "' '.join(sorted(i['format'] for i in j['inputs']))")" \
	"eventlog-text evtx"

# .evtx.gz in a directory walk: read as evtx, gzip, the same events
mkdir "$T/dz"
cp "$T/log.evtx.gz" "$T/dz/"
cp "$SAMPLES/eventlog.txt" "$T/dz/"
run -q -f json "$T/dz"
expect_rc 0 "a directory with an .evtx.gz beside a text log"
expect_eq "the .evtx.gz is an evtx input of the walk, gzip" \
	"$(jget "$T/out" "' '.join(i['format'] + ('+gz' if i['gzip'] else '') for i in j['inputs'] if i['path'].endswith('.gz'))")" \
	"evtx+gz"
expect_eq "the .evtx.gz in the walk: every record an event" \
	"$(jget "$T/out" "[i['events'] for i in j['inputs'] if i['path'].endswith('.gz')][0]")" 1591

# wdilog --events System.evtx | jq . (issue 12): one JSON object a status
# record, each valid JSON; jq when installed, else Python
cp "$T/log.evtx" "$T/System.evtx"
run --events "$T/System.evtx"
expect_rc 0 "--events on an .evtx file"
expect_eq "--events: one line a status record" "$(nlines "$T/out")" 31
if command -v jq >/dev/null 2>&1; then
	check "--events | jq . reads every line" jq -e . "$T/out"
	expect_eq "--events | jq: every record names the .evtx" \
		"$(jq -r .input "$T/out" | sort -u)" "$T/System.evtx"
else
	check "--events: every line is JSON" "$PYTHON" -c '
import json, sys
for l in open(sys.argv[1]):
    json.loads(l)' "$T/out"
fi

# cut inside its last chunk: what the chunk declares and the file lost
head -c 600000 "$T/log.evtx" >"$T/cut.evtx"
run -q -f json "$T/cut.evtx"
expect_rc 0 "a cut .evtx is read (no gate)"
ev=$(total events)
dm=$(total damaged)
check "a cut .evtx: records lost to the cut are damaged ($dm)" [ "$dm" -gt 0 ]
check "a cut .evtx: events read before the cut ($ev)" [ "$ev" -gt "$dm" ]
run -q --strict "$T/cut.evtx"
expect_rc 1 "a cut .evtx fails --strict"
finish
