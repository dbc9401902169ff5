# The C example in README.md is tests/cli/general/readme_example.c, byte for byte;
# meson compiles that file against the installed-style API (public headers,
# libwdilog, warnings as errors), and here it runs.
# Usage: readme-example.sh WDILOG SAMPLES EXAMPLE_BINARY
. "$(dirname "$0")/../lib.sh"
need_python
EXAMPLE=$3

# the fenced ```c block of the README
awk '/^```c$/ { on = 1; next } /^```$/ { on = 0 } on' "$SRCDIR/README.md" >"$T/readme.c"
check "README has a C example" [ -s "$T/readme.c" ]
if cmp -s "$T/readme.c" "$TESTS_DIR/readme_example.c"; then
	ok "README's example = tests/cli/general/readme_example.c"
else
	fail "README's example differs from tests/cli/general/readme_example.c"
	diff "$T/readme.c" "$TESTS_DIR/readme_example.c" || true
fi

rc=0
"$EXAMPLE" "$SAMPLES/tracerpt.xml" >"$T/out" 2>"$T/err" || rc=$?
expect_rc 0 "the example on a sample"
"$WDILOG" -q --format json "$SAMPLES/tracerpt.xml" >"$T/cli.json"
expect_eq "the example's report has the CLI's totals" \
	"$(jget "$T/out" 'j["totals"]')" "$(jget "$T/cli.json" 'j["totals"]')"
rc=0
"$EXAMPLE" <"$SAMPLES/eventlog.txt" >"$T/out" 2>"$T/err" || rc=$?
expect_rc 0 "the example on standard input"
expect_eq "the example on stdin: events" "$(jget "$T/out" 'j["totals"]["events"]')" 15
rc=0
"$EXAMPLE" "$T/missing" >"$T/out" 2>"$T/err" || rc=$?
expect_rc 2 "the example on a missing file"
check "the example reports the error" grep -q 'missing: ' "$T/err"
finish
