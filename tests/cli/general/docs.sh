# The documentation matches the program: every --long option of --help is
# in the manual page and the README, every exit status is described in the
# manual page, the README and --help, and NO_COLOR in all three.
. "$(dirname "$0")/../lib.sh"

MAN=$SRCDIR/doc/wdilog.1
README=$SRCDIR/README.md
"$WDILOG" --help >"$T/help"
# roff writes a hyphen as \- ; compare plain text
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$MAN" >"$T/man"

opts=$(grep -o -E -e '--[a-z][a-z-]*' "$T/help" | sort -u)
check "--help lists long options" [ -n "$opts" ]
for o in $opts; do
	check "wdilog.1 documents $o" grep -q -e "$o" "$T/man"
done
# and the other way round: the manual documents no option that does not
# exist (an alias such as --colour need not be in --help, but must work)
for o in $(grep -o -E -e '--[a-z][a-z-]*' "$T/man" | sort -u); do
	run "$o" </dev/null
	check "wdilog.1 option $o is known to wdilog" no_grep 'unknown option' "$T/err"
done

# the manual's EXIT STATUS section: one .TP item per status
sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$T/man" >"$T/man-exit"
for code in 0 1 2; do
	check "wdilog.1 EXIT STATUS describes $code" grep -q -x "\\.B $code" "$T/man-exit"
done
check "wdilog.1 describes NO_COLOR" grep -q 'NO_COLOR' "$T/man"
for s in NAME SYNOPSIS DESCRIPTION OPTIONS 'EXIT STATUS' ENVIRONMENT EXAMPLES 'SEE ALSO'; do
	check "wdilog.1 has a $s section" grep -q -x "\\.SH $s" "$T/man"
done

# the README's "Exit status" section: a table row per status
sed -n '/^## Exit status/,/^## [^E]/p' "$README" >"$T/readme-exit"
for code in 0 1 2; do
	check "README describes exit status $code" grep -q "^| $code | [a-z]" "$T/readme-exit"
done
check "README describes NO_COLOR" grep -q 'NO_COLOR' "$README"
check "README has the two quick-start commands" \
	sh -c 'grep -q -x "    sh tools/quickstart.sh" "$1" && grep -q -x "    sh tools/test.sh" "$1"' \
	_ "$README"
for o in $opts; do
	case $o in
	--help | --version | --colour) continue ;;
	esac
	check "README mentions $o" grep -q -e "$o" "$README"
done

# formats.md section 6: the schema requires every member, in its place
need_python
check "report-schema.json requires every formats.md section 6 member" \
	"$PYTHON" - "$SRCDIR/doc/report-schema.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
p = s["properties"]
want = {
    "top level": (s, ["schema", "totals", "phases", "codes", "undecoded_guids", "inputs"]),
    "totals": (p["totals"], ["events", "with_status", "without_status", "undecoded",
                             "damaged", "statuses", "failures", "benign", "successes",
                             "unknown", "malformed"]),
    "phases": (p["phases"], ["success", "general", "probe", "auth", "assoc",
                             "disassociate", "unknown"]),
    "a phase": (p["phases"]["additionalProperties"], ["statuses", "failures", "first", "last"]),
    "a code": (p["codes"]["items"], ["code", "name", "phase", "kind", "count", "first", "last"]),
    "a guid": (p["undecoded_guids"]["items"], ["guid", "count"]),
    "an input": (p["inputs"]["items"], ["path", "format", "encoding", "events", "statuses",
                                        "damaged"]),
}
bad = 0
for where, (node, members) in want.items():
    missing = set(members) - set(node.get("required", []))
    if missing:
        print("%s: not required: %s" % (where, sorted(missing)))
        bad = 1
sys.exit(bad)
PY
finish
