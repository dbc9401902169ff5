# -j with no thread to be had (pthread_create always fails, through an
# LD_PRELOAD shim): every input is still read, in the calling thread, and
# the report is the one of -j 1. More inputs than the merge window (64),
# which is where the calling thread used to wait forever.
. "$(dirname "$0")/../lib.sh"
SHIM=${3:?the shim library}

# ASan must be the first library loaded, which a preloaded shim breaks.
case ${WDILOG_SANITIZE:-none} in
none | '') ;;
*) skip "LD_PRELOAD shim under sanitizers ($WDILOG_SANITIZE)" ;;
esac

i=0
while [ $i -lt 100 ]; do
	printf 'AssocStatus=%d\n' $((i % 7 + 1)) >"$T/in$i.txt"
	i=$((i + 1))
done
set --
i=0
while [ $i -lt 100 ]; do
	set -- "$@" "$T/in$i.txt"
	i=$((i + 1))
done

run -j 1 -f json "$@"
expect_rc 0 "-j 1 over 100 inputs"
cp "$T/out" "$T/one.json"

rc=0
LD_PRELOAD=$SHIM timeout 20 "$WDILOG" -j 2 -f json "$@" </dev/null \
	>"$T/out" 2>"$T/err" || rc=$?
expect_rc 0 "-j 2 with no thread, 100 inputs, ends in time"
check "-j 2 with no thread: the report of -j 1" cmp -s "$T/one.json" "$T/out"
finish
