#!/bin/sh
# Golden test: the JSON report of one sample must equal its expected report
# byte for byte. Usage: run.sh WDILOG SOURCE_ROOT SAMPLE [OPTION]...
# With WDILOG_GOLDEN_UPDATE=1 the expected file is rewritten instead (read
# the diff before committing it).
set -eu
wdilog=$1 root=$2 sample=$3
case $wdilog in /*) ;; *) wdilog=$(pwd)/$wdilog ;; esac
shift 3
expected="$root/samples/expected/$sample.json"
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
cd "$root"
status=0
"$wdilog" --quiet --format json "$@" "samples/$sample" >"$actual" || status=$?
if [ "$status" -ne 0 ]; then
	echo "wdilog exited with $status on samples/$sample" >&2
	exit 1
fi
if [ "${WDILOG_GOLDEN_UPDATE:-0}" = 1 ]; then
	cp "$actual" "$expected"
	exit 0
fi
diff -u "$expected" "$actual"
