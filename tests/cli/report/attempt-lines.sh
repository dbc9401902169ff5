#!/bin/sh
# Drill-down for attempts: every attempt names the records it spans, from
# the record that opened it (first_line) to the one that ended it (line),
# in the --attempts stream and in the HTML, Markdown and JUnit lists
# ("input:first-last"); checked against the sample's own lines.
. "$(dirname "$0")/../lib.sh"
need_python
S=$SAMPLES/attempts-interleaved.xml
run --attempts "$S"
expect_rc 0 "--attempts"
cp "$T/out" "$T/stream"
"$PYTHON" - "$S" "$T/stream" >"$T/check" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
bad = spans = 0
for raw in open(sys.argv[2]):
    a = json.loads(raw)
    if a.get("type") != "attempt":
        continue
    first, last = a.get("first_line"), a.get("line")
    # an event's first line holds its <Event start tag
    if not first or not last or first > last or "<Event" not in lines[first - 1] \
       or "<Event" not in lines[last - 1]:
        bad += 1
        print("bad", first, last)
    if first and last and first < last:
        spans += 1
print("spans", spans)
print("bad", bad)
PY
check "every attempt's first and last line start an event, in order" grep -qx "bad 0" "$T/check"
check "some attempt spans several records" grep -q "^spans [1-9]" "$T/check"
# the same span in the lists
span=$("$PYTHON" -c '
import json, sys
for raw in open(sys.argv[1]):
    a = json.loads(raw)
    if a.get("type") == "attempt" and a["first_line"] and a["first_line"] < a["line"]:
        print("%d-%d" % (a["first_line"], a["line"])); break' "$T/stream")
run --with-attempts -f html "$S"
has "HTML lists input:first-last" "$T/out" "attempts-interleaved.xml:$span<"
run --with-attempts -f junit "$S"
cp "$T/out" "$T/junit"
failed_span=$("$PYTHON" -c '
import json, sys
for raw in open(sys.argv[1]):
    a = json.loads(raw)
    if a.get("type") == "attempt" and a["result"] in ("failure", "dropped", "timeout"):
        f, l = a["first_line"], a["line"]
        print("%d-%d" % (f, l) if f and f < l else "%d" % l); break' "$T/stream")
check "JUnit names the failed attempt's records" grep -q "records at .*attempts-interleaved.xml:$failed_span\$" "$T/junit"
run --with-attempts -f markdown "$S"
has "Markdown's failed attempts have a lines column" "$T/out" "| tries | lines |"
finish
