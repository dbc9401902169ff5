#!/bin/sh
# Mutation proof of tests/report/test_attempts.c (issue 13: "every clause
# of attempts.md has a test that fails without its code"). Each mutation
# below switches off one clause's code in a copy of src/report/attempts.c
# (one sed edit), builds the unit test against the copy (its object comes
# before the library, so the library's own attempts.o is not linked) and
# expects the test to fail, naming the case of that clause. The table it
# follows is tests/report/ATTEMPTS-CLAUSES.md.
#
#   sh tests/report/mutate_attempts.sh [BUILD_DIR]    (default: build)
#
# MUTATIONS="id ..." runs only those. Exit status 0 when every mutation is caught and the unmutated copy
# passes. About 2 s per mutation on an idle core.
set -eu
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${1:-$SRC/build}" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/wdilog-mutate-XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
cd "$BUILD"
ninja -C "$BUILD" tests/test_report_attempts tests/test_report_attempts_parts >/dev/null

# the commands meson wrote: the library object's compile, each test's link
obj=libwdilog-core.a.p/src_report_attempts.c.o
compile=$(ninja -t commands "$obj" | tail -n 1)
link_of() {  # link_of TEST: its link command
	ninja -t commands "tests/test_report_$1" | tail -n 1
}

status=0
caught=0
total=0
# build TEST against mutated source $WORK/attempts.c; run it; output in $WORK/out
try() {
	t=$1
	cc_cmd=$(printf '%s\n' "$compile" |
		sed -e "s| -o $obj | -o $WORK/attempts.o |" \
		    -e "s| -c [^ ]*attempts\.c\$| -c $WORK/attempts.c|")
	sh -c "$cc_cmd" > "$WORK/out" 2>&1 || return 2
	ln_cmd=$(link_of "$t" | sed -e "s|^cc  *-o [^ ]*|cc -o $WORK/test_$t $WORK/attempts.o|")
	sh -c "$ln_cmd" >> "$WORK/out" 2>&1 || return 2
	"$WORK/test_$t" > "$WORK/out" 2>&1
}

# the copy unmutated passes (the harness works)
cp "$SRC/src/report/attempts.c" "$WORK/attempts.c"
for t in attempts attempts_parts; do
	if ! try $t; then
		echo "FAIL: test_$t fails without any mutation" >&2
		cat "$WORK/out" >&2
		exit 1
	fi
done

# m ID TEST 'CASE' 'SED': mutation ID must make test_TEST fail in CASE
m() {
	case " ${MUTATIONS:-$1} " in *" $1 "*) ;; *) return ;; esac
	total=$((total + 1))
	cp "$SRC/src/report/attempts.c" "$WORK/attempts.c"
	sed -i -e "$4" "$WORK/attempts.c"
	if cmp -s "$SRC/src/report/attempts.c" "$WORK/attempts.c"; then
		echo "STALE $1: the edit no longer applies" >&2
		status=1
		return
	fi
	rc=0
	try "$2" || rc=$?
	if [ $rc = 2 ]; then
		echo "BUILD $1: the mutated copy does not build" >&2
		sed -n 1,5p "$WORK/out" >&2
		status=1
	elif [ $rc = 0 ]; then
		echo "SURVIVED $1: test_$2 passes without the code" >&2
		status=1
	elif ! grep -qF -- "$3" "$WORK/out"; then
		echo "OTHER $1: test_$2 fails, but not in '$3'" >&2
		sed -n 1,4p "$WORK/out" >&2
		status=1
	else
		caught=$((caught + 1))
		echo "caught $1 ($3)"
	fi
}

# rule 1: idle end
m idle-end attempts 'idle end, no failure signal' \
	's/diff_ms(t, &at->last) <= (int64_t)a->figs.idle_ms/1/'
m idle-failure attempts 'idle end, failure signal' \
	's/at->fail_rank ? WDILOG_ATTEMPT_FAILURE/0 ? WDILOG_ATTEMPT_FAILURE/'
m idle-option attempts 'idle time from --attempt-idle' \
	's/opts && opts->attempt_idle_ms ? opts->attempt_idle_ms/0 ? 0/'
m out-of-order attempts 'out-of-order: an earlier time is no idle gap' \
	's/(!at->last.valid || wdl_time_cmp(r->t, &at->last) > 0)/(1)/'
# rule 2: start, supersede, inferred start
m start-8000 attempts '8000 without a ConnectionId supersedes' \
	's/(id == 8000 || other_conn)/(other_conn)/'
m supersede-conn attempts 'another ConnectionId supersedes' \
	's/w->connection_id != i->at.conn/0/'
m inferred attempts 'inferred start from a WDI try' \
	's/open_attempt(a, i, r, true);/open_attempt(a, i, r, false);/'
# rule 3: progress, tries
m progress attempts 'incomplete at the input' \
	's/if (p > at->furthest)/if (0)/'
m tries-cap attempts 'tries beyond 8 BSSIDs' \
	's/at->tries_other++;/;/'
m tries-count attempts 'tries beyond 8 BSSIDs' \
	's/t->pub.count++;/;/'
# rule 4: results, failing phase, reason
m success-8001 attempts 'success by 8001' \
	'/case 8001:/,+1s/WDILOG_ATTEMPT_SUCCESS/WDILOG_ATTEMPT_FAILURE/'
m success-wdi0 attempts 'inferred start from a WDI try' \
	's/if (!i->seen_wlan)/if (0)/'
m failure-8002 attempts 'failure by 8002' \
	'/case 8002: {/,+1s/at->end_reason = wlan_reason(w);/;/'
m failure-wdi attempts 'failure by WDI 1-4' \
	's/(c >= 1 \&\& c <= 4) || c == 6/c == 6/'
m failing-phase attempts 'the most specific failure, not the latest' \
	's/if (rank >= at->fail_rank)/if (1)/'
m aborted-wdi5 attempts 'aborted by WDI 5' \
	's/if (c == 5)/if (0)/'
m aborted-cancel attempts 'aborted by WDI 5 and by a cancel reason' \
	'/case 8002: {/,+3s/bool cancel = w->has_reason_code/bool cancel = 0/'
m dropped attempts 'dropped: a disconnect before connected' \
	's/WDILOG_ATTEMPT_DROPPED, r->t/WDILOG_ATTEMPT_FAILURE, r->t/'
m incomplete attempts 'incomplete at the input' \
	's/ok = end_attempt(a, i, WDILOG_ATTEMPT_INCOMPLETE/ok = end_attempt(a, i, WDILOG_ATTEMPT_TIMEOUT/'
# rule 5: retry chains
m retry-edge attempts 'retry within the window joins the chain' \
	's/diff_ms(&at->start, &i->chain_end) <= (int64_t)f->retry_ms/diff_ms(\&at->start, \&i->chain_end) < (int64_t)f->retry_ms/'
m retry-ssid attempts 'another SSID or an aborted attempt' \
	's/strcmp(i->chain_ssid, at->ssid) == 0/1/'
m retry-joinable attempts 'another SSID or an aborted attempt' \
	's/i->joinable = r == WDILOG_ATTEMPT_FAILURE || r == WDILOG_ATTEMPT_TIMEOUT;/i->joinable = 1;/'
m chain-ttc attempts 'CHECK failed' \
	's/diff_ms(end, &i->chain_start)/diff_ms(end, \&at->start)/'
# rule 6: sessions, roams
m roam attempts 'session with a roam success, a roam failure' \
	's/s->roam_pending = true;/;/'
m roam-success attempts 'session with a roam success, a roam failure' \
	's/s->roam_successes++;/;/'
m roam-failure attempts 'session with a roam success, a roam failure' \
	's/s->roam_failures++;/;/'
m session-8003 attempts '8003 ends a session' \
	'/case 8003: {/,/break;/s/if (i->sess_open)/if (0)/'
m session-new-attempt attempts 'a new attempt ends one' \
	'/^static void open_attempt/,/^}/s/if (i->sess_open)/if (0)/'
m session-repeat attempts 'a success repeated inside a session' \
	's/if (i->sess_open \&\& c == 0 \&\&/if (0 \&\& c == 0 \&\&/'
# state per interface
m iface-default attempts 'per interface; WDI records go to the most recent' \
	's/if (a->nifaces == 1 \&\& !a->ifaces\[0\].guid\[0\])/if (0)/'
m iface-recent attempts 'WDI records follow the interface of the latest' \
	'/strcmp(a->ifaces\[k\].guid, guid) == 0/,+1s/a->cur = k;/;/'
# the rate, merge
m rate-dropped attempts 'CHECK failed' \
	'/^bool wdl_att_success_rate/,/^}/s/f->by_result\[WDILOG_ATTEMPT_DROPPED\] +//'
m merge-buckets attempts 'd.ttc.n[10] == 1, expected 2' \
	's/hist_merge(&d->ttc, &s->ttc);/;/'
# -j N = -j 1: a part's settled state must be checked at the merge
m parts-check attempts_parts 'report differs' \
	'/^bool wdl_attempts_in_sync/,/^}/s/return false;/return s->reached;/'
m parts-cap attempts_parts 'more BSSIDs than listed' \
	'/^bool wdl_attempts_overflowed/,/^}/{s/return f->reasons_other/return 0 \&\& (f->reasons_other/;s/po->records));/po->records)));/}'
m parts-keep-open attempts_parts 'report differs' \
	's/if (a->keep_open)/if (0)/'

echo "$caught of $total mutations caught"
exit $status
