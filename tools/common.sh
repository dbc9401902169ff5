# Shell helpers shared by tools/quickstart.sh and tools/test.sh (sourced,
# not run). The caller defines say() and sets PACKAGE_FILES, the package
# lists to install, before calling install_packages.

# Every package in $PACKAGE_FILES, blank lines and # comments left out.
packages() {
	# shellcheck disable=SC2086
	sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' $PACKAGE_FILES
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
