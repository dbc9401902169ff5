#!/bin/sh
# clang-tidy over every .c file in src/ with tests/lint/.clang-tidy, using
# the build's compile_commands.json; any finding not accepted in
# tests/lint/clang-tidy.supp fails. Files run in parallel, one per core.
#
#   clang_tidy.sh SRCROOT BUILDDIR
set -eu
root=${1:?usage: clang_tidy.sh SRCROOT BUILDDIR}
build=${2:?usage: clang_tidy.sh SRCROOT BUILDDIR}
tidy=$(command -v clang-tidy || command -v clang-tidy-14 || true)
[ -n "$tidy" ] || { echo "clang-tidy not installed"; exit 77; }
[ -f "$build/compile_commands.json" ] || { echo "no compile_commands.json"; exit 77; }

build=$(cd "$build" && pwd)
root=$(cd "$root" && pwd)
# clang-tidy names files relative to the build directory
cd "$build"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
find "$root/src" -name '*.c' | sort |
	xargs -P "$(nproc 2>/dev/null || echo 2)" -n 4 "$tidy" --quiet \
		--config-file="$root/tests/lint/.clang-tidy" -p "$build" \
		>"$out" 2>/dev/null || true

# findings: "path:line:col: warning: text [check]"; drop accepted ones
found=0
grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): .*\[[A-Za-z0-9.,-]+\]$' "$out" |
	sort -u >"$out.list" || true
while IFS= read -r line; do
	file=$(printf '%s' "$line" | sed -E 's/:[0-9]+:[0-9]+: .*//')
	file=$(realpath -m "$file")
	rel=${file#"$(realpath "$root")"/}
	case $rel in /*) continue ;; esac   # a system header: not ours
	check=$(printf '%s' "$line" | sed -E 's/.*\[([A-Za-z0-9.,-]+)\]$/\1/')
	if grep -qxF "$check $rel" "$root/tests/lint/clang-tidy.supp"; then
		continue
	fi
	echo "$line"
	found=$((found + 1))
done <"$out.list"
rm -f "$out.list"
if [ "$found" -ne 0 ]; then
	echo "clang_tidy.sh: $found finding(s); fix them or, with a reason, add"
	echo "'CHECK FILE' to tests/lint/clang-tidy.supp"
	exit 1
fi
echo "clang_tidy.sh: no findings"
