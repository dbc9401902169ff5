# -j on a directory of small files read in batches (issue 14: a worker
# reads runs of consecutive files into one report, merged once): failures
# that make bursts across file boundaries, a gzip file that fails CRC in
# the middle of a run, a binary file passed over, an empty file and a
# wdilog report among them. Every -j gives the bytes of -j 1: JSON, text,
# diagnostics in order, exit status.
. "$(dirname "$0")/../lib.sh"
need_python
set +e

mkdir "$T/d"
"$PYTHON" - "$T/d" <<'PY'
import gzip, sys
d = sys.argv[1]
rec = "[0]0888.0D60::10/23/2003-12:%02d:%02d.000 [w]AssocStatus=%d\n"
for n in range(600):
    body = "".join(rec % (n // 60 % 60, n % 60, (31, 41, 0, 5)[(n + i) % 4])
                   for i in range(n % 7 + 1))
    open("%s/f%04d.log" % (d, n), "w").write(body if n % 97 else "")
g = gzip.compress((rec % (1, 1, 41)).encode())
g = g[:-8] + b"\0\0\0\0" + g[-4:]          # a wrong CRC
open(d + "/f0300.log.gz", "wb").write(g)
open(d + "/f0301.zip", "wb").write(b"PK\x03\x04" + b"\0" * 64)
PY
[ -s "$T/d/f0301.zip" ] || fail "the generator wrote the files"
run -f json -j 1 "$T/d/f0000.log"
cp "$T/out" "$T/d/f0302.json"

run -j 1 -f json --burst=3/60 "$T/d"
rc1=$rc
cp "$T/out" "$T/one.json"
cp "$T/err" "$T/one.err"
has "-j 1: the gzip fails" "$T/one.err" "f0300.log.gz"
has "-j 1: the zip is passed over" "$T/one.err" "f0301.zip: skipped"
n=$(jget "$T/one.json" "len(j['inputs'])")
expect_eq "-j 1: the logs and the gzip are the inputs" "$n" 601
for j in 2 4; do
	run -j "$j" -f json --burst=3/60 "$T/d"
	expect_eq "-j $j: the exit status of -j 1" "$rc" "$rc1"
	same "-j $j: the JSON report of -j 1" "$T/one.json" "$T/out"
	same "-j $j: the diagnostics of -j 1" "$T/one.err" "$T/err"
done
run -j 1 "$T/d"
cp "$T/out" "$T/one.txt"
run -j 3 "$T/d"
same "-j 3: the text report of -j 1" "$T/one.txt" "$T/out"
finish
