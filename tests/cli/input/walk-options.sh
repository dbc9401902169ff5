# --follow-links: a link out of a DIR is read instead of passed over;
# --cross-file-systems is accepted (another file system cannot be made
# here without privileges).
. "$(dirname "$0")/../lib.sh"
need_python

mkdir -p "$T/d" "$T/e"
printf 'AssocStatus=6\n' >"$T/d/a.txt"
printf 'AssocStatus=5\n' >"$T/e/t.txt"
ln -s ../e "$T/d/link"

run -f json "$T/d"
expect_rc 0 "a DIR with a link out of it"
expect_eq "the link out is passed over" "$(jget "$T/out" 'len(j["inputs"])')" 1
run -f json --follow-links "$T/d"
expect_rc 0 "--follow-links"
expect_eq "--follow-links reads through the link" \
	"$(jget "$T/out" '[i["path"].split("/")[-1] for i in j["inputs"]]')" '["a.txt", "t.txt"]'
run -f json --cross-file-systems "$T/d"
expect_rc 0 "--cross-file-systems"
expect_eq "--cross-file-systems alone: the link is still passed over" \
	"$(jget "$T/out" 'len(j["inputs"])')" 1
finish
