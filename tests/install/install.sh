# The README's Install steps, run as written: in a copy of the sources
# (beside a build/ set up the way the quick start leaves it) with a
# temporary HOME as the prefix. The installed command must run without
# LD_LIBRARY_PATH, and the README's library example, built through the
# installed wdilog.pc, must build and run.
# Usage: install.sh WDILOG SAMPLES
. "${WDILOG_SRCDIR:?run through meson test}/tests/cli/lib.sh"

README=$SRCDIR/README.md
unset LD_LIBRARY_PATH PKG_CONFIG_PATH

# the indented command blocks of the README's "## Install" section, up
# to its first subsection
sed -n '/^## Install$/,/^##/p' "$README" |
	awk 'prev_blank && /^    / { block = 1 } !/^    / { block = 0 }
	     block { sub(/^    /, ""); print } { prev_blank = ($0 == "") }' \
	>"$T/steps.sh"
show "$T/steps.sh"
check "README's Install section has commands" [ -s "$T/steps.sh" ]
check "they install with meson" grep -q '^meson install' "$T/steps.sh"
check "they build a program through pkg-config" \
	grep -q 'pkg-config --cflags --libs wdilog' "$T/steps.sh"

# the sources without build directories or git
mkdir "$T/src" "$T/home"
tar -C "$SRCDIR" --exclude='./build*' --exclude=./.git -cf - . |
	tar -C "$T/src" -xf -
# the program of "Using the library" as myprog.c, as the README says
awk '/^```c$/ { on = 1; next } /^```$/ { on = 0 } on' "$README" >"$T/src/myprog.c"
check "README has the library example" [ -s "$T/src/myprog.c" ]

# the quick start's build/ (configured for /usr/local) is there already
(cd "$T/src" && meson setup build) >"$T/quickstart.log" 2>&1 ||
	{ show "$T/quickstart.log"; fail "meson setup build"; finish; }

cp "$T/steps.sh" "$T/src/steps.sh"
rc=0
(cd "$T/src" && HOME=$T/home sh -e steps.sh) >"$T/out" 2>"$T/err" || rc=$?
expect_rc 0 "the README's Install steps"
# on failure, the checks below say which part did not work

prefix=$T/home/.local
check "bin/wdilog is installed" [ -x "$prefix/bin/wdilog" ]
rc=0
"$prefix/bin/wdilog" --version >"$T/version" 2>&1 || rc=$?
expect_rc 0 "the installed wdilog --version, without LD_LIBRARY_PATH"
expect_eq "it is this version" "$(cat "$T/version")" "$("$WDILOG" --version)"
rc=0
"$prefix/bin/wdilog" -q --format json "$SAMPLES/tracerpt.xml" >"$T/installed.json" || rc=$?
expect_rc 0 "the installed wdilog reads a sample"
"$WDILOG" -q --format json "$SAMPLES/tracerpt.xml" >"$T/built.json" || true
check "its report is the built one's" cmp -s "$T/installed.json" "$T/built.json"

# where the README says the .pc file is
pc=$prefix/lib/$(gcc -print-multiarch)/pkgconfig/wdilog.pc
check "wdilog.pc is in lib/MULTIARCH/pkgconfig" [ -f "$pc" ]
check "the README names that directory" \
	grep -q -F 'lib/$(gcc -print-multiarch)/' "$README"
for f in share/bash-completion/completions/wdilog share/zsh/site-functions/_wdilog \
	share/fish/vendor_completions.d/wdilog.fish share/man/man1/wdilog.1 \
	include/wdilog/wdilog.h; do
	check "installed: $f" [ -f "$prefix/$f" ]
	check "the README names $f" grep -q -F "$(basename "$f")" "$README"
done

# the example: built by the README's steps, which also ran it
check "the README's steps built myprog" [ -x "$T/src/myprog" ]
rc=0
"$T/src/myprog" "$SAMPLES/tracerpt.xml" >"$T/myprog.json" 2>"$T/myprog.err" || rc=$?
expect_rc 0 "myprog runs by itself, without LD_LIBRARY_PATH"
need_python
expect_eq "myprog's report has the CLI's totals" \
	"$(jget "$T/myprog.json" 'j["totals"]')" "$(jget "$T/built.json" 'j["totals"]')"
finish
