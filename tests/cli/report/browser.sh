#!/bin/sh
# Browser test: the HTML report of every sample, loaded headless from
# file:// in Chromium, must come out of --dump-dom with its tables filled,
# the SVG timeline drawn and the sort script run (it marks each table
# data-sort-ready and makes each header focusable). Also saves a
# screenshot of one report as a CI artifact: BUILD/report.png.
# Installs nothing: exits 77 (skipped) when chromium is not installed.
#
# usage: browser.sh WDILOG SAMPLES_DIR BUILD_ROOT
. "$(dirname "$0")/../lib.sh"
wdilog=$WDILOG root=$SRCDIR build=$3 work=$T
chromium=${CHROMIUM:-chromium}
if ! command -v "$chromium" >/dev/null 2>&1; then
	skip "browser test: $chromium is not installed"
fi
case $build in /*) ;; *) build=$(pwd)/$build ;; esac

# A fresh profile each run, no network of its own, nothing from outside.
browse() {
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu \
		--disable-quic --no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$work/profile" "$@" 2>>"$work/chromium.log"
}

# count PATTERN FILE: lines of FILE matching the extended regex PATTERN
count() {
	grep -Eo "$1" "$2" | wc -l | tr -d ' '
}

for sample in "$root"/samples/*; do
	[ -f "$sample" ] || continue
	name=$(basename "$sample")
	opts=
	case $name in *dayfirst*) opts=--day-first ;; esac
	html="$work/$name.html"
	# shellcheck disable=SC2086
	if ! "$wdilog" --quiet $opts --format html -o "$html" "$sample"; then
		fail "$name: wdilog could not write the HTML report"
		continue
	fi
	dom="$work/$name.dom"
	if ! browse --dump-dom "file://$html" >"$dom" || [ ! -s "$dom" ]; then
		fail "$name: chromium could not load the report"
		continue
	fi
	for id in verdict timeline bursts codes peers guids inputs; do
		[ "$(count "id=\"$id\"" "$dom")" -eq 1 ] ||
			fail "$name: no section #$id after load"
	done
	tables=$(count '<table class="sortable"' "$dom")
	ready=$(count 'data-sort-ready="1"' "$dom")
	[ "$tables" -ge 2 ] || fail "$name: only $tables tables"
	[ "$ready" -eq "$tables" ] ||
		fail "$name: the sort script ran on $ready of $tables tables"
	[ "$(count '<th[^>]*tabindex="0"' "$dom")" -ge 5 ] ||
		fail "$name: headers were not made sortable"
	statuses=$("$wdilog" --quiet $opts --format json "$sample" |
		sed -n 's/^ *"statuses": \([0-9]*\),*$/\1/p' | head -1)
	rows=$(count '<tr><td' "$dom")
	[ "$rows" -ge 1 ] || fail "$name: no table rows"
	if [ "${statuses:-0}" -gt 0 ]; then
		[ "$(count '<svg id="timeline-chart"' "$dom")" -eq 1 ] ||
			fail "$name: no timeline chart"
		[ "$(count '<g class="bucket"><title>' "$dom")" -ge 1 ] ||
			fail "$name: no bars with hover text"
		[ "$(count '<rect class="ph-[a-z]+"' "$dom")" -ge 1 ] ||
			fail "$name: no stacked bars"
		[ "$(count '<tr class="group">' "$dom")" -ge 1 ] ||
			fail "$name: no phase groups in the code table"
	fi
	echo "checked: $name ($rows rows, $tables tables)"
done

# the screenshot a person looks at: the richest sample
shot="$build/report.png"
rm -f "$shot"
"$wdilog" --quiet --format html -o "$work/shot.html" \
	"$root/samples/tracefmt-default.txt"
browse --screenshot="$shot" --window-size=1280,2000 "file://$work/shot.html" \
	>/dev/null || true
if [ -s "$shot" ]; then
	echo "screenshot: $shot"
else
	fail "no screenshot written"
fi
[ "$nfail" -eq 0 ] || tail -5 "$work/chromium.log" >&2
finish
