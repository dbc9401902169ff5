# -j over more jobs than the run keeps (issue 14: the jobs are a ring of
# 256, made from a plan as the merge moves on): 150 named files each cut
# in parts, a file named twice, and a directory of 300 small files read in
# batches give over a thousand jobs, so every slot of the ring serves
# several jobs, parts and batches alike. The bytes of -j 1 come out at
# every -j, with attempts too.
. "$(dirname "$0")/../lib.sh"
set +e

mkdir "$T/d"
i=0
while [ $i -lt 150 ]; do
	# two copies of a sample: about 9 KiB, several parts at 2,000 bytes
	cat "$D" "$D" > "$T/f$i.txt"
	cp "$D" "$T/d/g$i.txt"
	cp "$SAMPLES/eventlog.txt" "$T/d/h$i.txt"
	i=$((i + 1))
done
WDILOG_SPLIT_BYTES=2000
export WDILOG_SPLIT_BYTES

# named files first, the directory, then the first file again
set -- "$T"/f*.txt "$T/d" "$T/f0.txt"
run -j 1 -q -f json "$@"
expect_rc 0 "-j 1 reads every input"
cp "$T/out" "$T/one.json"
cp "$T/err" "$T/one.err"
n=$(jget "$T/one.json" "len(j['inputs'])")
expect_eq "-j 1: every input listed" "$n" 451
for j in 2 3 7; do
	run -j "$j" -q -f json "$@"
	expect_eq "-j $j: the exit status of -j 1" "$rc" 0
	same "-j $j: the JSON report of -j 1" "$T/one.json" "$T/out"
	same "-j $j: the diagnostics of -j 1" "$T/one.err" "$T/err"
done
run -j 1 -q -f json --with-attempts "$@"
cp "$T/out" "$T/att.json"
run -j 4 -q -f json --with-attempts "$@"
same "-j 4 --with-attempts: the report of -j 1" "$T/att.json" "$T/out"
finish
