#!/bin/sh
# --max-bytes bounds what is read of each input: an endless one
# (/dev/zero) ends at the limit with an error naming it, what came before
# the limit counts, and sizes take K, M, G, T suffixes.
. "$(dirname "$0")/../lib.sh"
need_python

[ -c /dev/zero ] || skip "no /dev/zero"
rc=0
timeout 60 "$WDILOG" --format json -o "$T/zero.json" --max-bytes 1M /dev/zero \
	2>"$T/err" || rc=$?
expect_rc 2 "/dev/zero with --max-bytes 1M ends, unreadable"
has "the message names the limit" "$T/err" "input longer than the limit of 1048576 bytes"
expect_eq "the input carries the error" \
	"$(jget "$T/zero.json" 'j["inputs"][0]["error"]')" \
	"input longer than the limit of 1048576 bytes; the rest was not read"
expect_eq "counted unreadable" "$(jget "$T/zero.json" 'j["totals"]["unreadable_inputs"]')" 1

# what comes before the limit counts; the limit counts decoded bytes
p='[0]0888.0D60::10/23/2003-12:27:40.173 [wdiwifi]'
for i in 1 2 3 4 5 6 7 8 9 10; do printf '%s AssocStatus=31\n' "$p"; done >"$T/ten.txt"
len=$(wc -c <"$T/ten.txt")
line=$((len / 10))
run -q --format json --max-bytes "$((line * 4))" "$T/ten.txt"
expect_rc 2 "a cut input is an error"
expect_eq "four whole records before the limit" \
	"$(jget "$T/out" 'j["totals"]["with_status"]')" 4
run -q --format json --max-bytes "$len" "$T/ten.txt"
expect_rc 0 "an input of exactly the limit is whole"
expect_eq "all ten records" "$(jget "$T/out" 'j["totals"]["with_status"]')" 10
gzip -c "$T/ten.txt" >"$T/ten.txt.gz"
check "the gzip file is smaller than 512 bytes" test "$(wc -c <"$T/ten.txt.gz")" -lt 512
run -q --format json --max-bytes 512 "$T/ten.txt.gz"
expect_eq "the limit is on decompressed bytes" \
	"$(jget "$T/out" 'j["inputs"][0]["error"]')" \
	"input longer than the limit of 512 bytes; the rest was not read"
# several threads give the same report (a large file is not read in parts)
run -q --format json --max-bytes 100M -j 2 "$T/ten.txt" "$T/ten.txt"
expect_rc 0 "-j 2 under the limit"

for bad in 0 -1 1X 1.5M K 17179869184G ''; do
	run --max-bytes "$bad" "$T/ten.txt"
	expect_rc 2 "--max-bytes '$bad' is a usage error"
done
for good in 1 4096 64K 10M 1G 2T; do
	run -q --max-bytes "$good" "$T/ten.txt"
	check "--max-bytes $good accepted" test "$rc" -ne 2 -o "$good" = 1
done
finish
