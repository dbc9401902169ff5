#!/bin/sh
# Build wdilog and run the whole test suite twice: plain (build/) and under
# AddressSanitizer + UndefinedBehaviorSanitizer (build-san/). The last line
# printed is always "N passed, M failed", summed over both runs.
#
#   sh tools/test.sh                  (as root on Debian 12; uses sudo otherwise)
#   WDILOG_NO_APT=1 sh tools/test.sh  (skip apt: packages already there)
#   WDILOG_QUICK=1 sh tools/test.sh   (a quick check: the plain run only)
#
# WDILOG_QUICK=1 leaves out the long parts: the sanitizer and TSan runs,
# fuzzing, the install suite (a second build) and the Debian package
# build (the package suite). Those are counted in neither number.
#
# Passed: meson's OK and EXPECTEDFAIL. Failed: FAIL, UNEXPECTEDPASS, TIMEOUT
# and ERROR. Skipped tests are in neither count. A build that fails counts
# as one failed test, so the summary can never read "0 failed" when nothing
# could run. Exits 1 when anything failed. Safe to run again: build dirs
# are reconfigured, not recreated.
set -eu

cd "$(dirname "$0")/.."

say() {
	printf '%s\n' "test: $*" >&2
}

# what to install: the build's packages and the test suite's
PACKAGE_FILES='tools/packages-build.txt tools/packages.txt'
. tools/common.sh

passed=0
failed=0

# Add one run's results from meson's testlog.json (one JSON object a line).
count_results() {
	log=$1/meson-logs/testlog.json
	if [ ! -f "$log" ]; then
		say "$1: no test log; counting the run as one failure"
		failed=$((failed + 1))
		return
	fi
	p=$(grep -c -E '"result": *"(OK|EXPECTEDFAIL)"' "$log" || true)
	f=$(grep -c -E '"result": *"(FAIL|UNEXPECTEDPASS|TIMEOUT|ERROR)"' "$log" || true)
	say "$1: $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
}

# run_suite DIR TESTARGS [meson options]: configure, build, test (with
# the meson test arguments TESTARGS), count.
run_suite() {
	dir=$1
	testargs=$2
	shift 2
	if ! setup "$dir" "$@" || ! ninja -C "$dir"; then
		say "$dir: build failed; counting it as one failure"
		failed=$((failed + 1))
		return
	fi
	# a stale log from an earlier run must not be counted
	rm -f "$dir/meson-logs/testlog.json"
	# shellcheck disable=SC2086
	meson test -C "$dir" --print-errorlogs $testargs || true
	count_results "$dir"
}

if ! install_packages; then
	say "package installation failed"
	echo "0 passed, 1 failed"
	exit 1
fi

if [ "${WDILOG_QUICK:-0}" = 1 ]; then
	run_suite build "--no-suite package --no-suite install"
	say "WDILOG_QUICK=1: no install or package build, sanitizers, TSan or fuzzing"
	echo "$passed passed, $failed failed"
	exit $((failed > 0))
fi

# the package build (the package suite) is a step of its own, below
run_suite build "--no-suite package"

# the Debian packages, built from a copy of the sources and run through
# lintian (a few minutes; skipped when dpkg-dev, debhelper or lintian are
# missing)
rm -f build/meson-logs/testlog.json
meson test -C build --suite package --print-errorlogs || true
count_results build

# the sanitized run: everything but the lint (it reads sources only, and
# once is enough), the install and package suites (they build their own)
# and the browser test (Chromium's rendering of the pages the plain run
# already checked; a minute of the CI budget)
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export ASAN_OPTIONS UBSAN_OPTIONS
run_suite build-san "--no-suite lint --no-suite install --no-suite package --no-suite browser" -Db_sanitize=address,undefined -Db_lundef=false
unset ASAN_OPTIONS UBSAN_OPTIONS

# threads: the parallel reader's tests under ThreadSanitizer
TSAN_OPTIONS=halt_on_error=1
export TSAN_OPTIONS
run_suite build-tsan "--suite parallel" -Db_sanitize=thread -Db_lundef=false
unset TSAN_OPTIONS

# bounded fuzzing: each libFuzzer target 30 s under ASan+UBSan (clang);
# a crash is saved as a regression input in tests/fuzz/corpus/
if sh tools/fuzz.sh "${WDILOG_FUZZ_SECONDS:-30}"; then
	say "fuzzing: no finding"
	passed=$((passed + 1))
else
	say "fuzzing failed: see build-fuzz/fuzz-*.log, tests/fuzz/corpus/*/regress-*"
	failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
