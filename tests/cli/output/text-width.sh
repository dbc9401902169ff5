# The text report fits the width (issue 15, item 11): 80 columns when
# standard output is not a terminal, every section and the ATTEMPTS one,
# for every sample and for crafted long names, SSIDs and paths, counted
# in display columns (a wide character takes two) in the C and UTF-8
# locales; --width and COLUMNS widen it and the wider layout is used
# where it helps; the bursts table names its input.
. "$(dirname "$0")/../lib.sh"
need_python

# widest FILE: the widest line in display columns
widest() {
	"$PYTHON" - "$1" <<'PY'
import sys, unicodedata
w = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace").read().split("\n"):
    cols = 0
    for ch in line:
        if unicodedata.combining(ch):
            continue
        cols += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    w = max(w, cols)
print(w)
PY
}

# crafted: a deep path of long folder names (one of them in CJK), an
# unknown status name of 60 letters, a 32-byte SSID, a storm for a burst
deep="$T/a-folder-name-that-goes-on-and-on-for-a-while/\
$(printf '\345\234\260\345\233\276\346\226\207\344\273\266')-captures-of-the-lab-network/\
another-level-of-folders-before-the-file"
mkdir -p "$deep"
long="$deep/capture-from-the-laptop-with-a-long-host-name-2026-12-07.txt"
{
	s=0
	while [ "$s" -lt 20 ]; do
		printf '[0]1A2C.0F10::12/07/2026-10:00:%02d.000 [wdiwifi]Association result: AssocStatus=42\n' "$s"
		s=$((s + 1))
	done
	printf '[0]1A2C.0F10::12/07/2026-10:00:30.000 [wdiwifi]IHV blob reports WDI_ASSOC_STATUS_%s, ignoring\n' \
		ANAMEOFSIXTYLETTERSTHATNOWIFIDRIVERWOULDEVERREALLYWRITEXYZQW
} >"$long"
ssid=$(printf 'Lab-network-\345\234\260\345\233\276-guest-5GHz')
sed "s/>Lab</>$ssid</g" "$SAMPLES/attempts-interleaved.xml" >"$deep/attempts-with-a-long-ssid-name.xml"

# within WIDTH columns (80: the default; 72: the narrowest --width)
n=0
for cols in 80 72; do
	for loc in C C.UTF-8; do
		for f in "$SAMPLES"/*.txt "$SAMPLES"/*.xml "$SAMPLES"/*.gz \
			"$SAMPLES/attempts-interleaved.xml $SAMPLES/tracefmt-default.txt" \
			"$SAMPLES" "$long" "$deep/attempts-with-a-long-ssid-name.xml $long"; do
			set -- --with-attempts --by=peer --color=never
			[ "$cols" -eq 80 ] || set -- "$@" --width "$cols"
			# shellcheck disable=SC2086 # two inputs in one word on purpose
			LC_ALL=$loc "$WDILOG" "$@" $f </dev/null >"$T/out" 2>"$T/err" || true
			w=$(widest "$T/out")
			if [ "$w" -gt "$cols" ]; then
				fail "$loc $(basename "$f"): within $cols columns ($w)"
				show "$T/out"
			fi
			n=$((n + 1))
		done
	done
done
ok "$n reports within 80 columns, or 72 with --width 72"

# the crafted inputs: what the narrow layout does to them
LC_ALL=C "$WDILOG" --with-attempts "$deep/attempts-with-a-long-ssid-name.xml" "$long" \
	</dev/null >"$T/narrow" 2>"$T/err" || true
check "a long status name is cut with a marker" grep -q 'ANAMEOFSIXTY[A-Z]*\.\.\. ' "$T/narrow"
check "a long path is cut in the middle, its file name kept" \
	grep -q '^  /.*\.\.\..*host-name-2026-12-07\.txt$' "$T/narrow"
check "the bursts table names its input" \
	grep -q '^in /.*\.\.\..*host-name-2026-12-07\.txt:$' "$T/narrow"
check "the burst row follows its input" \
	sh -c "grep -A1 '^in /' '$T/narrow' | grep -q '^2026-12-07 10:00:00.000 .* 20 .*42 AUTH_RESPONSE'"
LC_ALL=C.UTF-8 "$WDILOG" --with-attempts "$deep/attempts-with-a-long-ssid-name.xml" "$long" \
	</dev/null >"$T/narrow8" 2>"$T/err" || true
check "in UTF-8 the marker is an ellipsis" grep -q "$(printf '\342\200\246').*/capture-from-the-laptop-with-a-long-host-name-2026-12-07\.txt$" "$T/narrow8"

# wider: --width, and COLUMNS when nothing says otherwise
run -q --by=peer --width 120 "$D"
expect_rc 0 "--width 120"
cp "$T/out" "$T/w120"
w=$(widest "$T/w120")
check "--width 120: wider than 80 where it helps, within 120 ($w)" \
	test "$w" -gt 80 -a "$w" -le 120
check "--width 120: the phase table keeps zones and the T" \
	grep -q '^success  .*2003-10-23T12:27:46.000 ' "$T/w120"
check "--width 120: whole names" grep -q ' AUTH_RESPONSE_CAPABILITY_MISMATCH ' "$T/w120"
check "--width 120: the peer table has its LAST column" grep -q '^PEER .* LAST .*TOP FAILURE$' "$T/w120"
run -q --by=peer "$D"
check "80 columns: the long name is cut" grep -q ' AUTH_RESPONSE_CAPAB[A-Z_]*\.\.\. ' "$T/out"
check "80 columns: the peer table drops LAST" no_grep '^PEER .* LAST ' "$T/out"
COLUMNS=120 "$WDILOG" -q --by=peer "$D" </dev/null >"$T/c120" 2>"$T/err"
check "COLUMNS=120 is the same as --width 120" cmp -s "$T/c120" "$T/w120"
COLUMNS=120 "$WDILOG" -q --by=peer --width 80 "$D" </dev/null >"$T/c80" 2>"$T/err"
check "--width beats COLUMNS" cmp -s "$T/c80" "$T/out"
COLUMNS=wide "$WDILOG" -q --by=peer "$D" </dev/null >"$T/cbad" 2>"$T/err"
check "a COLUMNS that is not a number is ignored" cmp -s "$T/cbad" "$T/out"
COLUMNS=120 "$WDILOG" -q --by=peer -o "$T/file.txt" "$D" </dev/null 2>"$T/err"
check "a report written to a file is 80 columns whatever COLUMNS says" \
	cmp -s "$T/file.txt" "$T/out"
run -q --width 71 "$D"
expect_rc 2 "--width below 72 is a usage error"
has "the error names the range" "$T/err" "--width takes a number of columns from 72 to 1000"
run -q --width wide "$D"
expect_rc 2 "--width that is not a number"
finish
