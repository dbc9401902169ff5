# --bucket: valid widths are used or widened on the ladder; bad ones are
# usage errors.
. "$(dirname "$0")/../lib.sh"
need_python

for bad in 0 0s -5 +5 10x abc '' 1w 1.5m 10ss 99999999999999999999 4294967296s 50000d; do
	run --bucket="$bad" "$SAMPLES/eventlog.txt"
	expect_rc 2 "--bucket='$bad' rejected"
	check "--bucket='$bad': stdout empty" is_empty "$T/out"
	check "--bucket='$bad': says why" grep -q -i 'bucket' "$T/err"
	check "--bucket='$bad': hint" grep -q "^Try 'wdilog --help'" "$T/err"
done

# tracefmt-default.txt spans 12:27:40 .. 12:28:42 with statuses
for spec in '10s 10' '10 10' '1m 60' '30s 30' '1h 3600' '1d 86400'; do
	set -- $spec
	run -q --format json --bucket "$1" "$SAMPLES/tracefmt-default.txt"
	expect_rc 0 "--bucket $1"
	expect_eq "--bucket $1: width" "$(jget "$T/out" 'j["timeline"]["bucket_seconds"]')" "$2"
	n=$(jget "$T/out" 'len(j["timeline"]["buckets"])')
	check "--bucket $1: at most 120 buckets ($n)" [ "$n" -le 120 ]
	sum=$(jget "$T/out" 'sum(b[p] for b in j["timeline"]["buckets"] for p in j["phases"])')
	expect_eq "--bucket $1: every status in a bucket" "$sum" \
		"$(jget "$T/out" 'j["totals"]["statuses"]')"
done

# eventlog.txt spans about 110 minutes: 1s is widened to 1m (the first
# ladder width giving at most 120 buckets)
run -q --format json --bucket 1s "$SAMPLES/eventlog.txt"
expect_rc 0 "--bucket 1s on a long capture"
expect_eq "--bucket 1s widened on the ladder" \
	"$(jget "$T/out" 'j["timeline"]["bucket_seconds"]')" 60
finish
