# Binary files amid small logs in a directory (issue 14: the walk no longer
# opens each file to look at its magic; the reading does, opening it once).
# A .zip, a gzip-compressed ZIP and an ELF are passed over with the walk's
# warning, placed after every input's diagnostics as the walk placed it
# (not in name order: b.zip sorts before c.log), not listed and not counted;
# an EVTX-looking name with text inside is read; the same binary file
# named on the command line is still an error. -j 1 and -j 3 give the same
# bytes on both streams.
. "$(dirname "$0")/../lib.sh"
need_python
set +e

mkdir "$T/d" "$T/d/sub"
"$PYTHON" - "$T/d" <<'PY'
import gzip, sys
d = sys.argv[1]
rec = "[0]0888.0D60::10/23/2003-12:00:%02d.000 [w]AssocStatus=%d\n"
for n in range(40):
    open("%s/a%02d.log" % (d, n), "w").write(rec % (n % 60, (0, 41)[n % 2]))
open(d + "/b.zip", "wb").write(b"PK\x03\x04" + b"\0" * 64)
open(d + "/c.log", "w").write((rec % (1, 5)).replace("10/23/", "23/10/"))
with gzip.open(d + "/sub/g.gz", "wb") as g:
    g.write(b"PK\x03\x04" + b"\0" * 64)
open(d + "/sub/h.elf", "wb").write(b"\x7fELF" + b"\2\1\1" + b"\0" * 64)
open(d + "/sub/i.log", "w").write(rec % (2, 0))
PY
[ -s "$T/d/sub/g.gz" ] || fail "the generator wrote the files"

run -j 1 -f json "$T/d"
expect_rc 0 "-j 1: passed-over files are no failure"
cp "$T/out" "$T/one.json"
cp "$T/err" "$T/one.err"
n=$(jget "$T/one.json" "len(j['inputs'])")
expect_eq "-j 1: the 42 text files are the inputs" "$n" 42
lacks "-j 1: the zip is not listed" "$T/one.json" "b.zip"
has "-j 1: the zip is passed over" "$T/one.err" \
	"b.zip: skipped: ZIP archive, not a text or XML trace"
has "-j 1: the gzip is passed over" "$T/one.err" \
	"g.gz: skipped: gzip-compressed ZIP archive"
has "-j 1: the ELF is passed over" "$T/one.err" "h.elf: skipped: "
# the walk's warnings came after the inputs' own
first=$(grep -n "skipped:" "$T/one.err" | head -n 1 | cut -d: -f1)
pre=$(grep -n "c.log:1: dates read day-first" "$T/one.err" | cut -d: -f1)
check "-j 1: the date warning of c.log comes before the zip's" \
	test -n "$pre" -a -n "$first" -a "${pre:-0}" -lt "${first:-0}"
for j in 2 3; do
	run -j "$j" -f json "$T/d"
	expect_rc 0 "-j $j"
	same "-j $j: the JSON report of -j 1" "$T/one.json" "$T/out"
	same "-j $j: the diagnostics of -j 1, in order" "$T/one.err" "$T/err"
done
# text output, diagnostics cut to a few: still the same at -j 3
run -j 1 "$T/d"
cp "$T/out" "$T/one.txt"
cp "$T/err" "$T/one.txterr"
run -j 3 "$T/d"
same "-j 3: the text report of -j 1" "$T/one.txt" "$T/out"
same "-j 3: the text diagnostics of -j 1" "$T/one.txterr" "$T/err"

# named, the zip is an input that cannot be read
run -f json "$T/d/b.zip"
expect_rc 2 "a named zip"
has "a named zip: said why" "$T/err" "ZIP archive, not a text or XML trace"
finish
