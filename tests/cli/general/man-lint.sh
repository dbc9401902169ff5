# doc/wdilog.1 passes mandoc's linter with no warnings, and renders.
. "$(dirname "$0")/../lib.sh"

command -v mandoc >/dev/null 2>&1 || {
	fail "mandoc not found (tools/packages.txt lists it)"
	finish
}
rc=0
mandoc -Tlint -W warning "$SRCDIR/doc/wdilog.1" >"$T/lint" 2>&1 || rc=$?
expect_rc 0 "mandoc -Tlint -W warning"
check "no lint messages" is_empty "$T/lint" || show "$T/lint"
MANWIDTH=80 mandoc -Tascii "$SRCDIR/doc/wdilog.1" >"$T/txt"
check "renders with a NAME line" grep -q 'wdilog - count and classify' "$T/txt"
finish
