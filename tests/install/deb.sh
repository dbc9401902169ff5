# The Debian packages: dpkg-buildpackage -us -uc -b, in a copy of the
# sources, builds wdilog, libwdilog0 and libwdilog-dev, each holding what
# debian/*.install says; lintian reports no error on them; the command from
# the packages runs. Without checks (nocheck: the other suites test the
# build) it takes a few minutes. Skipped (77) when dpkg-dev, debhelper,
# lintian or fakeroot are missing (tools/packages.txt lists them).
# Usage: deb.sh WDILOG SAMPLES
. "${WDILOG_SRCDIR:?run through meson test}/tests/cli/lib.sh"

for tool in dpkg-buildpackage dh lintian fakeroot; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
done
# dpkg-checkbuilddeps: the build's Build-Depends (not the test ones)
if ! (cd "$SRCDIR" && dpkg-checkbuilddeps -P nocheck) >"$T/deps" 2>&1; then
	show "$T/deps"
	skip "the packages' build dependencies are not installed"
fi

# dpkg-buildpackage writes its packages next to the source directory
mkdir "$T/src"
tar -C "$SRCDIR" --exclude='./build*' --exclude=./.git -cf - . |
	tar -C "$T/src" -xf -
rc=0
(cd "$T/src" && DEB_BUILD_OPTIONS=nocheck DEB_BUILD_PROFILES=nocheck \
	dpkg-buildpackage -us -uc -b) >"$T/build.log" 2>&1 || rc=$?
expect_rc 0 "dpkg-buildpackage -us -uc -b"
[ "$rc" -eq 0 ] || { tail -n 40 "$T/build.log"; finish; }

version=$(cd "$T/src" && dpkg-parsechangelog -S Version)
arch=$(dpkg-architecture -qDEB_HOST_ARCH)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
for p in wdilog libwdilog0 libwdilog-dev; do
	deb=$T/${p}_${version}_$arch.deb
	check "package $p was built" [ -f "$deb" ]
	dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' >"$T/$p.files" || true
done

# pkg_has PACKAGE PATH: the package holds PATH
pkg_has() {
	check "$1 holds $2" grep -q -x -F "$2" "$T/$1.files"
}
pkg_has wdilog /usr/bin/wdilog
pkg_has wdilog /usr/share/man/man1/wdilog.1.gz
pkg_has wdilog /usr/share/bash-completion/completions/wdilog
pkg_has wdilog /usr/share/zsh/vendor-completions/_wdilog
pkg_has wdilog /usr/share/fish/vendor_completions.d/wdilog.fish
pkg_has libwdilog0 "/usr/lib/$multiarch/libwdilog.so.0"
pkg_has libwdilog-dev /usr/include/wdilog/wdilog.h
pkg_has libwdilog-dev "/usr/lib/$multiarch/libwdilog.so"
pkg_has libwdilog-dev "/usr/lib/$multiarch/pkgconfig/wdilog.pc"
check "the library is only in libwdilog0" \
	no_grep 'libwdilog\.so\.0' "$T/wdilog.files" "$T/libwdilog-dev.files"

# a system directory: no run path in the packaged command
dpkg-deb -x "$T/wdilog_${version}_$arch.deb" "$T/root"
dpkg-deb -x "$T/libwdilog0_${version}_$arch.deb" "$T/root"
check "the packaged wdilog has no run path" \
	sh -c '! readelf -d "$1" | grep -q -E "RPATH|RUNPATH"' _ "$T/root/usr/bin/wdilog"
rc=0
LD_LIBRARY_PATH=$T/root/usr/lib/$multiarch "$T/root/usr/bin/wdilog" --version \
	>"$T/version" 2>&1 || rc=$?
expect_rc 0 "the packaged wdilog runs"
expect_eq "it is this version" "$(cat "$T/version")" "$("$WDILOG" --version)"
expect_eq "the package version is the project's" \
	"wdilog $version" "$("$WDILOG" --version | cut -d' ' -f1-2)"

# lintian: errors fail, warnings are shown
rc=0
lintian --fail-on error "$T/wdilog_${version}_$arch.changes" >"$T/lintian" 2>&1 || rc=$?
grep -v '^running with root privileges' "$T/lintian" >"$T/lintian.tags" || true
show "$T/lintian.tags"
expect_rc 0 "lintian finds no error"
check "lintian: no error tag" no_grep '^E: ' "$T/lintian.tags"
printf 'lintian: %s warnings\n' "$(grep -c '^W: ' "$T/lintian.tags" || true)"
finish
