#!/bin/sh
# counts.py must fail when a report lacks a loss member the counts name
# (it once skipped them all while reports had none).
# Usage: counts-missing.sh COUNTS_PY
set -eu
counts=$1
case $counts in /*) ;; *) counts=$(pwd)/$counts ;; esac
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir "$dir/samples"
: >"$dir/samples/s.txt"
# a stand-in for wdilog whose report has every member but `repaired`
cat >"$dir/fake" <<'FAKE'
#!/bin/sh
echo '{"inputs":[{"events":1,"preamble_lines":0}],"totals":{"events":1}}'
FAKE
chmod +x "$dir/fake"
echo 's.txt: events=1 loss:preamble_lines=0 loss:repaired=0' >"$dir/counts.txt"
status=0
python3 "$counts" "$dir/fake" "$dir" "$dir/counts.txt" s.txt >"$dir/out" || status=$?
cat "$dir/out"
if [ "$status" -ne 1 ]; then
	echo "counts.py exited $status, want 1" >&2
	exit 1
fi
grep -q '^not ok - repaired: got absent, want 0$' "$dir/out" || {
	echo "no failure line for the missing member" >&2
	exit 1
}
grep -q '^ok - preamble_lines 0$' "$dir/out" || {
	echo "the present member was not checked" >&2
	exit 1
}
