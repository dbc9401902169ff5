#!/bin/sh
# --help documents the gate: every option, the exit statuses, under 80
# columns.
. "$(dirname "$0")/../lib.sh"
# this case reads the status of the commands it runs itself (not set -e)
set +e
run --help
expect_rc 0 "--help"
long=$(awk 'length > 79' "$T/out" | wc -l)
expect_eq "no line over 79 columns" "$long" 0
for opt in --max-failures=N --fail-on=LIST --allow=LIST --max-malformed=N \
	--max-damaged=N --strict --baseline=REPORT --tolerance=N\|N% \
	"wdilog merge" "wdilog diff" junit markdown github; do
	has "help mentions $opt" "$T/out" "$opt"
done
has "exit 0" "$T/out" "  0  reports written; the gate passed or none was asked"
has "exit 1" "$T/out" "  1  the gate failed (every report was still written)"
has "exit 2" "$T/out" "  2  usage error, a report that is not wdilog/1 JSON, an input that"
finish
