#!/bin/sh
# The adversarial corpus: one case per hostile input, each asserting the
# exit status, the counts in the JSON report (with the "nothing lost"
# identities checked by report_get --check on every run), what must and
# must not appear on stdout and stderr, and where it matters a CPU-time
# and peak-memory bound measured by runlimit.
#
#   cases.sh CASE        run one case (meson runs each as its own test)
#   cases.sh --list      the case names
#
# Environment (set by meson.build): WDILOG, RUNLIMIT, REPORT_GET, GEN,
# SAFE_CHECK, FILES (tests/adversarial/files), SAMPLES, WORK_ROOT (scratch
# space in the build directory; big inputs are generated there and removed
# after a passing case), SANITIZED=1 when built with ASan/UBSan (bounds
# are loosened, see bounds()).
set -eu

CASES='xxe xxe-fifo billion-laughs deep-nesting lying-encoding
longline-middle longline-end longline-2mib bigevent nul-bytes
invalid-utf8 lone-surrogates utf16-odd garbage empty bom-only
gz-concat gz-truncated gz-badcrc gz-corrupt gz-bomb distinct-flood
crowded-event dir-symlink-loop dir-unreadable dir-fifo fifo-input'

if [ "${1:-}" = --list ]; then
	echo $CASES
	exit 0
fi
: "${WDILOG:?}" "${RUNLIMIT:?}" "${REPORT_GET:?}" "${GEN:?}" "${FILES:?}"
: "${SAMPLES:?}" "${WORK_ROOT:?}" "${SAFE_CHECK:?}"
case=${1:?usage: cases.sh CASE}

work=$WORK_ROOT/$case
rm -rf "$work"
mkdir -p "$work"
cd "$work"

fail() {
	echo "FAIL [$case]: $*" >&2
	[ -f err.txt ] && { echo "--- stderr:" >&2; head -c 4000 err.txt >&2; }
	exit 1
}

# CPU seconds and MiB for a plain build. The bounds are several times
# what a run takes (about 0.2 s and 5-9 MiB for the 100 MiB inputs), far
# below what reading the whole input into memory or a quadratic scan
# would take. Sanitizers cost CPU, and ASan adds shadow memory.
bounds() {
	if [ "${SANITIZED:-0}" = 1 ]; then
		cpu=$(awk "BEGIN { print $1 * 5 }")
		rss=$(($2 * 2 + 32))
	else
		cpu=$1
		rss=$2
	fi
}

# run EXIT CPU RSS ARG...: wdilog -f json ARG... into out.json/err.txt,
# within the bounds, then check the report's identities.
run() {
	want=$1
	bounds "$2" "$3"
	shift 3
	"$RUNLIMIT" --exit "$want" --cpu "$cpu" --rss "$rss" --wall 120 \
		--stdout out.json --stderr err.txt -- "$WDILOG" -f json "$@" \
		>limits.txt || { cat limits.txt >&2; fail "limits"; }
	cat limits.txt
	"$REPORT_GET" --check out.json || fail "report identities"
}

get() {
	"$REPORT_GET" out.json "$1"
}

# expect PATH VALUE ...: pairs of report paths and their values
expect() {
	while [ $# -ge 2 ]; do
		got=$(get "$1")
		[ "$got" = "$2" ] || fail "$1 is '$got', expected '$2'"
		shift 2
	done
}

stderr_has() {
	grep -qF -- "$1" err.txt || fail "stderr lacks: $1"
}

nowhere() { # STRING: in no output of the last run
	! grep -qF -- "$1" out.json err.txt ${2:-} ||
		fail "'$1' leaked into the output"
}

# The text report and diagnostics of the same input must be safe for a
# terminal, the JSON report valid JSON with every control escaped.
text_safe() {
	"$WDILOG" --color=never "$@" >out.txt 2>err2.txt || true
	"$SAFE_CHECK" terminal out.txt || fail "text report not terminal-safe"
	"$SAFE_CHECK" terminal err2.txt || fail "diagnostics not terminal-safe"
	"$SAFE_CHECK" json out.json || fail "JSON report not safe"
}

wpp_counts() { # the tracefmt-default.txt sample, per samples/EXPECTED.md
	expect totals.events 43 totals.with_status 20 totals.without_status 20 \
		totals.undecoded 3 totals.damaged 0 totals.statuses 21 \
		totals.malformed 6
}

case $case in
xxe | xxe-fifo)
	# An external entity, a parameter entity, an external DTD and an
	# XInclude all name a local file. It must never be opened: for
	# xxe-fifo it is a FIFO with no writer, so opening it would block
	# until runlimit kills the run. Its text must reach no output.
	if [ "$case" = xxe ]; then
		printf 'CANARY-5e1f AssocStatus=99\n' >secret
	else
		mkfifo secret
	fi
	sed "s#@SECRET@#$work/secret#g" "$FILES/xxe.xml.in" >xxe.xml
	bounds 1 0
	"$RUNLIMIT" --exit 0 --cpu "$cpu" --wall 20 --stdout out.json \
		--stderr err.txt -- "$WDILOG" -f json xxe.xml >limits.txt ||
		{ cat limits.txt; fail "opened the external entity?"; }
	"$REPORT_GET" --check out.json || fail "report identities"
	# events 1-2 use the undeclared (never loaded) entity: damaged;
	# event 3 has 41; event 4's XInclude is not processed: malformed
	expect totals.events 4 totals.damaged 2 totals.with_status 1 \
		totals.without_status 1 totals.malformed 1 codes.# 1 \
		codes.0.code 41
	stderr_has "DOCTYPE ignored"
	stderr_has "Entity 'xxe' not defined"
	nowhere CANARY
	text_safe xxe.xml
	nowhere CANARY out.txt
	;;
billion-laughs)
	# nine nested entities, 10^9 "lol"s if expanded: never expanded, so
	# it takes no time and no memory; the three events using &lol9; are
	# damaged, the fourth is read
	run 0 0.5 16 "$FILES/billion-laughs.xml"
	expect totals.events 4 totals.damaged 3 totals.with_status 1 \
		codes.0.code 41
	stderr_has "Entity 'lol9' not defined"
	;;
deep-nesting)
	# 10,000 nested elements inside one event: libxml2's depth limit
	# makes it damaged; the event after it is still read
	"$GEN" deep deep.xml 10000
	run 0 1 16 deep.xml
	expect totals.events 2 totals.damaged 1 totals.with_status 1 \
		codes.0.code 31
	;;
lying-encoding)
	# The prolog names UTF-16, ISO-8859-1 or EBCDIC but the bytes are
	# UTF-8; or the bytes are UTF-16LE and the prolog says UTF-8. The
	# bytes decide: every file reads the same two statuses.
	"$GEN" utf16 utf16-says-utf8.xml "$FILES/lying-encoding-utf8.xml.in" le
	for f in "$FILES"/lying-encoding-utf16.xml \
		"$FILES"/lying-encoding-latin1.xml \
		"$FILES"/lying-encoding-ebcdic.xml utf16-says-utf8.xml; do
		run 0 1 32 "$f"
		expect totals.events 2 totals.with_status 2 totals.damaged 0 \
			codes.0.code 31 codes.1.code 41
	done
	expect inputs.0.encoding utf-16le
	;;
longline-middle | longline-end)
	# A 100 MiB line with no newline, in the middle of a file or at its
	# end: cut and counted damaged, named by line, memory flat, and the
	# lines after it still read.
	where=${case#longline-}
	"$GEN" longline long.txt 100 "$where"
	run 0 4 16 long.txt
	stderr_has "long.txt:3: line longer than 1 MiB"
	if [ "$where" = middle ]; then
		expect totals.events 5 totals.damaged 1 totals.with_status 4 \
			codes.# 4 codes.code=51.count 1 codes.code=15.count 1
	else
		expect totals.events 3 totals.damaged 1 totals.with_status 2 \
			codes.# 2
	fi
	rm -f long.txt
	;;
longline-2mib)
	# over the 1 MiB line limit but small enough for the window (which
	# may grow to 4 MiB for XML events): still cut
	"$GEN" longline long.txt 2 middle
	run 0 1 16 long.txt
	stderr_has "long.txt:3: line longer than 1 MiB"
	expect totals.events 5 totals.damaged 1 totals.with_status 4
	;;
bigevent)
	# a 100 MiB <Event> between two normal ones: damaged and skipped
	# without being held, and the next event is read
	"$GEN" bigevent big.xml 100
	run 0 4 24 big.xml
	stderr_has "larger than 4 MiB"
	expect totals.events 3 totals.damaged 1 totals.with_status 2 \
		codes.0.code 31 codes.1.code 51
	rm -f big.xml
	;;
nul-bytes)
	run 0 1 32 "$FILES/nul-bytes.txt"
	expect totals.events 4 totals.damaged 1 totals.with_status 3
	stderr_has "nul-bytes.txt:2: NUL byte in line"
	text_safe "$FILES/nul-bytes.txt"
	;;
invalid-utf8)
	# bytes that are not UTF-8 are read as windows-1252; every status is
	# still found, and no raw byte reaches an output
	run 0 1 32 "$FILES/invalid-utf8.txt"
	expect totals.events 4 totals.with_status 4 totals.damaged 0 \
		inputs.0.encoding windows-1252
	text_safe "$FILES/invalid-utf8.txt"
	;;
lone-surrogates)
	run 0 1 32 "$FILES/lone-surrogates-utf16le.txt"
	expect totals.events 4 totals.with_status 4 totals.damaged 0 \
		inputs.0.encoding utf-16le
	;;
utf16-odd)
	# the last byte has no partner: U+FFFD, the last status still read
	run 0 1 32 "$FILES/utf16-odd-length.txt"
	expect totals.events 3 totals.with_status 3 inputs.0.encoding utf-16le
	;;
garbage)
	# pseudo-random binary: anything may be counted, but the run ends
	# cleanly, adds up, and prints nothing raw
	for seed in 1 2 3; do
		"$GEN" garbage g$seed.bin 512 $seed
		run 0 1 16 g$seed.bin
		text_safe g$seed.bin
	done
	;;
empty)
	run 0 1 32 "$FILES/empty.txt"
	expect totals.events 0 inputs.0.format plain-text inputs.0.encoding utf-8 \
		inputs.0.error null
	;;
bom-only)
	for bom in utf8:utf-8 utf16le:utf-16le utf16be:utf-16be; do
		run 0 1 32 "$FILES/bom-only-${bom%%:*}.txt"
		expect totals.events 0 inputs.0.encoding "${bom#*:}" \
			inputs.0.error null
	done
	;;
gz-concat)
	# two gzip members back to back read as one file
	"$GEN" gz two.gz "$SAMPLES/tracefmt-default.txt" concat
	run 0 1 32 two.gz
	wpp_counts
	expect inputs.0.gzip true
	;;
gz-truncated)
	# cut short: a warning, and what was decompressed is counted
	"$GEN" gz cut.gz "$SAMPLES/tracefmt-default.txt" truncate
	run 0 1 32 cut.gz
	stderr_has "gzip data ends early"
	n=$(get totals.events)
	[ "$n" -gt 10 ] && [ "$n" -lt 43 ] || fail "events $n after a cut"
	;;
gz-badcrc)
	# every byte decompresses, then the CRC (or the length) in the
	# trailer fails: an input error (exit 2) after all 43 events were
	# counted
	for bad in badcrc badlen; do
		"$GEN" gz crc.gz "$SAMPLES/tracefmt-default.txt" $bad
		run 2 1 32 crc.gz
		wpp_counts
		expect totals.unreadable_inputs 1
		[ "$(get inputs.0.error)" != null ] || fail "no error for the input"
		stderr_has "gzip data is corrupt"
	done
	;;
gz-corrupt)
	"$GEN" gz bad.gz "$SAMPLES/tracefmt-default.txt" corrupt
	run 2 1 32 bad.gz
	expect totals.unreadable_inputs 1
	[ "$(get totals.events)" -lt 43 ] || fail "all events from a corrupt file?"
	;;
gz-bomb)
	# ~110 KiB that inflates ~950x to 100 MiB of event lines: memory
	# stays flat, every line is counted
	"$GEN" gzbomb bomb.gz 100 2>gen.txt
	lines=$(sed -n 's/^gen: gzbomb of \([0-9]*\) lines$/\1/p' gen.txt)
	size=$(wc -c <bomb.gz)
	[ "$size" -lt $((100 * 1048576 / 900)) ] ||
		fail "the bomb is $size bytes, not ~1000:1"
	run 0 4 16 bomb.gz
	expect totals.events "$lines" totals.with_status "$lines" \
		codes.0.count "$lines"
	;;
distinct-flood)
	# 200,000 new unknown names, 200,000 new numbers and 200,000 new
	# GUIDs: past 4096 of each, values go to one overflow entry; memory
	# stays capped and each lookup stays cheap (no scan of 4096 entries
	# per status), and every status is still counted
	"$GEN" distinct flood.txt 200000
	run 0 2 16 flood.txt
	expect totals.events 400000 totals.statuses 400000 \
		totals.undecoded 200000 codes.# 4097 undecoded_guids.# 4097
	rm -f flood.txt
	;;
crowded-event)
	# one event holding 55,000-100,000 distinct statuses (on one line, on
	# continuation lines, in XML): past 256 it is damaged, named in a
	# diagnostic, and the work per event stays bounded (deduplicating
	# every value against every other was quadratic: minutes, not ms)
	for kind in line lines xml; do
		"$GEN" crowd crowd-$kind.txt $kind
		run 0 1 24 crowd-$kind.txt
		expect totals.events 3 totals.damaged 1 totals.with_status 2 \
			totals.statuses 2
		stderr_has "more than 256 distinct status values"
	done
	;;
dir-symlink-loop)
	# links back up the tree are reported and not followed; every file
	# is read exactly once
	mkdir -p d/sub
	cp "$SAMPLES/tracefmt-default.txt" d/a.txt
	ln -s .. d/sub/up
	ln -s . d/sub/self
	run 0 2 32 d
	stderr_has "directory loop"
	wpp_counts
	expect inputs.# 1
	;;
dir-unreadable)
	# a file and a directory that cannot be read, and a dangling link:
	# the rest is read, the file is listed with its error (exit 2), the
	# others are warnings
	mkdir -p d/locked
	cp "$SAMPLES/tracefmt-default.txt" d/a.txt
	cp "$SAMPLES/tracefmt-default.txt" d/b.txt
	ln -s nowhere d/dangling
	chmod 000 d/b.txt d/locked
	chmod a+rx "$work"
	as=
	if [ "$(id -u)" = 0 ]; then
		# root reads anything: drop to nobody for this run
		command -v setpriv >/dev/null || { echo "no setpriv"; exit 77; }
		as="setpriv --reuid=65534 --regid=65534 --clear-groups"
		nobody_ok=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
			sh -c "test -x '$WDILOG' && test -r d/a.txt && echo yes" \
			2>/dev/null || true)
		[ "$nobody_ok" = yes ] || {
			echo "nobody cannot reach the build dir; skipped"
			chmod 755 d/locked; exit 77
		}
		touch out.json err.txt limits.txt
		chmod 666 out.json err.txt limits.txt
	fi
	$as "$RUNLIMIT" --exit 2 --wall 60 --stdout out.json --stderr err.txt \
		-- "$WDILOG" -f json d >limits.txt || { cat limits.txt; fail "run"; }
	chmod 755 d/locked
	"$REPORT_GET" --check out.json || fail "report identities"
	wpp_counts
	expect inputs.# 2 inputs.1.error "cannot open: Permission denied"
	stderr_has "d/locked"
	stderr_has "d/dangling"
	;;
dir-fifo)
	# a FIFO inside a directory is passed over (never opened, so no
	# hang), the files beside it are read
	mkdir d
	cp "$SAMPLES/tracefmt-default.txt" d/a.txt
	mkfifo d/pipe
	run 0 2 32 d
	stderr_has "not a regular file"
	wpp_counts
	;;
fifo-input)
	# a FIFO named on the command line is read, as the user asked
	mkfifo pipe
	# the writer gives up after a minute if wdilog never opens the FIFO,
	# so a failure cannot leave it blocked and the test hanging
	timeout 60 sh -c 'cat "$1" >"$2"' writer "$SAMPLES/tracefmt-default.txt" \
		pipe >/dev/null 2>&1 &
	run 0 2 32 pipe
	wait
	wpp_counts
	;;
*)
	echo "cases.sh: no case '$case'" >&2
	exit 2
	;;
esac

cd "$WORK_ROOT"
rm -rf "$work"
echo "ok [$case]"
