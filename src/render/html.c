/* Render stage, HTML: the post-mortem page. One self-contained file:
 * inline style, an inline SVG timeline and a small inline script that
 * only adds sorting, so every section reads the same with scripts off
 * and nothing is ever fetched (no external script, style, font or image;
 * it works from file:// offline). The verdict and totals come first,
 * then the timeline, bursts, codes by phase, peers, undecoded GUIDs and
 * inputs, each a <section> with a fixed id that tests look for.
 *
 * Every string that came from the input (paths, names, messages) goes
 * through util/escape.h (WDL_ESC_HTML), which escapes markup and replaces
 * controls and bytes that are not UTF-8. Tables are capped at HTML_ROWS rows so the page stays small
 * (well under 2 MB) whatever the input; the JSON report lists all. */
#include <wdilog/report.h>
#include <wdilog/wdilog.h>

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report/counters.h"
#include "report/report.h"
#include "report/view.h"
#include "render/attempts_render.h"
#include "util/alloc.h"
#include "parse/context.h"
#include "util/error.h"
#include "parse/timestamp.h"
#include "util/escape.h"

/* Rows per table: a page a person reads, not a dump. 1000 rows of the
 * widest table are about 500 KB. */
#define HTML_ROWS 1000

/* The timeline's drawing area, in SVG user units. */
#define SVG_W 1000
#define SVG_H 240
#define PLOT_L 56
#define PLOT_R 12
#define PLOT_T 12
#define PLOT_B 36

/* Phases bottom to top in the stacked bars, failures nearest the axis. */
static const wdilog_phase stack_order[] = {
	WDILOG_PHASE_GENERAL, WDILOG_PHASE_PROBE, WDILOG_PHASE_AUTH,
	WDILOG_PHASE_ASSOC, WDILOG_PHASE_DISASSOCIATE, WDILOG_PHASE_UNKNOWN,
	WDILOG_PHASE_SUCCESS,
};

static const char style_sheet[] =
":root{--fg:#1d2330;--muted:#5b6475;--line:#d9dde5;--bg:#fff;--alt:#f5f7fa;"
"--bad:#b3261e;--good:#1b7a3a;--warn:#a15c00;"
"--success:#2e9d57;--general:#8d6e63;--probe:#f2b705;--auth:#f07f13;"
"--assoc:#d93a2b;--disassociate:#8e3ab8;--unknown:#5c7080}\n"
"*{box-sizing:border-box}\n"
"body{margin:0;padding:0 24px 48px;font:14px/1.45 system-ui,-apple-system,"
"'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif;color:var(--fg);"
"background:var(--bg)}\n"
"header{padding:20px 0 8px;border-bottom:1px solid var(--line)}\n"
"h1{font-size:22px;margin:0 0 6px}h2{font-size:18px;margin:28px 0 8px}\n"
".verdict{font-size:18px;font-weight:600;margin:4px 0 12px;padding:8px 12px;"
"border-left:6px solid var(--good);background:var(--alt)}\n"
".verdict.bad{border-color:var(--bad)}.verdict.warn{border-color:var(--warn)}\n"
"dl.totals{display:flex;flex-wrap:wrap;gap:8px 24px;margin:8px 0}\n"
"dl.totals div{min-width:110px}dl.totals dt{color:var(--muted);font-size:12px}"
"dl.totals dd{margin:0;font-size:20px;font-variant-numeric:tabular-nums}\n"
"nav{margin:10px 0;font-size:13px}nav a{margin-right:14px;color:var(--fg)}\n"
"p.note{color:var(--muted);margin:4px 0}\n"
"table{border-collapse:collapse;margin:6px 0 4px;font-variant-numeric:tabular-nums}\n"
"th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;"
"vertical-align:top}\n"
"td.n,th.n{text-align:right}\n"
"thead th{background:var(--alt);position:sticky;top:0;white-space:nowrap}\n"
"table.sortable thead th{cursor:pointer}\n"
"thead th[aria-sort=ascending]::after{content:' \\25B2'}"
"thead th[aria-sort=descending]::after{content:' \\25BC'}\n"
"tr.group th{background:#eef1f6;font-size:13px}\n"
"tbody tr:hover td{background:#fafbfd}\n"
"td.mono,span.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"
"monospace;font-size:13px}\n"
"span.nw{white-space:nowrap}td.text{min-width:14em;max-width:30em}\n"
".wide{overflow-x:auto}\n"
".failure{color:var(--bad)}.benign{color:var(--warn)}"
".success{color:var(--good)}.unknown{color:var(--unknown)}\n"
"svg{max-width:100%;height:auto;background:var(--bg)}\n"
"svg text{font:11px system-ui,sans-serif;fill:var(--muted)}\n"
"svg .axis{stroke:#98a1b3;stroke-width:1}\n"
"svg .burst{fill:#d93a2b;fill-opacity:.08;stroke:#d93a2b;stroke-opacity:.35}\n"
"svg g.bucket:hover rect{stroke:#1d2330;stroke-width:.5}\n"
"svg .gap path{stroke:#98a1b3;stroke-width:1.5;fill:none}\n"
"#tl-failures:checked~svg .ph-success{display:none}\n"
".ph-success{fill:var(--success)}.ph-general{fill:var(--general)}"
".ph-probe{fill:var(--probe)}.ph-auth{fill:var(--auth)}"
".ph-assoc{fill:var(--assoc)}.ph-disassociate{fill:var(--disassociate)}"
".ph-unknown{fill:var(--unknown)}\n"
"ul.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 16px;"
"padding:0;margin:4px 0}\n"
"ul.legend svg{vertical-align:-1px;margin-right:4px}\n"
"footer{margin-top:32px;color:var(--muted);font-size:12px}\n";

/* Sorting only: click (or Enter on) a header to sort its table's body
 * rows; rows of a group (tbody) stay in their group, under its heading
 * row. Cells sort by data-v when they have one, else by their text. */
static const char sort_script[] =
"(function(){\n"
"function key(c){var v=c.getAttribute('data-v');if(v===null)v=c.textContent;"
"return /^-?[0-9]+(\\.[0-9]+)?$/.test(v)?parseFloat(v):v.toLowerCase();}\n"
"document.querySelectorAll('table.sortable').forEach(function(t){\n"
"var hs=t.querySelectorAll('thead th');\n"
"hs.forEach(function(th,i){\n"
"th.tabIndex=0;th.title='Sort by '+th.textContent;\n"
"function go(){var up=th.getAttribute('aria-sort')!=='ascending';\n"
"hs.forEach(function(h){h.removeAttribute('aria-sort');});\n"
"th.setAttribute('aria-sort',up?'ascending':'descending');\n"
"t.querySelectorAll('tbody').forEach(function(b){\n"
"var rows=Array.prototype.filter.call(b.rows,function(r){"
"return !r.classList.contains('group');});\n"
"rows.sort(function(x,y){var p=key(x.cells[i]),q=key(y.cells[i]);\n"
"if(typeof p!==typeof q){p=String(p);q=String(q);}\n"
"return (p<q?-1:p>q?1:0)*(up?1:-1);});\n"
"rows.forEach(function(r){b.appendChild(r);});});}\n"
"th.addEventListener('click',go);\n"
"th.addEventListener('keydown',function(e){if(e.key==='Enter')go();});});\n"
"t.setAttribute('data-sort-ready','1');});\n"
"})();\n";

static void put_time(FILE *out, const wdilog_time *t)
{
	char buf[48];
	if (t->valid && wdl_time_format(t, buf, sizeof(buf)))
		fputs(buf, out);
	else
		fputs("-", out);
}

/* A table cell holding a time, sortable by it; it may wrap between the
 * date and the time of day, nowhere else. */
static void time_cell(FILE *out, const wdilog_time *t)
{
	char buf[48];
	if (t->valid && wdl_time_format(t, buf, sizeof(buf)) > 10)
		fprintf(out, "<td class=\"mono\" data-v=\"t%020" PRId64 "%09" PRIu32
			"\"><span class=\"nw\">%.10s</span><wbr><span class=\"nw\">"
			"%s</span></td>", wdl_time_key(t) + ((int64_t)1 << 40),
			t->nanos, buf, buf + 10);
	else
		fputs("<td class=\"mono\" data-v=\"\">-</td>", out);
}

static void num_cell(FILE *out, uint64_t v)
{
	fprintf(out, "<td class=\"n\">%" PRIu64 "</td>", v);
}

static const char *kind_class(wdilog_kind k)
{
	switch (k) {
	case WDILOG_KIND_FAILURE: return "failure";
	case WDILOG_KIND_BENIGN: return "benign";
	case WDILOG_KIND_SUCCESS: return "success";
	default: return "unknown";
	}
}

/* A status name without its WDI_ASSOC_STATUS_ prefix, the full name in
 * its title. */
static void put_name(FILE *out, const char *name)
{
	if (!name) {
		fputs(WDL_NOT_IN_ENUM, out);
		return;
	}
	fputs("<span title=\"", out);
	wdl_escape_str(out, WDL_ESC_HTML, name);
	fputs("\">", out);
	wdl_escape_str(out, WDL_ESC_HTML, wdl_status_short_name(name));
	fputs("</span>", out);
}

/* "31 NO_BEACON_PROBE_RESPONSE" for code entry @p c. */
static void put_code(FILE *out, const struct wdl_code_stat *c)
{
	if (c->has_code)
		fprintf(out, "%" PRIu32 " ", c->code);
	put_name(out, wdl_code_name(c));
}

/* The top of a code list as a cell: code, name and its record count. */
static void top_cell(FILE *out, const wdilog_report *rep,
		     const struct wdl_code_count *codes, uint32_t n)
{
	struct wdl_code_count top;
	if (!wdl_code_count_top(codes, n, &top)) {
		fputs("<td data-v=\"\">-</td>", out);
		return;
	}
	const struct wdl_code_stat *c = wdl_view_code(rep, top.index);
	fputs("<td class=\"mono\"><span class=\"nw\">", out);
	put_code(out, c);
	fprintf(out, "</span> &times;%" PRIu64 "</td>", top.count);
}

/* ---- verdict and totals ---- */

static void verdict(FILE *out, const wdilog_report *rep)
{
	const wdilog_totals *t = &rep->totals;
	const char *cls = t->failures || t->unknown ? "bad"
			  : t->damaged || t->unreadable_inputs || wdl_view_lossy(t)
				  ? "warn" : "good";
	fprintf(out, "<header id=\"verdict\">\n<h1>wdilog report</h1>\n"
		"<p class=\"verdict %s\">", cls);
	if (!t->statuses)
		fputs("No WDI association status found", out);
	else if (t->failures)
		fprintf(out, "%" PRIu64 " failure%s in %" PRIu64 " status records",
			t->failures, t->failures == 1 ? "" : "s", t->statuses);
	else
		fprintf(out, "No failures in %" PRIu64 " status records",
			t->statuses);
	if (t->unknown)
		fprintf(out, ", %" PRIu64 " unknown", t->unknown);
	size_t nb = 0;
	uint64_t dropped = 0;
	const struct wdl_bursts *bs = wdl_view_bursts(rep);
	if (bs)
		wdl_free(wdl_bursts_list(bs, &nb, &dropped));
	if (nb)
		fprintf(out, ", %zu burst%s", nb + (size_t)dropped,
			nb + dropped == 1 ? "" : "s");
	if (t->damaged)
		fprintf(out, "; %" PRIu64 " damaged event%s", t->damaged,
			t->damaged == 1 ? "" : "s");
	if (t->unreadable_inputs)
		fprintf(out, "; %" PRIu64 " input%s could not be read whole",
			t->unreadable_inputs, t->unreadable_inputs == 1 ? "" : "s");
	/* no input text in it: nothing to escape */
	char loss[512];
	if (wdl_view_totals_loss(t, loss, sizeof(loss)))
		fprintf(out, "; %s", loss);
	fputs("</p>\n<dl class=\"totals\">\n", out);
	/* records first, then events, then values; unreadable inputs are
	 * in the verdict line above */
	static const enum wdl_counter_group shown[] = {
		WDL_COUNTS_RECORDS, WDL_COUNTS_EVENTS, WDL_COUNTS_VALUES,
	};
	for (size_t g = 0; g < sizeof(shown) / sizeof(shown[0]); g++)
		for (size_t i = 0; i < wdl_ncounters; i++)
			if (wdl_counters[i].group == shown[g])
				fprintf(out, "<div><dt>%s</dt><dd>%" PRIu64
					"</dd></div>\n", wdl_counters[i].label,
					wdl_counter_get(t, wdl_counters[i].total));
	fputs("</dl>\n", out);
	/* the span of the status records, from the phases' first and last */
	wdilog_time first = { 0 }, last = { 0 };
	for (int i = 0; i < WDILOG_PHASE_COUNT; i++) {
		const struct wdl_phase_stat *ph = &rep->phases[i];
		if (ph->first.valid &&
		    (!first.valid || wdl_time_cmp(&ph->first, &first) < 0))
			first = ph->first;
		if (ph->last.valid &&
		    (!last.valid || wdl_time_cmp(&ph->last, &last) > 0))
			last = ph->last;
	}
	if (first.valid) {
		fputs("<p class=\"note\">Status records from <span class=\"mono\">",
		      out);
		put_time(out, &first);
		fputs("</span> to <span class=\"mono\">", out);
		put_time(out, &last);
		fputs("</span>.</p>\n", out);
	}
	const struct wdl_window *w = &rep->window;
	if (w->active) {
		fputs("<p class=\"note\" id=\"window\">Time window: ", out);
		for (int i = 0; i < 2; i++) {
			const struct wdl_bound *bd = i ? &w->until : &w->since;
			fputs(i ? " until " : "since ", out);
			if (!bd->set)
				fputs("&ndash;", out);
			else if (bd->time_of_day && !w->resolved)
				fprintf(out, "%02d:%02d:%02d",
					(int)(bd->tod_seconds / 3600),
					(int)(bd->tod_seconds / 60 % 60),
					(int)(bd->tod_seconds % 60));
			else
				put_time(out, &bd->at);
		}
		fprintf(out, "; %" PRIu64 " events with status left out (%" PRIu64
			" without a time).</p>\n", w->excluded_events,
			w->untimed_events);
	}
	fputs("</header>\n", out);
}

/* ---- timeline ---- */

static void legend(FILE *out, const wdilog_report *rep)
{
	fputs("<ul class=\"legend\">\n", out);
	for (size_t k = 0; k < sizeof(stack_order) / sizeof(stack_order[0]); k++) {
		wdilog_phase ph = stack_order[k];
		const char *name = wdilog_phase_name(ph);
		fprintf(out, "<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\">"
			"<rect class=\"ph-%s\" width=\"12\" height=\"12\"/></svg>%s "
			"(%" PRIu64 ")</li>\n", name, name, rep->phases[ph].statuses);
	}
	fputs("</ul>\n", out);
}

static void bucket_label(char *buf, size_t cap, const struct wdl_timeline *t,
			 int64_t index)
{
	wdilog_time at = {
		.seconds = wdl_timeline_bucket_start(t, (uint32_t)(index - t->first)),
		.valid = true, .zoned = t->zoned };
	if (!wdl_time_format(&at, buf, cap))
		snprintf(buf, cap, "?");
}

static double slot_width(const struct wdl_timeline_layout *l)
{
	return (double)(SVG_W - PLOT_L - PLOT_R) / (l->nslots ? l->nslots : 1);
}

/* The x of time key @p key: within its bucket's slot, or the middle of
 * the break a collapsed gap is drawn as. */
static double x_of_key(const struct wdl_timeline *t,
		       const struct wdl_timeline_layout *l, double key)
{
	double b = key / t->width - (double)t->first;
	if (!(b >= 0))
		b = 0;
	/* Compared as a double first: a burst of a loaded report may end
	 * far past the timeline, beyond what a bucket index can hold. */
	if (b >= (double)t->n)
		return PLOT_L + l->nslots * slot_width(l);
	uint32_t i = (uint32_t)b;
	double frac = b - i;
	if (l->slot[i] >= 0)
		return PLOT_L + (l->slot[i] + frac) * slot_width(l);
	for (uint32_t k = 0; k < l->nbreaks; k++)
		if (i >= l->breaks[k].from && i < l->breaks[k].to)
			return PLOT_L + (l->breaks[k].slot + .5) * slot_width(l);
	return PLOT_L;
}

static void burst_bands(FILE *out, const wdilog_report *rep,
			const struct wdl_timeline *t,
			const struct wdl_timeline_layout *l)
{
	const struct wdl_bursts *bs = wdl_view_bursts(rep);
	size_t n = 0;
	struct wdl_burst *v = bs ? wdl_bursts_list(bs, &n, NULL) : NULL;
	for (size_t i = 0; v && i < n; i++) {
		double a = x_of_key(t, l, (double)wdl_time_key(&v[i].start));
		double b = x_of_key(t, l, (double)wdl_time_key(&v[i].end) + 1);
		if (b - a < 2)
			b = a + 2;
		fprintf(out, "<rect class=\"burst\" x=\"%.1f\" y=\"%d\" width=\"%.1f\""
			" height=\"%d\"><title>burst: %" PRIu64 " failures, ",
			a, PLOT_T, b - a, SVG_H - PLOT_T - PLOT_B, v[i].failures);
		put_time(out, &v[i].start);
		fputs(" to ", out);
		put_time(out, &v[i].end);
		fputs("</title></rect>\n", out);
	}
	wdl_free(v);
}

/* Records the chart could not place, so none goes missing unsaid. */
static void untimed_note(FILE *out, const struct wdl_timeline *t)
{
	if (t->untimed)
		fprintf(out, "<p class=\"note\">%" PRIu64 " status record%s"
			" without a readable time, not in the chart.</p>\n",
			t->untimed, t->untimed == 1 ? "" : "s");
}

/* A collapsed gap: a broken axis and how long nothing was recorded. */
static void gap_marks(FILE *out, const struct wdl_timeline *t,
		      const struct wdl_timeline_layout *l, int base)
{
	for (uint32_t k = 0; k < l->nbreaks; k++) {
		const struct wdl_timeline_break *b = &l->breaks[k];
		double x = PLOT_L + (b->slot + .5) * slot_width(l);
		char len[32];
		wdl_duration_text((uint64_t)(b->to - b->from) * t->width, len,
				  sizeof(len));
		fprintf(out, "<g class=\"gap\"><title>no status records for %s"
			"</title><path d=\"M%.1f %d l-4 8 M%.1f %d l-4 8\"/>"
			"<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s gap"
			"</text></g>\n", len, x - 2, base - 4, x + 4, base - 4,
			x, PLOT_T + 10, len);
	}
}

/* Time labels: the span's ends and quarters, or with gaps the start of
 * each stretch of activity, leaving out a label that would overlap. */
static void time_ticks(FILE *out, const struct wdl_timeline *t,
		       const struct wdl_timeline_layout *l, int base)
{
	int64_t idx[WDL_TIMELINE_MAX / 2 + 6];
	size_t n = 0;
	if (!l->nbreaks) {
		for (int q = 0; q <= 4; q++)
			idx[n++] = t->first + (int64_t)t->n * q / 4;
	} else {
		idx[n++] = t->first;
		for (uint32_t k = 0; k < l->nbreaks; k++)
			idx[n++] = t->first + l->breaks[k].to;
		idx[n++] = t->first + t->n;
	}
	double last = -1e9;
	for (size_t q = 0; q < n; q++) {
		char lab[48];
		bucket_label(lab, sizeof(lab), t, idx[q]);
		double x = x_of_key(t, l, (double)idx[q] * t->width);
		if (q == n - 1)
			x = PLOT_L + l->nslots * slot_width(l);
		bool end = q == n - 1, start = q == 0;
		if (!start && x - last < 150)
			continue;
		last = x;
		fprintf(out, "<line class=\"axis\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\""
			" y2=\"%d\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s"
			"</text>\n", x, base, x, base + 4, x, base + 18,
			start ? "start" : end ? "end" : "middle", lab);
	}
}

/* The one clock of the chart, said where its times are. */
static void zone_note(FILE *out, const struct wdl_timeline *t)
{
	fputs(t->zoned ? "<p class=\"note\">Times in UTC: times written with a "
			 "zone are converted; times written without one are "
			 "taken as they are.</p>\n"
		       : "<p class=\"note\">Times as the inputs wrote them (no "
			 "zone was written: the capturing machine's local "
			 "time).</p>\n", out);
}

static void timeline(FILE *out, const wdilog_report *rep)
{
	const struct wdl_timeline *t = &rep->timeline;
	fputs("<section id=\"timeline\">\n<h2>Timeline</h2>\n", out);
	untimed_note(out, t);
	if (!t->n) {
		fputs("<p class=\"note\">No status record had a time.</p>\n"
		      "</section>\n", out);
		return;
	}
	uint64_t max = 0;
	for (uint32_t i = 0; i < t->n; i++) {
		uint64_t sum = 0;
		for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++)
			sum += t->counts[i][ph];
		if (sum > max)
			max = sum;
	}
	struct wdl_timeline_layout *l = wdl_malloc(sizeof(*l));
	if (!l) {
		fputs("<p class=\"note\">Out of memory for the chart.</p>\n"
		      "</section>\n", out);
		return;
	}
	wdl_timeline_layout(t, l);
	char width[32];
	wdl_duration_text(t->width, width, sizeof(width));
	fprintf(out, "<p class=\"note\">Status records per %s, stacked by "
		"phase; hover a bar for its counts. Shaded: bursts.%s</p>\n",
		width, l->nbreaks ? " Long stretches without records are "
		"collapsed into a break that says how long they lasted." : "");
	zone_note(out, t);
	fputs("<input type=\"checkbox\" id=\"tl-failures\"><label "
	      "for=\"tl-failures\"> failures only (hide successes)</label>\n",
	      out);
	fprintf(out, "<svg id=\"timeline-chart\" viewBox=\"0 0 %d %d\" width=\"%d\""
		" height=\"%d\" role=\"img\" aria-label=\"status records over time\">\n",
		SVG_W, SVG_H, SVG_W, SVG_H);
	int plot_h = SVG_H - PLOT_T - PLOT_B, base = SVG_H - PLOT_B;
	burst_bands(out, rep, t, l);
	double slot = slot_width(l);
	double bar = slot > 3 ? slot - 1 : slot;
	for (uint32_t i = 0; i < t->n; i++) {
		uint64_t sum = 0;
		for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++)
			sum += t->counts[i][ph];
		if (!sum)
			continue;
		char s[48];
		bucket_label(s, sizeof(s), t, t->first + i);
		fprintf(out, "<g class=\"bucket\"><title>%s, %s: %" PRIu64
			" status record%s", s, width, sum, sum == 1 ? "" : "s");
		for (size_t k = 0; k < sizeof(stack_order) / sizeof(stack_order[0]); k++)
			if (t->counts[i][stack_order[k]])
				fprintf(out, "; %s %" PRIu64,
					wdilog_phase_name(stack_order[k]),
					t->counts[i][stack_order[k]]);
		fputs("</title>", out);
		double y = base;
		for (size_t k = 0; k < sizeof(stack_order) / sizeof(stack_order[0]); k++) {
			uint64_t c = t->counts[i][stack_order[k]];
			if (!c)
				continue;
			double h = (double)c / (double)max * plot_h;
			if (h < 1)
				h = 1;
			y -= h;
			fprintf(out, "<rect class=\"ph-%s\" x=\"%.1f\" y=\"%.1f\""
				" width=\"%.1f\" height=\"%.1f\"/>",
				wdilog_phase_name(stack_order[k]),
				PLOT_L + l->slot[i] * slot, y, bar, h);
		}
		fputs("</g>\n", out);
	}
	fprintf(out, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n"
		"<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
		PLOT_L, base, SVG_W - PLOT_R, base, PLOT_L, PLOT_T, PLOT_L, base);
	fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%" PRIu64 "</text>\n"
		"<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n",
		PLOT_L - 6, PLOT_T + 10, max, PLOT_L - 6, base);
	gap_marks(out, t, l, base);
	time_ticks(out, t, l, base);
	wdl_free(l);
	fputs("</svg>\n", out);
	legend(out, rep);
	fputs("</section>\n", out);
}

/* ---- tables ---- */

/* ---- drill-down: input:line of the records behind a row ---- */

/* "path:line", linked to the input's row in the per-input table. */
static void put_pos(FILE *out, const wdilog_report *rep, const struct wdl_pos *p)
{
	fprintf(out, "<a class=\"mono nw\" href=\"#input-%zu\">", p->input);
	wdl_escape_str(out, WDL_ESC_HTML, wdl_view_input(rep, p->input)->path);
	fprintf(out, ":%" PRIu64 "</a>", p->line);
}

/* A cell with where a row's records are: first and last, then the other
 * earliest kept; "not known" when some records had no line. */
static void lines_cell(FILE *out, const wdilog_report *rep,
		       const struct wdl_lines *l)
{
	struct wdl_pos f, z;
	bool ends = wdl_lines_ends(l, &f, &z);
	fputs("<td class=\"lines\">", out);
	if (ends) {
		put_pos(out, rep, &f);
		if (wdl_pos_cmp(&f, &z) != 0) {
			fputs(" &ndash; ", out);
			put_pos(out, rep, &z);
		}
	} else {
		fputs("first and last not known", out);
	}
	/* the earliest after the first (all of them when the first is not
	 * known), without the last when it is among them */
	uint32_t from = ends ? 1 : 0, to = l->n;
	if (ends && to > from && wdl_pos_cmp(&l->earliest[to - 1], &z) == 0)
		to--;
	if (to > from) {
		fprintf(out, "<details><summary>%s %" PRIu32 "</summary>",
			ends ? "earliest after the first:" : "lines known:", to - from);
		for (uint32_t i = from; i < to; i++) {
			if (i > from)
				fputs(", ", out);
			put_pos(out, rep, &l->earliest[i]);
		}
		fputs("</details>", out);
	}
	fputs("</td>", out);
}

static void more_rows(FILE *out, size_t more, const char *what)
{
	if (more)
		fprintf(out, "<p class=\"note\">%zu more %s not shown here; the JSON "
			"report lists them all.</p>\n", more, what);
}

static void inexact_note(FILE *out, bool inexact)
{
	if (inexact)
		fprintf(out, "<p class=\"note\">%s.</p>\n", WDL_INEXACT_NOTE);
}

/* A section a merged report cannot fill: where the JSON report says null. */
static void not_known(FILE *out, const char *id, const char *title)
{
	fprintf(out, "<section id=\"%s\">\n<h2>%s</h2>\n<p class=\"note\">%s: "
		"%s.</p>\n</section>\n", id, title, title, WDL_NOT_KNOWN_NOTE);
}

static int bursts(FILE *out, const wdilog_report *rep, wdilog_error *err)
{
	const struct wdl_bursts *bs = wdl_view_bursts(rep);
	if (!bs) {
		not_known(out, "bursts", "Bursts");
		return WDILOG_OK;
	}
	size_t n;
	uint64_t dropped;
	struct wdl_burst *v = wdl_bursts_list(bs, &n, &dropped);
	if (!v && n)
		return wdl_fail_oom(err);
	fprintf(out, "<section id=\"bursts\">\n<h2>Bursts</h2>\n<p class=\"note\">"
		"Stretches where at least %" PRIu32 " failures fell within %" PRIu32
		" s.</p>\n", bs->min_failures, bs->window);
	if (!n) {
		fputs("<p class=\"note\">None.</p>\n</section>\n", out);
		return WDILOG_OK;
	}
	fputs("<div class=\"wide\"><table class=\"sortable\">\n"
	      "<thead><tr><th>Start</th><th>End</th><th class=\"n\">Seconds</th>"
	      "<th class=\"n\">Failures</th><th>Dominant code</th><th>Input</th>"
	      "<th>Lines</th></tr></thead>\n<tbody>\n", out);
	for (size_t i = 0; i < n; i++) {
		fputs("<tr>", out);
		time_cell(out, &v[i].start);
		time_cell(out, &v[i].end);
		num_cell(out, (uint64_t)(wdl_time_key(&v[i].end) -
					 wdl_time_key(&v[i].start)));
		num_cell(out, v[i].failures);
		top_cell(out, rep, v[i].codes, v[i].ncodes);
		fputs("<td>", out);
		wdl_escape_str(out, WDL_ESC_HTML, wdl_view_input(rep, v[i].input)->path);
		fputs("</td>", out);
		lines_cell(out, rep, &v[i].lines);
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table></div>\n", out);
	more_rows(out, (size_t)dropped, "smaller bursts");
	inexact_note(out, rep->bursts_inexact);
	fputs("</section>\n", out);
	wdl_free(v);
	return WDILOG_OK;
}

static int codes(FILE *out, const wdilog_report *rep, wdilog_error *err)
{
	const struct wdl_code_stat **v = wdl_report_sorted_codes(rep);
	if (!v)
		return wdl_fail_oom(err);
	fputs("<section id=\"codes\">\n<h2>Status codes by phase</h2>\n", out);
	if (!rep->ncodes) {
		fputs("<p class=\"note\">None.</p>\n</section>\n", out);
		wdl_free(v);
		return WDILOG_OK;
	}
	fputs("<div class=\"wide\"><table class=\"sortable\">\n"
	      "<thead><tr><th class=\"n\">Code</th><th>Name</th><th>Kind</th>"
	      "<th class=\"n\">Count</th><th>First</th><th>Last</th>"
	      "<th>Lines</th><th>Meaning</th></tr></thead>\n", out);
	size_t shown = 0;
	for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++) {
		const struct wdl_phase_stat *ps = &rep->phases[ph];
		if (!ps->statuses)
			continue;
		const char *pn = wdilog_phase_name((wdilog_phase)ph);
		fprintf(out, "<tbody class=\"phase-%s\">\n<tr class=\"group\"><th "
			"colspan=\"8\">%s: %" PRIu64 " status record%s, %" PRIu64
			" failure%s</th></tr>\n", pn, pn, ps->statuses,
			ps->statuses == 1 ? "" : "s", ps->failures,
			ps->failures == 1 ? "" : "s");
		for (size_t i = 0; i < rep->ncodes; i++) {
			const struct wdl_code_stat *c = v[i];
			if ((int)c->phase != ph || shown >= HTML_ROWS)
				continue;
			shown++;
			const char *name = wdl_code_name(c);
			const char *desc = c->has_code
				? wdilog_status_code_description(c->code) : NULL;
			if (c->has_code)
				fprintf(out, "<tr><td class=\"n\">%" PRIu32 "</td>",
					c->code);
			else
				fputs("<tr><td class=\"n\" data-v=\"\">-</td>", out);
			fputs("<td class=\"mono\">", out);
			put_name(out, name);
			fprintf(out, "</td><td class=\"%s\">%s</td>",
				kind_class(c->kind), wdilog_kind_name(c->kind));
			num_cell(out, c->count);
			time_cell(out, &c->first);
			time_cell(out, &c->last);
			lines_cell(out, rep, &c->lines);
			fputs("<td class=\"text\">", out);
			if (desc)
				wdl_escape_str(out, WDL_ESC_HTML, desc);
			else if (c->overflow)
				fputs("Values past the limit of distinct values.", out);
			else if (c->has_code)
				fputs("A number outside the WDI_ASSOC_STATUS enum "
				      "(an IHV or newer status?).", out);
			else
				fputs("A WDI_ASSOC_STATUS_ name the enum does not have.",
				      out);
			fputs("</td></tr>\n", out);
		}
		fputs("</tbody>\n", out);
	}
	fputs("</table></div>\n", out);
	more_rows(out, rep->ncodes - shown, "codes");
	fputs("</section>\n", out);
	wdl_free(v);
	return WDILOG_OK;
}

static void peer_row(FILE *out, const wdilog_report *rep, const char *label,
		     const struct wdl_peer_stat *p)
{
	fputs("<tr><td class=\"mono\">", out);
	wdl_escape_str(out, WDL_ESC_HTML, label);
	fputs("</td>", out);
	num_cell(out, p->statuses);
	fprintf(out, "<td class=\"n%s\">%" PRIu64 "</td>",
		p->failures ? " failure" : "", p->failures);
	for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++)
		num_cell(out, p->phases[ph]);
	time_cell(out, &p->first);
	time_cell(out, &p->last);
	top_cell(out, rep, p->codes, p->ncodes);
	fputs("</tr>\n", out);
}

static int peers(FILE *out, const wdilog_report *rep, wdilog_error *err)
{
	const struct wdl_peers *ps = wdl_view_peers(rep);
	if (!ps) {
		not_known(out, "peers", "Peers");
		return WDILOG_OK;
	}
	const struct wdl_peer_stat **v = wdl_peers_sorted(ps);
	if (!v)
		return wdl_fail_oom(err);
	fputs("<section id=\"peers\">\n<h2>Peers</h2>\n<p class=\"note\">Status "
	      "records by the peer or BSSID their event named.</p>\n", out);
	fputs("<div class=\"wide\"><table class=\"sortable\">\n<thead><tr><th>Peer</th>"
	      "<th class=\"n\">Statuses</th><th class=\"n\">Failures</th>", out);
	/* short phase headings keep the table within a laptop's width */
	static const char *const abbrev[WDILOG_PHASE_COUNT] = {
		"succ.", "gen.", "probe", "auth", "assoc", "disas.", "unkn.",
	};
	for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++)
		fprintf(out, "<th class=\"n\" title=\"%s\">%s</th>",
			wdilog_phase_name((wdilog_phase)ph), abbrev[ph]);
	fputs("<th>First</th><th>Last</th><th>Dominant failure</th></tr></thead>\n"
	      "<tbody>\n", out);
	size_t shown = ps->n < HTML_ROWS ? ps->n : HTML_ROWS;
	for (size_t i = 0; i < shown; i++) {
		char mac[18];
		wdl_mac_format(v[i]->mac, mac);
		peer_row(out, rep, mac, v[i]);
	}
	fputs("</tbody>\n", out);
	/* not sorted with the peers: a footer */
	if (ps->none.statuses || ps->overflow.statuses) {
		fputs("<tfoot>\n", out);
		if (ps->none.statuses)
			peer_row(out, rep, "(no peer named)", &ps->none);
		if (ps->overflow.statuses)
			peer_row(out, rep, "(past the peer limit)", &ps->overflow);
		fputs("</tfoot>\n", out);
	}
	fputs("</table></div>\n", out);
	more_rows(out, ps->n - shown, "peers");
	inexact_note(out, rep->peers_inexact);
	fputs("</section>\n", out);
	wdl_free(v);
	return WDILOG_OK;
}

/* The inputs an undecoded GUID came from, linked, and how many more. */
static void guid_inputs(FILE *out, const wdilog_report *rep,
			const struct wdl_guid_stat *g)
{
	fputs("<td>", out);
	for (uint32_t k = 0; k < g->ninputs; k++) {
		fprintf(out, "%s<a class=\"mono\" href=\"#input-%zu\">",
			k ? ", " : "", g->inputs[k]);
		wdl_escape_str(out, WDL_ESC_HTML,
			       wdl_view_input(rep, g->inputs[k])->path);
		fputs("</a>", out);
	}
	if (g->inputs_more)
		fprintf(out, " and %" PRIu64 " more input%s", g->inputs_more,
			g->inputs_more == 1 ? "" : "s");
	fputs("</td>", out);
}

/* One 802.11 or SSID table (issue 14), every row (at most
 * WDL_TALLY_ROWS), the "other" row as a footer. */
static void tally_html(FILE *out, const struct wdl_tally *t, bool ssid,
		       bool reason, const char *title)
{
	const struct wdl_tally_row *v[WDL_TALLY_ROWS];
	size_t n = wdl_tally_sorted(t, ssid, v);
	fprintf(out, "<h3>%s</h3>\n", title);
	if (!n && !t->other.records) {
		fputs("<p class=\"note\">No status record's event named one."
		      "</p>\n", out);
		return;
	}
	fprintf(out, "<div class=\"wide\"><table class=\"sortable\">\n<thead><tr>"
		"%s<th class=\"n\">Records</th><th class=\"n\">Failures</th>"
		"</tr></thead>\n<tbody>\n",
		ssid ? "<th>SSID</th>" : "<th class=\"n\">Code</th><th>Name</th>");
	for (size_t i = 0; i < n; i++) {
		fputs("<tr>", out);
		if (ssid) {
			fputs("<td class=\"mono\">", out);
			wdl_escape_str(out, WDL_ESC_HTML, v[i]->text);
			fputs("</td>", out);
		} else {
			const char *name = reason ? wdilog_dot11_reason_name(v[i]->code)
						  : wdilog_dot11_status_name(v[i]->code);
			num_cell(out, v[i]->code);
			fputs("<td>", out);
			wdl_escape_str(out, WDL_ESC_HTML, name ? name : "(no name)");
			fputs("</td>", out);
		}
		num_cell(out, v[i]->records);
		fprintf(out, "<td class=\"n%s\">%" PRIu64 "</td></tr>\n",
			v[i]->failures ? " failure" : "", v[i]->failures);
	}
	fputs("</tbody>\n", out);
	if (t->other.records)
		fprintf(out, "<tfoot><tr><td%s>(other values past the limit)</td>"
			"<td class=\"n\">%" PRIu64 "</td><td class=\"n\">%" PRIu64
			"</td></tr></tfoot>\n", ssid ? "" : " colspan=\"2\"",
			t->other.records, t->other.failures);
	fputs("</table></div>\n", out);
	inexact_note(out, t->inexact);
}

/* 802.11 status and reason codes and SSIDs, beside the peers. */
static void dot11_sections(FILE *out, const wdilog_report *rep)
{
	const struct wdl_dot11_counts *d = wdl_view_dot11(rep);
	if (!d) {
		not_known(out, "dot11", "802.11 codes and SSIDs");
		return;
	}
	fputs("<section id=\"dot11\">\n<h2>802.11 codes and SSIDs</h2>\n"
	      "<p class=\"note\">Status records by the 802.11 status code, "
	      "reason code and SSID their event named.</p>\n", out);
	tally_html(out, &d->status, false, false, "802.11 status codes");
	tally_html(out, &d->reason, false, true, "802.11 reason codes");
	tally_html(out, &d->ssid, true, false, "SSIDs");
	fputs("</section>\n", out);
}

static void guids(FILE *out, const wdilog_report *rep)
{
	fputs("<section id=\"guids\">\n<h2>Undecoded events</h2>\n<p class=\"note\">"
	      "Trace GUIDs whose format (TMF) files were missing when the trace "
	      "was converted.</p>\n", out);
	if (!rep->nguids) {
		fputs("<p class=\"note\">None.</p>\n</section>\n", out);
		return;
	}
	fputs("<div class=\"wide\"><table class=\"sortable\">\n<thead><tr><th>GUID</th>"
	      "<th class=\"n\">Events</th><th>Inputs</th></tr></thead>\n<tbody>\n", out);
	size_t shown = rep->nguids < HTML_ROWS ? rep->nguids : HTML_ROWS;
	for (size_t i = 0; i < shown; i++) {
		fputs("<tr><td class=\"mono\">", out);
		wdl_escape_str(out, WDL_ESC_HTML, rep->guids[i].guid);
		fputs("</td>", out);
		num_cell(out, rep->guids[i].count);
		guid_inputs(out, rep, &rep->guids[i]);
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table></div>\n", out);
	more_rows(out, rep->nguids - shown, "GUIDs");
	if (rep->guids_overflow)
		fprintf(out, "<p class=\"note\">%" PRIu64 " more events past the limit "
			"of distinct GUIDs.</p>\n", rep->guids_overflow);
	fputs("</section>\n", out);
}

/* Failures of input @p in: its records of failure codes. */
static uint64_t input_failures(const wdilog_report *rep,
			       const struct wdl_input_stat *in)
{
	uint64_t n = 0;
	for (size_t k = 0; k < in->ncodes; k++)
		if (wdl_view_input_code(rep, in, k)->kind == WDILOG_KIND_FAILURE)
			n += in->codes[k].count;
	return n;
}

/* Per input: the span of its status records, its failures and bursts,
 * each row the target of the input:line links above. */
static int input_spans(FILE *out, const wdilog_report *rep, wdilog_error *err)
{
	const struct wdl_bursts *bs = wdl_view_bursts(rep);
	size_t nb = 0;
	struct wdl_burst *v = bs ? wdl_bursts_list(bs, &nb, NULL) : NULL;
	if (!v && nb)
		return wdl_fail_oom(err);
	fputs("<section id=\"per-input\">\n<h2>Per input</h2>\n<p class=\"note\">"
	      "First and last time of each input's status records, its failures "
	      "and the bursts that start in it.</p>\n"
	      "<div class=\"wide\"><table class=\"sortable\">\n<thead><tr>"
	      "<th>Input</th><th>First</th><th>Last</th><th class=\"n\">Statuses</th>"
	      "<th class=\"n\">Failures</th><th class=\"n\">Bursts</th></tr></thead>\n"
	      "<tbody>\n", out);
	size_t shown = rep->ninputs < HTML_ROWS ? rep->ninputs : HTML_ROWS;
	for (size_t i = 0; i < shown; i++) {
		const struct wdl_input_stat *in = wdl_view_input(rep, i);
		fprintf(out, "<tr id=\"input-%zu\"><td class=\"mono\">", i);
		wdl_escape_str(out, WDL_ESC_HTML, in->path);
		fputs("</td>", out);
		time_cell(out, &in->first);
		time_cell(out, &in->last);
		num_cell(out, in->statuses);
		uint64_t f = input_failures(rep, in);
		fprintf(out, "<td class=\"n%s\">%" PRIu64 "</td>",
			f ? " failure" : "", f);
		if (!bs) {
			fputs("<td class=\"n\" data-v=\"\">not known</td>", out);
		} else {
			uint64_t b = 0;
			for (size_t k = 0; k < nb; k++)
				b += v[k].input == i;
			num_cell(out, b);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table></div>\n", out);
	more_rows(out, rep->ninputs - shown, "inputs");
	fputs("</section>\n", out);
	wdl_free(v);
	return WDILOG_OK;
}

static void inputs(FILE *out, const wdilog_report *rep)
{
	fputs("<section id=\"inputs\">\n<h2>Inputs</h2>\n", out);
	fputs("<div class=\"wide\"><table class=\"sortable\">\n"
	      "<thead><tr><th>Input</th><th>Format</th><th>Encoding</th>"
	      "<th class=\"n\">Events</th><th class=\"n\">Statuses</th>"
	      "<th class=\"n\">Undecoded</th><th class=\"n\">Damaged</th><th class=\"n\">Malformed</th>"
	      "<th>Problem</th></tr></thead>\n<tbody>\n", out);
	size_t shown = rep->ninputs < HTML_ROWS ? rep->ninputs : HTML_ROWS;
	for (size_t i = 0; i < shown; i++) {
		const struct wdl_input_stat *in = wdl_view_input(rep, i);
		fputs("<tr><td class=\"mono\">", out);
		wdl_escape_str(out, WDL_ESC_HTML, in->path);
		fputs("</td><td>", out);
		wdl_escape_str(out, WDL_ESC_HTML, in->format);
		fputs("</td><td>", out);
		wdl_escape_str(out, WDL_ESC_HTML, in->encoding);
		fprintf(out, "%s</td>", in->gzip ? " + gzip" : "");
		num_cell(out, in->events);
		num_cell(out, in->statuses);
		num_cell(out, in->undecoded);
		fprintf(out, "<td class=\"n%s\">%" PRIu64 "</td>",
			in->damaged ? " failure" : "", in->damaged);
		num_cell(out, in->malformed);
		fputs("<td class=\"failure\">", out);
		if (in->unreadable)
			wdl_escape_str(out, WDL_ESC_HTML, in->error);
		char loss[512];
		if (wdl_view_input_loss(in, loss, sizeof(loss)))
			fprintf(out, "%s%s", in->unreadable ? "; " : "", loss);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody>\n</table></div>\n", out);
	more_rows(out, rep->ninputs - shown, "inputs");
	fputs("</section>\n", out);
}

int wdilog_report_render_html(const wdilog_report *rep, FILE *out,
			      wdilog_error *err)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
	      out);
	fprintf(out, "<meta name=\"generator\" content=\"wdilog %s\">\n"
		"<title>wdilog report: %" PRIu64 " failures in %" PRIu64
		" status records</title>\n<style>\n%s%s</style>\n</head>\n<body>\n",
		wdilog_version(), rep->totals.failures, rep->totals.statuses,
		style_sheet, wdl_attempts_html_css(rep));
	verdict(out, rep);
	fputs("<nav><a href=\"#timeline\">Timeline</a><a href=\"#bursts\">Bursts</a>"
	      "<a href=\"#codes\">Codes</a><a href=\"#peers\">Peers</a>"
	      "<a href=\"#dot11\">802.11</a>"
	      "<a href=\"#guids\">Undecoded</a><a href=\"#inputs\">Inputs</a>",
	      out);
	fprintf(out, "%s</nav>\n", wdl_attempts_html_nav(rep));
	timeline(out, rep);
	int rc = wdl_render_attempts_html(out, rep, err);
	if (rc >= 0)
		rc = bursts(out, rep, err);
	if (rc >= 0)
		rc = codes(out, rep, err);
	if (rc >= 0)
		rc = peers(out, rep, err);
	if (rc < 0)
		return rc;
	dot11_sections(out, rep);
	guids(out, rep);
	if ((rc = input_spans(out, rep, err)) < 0)
		return rc;
	inputs(out, rep);
	fprintf(out, "<footer>Written by wdilog %s (report schema %s). Times are "
		"as the input wrote them; times without a zone are the capturing "
		"machine's local time.</footer>\n<script>\n%s</script>\n"
		"</body>\n</html>\n", wdilog_version(), WDILOG_SCHEMA, sort_script);
	if (ferror(out))
		return wdl_fail(err, WDILOG_EIO, "cannot write the HTML report");
	return WDILOG_OK;
}
