#!/bin/sh
# The benchmark in one command (README): installs the peers, builds an
# optimized wdilog and runs tests/bench/run.sh. Options are passed on, e.g.
# sh tools/bench.sh --size 256 --runs 3
set -eu
cd "$(dirname "$0")/.."
if [ "${WDILOG_NO_APT:-0}" != 1 ]; then
	apt-get update
	sed -e "s/#.*//" -e "/^ *$/d" tools/packages-build.txt | xargs apt-get install -y
	apt-get install -y ripgrep libxml2-utils python3 time bc
fi
meson setup build-release --buildtype=release >/dev/null 2>&1 ||
	meson setup --reconfigure build-release --buildtype=release >/dev/null
ninja -C build-release wdilog
exec bash tests/bench/run.sh build-release "$@"
