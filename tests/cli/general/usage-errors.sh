# Misuse: exit 2, nothing on stdout, and on stderr exactly one line naming
# the problem followed by the --help hint.
. "$(dirname "$0")/../lib.sh"

# a copy, so that a misparsed -o can never overwrite a sample
cp "$SAMPLES/eventlog.txt" "$T/in.txt"

# usage_error DESCRIPTION PATTERN ARGS...: PATTERN is matched (grep -E)
# against the first stderr line. The input comes first, so that an option
# left without its value is the last argument.
usage_error() {
	desc=$1
	pattern=$2
	shift 2
	run "$T/in.txt" "$@"
	expect_rc 2 "$desc"
	check "$desc: stdout empty" is_empty "$T/out"
	expect_eq "$desc: two stderr lines" "$(nlines "$T/err")" 2
	first=$(sed -n 1p "$T/err")
	if printf '%s\n' "$first" | grep -q -E "^wdilog: .*$pattern"; then
		ok "$desc: message '$first'"
	else
		fail "$desc: message '$first' does not match '$pattern'"
	fi
	expect_eq "$desc: hint" "$(sed -n 2p "$T/err")" \
		"Try 'wdilog --help' for more information."
}

usage_error "unknown long option" "'--nope'" --nope
usage_error "unknown short option" "'-Z'" -Z
usage_error "unknown option among operands" "'--nope'" --nope "$T/in.txt"
usage_error "--format needs a value" "needs a value" --format
usage_error "-o needs a value" "needs a value" -o
usage_error "-k needs a value" "needs a value" -k
usage_error "unknown --format" "'xml'" --format xml
usage_error "unknown -f" "'YAML'" -f YAML
usage_error "unknown --format=" "format" --format=
usage_error "empty -o" "path" -o ''
usage_error "bad --color" "'sometimes'" --color=sometimes
usage_error "--help takes no value" "--help" --help=yes
# controls in a usage error are escaped, C1 (here CSI, U+009B) as well as C0
usage_error "C0 and C1 in an option escaped" "'--x\\\\u009b\\\\x01'\$" \
	"$(printf -- '--x\302\233\001')"
check "no raw C1 on stderr" sh -c "! grep -q \"\$(printf '\302\233')\" '$T/err'"

# none of the usage errors above wrote anything, not even to the input
check "usage errors leave the input alone" cmp -s "$SAMPLES/eventlog.txt" "$T/in.txt"

# a value-taking option swallows the next argument, even an input name
run --format "$T/in.txt"
expect_rc 2 "--format FILE: FILE is taken as the format"
check "--format FILE: names it" grep -q -F "'$T/in.txt'" "$T/err"
finish
