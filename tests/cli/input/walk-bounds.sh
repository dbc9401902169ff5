# Directory walks are bounded (issue 11, item 12): each directory and each
# file is read once, whatever links lead to it; a symbolic link out of the
# tree (to / say) and a mount point are passed over with a warning.
. "$(dirname "$0")/../lib.sh"
need_python

ninputs() { jget "$T/out" 'len(j["inputs"])'; }

# 4 levels of 6 links each to the level below: 6^4 = 1296 paths to one file
mkdir -p "$T/w/l0"
cp "$SAMPLES/eventlog.txt" "$T/w/l0/trace.txt"
for lv in 1 2 3 4; do
	mkdir "$T/w/l$lv"
	for k in 1 2 3 4 5 6; do
		ln -s "../l$((lv - 1))" "$T/w/l$lv/to$k"
	done
done
run -f json "$T/w"
expect_rc 0 "a tree of 24 links to one directory"
expect_eq "the file behind 1296 paths is read once" "$(ninputs)" 1
check "the passed-over names are warnings" grep -q 'already read under another name' "$T/err"

# two names of one file (a hard link, a symbolic link): read once
mkdir "$T/h"
cp "$SAMPLES/eventlog.txt" "$T/h/a.txt"
ln "$T/h/a.txt" "$T/h/b.txt"
ln -s a.txt "$T/h/c.txt"
run -q -f json "$T/h"
expect_rc 0 "a file with three names"
expect_eq "a file with three names is read once" "$(ninputs)" 1
expect_eq "and its events counted once" "$(jget "$T/out" 'j["totals"]["events"]')" 15

# a link to / is not followed: the walk stays in the tree
mkdir "$T/r"
cp "$SAMPLES/eventlog.txt" "$T/r/trace.txt"
ln -s / "$T/r/root"
run -f json "$T/r"
expect_rc 0 "a tree with a link to /"
expect_eq "a link to / is not walked" "$(ninputs)" 1
check "the link is named in a warning" grep -q 'root: skipped: a symbolic link out of' "$T/err"

# a link that stays in the tree is followed (once)
mkdir -p "$T/in/a/deep"
cp "$SAMPLES/eventlog.txt" "$T/in/a/deep/t.txt"
ln -s a/deep "$T/in/0-shortcut"
run -q -f json "$T/in"
expect_eq "a link inside the tree is followed, its target read once" \
	"$(ninputs)" 1
expect_eq "through the first name met" \
	"$(jget "$T/out" 'j["inputs"][0]["path"].endswith("0-shortcut/t.txt")')" true

# a mount point below the tree (only where this test may mount a tmpfs)
mkdir "$T/m" "$T/m/mnt"
cp "$SAMPLES/eventlog.txt" "$T/m/trace.txt"
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs none "$T/m/mnt" 2>/dev/null; then
	cp "$SAMPLES/eventlog.txt" "$T/m/mnt/other.txt"
	run -f json "$T/m"
	umount "$T/m/mnt"
	expect_eq "a mount point inside the tree is not entered" "$(ninputs)" 1
	check "and named in a warning" grep -q 'another file system' "$T/err"
fi
finish
