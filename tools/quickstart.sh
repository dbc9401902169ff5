#!/bin/sh
# Quick start: install the build dependencies, build wdilog into build/ and
# print the report for the bundled samples.
#
#   sh tools/quickstart.sh            (as root on Debian 12; uses sudo otherwise)
#   WDILOG_NO_APT=1 sh tools/quickstart.sh   (skip apt: packages already there)
#
# Safe to run again: an existing build/ is reconfigured, not recreated.
set -eu

cd "$(dirname "$0")/.."

say() {
	printf '%s\n' "quickstart: $*" >&2
}

# What building and running need (tools/packages-build.txt), blank lines
# and # comments left out; the test suite's extras are test.sh's business.
packages() {
	sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' tools/packages-build.txt
}

install_packages() {
	if [ "${WDILOG_NO_APT:-}" = 1 ]; then
		say "WDILOG_NO_APT=1: not installing packages"
		return 0
	fi
	sudo=
	if [ "$(id -u)" -ne 0 ]; then
		if ! command -v sudo >/dev/null 2>&1; then
			say "apt-get needs root (or set WDILOG_NO_APT=1 if the packages are installed)"
			return 1
		fi
		sudo=sudo
	fi
	say "installing: $(packages | tr '\n' ' ')"
	# wait for another apt (unattended-upgrades on a fresh VM) to finish
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update
	# word splitting of the list is wanted: one argument per package
	# shellcheck disable=SC2046
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
		install -y $(packages)
}

# meson setup, or reconfigure a build dir left by an earlier run; a dir that
# cannot be reconfigured (another meson version, half-written) is wiped.
setup() {
	dir=$1
	shift
	if [ -f "$dir/meson-private/coredata.dat" ]; then
		meson setup --reconfigure "$dir" "$@" ||
			meson setup --wipe "$dir" "$@"
	else
		rm -rf "$dir"
		meson setup "$dir" "$@"
	fi
}

install_packages
setup build
ninja -C build
# samples/tracefmt-dayfirst.txt is meant for --day-first; read month-first
# here, its dates land in January 2003. EXPECTED.md is read as plain text.
say "report for samples/"
status=0
build/wdilog samples/ || status=$?
exit "$status"
