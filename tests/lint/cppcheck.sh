#!/bin/sh
# cppcheck over src/ with warning, style, performance and portability
# checks; any finding not in tests/lint/cppcheck.supp fails.
#
#   cppcheck.sh SRCROOT
set -eu
root=${1:?usage: cppcheck.sh SRCROOT}
command -v cppcheck >/dev/null || { echo "cppcheck not installed"; exit 77; }
cd "$root"
# the build defines the version strings; any value will do here
exec cppcheck --quiet --error-exitcode=1 --inline-suppr \
	--enable=warning,style,performance,portability --std=c11 \
	-D_GNU_SOURCE -DWDILOG_VERSION_STRING='"0"' -DWDILOG_CLI_VERSION='"0"' \
	-I include -I src --suppressions-list=tests/lint/cppcheck.supp src
