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

# what to install: what building and running need; the test suite's
# extras are test.sh's business
PACKAGE_FILES='tools/packages-build.txt'
. tools/common.sh

install_packages
setup build
ninja -C build
# samples/tracefmt-dayfirst.txt is meant for --day-first; read month-first
# here, its dates land in January 2003. samples/expected/ holds wdilog's own
# reports, which the directory walk skips.
say "report for samples/"
status=0
build/wdilog samples/ || status=$?
exit "$status"
