# The JSON report of every sample validates against doc/report-schema.json,
# and the schema rejects reports that break the contract.
. "$(dirname "$0")/../lib.sh"
need_python

SCHEMA=$SRCDIR/doc/report-schema.json
if ! "$PYTHON" -c 'import jsonschema' 2>/dev/null; then
	fail "$PYTHON cannot import jsonschema (install python3-jsonschema; tools/packages.txt)"
	finish
fi
check "the schema is a valid draft 2020-12 schema" \
	"$PYTHON" -c 'import json, sys, jsonschema
jsonschema.Draft202012Validator.check_schema(json.load(open(sys.argv[1])))' "$SCHEMA"

set --
for f in "$SAMPLES"/*; do
	r=$T/$(basename "$f").json
	"$WDILOG" -q --format json "$f" >"$r" || true
	set -- "$@" "$r"
done
"$WDILOG" -q --format json "$SAMPLES" >"$T/all.json" || true
"$WDILOG" -q --format json --day-first "$SAMPLES" >"$T/df.json" || true
"$WDILOG" -q --format json </dev/null >"$T/empty.json" || true
"$WDILOG" -q --format json "$SAMPLES/eventlog.txt" "$T/missing" >"$T/unread.json" || true
# one python run for all of them (jsonschema takes a while to import)
check "every report is valid" "$PYTHON" "$CLI_DIR/validate.py" "$SCHEMA" \
	"$@" "$T/all.json" "$T/df.json" "$T/empty.json" "$T/unread.json"

# mutate a valid report: each of these must be rejected
cat >"$T/mutations" <<'EOF2'
no-damaged	del j["totals"]["damaged"]
no-undecoded-guids	del j["undecoded_guids"]
other-schema	j["schema"] = "wdilog/2"
missing-phase	del j["phases"]["auth"]
extra-phase	j["phases"]["roam"] = j["phases"]["auth"]
bad-format	j["inputs"][0]["format"] = "csv"
bad-encoding	j["inputs"][0]["encoding"] = "latin1"
none-without-error	j["inputs"][0]["format"] = "none"
code-without-kind	del j["codes"][0]["kind"]
no-code-no-name	j["codes"][0]["code"] = None; j["codes"][0]["name"] = None
negative-count	j["totals"]["events"] = -1
string-count	j["totals"]["events"] = "678"
upper-guid	j["undecoded_guids"][0]["guid"] = j["undecoded_guids"][0]["guid"].upper()
bad-time	j["phases"]["probe"]["first"] = "23/10/2003 12:27"
input-no-path	del j["inputs"][0]["path"]
EOF2
"$PYTHON" - "$T/all.json" "$T/mutations" "$T" <<'PY'
import copy, json, sys
base = json.load(open(sys.argv[1]))
for line in open(sys.argv[2]):
    name, code = line.rstrip("\n").split("\t", 1)
    j = copy.deepcopy(base)
    exec(code, {"j": j})
    json.dump(j, open("%s/bad-%s.json" % (sys.argv[3], name), "w"))
PY
check "every broken report is rejected" "$PYTHON" "$CLI_DIR/validate.py" --invalid \
	"$SCHEMA" "$T"/bad-*.json
expect_eq "broken reports made" "$(ls "$T"/bad-*.json | wc -l | tr -d ' ')" \
	"$(wc -l <"$T/mutations" | tr -d ' ')"
finish
