#!/bin/sh
# doc/ci.md's GitHub Actions and GitLab CI jobs, run for real: their
# shell steps (extracted by ci_steps.awk) run in a work tree whose logs/
# are the bundled samples, once against a baseline of the same logs (the
# job passes) and once with a regression added (the gate fails, and every
# report is still written and valid).
. "$(dirname "$0")/../lib.sh"
# this case reads the status of the commands it runs itself (not set -e)
set +e
need xmllint
need cmark-gfm

mkdir "$T/steps" "$T/bin"
awk -v dir="$T/steps" -f "$CLI_DIR/gate/ci_steps.awk" "$SRCDIR/doc/ci.md"
# the README shows the same two jobs: they must not drift apart
yaml_blocks() { awk '/^```yaml/ { on = 1; next } /^```/ { on = 0 } on' "$1"; }
if [ "$(yaml_blocks "$SRCDIR/doc/ci.md")" = "$(yaml_blocks "$SRCDIR/README.md")" ]; then
	ok "README's CI jobs are doc/ci.md's"
else
	fail "README's CI jobs differ from doc/ci.md's"
fi
gh=$(ls "$T/steps" | grep -c '^gh\.')
gl=$(ls "$T/steps" | grep -c '^gl\.')
if [ "$gh" -ge 2 ] && [ "$gl" -ge 1 ]; then
	ok "found $gh GitHub and $gl GitLab shell steps"
else
	fail "found $gh GitHub and $gl GitLab shell steps"
fi
ln -s "$WDILOG" "$T/bin/wdilog"
PATH="$T/bin:$PATH"
export PATH

# a checkout: logs from the samples (all but the damaged and the cut one: the jobs
# ask --max-damaged 0) and a committed baseline of the same logs
setup() {
	rm -rf "$T/w"
	mkdir -p "$T/w/logs" "$T/w/ci"
	for f in "$SAMPLES"/*; do
		case $f in
		*/EXPECTED.md | */tracerpt-truncated.xml | */real-wpp-cut.txt.gz) ;;
		*) cp "$f" "$T/w/logs/" ;;
		esac
	done
	(cd "$T/w" && wdilog -q -f json -o ci/wdilog-baseline.json logs/)
}

# steps KIND: run KIND's steps in order as their CI would (each with
# sh -e; later steps run after a failure, as if: always() and
# when: always ask); $T/rc.N holds each status
steps() {
	for s in $(ls "$T/steps" | grep "^$1\."); do
		(cd "$T/w" && sh -e "$T/steps/$s") >"$T/$s.out" 2>"$T/$s.err"
		echo $? >"$T/rc.$s"
	done
}
first() { ls "$T/steps" | grep "^$1\." | head -n 1; }

check_reports() { # WHAT VERDICT
	if xmllint --noout --schema "$CLI_DIR/gate/junit-4.xsd" "$T/w/wdilog.xml" 2>/dev/null
	then ok "$1: JUnit valid"; else fail "$1: JUnit valid"; fi
	has "$1: JSON kept" "$T/w/wdilog.json" "\"passed\": $2,"
	if cmark-gfm -e table "$T/w/wdilog.md" | grep -q '<table>'
	then ok "$1: Markdown renders"; else fail "$1: Markdown renders"; fi
}

export GITHUB_STEP_SUMMARY="$T/summary.md"
setup
: >"$GITHUB_STEP_SUMMARY"
steps gh
for s in $(ls "$T/steps" | grep '^gh\.'); do
	expect_eq "GitHub step $s passes on accepted logs" "$(cat "$T/rc.$s")" 0
done
check_reports "GitHub, accepted logs" true
has "annotations in the step log" "$T/$(first gh).out" "::notice title=wdilog::gate passed"
has "job summary written" "$GITHUB_STEP_SUMMARY" "## wdilog: gate passed"

setup
steps gl
for s in $(ls "$T/steps" | grep '^gl\.'); do
	expect_eq "GitLab step $s passes on accepted logs" "$(cat "$T/rc.$s")" 0
done
check_reports "GitLab, accepted logs" true

# a regression: many more association failures than the baseline has
regress() {
	setup
	i=0
	while [ $i -lt 30 ]; do
		i=$((i + 1))
		printf '[0]0888.0D60::10/23/2003-12:27:%02d.000 [drv]AssocStatus=53\n' $((i % 60))
	done >"$T/w/logs/zz-regression.txt"
}
regress
: >"$GITHUB_STEP_SUMMARY"
steps gh
expect_eq "GitHub gate step fails on a regression" "$(cat "$T/rc.$(first gh)")" 1
for s in $(ls "$T/steps" | grep '^gh\.' | tail -n +2); do
	expect_eq "GitHub step $s still runs and passes" "$(cat "$T/rc.$s")" 0
done
check_reports "GitHub, regression" false
has "error annotation names the code" "$T/$(first gh).out" "WDI_ASSOC_STATUS_BAD_ASSOC_RESPONSE (53)"
has "summary says FAILED" "$GITHUB_STEP_SUMMARY" "## wdilog: gate **FAILED**"
has "JUnit failure for the regression" "$T/w/wdilog.xml" '<testcase name="baseline" classname="wdilog.assoc" file="logs/zz-regression.txt" time="0">'

regress
steps gl
expect_eq "GitLab job fails on a regression" "$(cat "$T/rc.$(first gl)")" 1
check_reports "GitLab, regression" false
finish
