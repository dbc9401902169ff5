#!/bin/sh
# The attempt rules (doc/attempts.md, "Gate"): --min-success-rate and
# --max-failed-attempts over the attempts sample (1 success, 1 failure
# in auth, 1 incomplete: 50%), their verdict in every format, their
# values refused with exit 2, a rate over no attempt failing, and the
# baseline's success-rate and failing-phase checks.
. "$(dirname "$0")/../lib.sh"
set +e
need_python

S=$SAMPLES/attempts-interleaved.xml
# the sample's first attempt (a failure), and the rest (a success and
# an incomplete attempt: 100%)
sed -n '1,4p' "$S" >"$T/fail.xml"
echo '</Events>' >>"$T/fail.xml"
{ echo '<Events>'; sed -n '5,$p' "$S"; } >"$T/good.xml"
: >"$T/empty.txt"

# --- the success rate ---
run --min-success-rate 95% "$S"
expect_rc 1 "50% against at least 95%"
# the attempt rules read the WLAN events in full (1 of 2, not a
# guess from the WDI statuses alone)
has "the sentence" "$T/err" "wdilog: gate: min-success-rate: 50% of attempts succeeded (1 of 2), at least 95% needed: FAILED"
run -q --min-success-rate 50 "$S"
expect_rc 0 "50% against at least 50"
run -q --min-success-rate 50.001% "$S"
expect_rc 1 "50% against at least 50.001%"
run -q --min-success-rate 95 "$T/good.xml"
expect_rc 0 "a high rate passes"
run --min-success-rate 0 "$T/empty.txt"
expect_rc 1 "no attempt: the rate fails, even at 0"
has "says why" "$T/err" "min-success-rate: no attempt in the success rate (none succeeded, failed, dropped or timed out), at least 0% needed: FAILED"

# --- failed attempts ---
run --max-failed-attempts 0 "$S"
expect_rc 1 "one failed attempt against 0"
has "its sentence" "$T/err" "wdilog: gate: max-failed-attempts: 1 failed attempt (result failure, dropped or timeout), limit 0: FAILED"
run -q --max-failed-attempts 1 "$S"
expect_rc 0 "one failed attempt against 1"

# --- values ---
for v in 0.95 101 100.5% abc -5 '' 95%% 99.1234; do
	run --min-success-rate "$v" "$S"
	expect_rc 2 "--min-success-rate '$v' refused"
done
run --min-success-rate 0.95 "$S"
has "0.95 is ambiguous" "$T/err" "wdilog: --min-success-rate: ambiguous success rate '0.95': the value is a percentage; write 95% or 0.95%"
run --min-success-rate 101 "$S"
has "101 is out of range" "$T/err" "bad success rate '101' (a percentage from 0 to 100, such as 95 or 99.5%)"
run --max-failed-attempts x "$S"
expect_rc 2 "--max-failed-attempts x refused"
has "a count" "$T/err" "--max-failed-attempts takes a count, not 'x'"
run diff --min-success-rate 90 "$T/a.json" "$T/b.json"
expect_rc 2 "diff takes no gate option"

# --- every format ---
run -q --min-success-rate 95 --max-failed-attempts 0 "$S" \
	-f json -o "$T/r.json" -f junit -o "$T/r.xml" -f markdown -o "$T/r.md" \
	-f github -o "$T/r.gh"
expect_rc 1 "four reports"
expect_eq "JSON: the rate rule" \
	"$(jget "$T/r.json" '[r for r in j["gate"]["rules"] if r["rule"] == "min-success-rate"]')" \
	'[{"rule": "min-success-rate", "unit": "percent", "attempts": 2, "counted": 1, "limit": 95, "measured": 50, "passed": false}]'
expect_eq "JSON: the count rule" \
	"$(jget "$T/r.json" '[r for r in j["gate"]["rules"] if r["rule"] == "max-failed-attempts"]')" \
	'[{"rule": "max-failed-attempts", "attempts": 2, "counted": 1, "limit": 0, "measured": 1, "passed": false}]'
has "JUnit: the rate testcase" "$T/r.xml" '<testcase name="min-success-rate" classname="wdilog.attempts"'
has "JUnit: its failure" "$T/r.xml" '<failure message="min-success-rate: 50% of attempts succeeded (1 of 2), at least 95% needed" type="min-success-rate">'
has "JUnit: failed attempts" "$T/r.xml" '<failure message="max-failed-attempts: 1 failed attempt (result failure, dropped or timeout), limit 0" type="max-failed-attempts">'
has "Markdown: the rate row" "$T/r.md" '| min-success-rate | 95% | 50% (1 of 2) | **failed** (below the minimum) |'
has "Markdown: the count row" "$T/r.md" '| max-failed-attempts | 0 | 1 | **failed** |'
has "GitHub: the rate error" "$T/r.gh" '::error title=wdilog gate::min-success-rate: 50%25 of attempts succeeded (1 of 2), at least 95%25 needed'
if command -v xmllint >/dev/null 2>&1; then
	check "JUnit valid against junit-4.xsd" \
		xmllint --noout --schema "$TESTS_DIR/junit-4.xsd" "$T/r.xml"
fi
check "JSON valid against the schema" "$PYTHON" "$CLI_DIR/validate.py" "$T/r.json"

# --- the baseline ---
"$WDILOG" -q --with-attempts -f json -o "$T/good.json" "$T/good.xml"
"$WDILOG" -q -f json -o "$T/plain.json" "$T/good.xml"
run --baseline "$T/good.json" "$S" -f json -o "$T/b.json" -f markdown -o "$T/b.md"
expect_rc 1 "the success rate dropped against the baseline"
has "success-rate sentence" "$T/err" "wdilog: gate: baseline: 1 of 2 attempts did not succeed (success rate 50%, 500 per 1,000 attempts), 0 of 1 in the baseline (100%, 0 per 1,000 attempts): new, limit 0 per 1,000 attempts: FAILED"
has "failing-phase sentence" "$T/err" "wdilog: gate: baseline: 1 of 2 attempts failed in auth (500 per 1,000 attempts), 0 of 1 in the baseline (0 per 1,000 attempts): new, limit 0 per 1,000 attempts: FAILED"
expect_eq "JSON: the success-rate check" \
	"$(jget "$T/b.json" '[r for r in j["gate"]["rules"] if r.get("scope") == "success-rate"]')" \
	'[{"rule": "baseline", "scope": "success-rate", "change": "new", "unit": "per-1000-attempts", "baseline": 0, "attempts": 2, "counted": 1, "baseline_attempts": 1, "baseline_counted": 0, "limit": 0, "measured": 500, "passed": false}]'
has "Markdown: the success-rate row" "$T/b.md" '| baseline, attempts that did not succeed | 0 | 500 (1 of 2; per 1,000 attempts) | **failed** (new) |'
has "Markdown: the phase row" "$T/b.md" '| baseline, attempts failed in auth | 0 | 500 (1 of 2; per 1,000 attempts) | **failed** (new) |'
check "JSON with attempt checks valid" "$PYTHON" "$CLI_DIR/validate.py" "$T/b.json"
run --baseline "$T/good.json" --tolerance 500 "$S"
lacks "a tolerance of 500 per 1,000 attempts covers it" "$T/err" "attempts did not succeed"
"$WDILOG" -q --with-attempts -f json -o "$T/all.json" "$S"
run --baseline "$T/all.json" "$T/good.xml"
lacks "a better success rate passes" "$T/err" "attempts did not succeed"
run --baseline "$T/plain.json" "$S"
lacks "a baseline without attempts sets no attempt check" "$T/err" "attempts"
run --baseline "$T/all.json" "$T/empty.txt"
expect_rc 1 "no attempt against a baseline with some"
has "says so" "$T/err" "wdilog: gate: baseline: no attempt in the success rate, 2 in the baseline (success rate 50%): none to compare: FAILED"
finish
