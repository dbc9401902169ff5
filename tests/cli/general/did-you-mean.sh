#!/bin/sh
# A mistyped long option or command gets a "did you mean" hint (one or
# two letters off); --json is --format json.
. "$(dirname "$0")/../lib.sh"
set +e

run --formt json "$D"
expect_rc 2 "--formt"
has "suggests --format" "$T/err" "unknown option '--formt' (did you mean '--format'?)"
run --colr=always "$D"
has "suggests --color, value left out" "$T/err" "unknown option '--colr=always' (did you mean '--color'?)"
run --max-failurs 0 "$D"
has "two letters off in a long name" "$T/err" "(did you mean '--max-failures'?)"
run --zzzzzz "$D"
expect_rc 2 "--zzzzzz"
lacks "no hint for a word near nothing" "$T/err" "did you mean"
has "still said unknown" "$T/err" "unknown option '--zzzzzz'"

run merg "$T/a.json"
expect_rc 2 "merg: a missing input"
has "suggests the merge command" "$T/err" "did you mean the command 'wdilog merge'?"
run dif "$T/a.json" "$T/b.json"
has "suggests the diff command" "$T/err" "did you mean the command 'wdilog diff'?"
run "$T/missing.txt"
lacks "no hint for an ordinary missing file" "$T/err" "did you mean"

run -q --json "$D"
expect_rc 0 "--json"
"$WDILOG" -q --format json "$D" >"$T/want"
same "--json = --format json" "$T/out" "$T/want"
run -q --json -o "$T/r.out" "$D"
has "--json pairs with -o" "$T/r.out" '"schema": "wdilog/1"'
run -q --json -f text "$D"
expect_rc 2 "--json and -f with no -o between them"

finish
