# -j on a large .evtx file (issue 12): past the size at which wdilog cuts a
# file into parts (32 MiB), its chunks are read side by side, and the JSON
# report of -j 2 and -j 4 is the one of -j 1 byte for byte, the
# diagnostics the same ones. The file (made by the EVTX test writer, the
# bench program given as the extra argument) has a chunk whose data
# checksum fails and whose records are partly zeros (damaged), so damage
# counts and warnings cross the parts too.
. "$(dirname "$0")/../lib.sh"
need_python
set +e
WRITER=$3

"$WRITER" 34 "$T/big.evtx" --write-only >"$T/gen" ||
	fail "the test writer made a file"
records=$(sed -n 's/^records \([0-9]*\),.*/\1/p' "$T/gen")
# chunk 200 (of 544): 3000 bytes of its records zeroed
dd if=/dev/zero of="$T/big.evtx" bs=1000 count=3 \
	seek=$(((4096 + 200 * 65536 + 9000) / 1000)) conv=notrunc 2>/dev/null

run -j 1 -f json "$T/big.evtx"
expect_rc 0 "-j 1"
cp "$T/out" "$T/one.json"
sort "$T/err" >"$T/one.err"
ev=$(jget "$T/one.json" "j['totals']['events']")
dm=$(jget "$T/one.json" "j['totals']['damaged']")
expect_eq "-j 1: every record an event (some damaged)" "$ev" "$records"
check "-j 1: the changed chunk's damage is counted ($dm)" [ "$dm" -gt 0 ]
has "-j 1: the chunk is warned about" "$T/one.err" "EVTX chunk 200: data checksum"
for j in 2 4; do
	run -j "$j" -f json "$T/big.evtx"
	expect_rc 0 "-j $j"
	same "-j $j: the JSON report of -j 1" "$T/one.json" "$T/out"
	sort "$T/err" >"$T/par.err"
	same "-j $j: the diagnostics of -j 1" "$T/one.err" "$T/par.err"
done
finish
