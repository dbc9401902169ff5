# --key adds a status key: counted with it, not without it; keys match in
# any case as whole words. A key that is not a word is a usage error.
. "$(dirname "$0")/../lib.sh"
need_python

p='[0]0888.0D60::10/23/2003-12:27:4'
{
	printf '%s0.173 [wdiwifi]Connect result WdiConnectStatus=31\n' "$p"
	printf '%s1.000 [wdiwifi]Connect result wdiconnectstatus: 0x32\n' "$p"
	printf '%s2.000 [wdiwifi]Not a key: WdiConnectStatusX=40 MyWdiConnectStatus=41\n' "$p"
	printf '%s3.000 [wdiwifi]No separator: WdiConnectStatus 42\n' "$p"
} >"$T/trace.txt"

run -q --format json "$T/trace.txt"
expect_rc 0 "without --key"
expect_eq "without --key: no statuses" "$(jget "$T/out" 'j["totals"]["statuses"]')" 0
expect_eq "without --key: four events" "$(jget "$T/out" 'j["totals"]["events"]')" 4

for opt in "--key WdiConnectStatus" "--key=WdiConnectStatus" "-k WDICONNECTSTATUS" \
	"-kwdiconnectstatus"; do
	# shellcheck disable=SC2086
	run -q --format json $opt "$T/trace.txt"
	expect_rc 0 "$opt"
	expect_eq "$opt: two statuses" "$(jget "$T/out" 'j["totals"]["statuses"]')" 2
	expect_eq "$opt: codes 31 and 50" \
		"$(jget "$T/out" '[c["code"] for c in j["codes"]]')" "[31, 50]"
	expect_eq "$opt: still four events" "$(jget "$T/out" 'j["totals"]["events"]')" 4
done

# repeatable, and the defaults stay
printf '%s4.000 [wdiwifi]Other: LinkStatus=14 AssocStatus=0\n' "$p" >>"$T/trace.txt"
run -q --format json --key WdiConnectStatus --key LinkStatus "$T/trace.txt"
expect_rc 0 "two --key options"
expect_eq "two --key options: all found" \
	"$(jget "$T/out" '[c["code"] for c in j["codes"]]')" "[0, 14, 31, 50]"

# the key is passed through the library to plain text and XML alike
cat >"$T/ev.xml" <<'XML'
<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><TimeCreated SystemTime="2024-01-02T03:04:05.000Z"/></System><EventData><Data Name="WdiConnectStatus">31</Data></EventData></Event>
XML
run -q --format json --key WdiConnectStatus "$T/ev.xml"
expect_rc 0 "--key on XML"
expect_eq "--key on XML: counted" "$(jget "$T/out" 'j["totals"]["statuses"]')" 1

for bad in 'Wdi Connect' '' 'a=b' 'Status:' 'x-y'; do
	run --key "$bad" "$T/trace.txt"
	expect_rc 2 "--key '$bad' rejected"
	check "--key '$bad': stdout empty" is_empty "$T/out"
	check "--key '$bad': says why" grep -q '^wdilog: .*key' "$T/err"
	check "--key '$bad': hint" grep -q "^Try 'wdilog --help'" "$T/err"
done
finish
