#!/bin/sh
# The benchmark in one command (README): installs the peers, builds an
# optimized wdilog and runs tests/bench/run.sh. Options are passed on, e.g.
# sh tools/bench.sh --size 256 --runs 3
# Then the XML section (xml_bench below: -j 1 and the default -j against
# xmllint, wall and CPU time; --xml-only runs that alone) and the EVTX
# section (evtx_bench below); --evtx-only runs that alone.
# WDILOG_BENCH_EVTX_MIB sets its file's size (default 256).
# Then the attempts section (att_bench below); --attempts-only runs that
# alone; WDILOG_BENCH_ATT_MIB sets its large file's size (default 1024).
set -eu
cd "$(dirname "$0")/.."

# EVTX: one large .evtx file written by the EVTX test writer
# (tests/evtx/bench_evtx: WLAN-AutoConfig-like records, templates reused
# per chunk, one record in 50 with a status), read by wdilog -j 1, by
# wdilog with its default -j, and by libevtx's evtxexport -f xml (skipped
# when not installed). Prints wall time, CPU time (user + system), MB/s of
# both, peak RSS and each against evtxexport; fails when a count differs
# from the generator's or -j differs from -j 1.
evtx_bench() {  # evtx_bench BUILD_DIR MIB
	eb_build=$1 eb_mib=$2
	eb_work=$eb_build/bench
	eb_file=$eb_work/bench.evtx
	eb_status=0
	mkdir -p "$eb_work"
	if [ ! -s "$eb_file" ] || ! grep -q "^records " "$eb_file.count" 2>/dev/null ||
	   ! grep -q "^mib $eb_mib\$" "$eb_file.count"; then
		"$eb_build/tests/evtx/bench_evtx" "$eb_mib" "$eb_file" --write-only \
			> "$eb_file.count"
		echo "mib $eb_mib" >> "$eb_file.count"
	fi
	eb_records=$(sed -n 's/^records \([0-9]*\), .*/\1/p' "$eb_file.count")
	eb_with=$(sed -n 's/^records [0-9]*, with status \([0-9]*\)$/\1/p' "$eb_file.count")
	eb_bytes=$(wc -c < "$eb_file")
	cat "$eb_file" > /dev/null   # page cache warm
	echo "EVTX: $(awk "BEGIN {printf \"%.0f\", $eb_bytes / 1048576}") MiB, $eb_records records ($eb_with with a status), $(nproc) cores"

	# counts: wdilog's against the generator's, -j against -j 1
	"$eb_build/wdilog" -j 1 -q -f json "$eb_file" > "$eb_work/evtx-j1.json"
	eb_events=$(sed -n 's/^    "events": \([0-9]*\),$/\1/p' "$eb_work/evtx-j1.json" | head -n1)
	eb_got=$(sed -n 's/^    "with_status": \([0-9]*\),$/\1/p' "$eb_work/evtx-j1.json" | head -n1)
	if [ "$eb_events" != "$eb_records" ] || [ "$eb_got" != "$eb_with" ]; then
		echo "EVTX COUNT MISMATCH: wdilog $eb_events events ($eb_got with a status), generator $eb_records ($eb_with)" >&2
		eb_status=1
	fi
	"$eb_build/wdilog" -q -f json "$eb_file" | cmp -s - "$eb_work/evtx-j1.json" ||
		{ echo "EVTX: the default -j report differs from -j 1" >&2; eb_status=1; }

	eb_base=
	printf '%-24s %8s %8s %10s %10s %9s %9s\n' command wall cpu "MB/s wall" "MB/s cpu" "peak RSS" "vs evtx"
	eb_row() {  # eb_row LABEL CMD...: one timed run
		eb_label=$1; shift
		/usr/bin/time -o "$eb_work/evtx-time.out" -f "%e %U %S %M" "$@" > /dev/null 2>&1 ||
			{ echo "EVTX: $eb_label failed" >&2; eb_status=1; }
		set -- $(tail -n1 "$eb_work/evtx-time.out")
		eb_cpu=$(awk "BEGIN {print $2 + $3}")
		[ -n "$eb_base" ] || eb_base=$eb_cpu
		awk -v l="$eb_label" -v w="$1" -v c="$eb_cpu" -v m="$4" -v b="$eb_bytes" -v base="$eb_base" \
			'BEGIN {printf "%-24s %7.2fs %7.2fs %10.0f %10.0f %6.1f MiB %8.1fx\n", l, w, c, b / w / 1e6, b / c / 1e6, m / 1024, base / c}'
	}
	if command -v evtxexport > /dev/null 2>&1; then
		# the count it exports, then its time to /dev/null (the base)
		eb_theirs=$(evtxexport -f xml "$eb_file" 2>/dev/null | grep -c '^<Event ' || true)
		if [ "$eb_theirs" != "$eb_records" ]; then
			echo "EVTX COUNT MISMATCH: evtxexport $eb_theirs records, generator $eb_records" >&2
			eb_status=1
		fi
		eb_row "evtxexport -f xml" evtxexport -f xml "$eb_file"
	else
		echo "(evtxexport not installed: package libevtx-utils; its row skipped)"
	fi
	eb_row "wdilog -j 1" "$eb_build/wdilog" -j 1 -q -f json "$eb_file"
	eb_row "wdilog (default -j)" "$eb_build/wdilog" -q -f json "$eb_file"
	[ $eb_status = 0 ] && echo "EVTX counts: as generated, and evtxexport's; default -j = -j 1"
	return $eb_status
}

# Attempts: a generated WPP text capture (tests/bench/gen_attempts.c:
# 100,000 attempts per GiB, driver chatter between them) at 64 MiB and at
# ATT_MIB (default 1024), read by wdilog (default -j) without and with
# --with-attempts, best of 5 by wall time (from date +%s%N). Prints wall, CPU (user +
# system), MB/s of both, peak RSS, and the cost of attempts in throughput
# (wall and CPU; target <= 10%); the peak RSS of the two sizes shows
# whether memory grows with the input. Fails when the attempts by result
# differ from the generator's, or -j 1 differs from the default -j.
att_bench() {  # att_bench BUILD_DIR MIB
	ab_build=$1 ab_mib=$2
	ab_work=$ab_build/bench
	ab_status=0
	mkdir -p "$ab_work"
	cc -O2 -std=c11 -D_GNU_SOURCE -o "$ab_work/gen_attempts" tests/bench/gen_attempts.c
	echo "ATTEMPTS: WPP text with 100,000 attempts per GiB, $(nproc) cores, best of 5"
	printf '%-26s %8s %8s %10s %10s %9s\n' command wall cpu "MB/s wall" "MB/s cpu" "peak RSS"
	for ab_size in 64 "$ab_mib"; do
		ab_file=$ab_work/attempts-$ab_size.txt
		ab_n=$((ab_size * 100000 / 1024))
		if [ ! -s "$ab_file" ] || ! grep -q "^attempts $ab_n\$" "$ab_file.expected" 2>/dev/null; then
			"$ab_work/gen_attempts" "$ab_size" "$ab_n" "$ab_file.expected" > "$ab_file"
			echo "attempts $ab_n" >> "$ab_file.expected"
		fi
		ab_bytes=$(wc -c < "$ab_file")
		cat "$ab_file" > /dev/null   # page cache warm
		# counts: by result as generated; -j 1 = the default -j (64 MiB)
		"$ab_build/wdilog" -q --with-attempts -f json "$ab_file" > "$ab_work/att-j.json" || true
		for ab_r in success failure aborted dropped; do
			ab_want=$(sed -n "s/^$ab_r //p" "$ab_file.expected")
			ab_got=$(sed -n "s/.*\"by_result\": {.*\"$ab_r\": \([0-9]*\).*/\1/p" "$ab_work/att-j.json")
			if [ "$ab_got" != "$ab_want" ]; then
				echo "ATTEMPTS COUNT MISMATCH ($ab_size MiB): $ab_r $ab_got, generator $ab_want" >&2
				ab_status=1
			fi
		done
		if [ "$ab_size" = 64 ]; then
			"$ab_build/wdilog" -q -j 1 --with-attempts -f json "$ab_file" |
				cmp -s - "$ab_work/att-j.json" ||
				{ echo "ATTEMPTS: the default -j report differs from -j 1" >&2; ab_status=1; }
		fi
		for ab_with in "" --with-attempts; do
			ab_best=
			for ab_run in 1 2 3 4 5; do
				# wall from the nanosecond clock: time's hundredths
				# are 3% of a 0.3 s run, more than the cost measured
				ab_t0=$(date +%s%N)
				/usr/bin/time -o "$ab_work/att-time.out" -f "%e %U %S %M" \
					"$ab_build/wdilog" -q $ab_with -f json "$ab_file" > /dev/null 2>&1 || true
				ab_t1=$(date +%s%N)
				ab_line=$(tail -n1 "$ab_work/att-time.out" |
					awk -v ns=$((ab_t1 - ab_t0)) '{printf "%.4f %s %s %s", ns / 1e9, $2, $3, $4}')
				if [ -z "$ab_best" ] || awk -v a="${ab_line%% *}" -v b="${ab_best%% *}" 'BEGIN {exit !(a < b)}'; then
					ab_best=$ab_line
				fi
			done
			set -- $ab_best
			ab_cpu=$(awk "BEGIN {print $2 + $3}")
			awk -v l="${ab_size} MiB ${ab_with:-plain}" -v w="$1" -v c="$ab_cpu" -v m="$4" -v b="$ab_bytes" \
				'BEGIN {printf "%-26s %7.3fs %7.2fs %10.0f %10.0f %5.1f MiB\n", l, w, c, b / w / 1e6, b / c / 1e6, m / 1024}'
			if [ -z "$ab_with" ]; then ab_w0=$1 ab_c0=$ab_cpu; else ab_w1=$1 ab_c1=$ab_cpu; fi
		done
		awk -v w0="$ab_w0" -v w1="$ab_w1" -v c0="$ab_c0" -v c1="$ab_c1" -v s="$ab_size" \
			'BEGIN {printf "  %s MiB: attempts cost %.1f%% of wall throughput, %.1f%% of CPU (target <= 10%%)\n", s, (w1 / w0 - 1) * 100, (c1 / c0 - 1) * 100}'
	done
	[ $ab_status = 0 ] && echo "ATTEMPTS counts: as generated; default -j = -j 1"
	return $ab_status
}

# XML: the tracerpt corpus of tests/bench/run.sh (generated here when
# absent; WDILOG_BENCH_XML_MIB sets its size, default 1024), read by
# wdilog -j 1, wdilog with its default -j (the file in parts at <Event>
# starts) and xmllint --stream --noout, alternating, best of
# WDILOG_BENCH_XML_RUNS (3) by wall time and by CPU time (user + system),
# each against xmllint's. CPU time is the figure that holds on a shared
# machine. Fails when wdilog's counts differ from the generator's or the
# default -j report differs from -j 1's.
xml_bench() {  # xml_bench BUILD_DIR
	xb_build=$1
	xb_mib=${WDILOG_BENCH_XML_MIB:-1024}
	xb_runs=${WDILOG_BENCH_XML_RUNS:-3}
	xb_work=$xb_build/bench
	xb_file=$xb_work/events.xml
	xb_status=0
	mkdir -p "$xb_work"
	if [ "$xb_mib" != 1024 ]; then
		xb_file=$xb_work/events-$xb_mib.xml
	fi
	if [ ! -s "$xb_file" ] || [ ! -s "$xb_file.expected" ]; then
		cc -O2 -std=c11 -D_GNU_SOURCE -o "$xb_work/gen" tests/bench/gen.c
		"$xb_work/gen" xml "$xb_mib" -e "$xb_file.expected" > "$xb_file"
	fi
	cat "$xb_file" > /dev/null   # page cache warm
	"$xb_build/wdilog" -j 1 -q -f json "$xb_file" > "$xb_work/xml-j1.json"
	while read -r xb_code xb_want; do
		[ "$xb_code" = events ] && continue
		xb_got=$(grep -o "\"code\": $xb_code, [^}]*\"count\": [0-9]*" "$xb_work/xml-j1.json" |
			 sed 's/.*"count": //' | head -n1)
		if [ "${xb_got:-0}" != "$xb_want" ]; then
			echo "XML COUNT MISMATCH code $xb_code: wdilog ${xb_got:-0}, expected $xb_want" >&2
			xb_status=1
		fi
	done < "$xb_file.expected"
	"$xb_build/wdilog" -q -f json "$xb_file" | cmp -s - "$xb_work/xml-j1.json" ||
		{ echo "XML: the default -j report differs from -j 1" >&2; xb_status=1; }
	echo "XML: $(awk "BEGIN {printf \"%.0f\", $(wc -c < "$xb_file") / 1048576}") MiB tracerpt, $(nproc) cores, best of $xb_runs alternating runs"
	xb_one() {  # xb_one TAG CMD...: one timed run, appended to TAG's lists
		xb_tag=$1; shift
		/usr/bin/time -o "$xb_work/xml-time.out" -f "%e %U %S %M" "$@" > /dev/null 2>&1 ||
			{ echo "XML: $xb_tag failed" >&2; xb_status=1; }
		set -- $(tail -n1 "$xb_work/xml-time.out")
		echo "$xb_tag $1 $(awk "BEGIN {print $2 + $3}") $4" >> "$xb_work/xml-runs"
	}
	: > "$xb_work/xml-runs"
	xb_r=0
	while [ $xb_r -lt "$xb_runs" ]; do
		xb_one xmllint xmllint --stream --noout "$xb_file"
		xb_one j1 "$xb_build/wdilog" -j 1 -q -f json "$xb_file"
		xb_one jdef "$xb_build/wdilog" -q -f json "$xb_file"
		xb_r=$((xb_r + 1))
	done
	awk '
	{ if (!($1 in w) || $2 < w[$1]) w[$1] = $2
	  if (!($1 in c) || $3 < c[$1]) c[$1] = $3
	  if (!($1 in m) || $4 < m[$1]) m[$1] = $4 }
	END {
		name["xmllint"] = "xmllint --stream --noout"
		name["j1"] = "wdilog -j 1"; name["jdef"] = "wdilog (default -j)"
		printf "%-26s %8s %8s %9s %12s %12s\n", "command", "wall", "cpu", "peak RSS", "wall/xmllint", "cpu/xmllint"
		n = split("xmllint j1 jdef", t, " ")
		for (i = 1; i <= n; i++)
			printf "%-26s %7.2fs %7.2fs %5.1f MiB %12.3f %12.3f\n", name[t[i]], w[t[i]], c[t[i]], m[t[i]] / 1024, w[t[i]] / w["xmllint"], c[t[i]] / c["xmllint"]
		r = w["j1"] / w["xmllint"]
		printf "target xml -j1 / xmllint --stream <= 0.143: wall %.3f %s, cpu %.3f %s\n", r, r <= 0.143 ? "met" : "NOT met", c["j1"] / c["xmllint"], c["j1"] / c["xmllint"] <= 0.143 ? "met" : "NOT met"
		printf "xml default -j / xmllint --stream: wall %.3f, cpu %.3f\n", w["jdef"] / w["xmllint"], c["jdef"] / c["xmllint"]
	}' "$xb_work/xml-runs"
	[ $xb_status = 0 ] && echo "XML counts: as generated; default -j = -j 1"
	return $xb_status
}

if [ "${WDILOG_NO_APT:-0}" != 1 ]; then
	apt-get update
	sed -e "s/#.*//" -e "/^ *$/d" tools/packages-build.txt | xargs apt-get install -y
	apt-get install -y ripgrep libxml2-utils python3 time bc
	apt-get install -y libevtx-utils || echo "libevtx-utils not installed: the EVTX section runs without evtxexport"
fi
meson setup build-release --buildtype=release >/dev/null 2>&1 ||
	meson setup --reconfigure build-release --buildtype=release >/dev/null
ninja -C build-release wdilog tests/evtx/bench_evtx
if [ "${1:-}" = --xml-only ]; then
	xml_bench build-release
	exit
fi
if [ "${1:-}" = --evtx-only ]; then
	evtx_bench build-release "${WDILOG_BENCH_EVTX_MIB:-256}"
	exit
fi
if [ "${1:-}" = --attempts-only ]; then
	att_bench build-release "${WDILOG_BENCH_ATT_MIB:-1024}"
	exit
fi
status=0
bash tests/bench/run.sh build-release "$@" || status=1
xml_bench build-release || status=1
evtx_bench build-release "${WDILOG_BENCH_EVTX_MIB:-256}" || status=1
att_bench build-release "${WDILOG_BENCH_ATT_MIB:-1024}" || status=1
exit $status
