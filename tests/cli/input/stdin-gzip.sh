# gzip is detected from the bytes, on standard input as in files; a
# truncated stream is a warning, corrupt data an input error (exit 2) after
# what came before it was counted.
. "$(dirname "$0")/../lib.sh"
need_python

rc=0
cat "$SAMPLES/tracefmt-gzip.txt.gz" | "$WDILOG" -q --format json - >"$T/out" 2>"$T/err" || rc=$?
expect_rc 0 "gzip sample on stdin"
# EXPECTED.md: 17 events, 9 statuses, 2 undecoded
expect_eq "gzip on stdin: events" "$(jget "$T/out" 'j["totals"]["events"]')" 17
expect_eq "gzip on stdin: statuses" "$(jget "$T/out" 'j["totals"]["statuses"]')" 9
expect_eq "gzip on stdin: undecoded" "$(jget "$T/out" 'j["totals"]["undecoded"]')" 2
expect_eq "gzip on stdin: gzip flagged" "$(jget "$T/out" 'j["inputs"][0]["gzip"]')" true
expect_eq "gzip on stdin: format" "$(jget "$T/out" 'j["inputs"][0]["format"]')" wpp-text

# gzip any sample on the fly: the counts do not change
for s in tracerpt.xml wevtutil-events-utf16.xml eventlog.txt tracefmt-default.txt; do
	"$WDILOG" -q --format json "$SAMPLES/$s" >"$T/plain.json" || true
	gzip -c "$SAMPLES/$s" >"$T/s.gz"
	run_stdin "$T/s.gz" -q --format json -
	expect_rc 0 "gzip -c $s | wdilog -"
	expect_eq "$s gzipped: same totals" "$(jget "$T/out" 'j["totals"]')" \
		"$(jget "$T/plain.json" 'j["totals"]')"
	expect_eq "$s gzipped: same codes" "$(jget "$T/out" 'j["codes"]')" \
		"$(jget "$T/plain.json" 'j["codes"]')"
done

# truncated: the first half of a gzip stream is read, with a warning
gzip -c "$SAMPLES/tracefmt-default.txt" >"$T/full.gz"
size=$(wc -c <"$T/full.gz")
head -c $((size / 2)) "$T/full.gz" >"$T/cut.gz"
run_stdin "$T/cut.gz" --format json -
expect_rc 0 "truncated gzip on stdin"
check "truncated gzip: a warning" grep -q '^wdilog: ' "$T/err"
n=$(jget "$T/out" 'j["totals"]["events"]')
check "truncated gzip: some events read ($n)" [ "$n" -gt 0 ]
check "truncated gzip: fewer than the whole ($n < 43)" [ "$n" -lt 43 ]

# corrupt: a valid 10-byte header (-n: no file name follows it), then bytes
# that are no deflate block
gzip -n -c "$SAMPLES/tracefmt-default.txt" >"$T/noname.gz"
{ head -c 10 "$T/noname.gz"; head -c 4000 /dev/zero | tr '\0' '\377'; } >"$T/bad.gz"
run_stdin "$T/bad.gz" --format json -
expect_rc 2 "corrupt gzip on stdin"
check "corrupt gzip: a message" grep -q '^wdilog: ' "$T/err"
check "corrupt gzip: the report is still written" grep -q '"schema": "wdilog/1"' "$T/out"
finish
