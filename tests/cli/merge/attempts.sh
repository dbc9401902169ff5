#!/bin/sh
# wdilog merge adds attempt figures exactly (doc/attempts.md, "Loading
# and merging"): the attempts sample cut in two shards, each run written
# as JSON and merged, gives the "attempts" member (and the text ATTEMPTS
# section) of one run over both shards; a report loads and is written
# again unchanged; reports grouped with another idle time do not merge.
. "$(dirname "$0")/../lib.sh"
set +e
need_python

S=$SAMPLES/attempts-interleaved.xml
# the first attempt (a failure), and the rest
sed -n '1,4p' "$S" >"$T/a.xml"
echo '</Events>' >>"$T/a.xml"
{ echo '<Events>'; sed -n '5,$p' "$S"; } >"$T/b.xml"

member() {
	jget "$1" 'j.get("attempts")'
}

"$WDILOG" -q --with-attempts -f json -o "$T/one.json" "$T/a.xml" "$T/b.xml"
"$WDILOG" -q --with-attempts -f json -o "$T/pa.json" "$T/a.xml"
"$WDILOG" -q --with-attempts -f json -o "$T/pb.json" "$T/b.xml"
run merge -q "$T/pa.json" "$T/pb.json" -o "$T/m.json"
expect_rc 0 "merge of two shards"
one=$(member "$T/one.json")
check "one run has attempts" [ "$one" != null ]
expect_eq "merged attempts = one run over both shards" "$(member "$T/m.json")" "$one"
check "each shard alone differs from the whole" [ "$(member "$T/pa.json")" != "$one" ]
expect_eq "by result" "$(jget "$T/m.json" 'j["attempts"]["by_result"]')" \
	'{"success": 1, "failure": 1, "aborted": 0, "dropped": 0, "superseded": 0, "timeout": 0, "incomplete": 1}'
expect_eq "totals too" "$(jget "$T/m.json" 'j["totals"]')" "$(jget "$T/one.json" 'j["totals"]')"
# the text report of the merge shows the same ATTEMPTS section
"$WDILOG" -q --with-attempts "$T/a.xml" "$T/b.xml" | sed -n '/^ATTEMPTS/,/^$/p' >"$T/one.txt"
run merge -q -f text "$T/pa.json" "$T/pb.json"
sed -n '/^ATTEMPTS/,/^$/p' "$T/out" >"$T/m.txt"
check "text: an ATTEMPTS section" grep -q "success rate 50.0% (1 of 2)" "$T/m.txt"
same "text: merged ATTEMPTS = one run's" "$T/m.txt" "$T/one.txt"

# load -> render: the member comes back byte for byte
run merge -q "$T/one.json" -o "$T/again.json"
expect_rc 0 "merge of one report"
grep -A400 '"attempts": {' "$T/one.json" | sed '/^  },\{0,1\}$/q' >"$T/one.member"
grep -A400 '"attempts": {' "$T/again.json" | sed '/^  },\{0,1\}$/q' >"$T/again.member"
check "the member was found" grep -q '"by_result"' "$T/one.member"
same "loaded and written again: the same bytes" "$T/again.member" "$T/one.member"
check "the schema holds" "$PYTHON" "$CLI_DIR/validate.py" "$T/m.json"

# a merge of a merge: the same figures
run merge -q "$T/m.json" -o "$T/mm.json"
expect_eq "merging a merge" "$(member "$T/mm.json")" "$one"

# grouped with another idle time: refused, exit 2
"$WDILOG" -q --with-attempts --attempt-idle 10s -f json -o "$T/pb10.json" "$T/b.xml"
expect_eq "the parameters in force" "$(jget "$T/pb10.json" 'j["attempts"]["parameters"]')" \
	'{"idle_ms": 10000, "retry_window_ms": 60000}'
run merge -q "$T/pa.json" "$T/pb10.json"
expect_rc 2 "another idle time: refused"
has "says why" "$T/err" "cannot merge: attempts were grouped with another idle time or retry window (10000 ms and 60000 ms, against 30000 ms and 60000 ms)"
run merge -q "$T/pb10.json" -o "$T/k.json"
expect_eq "a merge keeps the parameters" "$(jget "$T/k.json" 'j["attempts"]["parameters"]["idle_ms"]')" 10000

# a hand-edited member is refused, naming it
"$PYTHON" - "$T/one.json" "$T/bad.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
j["attempts"]["by_failing_phase"]["assoc"] += 1
json.dump(j, open(sys.argv[2], "w"))
PY
run merge -q "$T/bad.json"
expect_rc 2 "an edited member: refused"
has "names it" "$T/err" "member 'attempts.by_failing_phase' does not add up to the failed attempts"
finish
