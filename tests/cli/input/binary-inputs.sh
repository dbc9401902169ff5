# Binary inputs are told by their magic, never read as text (issue 11,
# item 2; formats.md 3a): a file named on the command line is refused with
# its format and converter named (exit 2), one found in a directory is
# passed over with a warning, neither counted as damage; gzip inside gzip
# is inflated again. An EVTX file goes to the EVTX reader (issue 12): one
# whose header is garbage and holds no chunk is an unreadable input, named
# as EVTX, in a directory too.
. "$(dirname "$0")/../lib.sh"
need_python

S=$SAMPLES/eventlog.txt
mkdir "$T/bin"
# 4 KiB of bytes that read as lines of garbage if taken for text
garbage() { "$PYTHON" -c 'import sys; sys.stdout.buffer.write(bytes((i * 37 + 11) % 256 for i in range(4096)))'; }
{ printf 'ElfFile\000'; garbage; } >"$T/bin/System.evtx"
# an ETL buffer header: 64 KiB buffer, saved and current offsets 0x1000
{ printf '\000\000\001\000\000\020\000\000\000\020\000\000'; garbage; } >"$T/bin/wifi.etl"
{ printf 'PK\003\004'; garbage; } >"$T/bin/logs.zip"
{ printf 'MSCF\000\000\000\000'; garbage; } >"$T/bin/trace.cab"
"$PYTHON" - "$T/bin/driver.sys" <<'PY'
import sys
img = bytearray(512)
img[0:2] = b"MZ"
img[8] = 4
img[60:64] = (128).to_bytes(4, "little")
img[128:132] = b"PE\0\0"
open(sys.argv[1], "wb").write(bytes(img))
PY

# named on the command line: refused, exit 2, the format and what to do
for f in System.evtx:EVTX:wevtutil wifi.etl:ETL:"netsh trace convert" \
	 logs.zip:ZIP:unpack trace.cab:CAB:expand driver.sys:PE:"not a trace"; do
	name=${f%%:*}
	rest=${f#*:}
	kind=${rest%%:*}
	hint=${rest#*:}
	run -f json --max-damaged 0 "$T/bin/$name"
	expect_rc 2 "$name is refused"
	check "$name: the message names $kind" grep -q "$name: .*$kind" "$T/err"
	check "$name: the message says what to do ($hint)" grep -q -F "$hint" "$T/err"
	expect_eq "$name: no damaged events" "$(jget "$T/out" 'j["totals"]["damaged"]')" 0
	expect_eq "$name: no events" "$(jget "$T/out" 'j["totals"]["events"]')" 0
	expect_eq "$name: its error in the report names $kind" \
		"$(jget "$T/out" "'$kind' in j['inputs'][0]['error']")" true
done

# gzip around a binary: still named
gzip -c "$T/bin/System.evtx" >"$T/System.evtx.gz"
run -q -f json "$T/System.evtx.gz"
expect_rc 2 "a gzipped broken .evtx is unreadable"
expect_eq "a gzipped broken .evtx: named as such" \
	"$(jget "$T/out" "'EVTX' in j['inputs'][0]['error']")" true
gzip -c "$T/bin/wifi.etl" >"$T/wifi.etl.gz"
run -q -f json "$T/wifi.etl.gz"
expect_rc 2 "a gzipped .etl is refused"
expect_eq "a gzipped .etl: named as such" \
	"$(jget "$T/out" "'gzip-compressed ETL' in j['inputs'][0]['error']")" true

# gzip inside gzip is inflated again: the same report as the text
"$WDILOG" -q -f json "$S" >"$T/plain.json"
gzip -c "$S" | gzip -c >"$T/twice.gz"
run -q -f json "$T/twice.gz"
expect_rc 0 "gzip inside gzip"
expect_eq "gzip inside gzip: the events of the text" \
	"$(jget "$T/out" 'j["totals"]["events"]')" \
	"$(jget "$T/plain.json" 'j["totals"]["events"]')"
expect_eq "gzip inside gzip: the codes of the text" \
	"$(jget "$T/out" 'j["codes"]')" "$(jget "$T/plain.json" 'j["codes"]')"
expect_eq "gzip inside gzip: marked gzip" "$(jget "$T/out" 'j["inputs"][0]["gzip"]')" true
expect_eq "gzip inside gzip: read as its format" \
	"$(jget "$T/out" 'j["inputs"][0]["format"]')" \
	"$(jget "$T/plain.json" 'j["inputs"][0]["format"]')"
run_stdin "$T/twice.gz" -q -f json -
expect_eq "gzip inside gzip on standard input" \
	"$(jget "$T/out" 'j["totals"]["events"]')" \
	"$(jget "$T/plain.json" 'j["totals"]["events"]')"

# in a directory: passed over with a warning each, the gate unharmed
cp "$S" "$T/bin/eventlog.txt"
mv "$T/bin/System.evtx" "$T/System.evtx"
run -f json --max-damaged 0 "$T/bin"
expect_rc 0 "a directory with binaries beside a log passes --max-damaged 0"
expect_eq "only the log is an input" "$(jget "$T/out" 'len(j["inputs"])')" 1
expect_eq "no damaged events" "$(jget "$T/out" 'j["totals"]["damaged"]')" 0
for name in wifi.etl logs.zip trace.cab driver.sys; do
	check "$name: passed over with a warning" \
		grep -q "$name: skipped: .*not a text or XML trace" "$T/err"
done

# an .evtx in a directory is read, not skipped: this one is unreadable
cp "$T/System.evtx" "$T/System.evtx.gz" "$T/bin/"
run -f json "$T/bin"
expect_rc 2 "a directory with a broken .evtx: an input error"
expect_eq "the .evtx files are inputs" "$(jget "$T/out" 'len(j["inputs"])')" 3
expect_eq "both broken .evtx files are unreadable" \
	"$(jget "$T/out" 'j["totals"]["unreadable_inputs"]')" 2
lacks "no .evtx skipped" "$T/err" "System.evtx: skipped"

finish
