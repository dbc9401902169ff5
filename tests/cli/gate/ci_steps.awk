# Pull the shell steps out of the YAML code blocks of a Markdown file:
# GitHub Actions "run:" values (one line, or a "|" block) and GitLab CI
# "script:" list items (one line each). Each step goes to its own file,
# DIR/gh.NN.sh or DIR/gl.NN.sh, numbered in document order.
# Usage: awk -v dir=DIR -f ci_steps.awk FILE.md
function indent(s) { match(s, /^ */); return RLENGTH }
function step(kind) {
	n++
	out = sprintf("%s/%s.%02d.sh", dir, kind, n)
	printf "" > out
}
/^```yaml/ { inyaml = 1; mode = ""; next }
/^```/ { if (inyaml && mode == "block") close(out); inyaml = 0; mode = ""; next }
!inyaml { next }
{
	ind = indent($0)
	if (mode == "block") {
		if ($0 ~ /^ *$/) { print "" > out; next }
		if (ind > key) {
			if (body < 0)
				body = ind
			print substr($0, body + 1) > out
			next
		}
		close(out)
		mode = ""
	}
	if (mode == "list") {
		if (ind > key && $0 ~ /^ *- /) {
			item = $0
			sub(/^ *- /, "", item)
			step("gl")
			print item > out
			close(out)
			next
		}
		if (ind > key)
			next
		mode = ""
	}
	if ($0 ~ /^ *(- )?run: *\| *$/) {
		# the key's own column: after a "- " when the step starts here
		key = ind + ($0 ~ /^ *- / ? 2 : 0)
		body = -1
		step("gh")
		mode = "block"
		next
	}
	if ($0 ~ /^ *(- )?run: /) {
		item = $0
		sub(/^ *(- )?run: */, "", item)
		step("gh")
		print item > out
		close(out)
		next
	}
	if ($0 ~ /^ *script: *$/) {
		key = ind
		mode = "list"
	}
}
