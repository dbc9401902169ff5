# The generated bash, zsh and fish completions offer exactly the options of
# the command's option table (long_options and the getopt string in
# src/cli/args.c) and of `wdilog --help`: the same long and short names,
# the same ones taking a value, and the report formats of the format table.
# Any difference fails. Aliases (a table entry with the same code as an
# earlier one, such as --colour) may be left out. The bash completion is
# also run on a few command lines.
# Usage: completions.sh WDILOG SAMPLES ARGS_C COMPLETIONS_DIR
. "${WDILOG_SRCDIR:?run through meson test}/tests/cli/lib.sh"
ARGS_C=$3
DIR=$4
need_python

"$WDILOG" --help >"$T/help"
for f in wdilog _wdilog wdilog.fish; do
	check "completion $f was generated" [ -s "$DIR/$f" ]
done

rc=0
"$PYTHON" - "$ARGS_C" "$T/help" "$DIR" >"$T/compare" 2>&1 <<'PY' || rc=$?
import re, sys

args_c, help_path, d = sys.argv[1:]
src = open(args_c, encoding="utf-8").read()

def table():
    """long -> takes a value; short -> takes a value; the format names."""
    block = re.search(r"long_options\[\]\s*=\s*\{(.*?)\n\};", src, re.S).group(1)
    longs, seen = {}, set()
    for name, kind, val in re.findall(
            r'\{\s*"([^"]+)",\s*(\w+)_argument,\s*NULL,\s*([^}\s]+)\s*\}', block):
        if val in seen:
            aliases[name] = kind != "no"    # same code as an earlier entry
            continue
        seen.add(val)
        longs[name] = kind != "no"
    optstring = re.search(r'getopt_long\([^"]*"([^"]*)"', src).group(1)
    shorts = {}
    for m in re.finditer(r"([A-Za-z0-9])(:?)", optstring.lstrip(":")):
        shorts[m.group(1)] = m.group(2) == ":"
    formats = re.search(r"format_names\[\]\s*=\s*\{(.*?)\};", src, re.S).group(1)
    return longs, shorts, re.findall(r'\]\s*=\s*"([a-z]+)"', formats)

def from_help():
    text = open(help_path, encoding="utf-8").read()
    longs, shorts = {}, {}
    for s, l, eq in re.findall(
            r"^  (?:-([A-Za-z0-9]), |    )--([a-z][a-z0-9-]*)(=?)", text, re.M):
        longs[l] = eq == "="
        if s:
            shorts[s] = eq == "="
    return longs, shorts, None

def from_bash():
    text = open(d + "/wdilog", encoding="utf-8").read()
    words = set()
    for w in re.findall(r'compgen -W "([^"]*)"', text):
        words.update(x for x in w.split() if x.startswith("-"))
    valued = set()
    for pat in re.findall(r"^\t(-[^)\s]*)\)$", text, re.M):
        valued.update(pat.split("|"))
    longs = {w[2:]: w in valued for w in words if w.startswith("--")}
    shorts = {w[1:]: w in valued for w in words if not w.startswith("--")}
    fmt = re.search(r'^\t-f\|--format\)\n\t\tCOMPREPLY=\(\$\(compgen -W "([^"]*)"',
                    text, re.M)
    return longs, shorts, fmt.group(1).split() if fmt else []

def from_zsh():
    text = open(d + "/_wdilog", encoding="utf-8").read()
    longs, shorts = {}, {}
    for l, eq in re.findall(r"--([a-z][a-z0-9-]*)(=?)[\[}]", text):
        longs[l] = eq == "="
    for s, plus in re.findall(r"\{-([A-Za-z0-9])(\+?),", text):
        shorts[s] = plus == "+"
    fmt = re.search(r"--format=\}?'?\[[^\n]*:fmt:\(([^)]*)\)", text)
    return longs, shorts, fmt.group(1).split() if fmt else []

def from_fish():
    text = open(d + "/wdilog.fish", encoding="utf-8").read()
    longs, shorts, fmt = {}, {}, []
    for line in text.splitlines():
        m = re.match(r"complete -c wdilog (?:-s (\S) )?-l (\S+)( -[rx])?(.*)", line)
        if not m:
            continue
        valued = m.group(3) is not None
        longs[m.group(2)] = valued
        if m.group(1):
            shorts[m.group(1)] = valued
        if m.group(2) == "format":
            a = re.search(r"-a '([^']*)'", m.group(4))
            fmt = a.group(1).split() if a else []
    return longs, shorts, fmt

aliases = {}
want_l, want_s, want_f = table()
bad = 0
for name, (l, s, f) in [("--help", from_help()), ("bash", from_bash()),
                        ("zsh", from_zsh()), ("fish", from_fish())]:
    for what, got, want, extra in [("long option", l, want_l, aliases),
                                   ("short option", s, want_s, {})]:
        ref = {**extra, **want}     # aliases may be offered too
        for o in sorted(set(want) - set(got)):
            print("%s lacks the %s %s" % (name, what, o)); bad += 1
        for o in sorted(set(got) - set(ref)):
            print("%s has the %s %s, not in args.c" % (name, what, o)); bad += 1
        for o in sorted(set(got) & set(ref)):
            if got[o] != ref[o]:
                print("%s: %s %s %s a value in args.c" % (
                    name, what, o, "takes" if ref[o] else "takes no")); bad += 1
    if f is not None and sorted(f) != sorted(want_f):
        print("%s: formats %s, args.c has %s (FORMATS in completions/gen.py)" % (
            name, f, want_f)); bad += 1
print("%d long and %d short options, %d formats; %d differences" % (
    len(want_l), len(want_s), len(want_f), bad))
sys.exit(1 if bad else 0)
PY
cat "$T/compare"
if [ "$rc" -eq 0 ]; then
	ok "completions = option table = --help"
else
	fail "completions differ from the option table or --help (above)"
fi

# bash: the completion loads and offers the right words
check "bash -n" bash -n "$DIR/wdilog"
# complete_words EXPECTED WORD...: COMPREPLY for the command line WORD...
# (the cursor on the last word) includes EXPECTED
complete_words() {
	_want=$1
	shift
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_wdilog; printf "%s\n" "${COMPREPLY[@]}"' _ "$DIR/wdilog" "$@" >"$T/reply"
	if grep -q -x -e "$_want" "$T/reply"; then
		ok "bash: '$*' offers $_want"
	else
		fail "bash: '$*' does not offer $_want"
		show "$T/reply"
	fi
}
complete_words --format wdilog --for
complete_words json wdilog -f js
complete_words json wdilog --format = js
complete_words always wdilog --color al
complete_words merge wdilog me
# zsh and fish: the syntax when they are installed (tools/packages.txt
# lists them), and fish's answers for the same command lines
if command -v zsh >/dev/null 2>&1; then
	check "zsh -n" zsh -n "$DIR/_wdilog"
	# zsh_offers EXPECTED LINE: a tab after LINE in an interactive zsh
	# shows EXPECTED
	zsh_offers() {
		if timeout 30 zsh "$TESTS_DIR/zsh_complete.zsh" "$DIR" "$2" "$1"; then
			ok "zsh: '$2' offers $1"
		else
			fail "zsh: '$2' does not offer $1"
		fi
	}
	zsh_offers --format 'wdilog --for'
	zsh_offers json 'wdilog -f js'
	zsh_offers always 'wdilog --color=al'
	zsh_offers merge 'wdilog me'
else
	ok "zsh not installed: its completion is not checked"
fi
if command -v fish >/dev/null 2>&1; then
	check "fish -n" fish -n "$DIR/wdilog.fish"
	# fish_offers EXPECTED LINE: fish completes LINE with EXPECTED
	fish_offers() {
		fish -c 'source $argv[1]; complete -C $argv[2]' "$DIR/wdilog.fish" "$2" |
			cut -f1 >"$T/reply"
		if grep -q -x -e "$1" "$T/reply"; then
			ok "fish: '$2' offers $1"
		else
			fail "fish: '$2' does not offer $1"
			show "$T/reply"
		fi
	}
	fish_offers --format 'wdilog --for'
	fish_offers json 'wdilog -f js'
	fish_offers --color=always 'wdilog --color=al'
	fish_offers merge 'wdilog me'
else
	ok "fish not installed: its completion is not checked"
fi
finish
