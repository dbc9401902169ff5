# -j on wpp-text files cut into parts (issue 14): each part numbers its
# lines from its own start and the lines before it are added at the merge,
# so nothing counts lines while the parts are planned. The JSON report
# (its per-input lines included), the diagnostics (with their line
# numbers) and --events of -j 2 to -j 8 must be those of -j 1, on files
# with long lines, a CRLF stretch, damaged records (a NUL byte) and
# unreadable values in every part. WDILOG_SPLIT_BYTES cuts these small
# files as a 32 MiB one would be. Four encodings: plain UTF-8 (a part
# finds its end by byte offset), UTF-8 with bytes that need fixing after
# the sniffed start and Windows-1252 (decoded offsets are no file offsets
# there, so a part counts its lines to its end), and UTF-16 (read whole).
. "$(dirname "$0")/../lib.sh"
need_python
set +e

"$PYTHON" - "$T" <<'EOF'
import sys
out = sys.argv[1]
lines = []
for i in range(1, 4001):
    t = "10/23/2003-12:%02d:%02d.%03d" % (i // 3600 % 60, i // 60 % 60, i % 1000)
    code = (31, 41, 0, 5, 7, 99)[i % 6]
    text = "[%d]0888.0D60::%s [wdiwifi]Association result: AssocStatus=%d" % (i % 4, t, code)
    if i % 700 == 350:
        text = text.replace("AssocStatus=", "AssocStatus=zzz ")
    if i % 650 == 300:
        text += " \0 damaged"
    eol = "\r\n" if 1500 <= i < 1900 else "\n"
    lines.append(text + eol)
    if i % 7 == 0:
        lines.append("    candidate 00:11:22:33:44:%02x rssi -61" % (i % 256) + eol)
    if i % 9 == 0:
        lines.append("RoamReason is 15 (link quality below threshold)" + eol)
    if i % 900 == 450:
        # a long continuation line: longer than the 256 KiB read window
        lines.append("    dump " + "ab" * 150000 + " AssocStatus=41" + eol)
    if i % 1100 == 600:
        lines.append(eol)
body = "".join(lines)
open(out + "/utf8.log", "w", newline="").write(body)
# bytes that need fixing (an invalid byte, a bidi mark) past the sniffed
# first 64 KiB and inside every later part
cut = body.encode()
fixed = bytearray()
for k, chunk in enumerate(cut.split(b"\n")):
    if k % 500 == 250 and len(fixed) > 70000:
        chunk += b" \xff\xe2\x80\x8e"
    fixed += chunk + b"\n"
open(out + "/fixed.log", "wb").write(bytes(fixed[:-1]))
cp = body.replace("Association result", "R\u00e9sultat d'association")
open(out + "/cp1252.log", "wb").write(cp.encode("cp1252"))
open(out + "/utf16.log", "wb").write(b"\xff\xfe" + body.encode("utf-16-le"))
# a storm: an unreadable value on every record, more than a part keeps
# before its merge (it then waits for its turn and tells them itself)
storm = "".join("[0]0888.0D60::10/23/2003-12:00:00.%03d [w]AssocStatus=zzz%d\n" % (i % 1000, i)
                for i in range(12000))
open(out + "/storm.log", "w").write(storm)
EOF
[ -s "$T/utf16.log" ] || fail "the generator wrote the files"

WDILOG_SPLIT_BYTES=65536
export WDILOG_SPLIT_BYTES
for f in utf8 fixed cp1252 utf16; do
	run -j 1 -f json "$T/$f.log"
	expect_rc 0 "$f: -j 1"
	cp "$T/out" "$T/one.json"
	sort "$T/err" >"$T/one.err"
	run -j 1 --events "$T/$f.log"
	cp "$T/out" "$T/one.events"
	for j in 2 3 4 5 6 7 8; do
		run -j "$j" -f json "$T/$f.log"
		expect_rc 0 "$f: -j $j"
		same "$f: -j $j: the JSON report of -j 1" "$T/one.json" "$T/out"
		sort "$T/err" >"$T/par.err"
		same "$f: -j $j: the diagnostics of -j 1" "$T/one.err" "$T/par.err"
		run -j "$j" --events "$T/$f.log"
		same "$f: -j $j: --events of -j 1" "$T/one.events" "$T/out"
	done
done

run -j 1 -f json "$T/storm.log"
cp "$T/out" "$T/one.json"
cp "$T/err" "$T/one.err"
for j in 2 4; do
	run -j "$j" -f json "$T/storm.log"
	same "storm: -j $j: the JSON report of -j 1" "$T/one.json" "$T/out"
	same "storm: -j $j: the diagnostics (and their count) of -j 1" "$T/one.err" "$T/err"
done
has "storm: every diagnostic counted" "$T/one.err" "11980 more diagnostics not shown"

# the line numbers themselves: a damaged record and an unreadable value in
# the last part name the line they are on in the file
nul=$(tr '\000' '@' <"$T/utf8.log" | grep -n ' @ damaged' | tail -n 1 | cut -d: -f1)
zzz=$(grep -an 'AssocStatus=zzz' "$T/utf8.log" | tail -n 1 | cut -d: -f1)
check "the last damaged record is in the second half" [ "$nul" -gt 4000 ]
run -j 2 -f json "$T/utf8.log"
has "-j 2: the damaged record's own line ($nul)" "$T/err" "utf8.log:$nul: NUL byte in line"
has "-j 2: the unreadable value's own line ($zzz)" "$T/err" "utf8.log:$zzz: AssocStatus: unreadable"
run -j 2 -f json "$T/fixed.log"
nulf=$(tr '\000' '@' <"$T/fixed.log" | grep -an ' @ damaged' | tail -n 1 | cut -d: -f1)
has "-j 2, bytes fixed: the damaged record's own line ($nulf)" "$T/err" "fixed.log:$nulf: NUL byte in line"
finish
