# Helpers for the gate suite's shell tests. Each test prints one
# "ok N - what" or "not ok N - what" line per check and ends with the
# "N passed, N failed" line; it fails when any check failed.
# Environment (from tests/gate/meson.build): WDILOG, SAMPLES, GATE_DIR,
# SRCDIR.
set -u
n=0
fails=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
D="$SAMPLES/tracefmt-default.txt"

ok() { n=$((n + 1)); echo "ok $n - $1"; }
no() {
	n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"
}

# run ARGS...: wdilog with stdout in $T/out, stderr in $T/err, status in rc
run() {
	"$WDILOG" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}

# expect_exit WHAT CODE
expect_exit() {
	if [ "$rc" -eq "$2" ]; then
		ok "$1 (exit $2)"
	else
		no "$1: exit $rc, expected $2"
		sed 's/^/#   /' "$T/err" | head -20
	fi
}

# has WHAT FILE TEXT: FILE contains TEXT (a fixed string)
has() {
	if grep -qF -- "$3" "$2"; then
		ok "$1"
	else
		no "$1: '$3' not in $(basename "$2")"
		sed 's/^/#   /' "$2" | head -40
	fi
}

# lacks WHAT FILE TEXT
lacks() {
	if grep -qF -- "$3" "$2"; then
		no "$1: '$3' found in $(basename "$2")"
	else
		ok "$1"
	fi
}

# same WHAT A B: identical files
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		no "$1: files differ"
		diff "$2" "$3" | head -20 | sed 's/^/#   /'
	fi
}

# same_merged WHAT MERGED ONE_RUN: a merge of JSON reports equals one run,
# but for the per-peer and burst members, which merged reports leave null
same_merged() {
	if python3 - "$2" "$3" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for k in ("peers", "no_peer", "peers_past_limit", "bursts"):
    assert a.get(k) is None, "merged report has %s" % k
    a.pop(k, None)
    b.pop(k, None)
sys.exit(0 if a == b else 1)
PY
	then
		ok "$1"
	else
		no "$1: reports differ"
	fi
}

# equal WHAT GOT WANT
equal() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		no "$1: got '$2', expected '$3'"
	fi
}

# trace FILE EVENTS CODE...: a tracefmt text file with one event per
# CODE (AssocStatus=CODE) and events without status up to EVENTS
trace() {
	f=$1 events=$2 i=0
	shift 2
	{
		for c in "$@"; do
			i=$((i + 1))
			printf '[0]0888.0D60::10/23/2003-12:27:%02d.000 [drv]AssocStatus=%s\n' \
				$((i % 60)) "$c"
		done
		while [ "$i" -lt "$events" ]; do
			i=$((i + 1))
			printf '[0]0888.0D60::10/23/2003-12:28:%02d.000 [drv]idle\n' $((i % 60))
		done
	} >"$f"
}

# need PROGRAM: fail (not skip) when a tool from tools/packages.txt is
# missing, so a machine without it cannot pass by accident
need() {
	if ! command -v "$1" >/dev/null 2>&1; then
		no "$1 is installed (tools/packages.txt)"
		finish
		exit 1
	fi
}

finish() {
	echo "$((n - fails)) passed, $fails failed"
	[ "$fails" -eq 0 ]
}
