# Names of a directory are read in byte order (strcmp's) however they
# share a prefix: the walk passes over the prefix all names share and
# compares the next 8 bytes as one number before strcmp (walk.c,
# sort_names). Names that are prefixes of others, differ only past 8
# more bytes, or hold bytes above 0x7F (é, ÿ) check each case; two groups
# of names with one key each are ordered past their keys (sort_entries).
. "$(dirname "$0")/../lib.sh"
need_python
set +e

mkdir "$T/d" "$T/e" "$T/f"
"$PYTHON" - "$T/d" "$T/e" "$T/f" <<'PY'
import random, sys
rec = "[0]0888.0D60::10/23/2003-12:00:00.000 [w]AssocStatus=31\n"
random.seed(7)
names = ["part-a", "part-aa", "part-ab", "part-a\u00e9", "part-a\u00ff",
         "part-abcdefgh1", "part-abcdefgh2", "part-abcdefgh", "part-abcdefgh10",
         "part-B", "part-b", "part-", "part-0", "part-\u00e9t\u00e9"]
names += ["part-%s" % "".join(random.choice("ab\u00e9") for _ in range(random.randint(1, 12)))
          for _ in range(300)]
for n in set(names):
    open(sys.argv[1] + "/" + n, "w").write(rec)
# no shared prefix at all
for n in ["zz", "a", "\u00e9", "Z", "aa", "a0"]:
    open(sys.argv[2] + "/" + n, "w").write(rec)
# two groups, each with one 8-byte key past the (empty) shared prefix:
# every comparison inside a group goes on past the keys
for g in "xy":
    for i in range(400):
        open(sys.argv[3] + "/" + g * 20 + str(i * 7919 % 1000), "w").write(rec)
PY
for dir in d e f; do
	run -j 1 -q -f json "$T/$dir"
	ok=$(D="$T/$dir" "$PYTHON" -c '
import json, os, sys
j = json.load(open(sys.argv[1]))
got = [os.path.basename(i["path"]).encode() for i in j["inputs"]]
want = sorted(os.fsencode(n) for n in os.listdir(os.environ["D"]))
print("yes" if got == want else "no: %r" % got[:8])' "$T/out")
	expect_eq "$dir: names in byte order" "$ok" yes
done
finish
