#!/bin/sh
# JUnit output: a failing and a passing run validate against junit-4.xsd
# with xmllint; one suite per input, one testcase per rule and phase,
# failures carry counts and first occurrences; input-derived text is
# escaped, also characters XML 1.0 cannot carry.
. "$(dirname "$0")/../lib.sh"
# this case reads the status of the commands it runs itself (not set -e)
set +e
need xmllint
XSD="$CLI_DIR/gate/junit-4.xsd"

valid() { # WHAT FILE
	if xmllint --noout --schema "$XSD" "$2" 2>"$T/xmllint.err"; then
		ok "$1 validates against junit-4.xsd"
	else
		fail "$1 does not validate"
		sed 's/^/#   /' "$T/xmllint.err" | head -20
	fi
}
count() { grep -c -- "$1" "$2"; }

cd "$SAMPLES" || exit 1
run -q --max-failures 0 -f junit -o "$T/fail.xml" tracefmt-default.txt eventlog.txt
expect_rc 1 "failing gate"
valid "JUnit of a failing run" "$T/fail.xml"
has "totals on <testsuites>" "$T/fail.xml" '<testsuites name="wdilog" tests="12" failures="9" errors="0" time="0">'
expect_eq "one suite per input" "$(count '<testsuite ' "$T/fail.xml")" 2
has "suite of the first input" "$T/fail.xml" '<testsuite name="tracefmt-default.txt" tests="6" failures="6" errors="0" skipped="0" time="0">'
has "a passing suite lists its testcases too" "$T/fail.xml" '<testsuite name="eventlog.txt" tests="6" failures="3"'
has "testcase per rule and phase" "$T/fail.xml" '<testcase name="max-failures" classname="wdilog.probe" file="tracefmt-default.txt" time="0">'
has "failure message and type" "$T/fail.xml" '<failure message="4 probe status records counted in this input; 20 in all inputs, limit 0" type="max-failures">'
has "first occurrence with its line" "$T/fail.xml" '31 WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE: 4 here, first at tracefmt-default.txt:4 (lines 4, 5, 12, 47)'
has "a phase this input passed" "$T/fail.xml" 'probe phase: 0 status records counted in this input'

run -q --max-failures 1000 -f junit -o "$T/pass.xml" .
expect_rc 0 "passing gate"
valid "JUnit of a passing run" "$T/pass.xml"
has "no failures" "$T/pass.xml" 'failures="0" errors="0" time="0">'
expect_eq "no <failure>" "$(count '<failure' "$T/pass.xml")" 0
expect_eq "every suite lists testcases" "$(count 'tests="0"' "$T/pass.xml")" 0

run -q -f junit -o "$T/none.xml" tracefmt-default.txt
valid "JUnit without a gate" "$T/none.xml"
has "failures per phase, as passing testcases" "$T/none.xml" '<testcase name="failures" classname="wdilog.auth"'

run -q --strict --baseline /dev/null -f junit tracefmt-default.txt
expect_rc 2 "a baseline that is not JSON"
"$WDILOG" -q -f json -o "$T/base.json" eventlog.txt
run -q --strict --baseline "$T/base.json" -f junit -o "$T/all.xml" tracerpt-truncated.xml "$T/missing.xml"
expect_rc 2 "every rule and an unreadable input"
valid "JUnit with every rule" "$T/all.xml"
has "malformed testcase" "$T/all.xml" '<testcase name="max-malformed" classname="wdilog.input" file="tracerpt-truncated.xml"'
has "damaged testcase" "$T/all.xml" '<failure message="2 damaged events or unreadable inputs here; 3 in all inputs, limit 0" type="max-damaged">'
has "baseline testcase" "$T/all.xml" '<testcase name="baseline" classname="wdilog.probe" file="tracerpt-truncated.xml" time="0">'
has "new code named, in the words every report uses" "$T/all.xml" '1 record of 30 WDI_ASSOC_STATUS_PROBE_TX_FAILURE (62.5 per 1,000 events), 0 in the baseline (0 per 1,000 events): new, limit 0 per 1,000 events (failed)'
has "unreadable input is an error" "$T/all.xml" '<error message="cannot open: No such file or directory" type="unreadable">'

# a name with every character XML needs escaped, a control character,
# a byte that is not UTF-8, a newline and a tab
weird=$(printf 'we&ird<"\047>\001\377 new\nline\t.txt')
printf '[0]0888.0D60::10/23/2003-12:27:40.173 [drv]AssocStatus=31\n' >"$T/$weird"
run -q --max-failures 0 -f junit -o "$T/weird.xml" "$T/$weird"
expect_rc 1 "odd file name"
valid "JUnit naming an odd file" "$T/weird.xml"
has "attribute escapes" "$T/weird.xml" 'we&amp;ird&lt;&quot;'"'"'&gt;\x01\xff new&#10;line&#9;.txt" tests="6"'
has "text escapes" "$T/weird.xml" 'we&amp;ird&lt;"'"'"'&gt;\x01\xff new'
finish
