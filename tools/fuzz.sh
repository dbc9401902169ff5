#!/bin/sh
# Fuzz every libFuzzer target for a bounded time under ASan+UBSan.
#
#   tools/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 30); TARGETs default to all of them. Builds
# build-fuzz/ with clang and -Dfuzzing=true (override with FUZZ_BUILD),
# then runs one target at a time, niced, starting from its corpus in
# tests/fuzz/corpus/<target>/ (and samples/ plus tests/adversarial/files/
# for the targets that take a file as is). New coverage goes to a work
# corpus in the build directory, not into the source tree. A crash, leak,
# timeout or out-of-memory is copied into tests/fuzz/corpus/<target>/ as
# regress-<target>-<kind>-<hash>, so that the replay test in `meson test`
# (suite fuzz) fails until it is fixed; the script then exits 1.
#
# Environment: FUZZ_BUILD, FUZZ_MAX_LEN (default 16384), FUZZ_NICE (10).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-30}
[ $# -gt 0 ] && shift
targets=${*:-fuzz_detect fuzz_parse_text fuzz_parse_xml fuzz_input fuzz_reader fuzz_report fuzz_evtx}
build=${FUZZ_BUILD:-$root/build-fuzz}
max_len=${FUZZ_MAX_LEN:-16384}

case $secs in
'' | *[!0-9]*) echo "fuzz.sh: SECONDS must be a number, not '$secs'" >&2; exit 2 ;;
esac

if [ ! -f "$build/build.ninja" ]; then
	CC=clang meson setup "$build" "$root" -Dfuzzing=true \
		-Db_sanitize=address,undefined -Db_lundef=false \
		--buildtype=debugoptimized >/dev/null
fi
# a build that fails says why (CI's log showed only "fuzzing failed")
if ! ninja -C "$build" >"$build/fuzz-build.log" 2>&1; then
	echo "fuzz.sh: the fuzzing build (clang) failed:" >&2
	grep -E 'error|FAILED' "$build/fuzz-build.log" | head -n 20 >&2
	exit 1
fi

# halt on the first UBSan report so libFuzzer records it as a crash
ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}"
UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
export ASAN_OPTIONS UBSAN_OPTIONS

status=0
for t in $targets; do
	bin=$build/tests/fuzz/$t
	if [ ! -x "$bin" ]; then
		echo "fuzz.sh: no target $t in $build" >&2
		exit 2
	fi
	work=$build/fuzz-work/$t
	art=$build/fuzz-artifacts/$t
	rm -rf "$art"
	mkdir -p "$work" "$art"
	seeds=$root/tests/fuzz/corpus/$t
	case $t in
	fuzz_detect | fuzz_reader)
		seeds="$seeds $root/samples $root/tests/adversarial/files" ;;
	esac
	echo "fuzz.sh: $t for ${secs}s" >&2
	rc=0
	# shellcheck disable=SC2086 # seeds is a list of directories
	nice -n "${FUZZ_NICE:-10}" "$bin" -max_total_time="$secs" \
		-timeout=10 -rss_limit_mb=2560 -max_len="$max_len" \
		-dict="$root/tests/fuzz/$t.dict" -artifact_prefix="$art/" \
		-print_final_stats=1 "$work" $seeds \
		>"$build/fuzz-$t.log" 2>&1 || rc=$?
	grep -E '^(stat::number_of_executed_units|stat::new_units_added|Done)' \
		"$build/fuzz-$t.log" >&2 || true
	found=0
	for f in "$art"/*; do
		[ -f "$f" ] || continue
		name=$(basename "$f")
		kind=${name%%-*}
		hash=${name#*-}
		cp "$f" "$root/tests/fuzz/corpus/$t/regress-$t-$kind-$hash"
		echo "fuzz.sh: $t: $kind, saved as tests/fuzz/corpus/$t/regress-$t-$kind-$hash" >&2
		found=1
	done
	if [ $rc -ne 0 ] || [ $found -ne 0 ]; then
		echo "fuzz.sh: $t FAILED (exit $rc); log: $build/fuzz-$t.log" >&2
		tail -n 40 "$build/fuzz-$t.log" >&2
		status=1
	fi
done
exit $status
