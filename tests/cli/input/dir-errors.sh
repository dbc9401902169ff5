# -j on a directory where many inputs fail or are passed over (issue 14:
# a job's error lives in a ring of slots, not in the job table): every
# input keeps its own error, in input order, and the bytes of -j 1 come
# out at every -j. Hundreds of failures of two kinds make every slot of
# the ring serve several jobs, with a different error each time.
. "$(dirname "$0")/../lib.sh"
need_python
set +e

mkdir "$T/d"
"$PYTHON" - "$T/d" > "$T/want" <<'PY'
import gzip, sys
d = sys.argv[1]
rec = "[0]0888.0D60::10/23/2003-12:%02d:%02d.000 [w]AssocStatus=%d\n"
want = []
for n in range(700):
    body = "".join(rec % (n // 60 % 60, n % 60, (31, 41, 0)[(n + i) % 3])
                   for i in range(n % 5 + 1)).encode()
    if n % 3 == 0:
        g = gzip.compress(body)
        if n % 2:   # a wrong CRC, or a wrong length
            g, kind = g[:-8] + b"\0\0\0\0" + g[-4:], "data"
        else:
            g, kind = g[:-4] + b"\1\0\0\0", "length"
        open("%s/f%04d.log.gz" % (d, n), "wb").write(g)
        want.append("f%04d.log.gz %s" % (n, kind))
    elif n % 5 == 0:
        open("%s/f%04d.zip" % (d, n), "wb").write(b"PK\x03\x04" + b"\0" * n)
    else:
        open("%s/f%04d.log" % (d, n), "wb").write(body)
print("\n".join(want))
PY
[ -s "$T/d/f0698.log" ] || fail "the generator wrote the files"

run -j 1 -f json "$T/d"
rc1=$rc
expect_rc 2 "-j 1: the corrupt gzip files fail the run"
cp "$T/out" "$T/one.json"
cp "$T/err" "$T/one.err"
# every corrupt gzip is listed with its own error
jget "$T/one.json" "'\n'.join('%s %s' % (i['path'].rsplit('/', 1)[1], i['error'].split('(incorrect ')[1].split(' ')[0]) for i in j['inputs'] if i['error'])" > "$T/got"
same "-j 1: each corrupt gzip has its own error" "$T/want" "$T/got"
n=$(jget "$T/one.json" "len(j['inputs'])")
expect_eq "-j 1: the zip files are passed over" "$n" 607
for j in 2 5; do
	run -j "$j" -f json "$T/d"
	expect_eq "-j $j: the exit status of -j 1" "$rc" "$rc1"
	same "-j $j: the JSON report of -j 1" "$T/one.json" "$T/out"
	same "-j $j: the diagnostics of -j 1" "$T/one.err" "$T/err"
done
finish
