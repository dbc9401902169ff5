#!/bin/sh
# The layer rule of src/README.md: a file in src/LAYER/ may include only
# headers of its own layer or of layers listed before it; src/cli/ sees
# only the public headers and util/. Also checks calls: a symbol that a
# layer's object file uses must not be defined in a higher layer.
#   sh tests/lint/layers.sh SOURCE_ROOT [BUILD_DIR]
set -eu
root=$1
build=${2:-}
order='util status input parse report gate render'

rank() {
	i=0
	for l in $order; do
		[ "$l" = "$1" ] && { echo "$i"; return; }
		i=$((i + 1))
	done
	echo 99
}

bad=0
for f in $(cd "$root/src" && find . -name '*.[ch]' | sed 's|^\./||' | sort); do
	layer=${f%%/*}
	[ "$layer" = "$f" ] && { echo "layers.sh: $f is outside every layer"; bad=$((bad + 1)); continue; }
	mine=$(rank "$layer")
	for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$root/src/$f"); do
		target=${inc%%/*}
		if [ "$layer" = cli ]; then
			case $target in util) continue ;; esac
			# the CLI's own headers, by bare name
			[ "$target" = "$inc" ] && continue
			echo "layers.sh: src/$f includes \"$inc\": the CLI uses the public headers and util/ only"
			bad=$((bad + 1))
			continue
		fi
		if [ "$target" = "$inc" ]; then
			echo "layers.sh: src/$f includes \"$inc\" without its layer folder"
			bad=$((bad + 1))
			continue
		fi
		theirs=$(rank "$target")
		if [ "$theirs" -gt "$mine" ]; then
			echo "layers.sh: src/$f ($layer) includes \"$inc\" of the higher layer $target"
			bad=$((bad + 1))
		fi
	done
done

# Calls: which layer defines each global symbol, and who uses it.
if [ -n "$build" ] && command -v nm >/dev/null 2>&1; then
	objdir=$(find "$build" -type d -name 'libwdilog-core.a.p' | head -n 1)
	if [ -n "$objdir" ]; then
		defs=$(mktemp)
		uses=$(mktemp)
		trap 'rm -f "$defs" "$uses"' EXIT
		for o in "$objdir"/src_*.o; do
			base=${o##*/src_}
			layer=${base%%_*}
			nm -g --defined-only "$o" | awk -v l="$layer" -v f="$base" '{print $3, l, f}' >>"$defs"
			nm -u "$o" | awk -v l="$layer" -v f="$base" '{print $2, l, f}' >>"$uses"
		done
		sort -o "$defs" "$defs"
		sort -o "$uses" "$uses"
		join "$uses" "$defs" | while read -r sym ulayer ufile dlayer dfile; do
			u=$(rank "$ulayer")
			d=$(rank "$dlayer")
			if [ "$d" -gt "$u" ]; then
				echo "layers.sh: ${ufile%.o} ($ulayer) calls $sym of the higher layer $dlayer (${dfile%.o})"
			fi
		done >"$uses.out"
		if [ -s "$uses.out" ]; then
			cat "$uses.out"
			bad=$((bad + $(wc -l <"$uses.out")))
		fi
		rm -f "$uses.out"
	fi
fi

if [ "$bad" -gt 0 ]; then
	echo "layers.sh: $bad finding(s); src/README.md gives the order"
	exit 1
fi
echo "layers.sh: every include and call points down the layers"
