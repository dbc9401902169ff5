# -j on a directory of 2,000 small files (issue 14): each file is a job of
# its own, its report merged in input order, and the workers sleep and
# wake in batches; the JSON report (every input listed, in order, with its
# lines) and the diagnostics of -j 2 to -j 8 must be those of -j 1. Some
# files have damaged records (a NUL byte) and unreadable values, some are
# empty, one is binary (passed over by the walk) and one is gzip.
. "$(dirname "$0")/../lib.sh"
need_python
set +e

mkdir "$T/d"
"$PYTHON" - "$T/d" <<'PY'
import gzip, sys
d = sys.argv[1]
for n in range(2000):
    lines = []
    for i in range(n % 13 + 1):
        code = (31, 41, 0, 5)[(n + i) % 4]
        text = "[0]0888.0D60::10/23/2003-12:%02d:%02d.000 [w]AssocStatus=%d" % (n // 60 % 60, n % 60, code)
        if n % 401 == 7 and i == 0:
            text += " \0 damaged"
        if n % 333 == 5 and i == 0:
            text = text.replace("AssocStatus=", "AssocStatus=zzz")
        lines.append(text + "\n")
        if i % 3 == 2:
            lines.append("    continued %d\n" % i)
    body = "".join(lines) if n % 250 != 1 else ""
    open("%s/f%04d.log" % (d, n), "w").write(body)
open(d + "/zz.bin", "wb").write(b"PK\x03\x04" + b"\0" * 64)
with gzip.open(d + "/zz.log.gz", "wt") as g:
    g.write("[0]0888.0D60::10/23/2003-12:00:00.000 [w]AssocStatus=41\n")
PY
[ -s "$T/d/zz.log.gz" ] || fail "the generator wrote the files"

run -j 1 -f json "$T/d"
expect_rc 0 "-j 1"
cp "$T/out" "$T/one.json"
sort "$T/err" >"$T/one.err"
n=$(jget "$T/one.json" "len(j['inputs'])")
expect_eq "-j 1: every text file is an input" "$n" 2001
has "-j 1: the binary file is passed over" "$T/one.err" "zz.bin: skipped"
for j in 2 3 4 8; do
	run -j "$j" -f json "$T/d"
	expect_rc 0 "-j $j"
	same "-j $j: the JSON report of -j 1" "$T/one.json" "$T/out"
	sort "$T/err" >"$T/par.err"
	same "-j $j: the diagnostics of -j 1" "$T/one.err" "$T/par.err"
done
finish
