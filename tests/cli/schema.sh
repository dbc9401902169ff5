# The JSON report of every sample validates against doc/report-schema.json,
# and the schema rejects reports that break the contract.
. "$(dirname "$0")/lib.sh"
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
n=0
for f in "$SAMPLES"/*; do
	n=$((n + 1))
	"$WDILOG" -q --format json "$f" >"$T/r$n.json" || true
	set -- "$@" "$T/r$n.json"
done
"$WDILOG" -q --format json "$SAMPLES" >"$T/all.json" || true
"$WDILOG" -q --format json --day-first "$SAMPLES" >"$T/df.json" || true
"$WDILOG" -q --format json </dev/null >"$T/empty.json" || true
"$WDILOG" -q --format json "$SAMPLES/eventlog.txt" "$T/missing" >"$T/unread.json" || true
for r in "$@" "$T/all.json" "$T/df.json" "$T/empty.json" "$T/unread.json"; do
	check "valid: $(basename "$r")" "$PYTHON" "$TESTS_DIR/validate.py" "$SCHEMA" "$r"
done

# mutate a valid report: each of these must be rejected
mutate() {
	"$PYTHON" - "$T/all.json" "$T/bad-$1.json" "$2" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
exec(sys.argv[3], {"j": j})
json.dump(j, open(sys.argv[2], "w"))
PY
	check "invalid: $1" "$PYTHON" "$TESTS_DIR/validate.py" --invalid "$SCHEMA" "$T/bad-$1.json"
}
mutate no-damaged 'del j["totals"]["damaged"]'
mutate no-undecoded-guids 'del j["undecoded_guids"]'
mutate other-schema 'j["schema"] = "wdilog/2"'
mutate missing-phase 'del j["phases"]["auth"]'
mutate extra-phase 'j["phases"]["roam"] = j["phases"]["auth"]'
mutate bad-format 'j["inputs"][0]["format"] = "csv"'
mutate bad-encoding 'j["inputs"][0]["encoding"] = "latin1"'
mutate none-without-error 'j["inputs"][0]["format"] = "none"'
mutate code-without-kind 'del j["codes"][0]["kind"]'
mutate no-code-no-name 'j["codes"][0]["code"] = None; j["codes"][0]["name"] = None'
mutate negative-count 'j["totals"]["events"] = -1'
mutate string-count 'j["totals"]["events"] = "678"'
mutate upper-guid 'j["undecoded_guids"][0]["guid"] = j["undecoded_guids"][0]["guid"].upper()'
mutate bad-time 'j["phases"]["probe"]["first"] = "23/10/2003 12:27"'
mutate input-no-path 'del j["inputs"][0]["path"]'
finish
