# Directories are read recursively, names in byte order at each level, so
# reports are identical on every machine.
. "$(dirname "$0")/../lib.sh"
need_python

line='[0]0888.0D60::10/23/2003-12:27:40.173 [wdiwifi]Association result: AssocStatus=31'
mkdir -p "$T/d/b-dir/inner" "$T/d/A-dir" "$T/d/empty"
# created out of order on purpose
for f in z.txt b-dir/inner/deep.txt B.txt a.txt A-dir/x.txt b-dir/m.txt 0.txt; do
	printf '%s\n' "$line" >"$T/d/$f"
done
want="0.txt A-dir/x.txt B.txt a.txt b-dir/inner/deep.txt b-dir/m.txt z.txt"

run -q --format json "$T/d"
expect_rc 0 "a directory tree"
got=$(D="$T/d" "$PYTHON" -c '
import json, os, sys
j = json.load(open(sys.argv[1]))
print(" ".join(os.path.relpath(i["path"], os.environ["D"]) for i in j["inputs"]))' "$T/out")
expect_eq "files in byte order, recursively" "$got" "$want"
expect_eq "every file counted" "$(jget "$T/out" 'j["totals"]["statuses"]')" 7
cp "$T/out" "$T/tree.json"

# a trailing slash does not double it
run -q --format json "$T/d/"
expect_eq "trailing slash: no doubled slash" \
	"$(jget "$T/out" 'any("//" in i["path"] for i in j["inputs"])')" false

# samples/: the order of `inputs` is the sorted file list; the golden
# reports in samples/expected/ are wdilog's own output and are skipped
run --format json "$SAMPLES"
want=$(cd "$SAMPLES" && find . -type f ! -path './expected/*' | sed 's|^\./||' |
	LC_ALL=C sort | tr '\n' ' ')
nexp=$(find "$SAMPLES/expected" -type f | wc -l)
expect_eq "samples/: the expected reports skipped, and said so" \
	"$(grep -c "skipped $nexp wdilog reports found in directories" "$T/err")" 1
got=$(S="$SAMPLES" "$PYTHON" -c '
import json, os, sys
j = json.load(open(sys.argv[1]))
print(" ".join(os.path.relpath(i["path"], os.environ["S"]) for i in j["inputs"]), end=" ")' "$T/out")
expect_eq "samples/ in sorted order" "$got" "$want"

# the same files named one by one give the same report
(cd "$T/d" && "$WDILOG" -q --format json 0.txt A-dir/x.txt B.txt a.txt \
	b-dir/inner/deep.txt b-dir/m.txt z.txt) >"$T/each.json"
expect_eq "a directory = its files one by one" "$(jget "$T/tree.json" 'j["totals"]')" \
	"$(jget "$T/each.json" 'j["totals"]')"

# symlink loops and FIFOs inside a walk are passed over with a warning
if ln -s .. "$T/d/b-dir/up" 2>/dev/null; then
	run --format json "$T/d"
	expect_rc 0 "a symlink loop inside a walk"
	check "symlink loop: warned" grep -q 'loop' "$T/err"
	expect_eq "symlink loop: the files read once" \
		"$(jget "$T/out" 'j["totals"]["statuses"]')" 7
	rm "$T/d/b-dir/up"
fi
if mkfifo "$T/d/fifo" 2>/dev/null; then
	run --format json "$T/d"
	expect_rc 0 "a FIFO inside a walk"
	check "FIFO in a walk: warned" grep -q 'not a regular file' "$T/err"
	rm "$T/d/fifo"
	# named on the command line, a FIFO is read
	mkfifo "$T/fifo"
	cat "$SAMPLES/eventlog.txt" >"$T/fifo" &
	writer=$!
	run -q --format json "$T/fifo"
	# if wdilog never opened the FIFO, the writer would wait forever
	kill "$writer" 2>/dev/null || true
	wait "$writer" || true
	expect_rc 0 "a FIFO named as an input"
	expect_eq "FIFO named as an input: read" "$(jget "$T/out" 'j["totals"]["events"]')" 15
fi
finish
