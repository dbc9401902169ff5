# The text report: tables by phase and by code with first and last times,
# a timeline, within 80 columns for every sample and for samples/ whole
# (text-width.sh counts display columns, with long names and paths).
. "$(dirname "$0")/../lib.sh"

for f in "$SAMPLES"/*.txt "$SAMPLES"/*.xml "$SAMPLES"/*.gz "$SAMPLES"; do
	name=$(basename "$f")
	run -q --color=never "$f"
	expect_rc 0 "$name: text report"
	widest=$(awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }' "$T/out")
	check "$name: within 80 columns ($widest)" test "$widest" -le 80
	# a capture summary alone (FmtSum.txt) holds no status: no tables then
	if head -n 1 "$T/out" | grep -q ', 0 statuses'; then
		check "$name: no phase table without statuses" \
			sh -c "! grep -q '^PHASE ' '$T/out'"
		continue
	fi
	check "$name: phase table" grep -q '^PHASE .*STATUSES .*FAILURES .*FIRST .*LAST' "$T/out"
	check "$name: code table with first and last" \
		grep -q '^ CODE  NAME .*COUNT  FIRST .*LAST' "$T/out"
	check "$name: timeline" grep -q '^TIMELINE' "$T/out"
done
# one day: times of day under a heading that names the date
run -q --color=never "$SAMPLES/tracefmt-default.txt"
check "one day: the date in the heading" grep -q '^status codes, times on 2003-10-23:' "$T/out"
check "one day, 80 columns: first and last of code 15 to the second" \
	grep -q '^   15  ROAMING_LOW_LINK_QUALITY .* 2  12:27:44 12:28:33$' "$T/out"
run -q --color=never --width 100 "$SAMPLES/tracefmt-default.txt"
check "one day, 100 columns: to the millisecond" \
	grep -q '^   15  ROAMING_LOW_LINK_QUALITY .* 2  12:27:44.123 12:28:33.000$' "$T/out"
finish
