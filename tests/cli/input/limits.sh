# Limits that keep memory bounded: at most 4096 distinct values, the rest
# counted in one overflow entry; an over-long line or a NUL byte makes a
# record damaged, and reading goes on after it.
. "$(dirname "$0")/../lib.sh"
need_python

awk 'BEGIN { for (i = 0; i < 5000; i++) printf "AssocStatus=%d\n", 100 + i }' >"$T/codes.txt"
run -q --format json "$T/codes.txt"
expect_rc 0 "5000 distinct codes"
expect_eq "5000 distinct codes: 4096 kept + 1 overflow entry" \
	"$(jget "$T/out" 'len(j["codes"])')" 4097
expect_eq "the overflow entry counts the rest" \
	"$(jget "$T/out" '[c["count"] for c in j["codes"] if c["code"] is None]')" "[904]"
expect_eq "nothing lost: counts sum to statuses" \
	"$(jget "$T/out" 'sum(c["count"] for c in j["codes"])')" 5000
check "5000 distinct codes: contract" "$PYTHON" "$CLI_DIR/contract.py" "$T/out"

awk 'BEGIN { for (i = 0; i < 5000; i++)
	printf "Unknown( 76): GUID=%08x-ccdb-3c2c-6150-28b4eacacbc4 (No Format Information found).\n", i }' >"$T/guids.txt"
run -q --format json "$T/guids.txt"
expect_eq "5000 distinct GUIDs: 4096 named + 1 null entry" \
	"$(jget "$T/out" 'len(j["undecoded_guids"])')" 4097
expect_eq "nothing lost: GUID counts sum to undecoded" \
	"$(jget "$T/out" 'sum(g["count"] for g in j["undecoded_guids"])')" 5000
cp "$T/out" "$T/guids.json"
run merge -q "$T/guids.json" "$T/guids.json"
expect_eq "the null entry survives a merge" \
	"$(jget "$T/out" '[g["count"] for g in j["undecoded_guids"] if g["guid"] is None]')" "[1808]"

p='[0]0888.0D60::10/23/2003-12:27:40.173 [wdiwifi]'
{
	printf '%sAssocStatus=31\n' "$p"
	printf '%sAssocStatus=41 ' "$p"
	# far over the 1 MiB line limit (and the 4 MiB window)
	head -c 5000000 /dev/zero | tr '\0' x
	printf '\n%sAssocStatus=51\n' "$p"
	printf '%sAssocStatus=52 \000 nul\n' "$p"
	printf '%sAssocStatus=53\n' "$p"
} >"$T/long.txt"
run -q --format json "$T/long.txt"
expect_rc 0 "a 5 MB line and a NUL byte"
expect_eq "over-long and NUL records are damaged" \
	"$(jget "$T/out" 'j["totals"]["damaged"]')" 2
expect_eq "the records around them are read" \
	"$(jget "$T/out" '[c["code"] for c in j["codes"]]')" "[31, 51, 53]"
check "over-long line: contract" "$PYTHON" "$CLI_DIR/contract.py" "$T/out"
finish
