#!/bin/sh
# No unbounded or unchecked string calls in src/ (shared/style.md): sprintf,
# vsprintf, strcpy, strcat, gets, atoi, strtok (and strtok_r). Use
# snprintf, memcpy with a checked length, strtoul with an end pointer, or a
# span parser instead. Comments are not exempt: write the names without
# their parentheses when a comment needs them.
#
#   banned.sh SRCROOT
#
# The pattern is first run over a fixture holding every banned call (each
# must be caught) and the allowed look-alikes (none may be), so the test
# cannot pass by matching nothing.
set -eu
root=${1:?usage: banned.sh SRCROOT}
pattern='(^|[^A-Za-z0-9_])(v?sprintf|strcpy|strcat|gets|atoi|strtok(_r)?)[[:space:]]*\('

fixture=$(mktemp)
trap 'rm -f "$fixture"' EXIT
cat >"$fixture" <<'FIXTURE'
sprintf(buf, "%d", 1);
vsprintf(buf, fmt, ap);
strcpy(dst, src);
strcat(dst, src);
x = gets(buf);
n = atoi(s);
p = strtok(s, ",");
p = strtok_r(s, ",", &save);
n=atoi (s);
FIXTURE
caught=$(grep -cE "$pattern" "$fixture" || true)
[ "$caught" = 9 ] || { echo "banned.sh: the pattern caught $caught of 9"; exit 1; }
cat >"$fixture" <<'FIXTURE'
snprintf(buf, sizeof(buf), "%d", 1);
vsnprintf(buf, cap, fmt, ap);
fgets(buf, sizeof(buf), f);
strtoul(s, &end, 10);
my_atoi_like(s);
wdl_strcpy_span(s);
FIXTURE
if grep -nE "$pattern" "$fixture"; then
	echo "banned.sh: the pattern matches allowed calls"
	exit 1
fi

if grep -rnE --include='*.c' --include='*.h' "$pattern" "$root/src"; then
	echo "banned.sh: banned calls in src/ (above)"
	exit 1
fi
echo "banned.sh: no banned calls in $root/src"
