# Bursts found with another window or threshold than the default: merging
# one report gives it back with its own settings (fuzz_report found the
# window reset to 10 s), and merging reports whose settings differ says
# the burst list is not exact.
. "$(dirname "$0")/../lib.sh"
need_python
set +e

"$PYTHON" - > "$T/f.log" <<'PY'
rec = "[0]0888.0D60::10/23/2003-12:%02d:%02d.000 [w]AssocStatus=41\n"
print("".join(rec % (i // 60, i % 60) for i in range(0, 400, 7)), end="")
PY
run -q -f json --burst=4/81 "$T/f.log"
cp "$T/out" "$T/w81.json"
expect_eq "the report says its window" "$(jget "$T/w81.json" 'j["bursts"]["window_seconds"]')" 81
run -q -f json --burst=6/30 "$T/f.log"
cp "$T/out" "$T/w30.json"

run merge -q -f json "$T/w81.json"
expect_rc 0 "merge of one report"
for k in window_seconds min_failures exact list; do
	expect_eq "merge of one report: bursts.$k kept" \
		"$(jget "$T/out" "j['bursts']['$k']")" "$(jget "$T/w81.json" "j['bursts']['$k']")"
done
run merge -q -f json "$T/w81.json" "$T/w30.json"
expect_rc 0 "merge of reports with other burst settings"
expect_eq "other settings: the first report's window" "$(jget "$T/out" 'j["bursts"]["window_seconds"]')" 81
expect_eq "other settings: the list is not exact" "$(jget "$T/out" 'j["bursts"]["exact"]')" false
run merge -q -f json "$T/w81.json" "$T/w81.json"
expect_eq "same settings: the list stays exact" "$(jget "$T/out" 'j["bursts"]["exact"]')" true
finish
