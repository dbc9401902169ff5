# --version and -V: one line naming the tool, library and schema versions.
. "$(dirname "$0")/../lib.sh"

for opt in --version -V; do
	run "$opt"
	expect_rc 0 "$opt"
	check "$opt: stderr empty" is_empty "$T/err"
	expect_eq "$opt: one line" "$(nlines "$T/out")" 1
	check "$opt: names tool and library versions" \
		grep -q -E '^wdilog [0-9]+\.[0-9]+\.[0-9]+ \(libwdilog [0-9]+\.[0-9]+\.[0-9]+' \
		"$T/out"
	check "$opt: names the report schema" grep -q 'wdilog/1' "$T/out"
done
# the version in meson.build is the one printed
want=$(sed -n "s/^ *version: '\([0-9.]*\)'.*/\1/p" "$SRCDIR/meson.build" | head -n 1)
run --version
check "version matches meson.build ($want)" grep -q "^wdilog $want " "$T/out"
finish
