# The one shell helper library of the CLI tests (tests/cli/*/*.sh);
# sourced, never run. Its own variables start with _ so that they never
# clobber a test's. meson runs each case as
#   sh GROUP/CASE.sh WDILOG SAMPLES_DIR [EXTRA]
# with WDILOG_SRCDIR set to the source root. A case prints one line per
# check ("ok N - what" or "not ok N - what"), ends with finish (the
# "N passed, N failed" line) and exits 0 when all passed, 1 when any
# failed, 77 to be skipped.
set -eu

WDILOG=$1
SAMPLES=$2
SRCDIR=${WDILOG_SRCDIR:?WDILOG_SRCDIR is not set (run through meson test)}
# tests/cli: the shared checkers (contract.py, validate.py) live here
CLI_DIR=$SRCDIR/tests/cli
# the folder of the running case (its own data files)
TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
# the sample most cases read
D=$SAMPLES/tracefmt-default.txt

# The environment of the person running the tests must not leak in.
unset NO_COLOR
LC_ALL=C
export LC_ALL

T=$(mktemp -d "${TMPDIR:-/tmp}/wdilog-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

# Debian's python3 is /usr/bin/python3 (the one python3-jsonschema is for);
# another python3 earlier in PATH (pyenv, venv) may lack the module.
PYTHON=
for p in /usr/bin/python3 python3; do
	if command -v "$p" >/dev/null 2>&1; then
		PYTHON=$p
		break
	fi
done

_nchecks=0
nfail=0

ok() {
	_nchecks=$((_nchecks + 1))
	printf 'ok %s - %s\n' "$_nchecks" "$*"
}

fail() {
	_nchecks=$((_nchecks + 1))
	nfail=$((nfail + 1))
	printf 'not ok %s - %s\n' "$_nchecks" "$*"
}

# check DESCRIPTION COMMAND...: pass when COMMAND succeeds.
check() {
	_check_desc=$1
	shift
	if "$@"; then
		ok "$_check_desc"
	else
		fail "$_check_desc"
	fi
}

# edit_report NAME PYTHON: $T/NAME.json is $T/r.json changed by PYTHON
# (r is the report, loaded as JSON)
edit_report() {
	"$PYTHON" - "$T/r.json" "$T/$1.json" "$2" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(r, open(sys.argv[2], "w"))
PY
}

# merge_refused NAME TEXT WHAT: loading $T/NAME.json exits 2 with TEXT in
# its message
merge_refused() {
	"$WDILOG" merge -q "$T/$1.json" >/dev/null 2>"$T/err"
	rc=$?
	if [ "$rc" -eq 2 ] && grep -qF -- "$2" "$T/err"; then
		ok "$3"
	else
		fail "$3 (exit $rc: $(cat "$T/err"))"
	fi
}

finish() {
	printf '%s passed, %s failed\n' "$((_nchecks - nfail))" "$nfail"
	if [ "$nfail" -ne 0 ]; then
		exit 1
	fi
	exit 0
}

skip() {
	printf 'SKIP: %s\n' "$*"
	exit 77
}

# run ARGS...: wdilog with no stdin; sets $rc, output in $T/out and $T/err.
run() {
	rc=0
	"$WDILOG" "$@" </dev/null >"$T/out" 2>"$T/err" || rc=$?
}

# run_stdin FILE ARGS...: the same with FILE as standard input.
run_stdin() {
	_run_in=$1
	shift
	rc=0
	"$WDILOG" "$@" <"$_run_in" >"$T/out" 2>"$T/err" || rc=$?
}

# Show a file in the log (when a check fails, this says why).
show() {
	printf -- '--- %s:\n' "$1"
	sed -e 's/^/    /' "$1" | head -n 40
}

is_empty() {
	[ ! -s "$1" ]
}

nlines() {
	wc -l <"$1" | tr -d ' '
}

# expect_rc WANT DESCRIPTION: compare the last run's $rc.
expect_rc() {
	if [ "$rc" -eq "$1" ]; then
		ok "$2 (exit $rc)"
	else
		fail "$2: exit $rc, want $1"
		show "$T/err"
	fi
}

# has_esc FILE: the file holds an ESC byte (an ANSI colour sequence).
has_esc() {
	grep -q "$(printf '\033')" "$1"
}

no_esc() {
	! has_esc "$1"
}

# has_raw_control FILE: any control byte other than newline.
has_raw_control() {
	# od prints one byte per field; control bytes are 000-037 and 177
	od -An -v -to1 "$1" | tr -s ' ' '\n' |
		grep -v -x -e '' -e '012' |
		grep -q -x -e '0[0-3][0-7]' -e '177'
}

no_raw_control() {
	! has_raw_control "$1"
}

# no_grep PATTERN FILE...: no line of the files matches PATTERN.
no_grep() {
	_no_grep_pat=$1
	shift
	! grep -q -e "$_no_grep_pat" "$@"
}

differ() {
	! cmp -s "$1" "$2"
}

need_python() {
	if [ -z "$PYTHON" ]; then
		fail "python3 not found (tools/packages.txt lists it)"
		finish
	fi
}

# jget FILE EXPR: evaluate a Python expression over the JSON in FILE (bound
# to j); prints scalars as Python does, null/true/false and containers as JSON.
jget() {
	"$PYTHON" - "$1" "$2" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    j = json.load(f)
v = eval(sys.argv[2], {"j": j})
if v is None or isinstance(v, (bool, list, dict)):
    print(json.dumps(v))
else:
    print(v)
PY
}

# expect_eq DESCRIPTION GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1 ($2)"
	else
		fail "$1: got '$2', want '$3'"
	fi
}

# has DESCRIPTION FILE TEXT: FILE contains TEXT (a fixed string).
has() {
	if grep -qF -- "$3" "$2"; then
		ok "$1"
	else
		fail "$1: '$3' not in $(basename "$2")"
		show "$2"
	fi
}

# lacks DESCRIPTION FILE TEXT: FILE does not contain TEXT.
lacks() {
	if grep -qF -- "$3" "$2"; then
		fail "$1: '$3' found in $(basename "$2")"
	else
		ok "$1"
	fi
}

# same DESCRIPTION A B: identical files.
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		fail "$1: files differ"
		diff "$2" "$3" | head -20 | sed 's/^/#   /'
	fi
}

# same_merged DESCRIPTION MERGED ONE_RUN: a merge of JSON reports equals
# one run member by member, peers, bursts, 802.11 codes and SSIDs
# included (issue 15); the members that differ are named.
same_merged() {
	need_python
	if "$PYTHON" - "$2" "$3" >"$T/same_merged" 2>&1 <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for k in ("peers", "bursts", "dot11", "ssids"):
    assert a.get(k) is not None, "merged report lacks %s" % k
diff = [k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
print(" ".join(diff))
sys.exit(1 if diff else 0)
PY
	then
		ok "$1"
	else
		fail "$1: reports differ in $(cat "$T/same_merged")"
	fi
}

# trace FILE EVENTS CODE...: a tracefmt text file with one event per
# CODE (AssocStatus=CODE) and events without status up to EVENTS.
trace() {
	_trace_f=$1 _trace_events=$2 _trace_i=0
	shift 2
	{
		for _trace_c in "$@"; do
			_trace_i=$((_trace_i + 1))
			printf '[0]0888.0D60::10/23/2003-12:27:%02d.000 [drv]AssocStatus=%s\n' \
				$((_trace_i % 60)) "$_trace_c"
		done
		while [ "$_trace_i" -lt "$_trace_events" ]; do
			_trace_i=$((_trace_i + 1))
			printf '[0]0888.0D60::10/23/2003-12:28:%02d.000 [drv]idle\n' \
				$((_trace_i % 60))
		done
	} >"$_trace_f"
}

# need PROGRAM: fail (not skip) when a tool from tools/packages.txt is
# missing, so that a machine without it cannot pass by accident.
need() {
	if ! command -v "$1" >/dev/null 2>&1; then
		fail "$1 is installed (tools/packages.txt)"
		finish
	fi
}
