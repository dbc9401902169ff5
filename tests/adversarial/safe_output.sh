#!/bin/sh
# Safe outputs: markup, quotes, escape sequences, C0/C1 controls, invalid
# UTF-8, line and bidi separators in every field of the input that can
# reach a report, then every output checked for where it goes:
#   - file and directory names: in the JSON and text reports and in
#     diagnostics (and a missing file's name in the "inputs" error entry);
#   - unknown status names: word characters only by construction, checked;
#   - diagnostics: malformed values, libxml2's messages (which quote tag
#     names), zlib's, and the directory walk's;
# The JSON must parse with every control escaped; the text report and
# stderr must be valid UTF-8 with no C0/C1 control (with --color=always,
# only SGR colour sequences). Report formats the CLI does not offer are
# skipped; when it offers them: junit must be well-formed XML 1.0, html
# and markdown must carry no raw markup from the input, github must not
# let a file name start a workflow command.
#
# Environment as for cases.sh: WDILOG, REPORT_GET, SAFE_CHECK, WORK_ROOT.
set -eu
: "${WDILOG:?}" "${REPORT_GET:?}" "${SAFE_CHECK:?}" "${WORK_ROOT:?}"

work=$WORK_ROOT/safe-output
rm -rf "$work"
mkdir -p "$work/in"
cd "$work"

fail() {
	echo "FAIL [safe-output]: $*" >&2
	exit 1
}

e=$(printf '\033')
# the hostile names; each carries a plain marker evilN to find it by
n1='evil1 <x-evil onerror="alert(1)"> '\''evil'\'' "evil" &amp; ]]> <script>.txt'
n2="evil2 ${e}[31mred ${e}]0;title$(printf '\007') ${e}[2J.txt"
n3="evil3 C1 $(printf '\302\233')2J and $(printf '\302\205') NEL.txt"
n4="evil4 raw $(printf '\233') $(printf '\377') bytes.txt"
n5="evil5 line1
line2 $(printf '\r\t\177') DEL.txt"
n6="evil6 $(printf '\342\200\250') LS $(printf '\342\200\256') RLO.txt"
n7="evil7
::warning::evil-injected.txt"
n8="evil8 $(printf '\001\002\037') low C0.txt"

body() {
	printf '[0]0888.0D60::10/23/2003-12:27:40.173 [wdi]AssocStatus=31\n'
	printf '[0]0888.0D60::10/23/2003-12:27:41.000 [wdi]AssocStatus=<x-evil onerror=1>"evil'"'"'\n'
	printf '[0]0888.0D60::10/23/2003-12:27:42.000 [wdi]WDI_ASSOC_STATUS_EVIL<x-evil>"evil\033[31m\n'
	printf '[0]0888.0D60::10/23/2003-12:27:43.000 [wdi]RoamReason=\033[31m31 DisassocStatus=\302\23331\n'
	printf '[0]0888.0D60::10/23/2003-12:27:44.000 [wdi]WDI_ASSOC_STATUS_\033]0;x\007 AssocStatus="\001\n'
	printf 'Unknown( 76): GUID=ac5ec775-ccdb-3c2c-6150-28b4eacacbc4 <x-evil> \033[2J\n'
}
for n in "$n1" "$n2" "$n3" "$n4" "$n5" "$n6" "$n7" "$n8"; do
	body >"in/$n"
done
# libxml2 quotes tag names in its messages; a character reference to ESC
# is not XML 1.0 either
{
	printf '<Events>\n'
	printf '<Event><EventData><Data Name="AssocStatus">31</Data></EventData>'
	printf '<x-evil onerror="1"></y-evil></Event>\n'
	printf '<Event><EventData><Data Name="AssocStatus">&#27;[31m</Data></EventData></Event>\n'
	printf '<Event><EventData><Data Name="AssocStatus">\033[31m"evil</Data></EventData></Event>\n'
	printf '</Events>\n'
} >"in/evil9 $(printf '\033')[31m.xml"
# zlib's message, from a corrupt gzip with a hostile name
printf '\037\213\010\000\000\000\000\000\000\003\377\377\377\377garbage' \
	>"in/evil10 ${e}[31m.gz"
# the directory walk: a loop below a hostile directory name
mkdir -p "in/evil11 <x-evil> ${e}[31m/sub"
ln -s .. "in/evil11 <x-evil> ${e}[31m/sub/loop"
missing="$work/in/evil12 missing <x-evil> ${e}[31m $(printf '\302\233').txt"

set +e
"$WDILOG" -f json -o out.json -f text -o out.txt --color=never \
	in "$missing" 2>err.txt
rc=$?
"$WDILOG" --color=always in "$missing" >color.txt 2>/dev/null
set -e
[ $rc = 2 ] || fail "exit status $rc, expected 2 (one input is missing)"

"$SAFE_CHECK" json out.json || fail "JSON report"
"$SAFE_CHECK" terminal out.txt || fail "text report"
"$SAFE_CHECK" terminal err.txt || fail "diagnostics on stderr"
"$SAFE_CHECK" ansi color.txt || fail "coloured text report"
"$REPORT_GET" --check out.json || fail "report identities"

# every hostile input is in the report, found by its marker (evil11 is
# a directory holding only a loop)
inputs=$("$REPORT_GET" out.json inputs.#)
[ "$inputs" = 11 ] || fail "$inputs inputs in the report, expected 11"
i=0
paths=
err=
while [ $i -lt "$inputs" ]; do
	p=$("$REPORT_GET" out.json inputs.$i.path)
	paths="$paths$p
"
	case $p in *evil12*) err=$("$REPORT_GET" out.json inputs.$i.error) ;; esac
	i=$((i + 1))
done
for k in 1 2 3 4 5 6 7 8 9 10 12; do
	printf "%s" "$paths" | grep -qE "evil$k([^0-9]|\$)" ||
		fail "evil$k is not among the inputs"
done
# a name without controls and in UTF-8 comes back exactly
printf '%s' "$paths" | grep -qxF "in/$n1" || fail "evil1's path changed"
# the missing file is listed with its reason
[ "$err" = "cannot open: No such file or directory" ] ||
	fail "the missing input's error is '$err'"
# the walk's warning names the loop
grep -q 'evil11' err.txt || fail "no diagnostic for the loop"

# unknown status names are word characters, whatever followed them
ncodes=$("$REPORT_GET" out.json codes.#)
i=0
while [ $i -lt "$ncodes" ]; do
	name=$("$REPORT_GET" out.json codes.$i.name)
	case $name in
	*[!A-Z0-9_]*) [ "$name" = null ] || fail "code name '$name'" ;;
	esac
	i=$((i + 1))
done
[ "$("$REPORT_GET" out.json codes.name=WDI_ASSOC_STATUS_EVIL.count)" = 8 ] ||
	fail "the unknown name WDI_ASSOC_STATUS_EVIL is not counted 8 times"

# formats other helpers may add to the CLI
for fmt in junit html markdown github; do
	set +e
	"$WDILOG" -f "$fmt" in "$missing" >"out.$fmt" 2>fmt-err.txt
	frc=$?
	set -e
	if [ $frc = 2 ] && grep -q 'unknown report format' fmt-err.txt; then
		echo "format $fmt not offered; skipped"
		continue
	fi
	case $fmt in
	junit) "$SAFE_CHECK" xml "out.$fmt" || fail "junit report" ;;
	html) "$SAFE_CHECK" html "out.$fmt" || fail "$fmt report" ;;
	markdown) "$SAFE_CHECK" markdown "out.$fmt" || fail "$fmt report" ;;
	github)
		"$SAFE_CHECK" terminal "out.$fmt" || fail "github report"
		! grep -q '^::warning::evil-injected' "out.$fmt" ||
			fail "a file name started a workflow command"
		;;
	esac
	echo "format $fmt: safe"
done

cd "$WORK_ROOT"
rm -rf "$work"
echo "ok [safe-output]"
