/* Render stage, attempts as HTML: the Attempts section of the HTML report
 * (called with one line from html.c). A swimlane per interface: in its
 * upper band one bar per attempt from its start to its end, coloured by
 * result and drawn on the row of the phase it reached (start at the
 * bottom, connected at the top), so failures sit low and successes high;
 * its lower band holds the sessions. Each bar has a <title> (hover) with
 * its times, tries and reason. Then the attempts as a table that the
 * page's sort script sorts. Bars get a minimum width so that attempts of
 * a few ms stay visible on an hour-long axis. */
#include "render/attempts_render.h"

#include <inttypes.h>
#include <string.h>

#include "parse/timestamp.h"
#include "report/attempts.h"
#include "report/attempts_list.h"
#include "report/report.h"
#include "util/error.h"
#include "util/escape.h"

/* Table rows, as the page's other tables; lanes drawn. */
#define ATT_ROWS 1000
#define LANES_MAX 32

/* The swimlane's drawing, in SVG user units. */
#define SW_W 1200
#define SW_L 80                 /* phase labels left of the plot */
#define SW_R 12
#define ROW_H 12                /* one phase row of the attempts band */
#define LABEL_H 20             /* the lane's name above it */
#define SESS_H 14
#define LANE_GAP 10
#define AXIS_H 30
#define BAR_MIN 3.0             /* a bar is never thinner than this */

static const char css[] =
".a-success{fill:#2e9d57}.a-failure{fill:#d93a2b}.a-aborted{fill:#8d99ae}"
".a-dropped{fill:#8e3ab8}.a-superseded{fill:#5c7080}.a-timeout{fill:#f07f13}"
".a-incomplete{fill:#c9ced8}\n"
"td.a-success,td.a-failure,td.a-aborted,td.a-dropped,td.a-superseded,"
"td.a-timeout,td.a-incomplete{fill:none}\n"
"td.a-success{color:#1b7a3a}td.a-failure,td.a-dropped,td.a-timeout"
"{color:#b3261e;font-weight:600}\n"
"svg.swimlane rect.bar{stroke:#fff;stroke-width:.5}"
"svg.swimlane rect.bar:hover,svg.swimlane rect.sess:hover"
"{stroke:#1d2330;stroke-width:1.5}\n"
"svg.swimlane .sess{fill:#3b6ea8;fill-opacity:.55;stroke:#3b6ea8;stroke-width:.5}\n"
"svg.swimlane .band{fill:#f5f7fa}svg.swimlane .grid{stroke:#e3e6ec;stroke-width:1}\n"
"svg.swimlane text.lane{font-size:13px;font-weight:600;fill:#1d2330}\n"
"svg.swimlane text.ph{font-size:11px}\n"
"table.attempts td{white-space:nowrap}\n";

static bool shown(const wdilog_report *rep)
{
	return wdl_attempts_shown(wdl_attempts_of(rep));
}

const char *wdl_attempts_html_css(const wdilog_report *rep)
{
	return shown(rep) ? css : "";
}

const char *wdl_attempts_html_nav(const wdilog_report *rep)
{
	return shown(rep) ? "<a href=\"#attempts\">Attempts</a>" : "";
}

/* ---- words ---- */

static void put_reason(FILE *out, wdilog_reason r)
{
	char b[24];
	fputs(wdl_att_reason_short(r, b, sizeof(b)), out);
	const char *name = wdl_att_reason_name(r);
	if (name) {
		fputs(" ", out);
		wdl_escape_str(out, WDL_ESC_HTML, name);
	}
}

static void put_clock(FILE *out, const wdilog_time *t)
{
	char buf[48];
	if (t->valid && wdl_time_format(t, buf, sizeof(buf)))
		wdl_escape_str(out, WDL_ESC_HTML, buf);
	else
		fputs("-", out);
}

static void put_ms(FILE *out, int64_t ms)
{
	if (ms < 0)
		fputs("-", out);
	else
		fprintf(out, "%" PRId64 ".%03" PRId64 " s", ms / 1000, ms % 1000);
}

/* "Lab / 8a:15:14:b6:25:10" */
static void put_who(FILE *out, const struct wdl_att_item *it)
{
	const char *peer = it->bssid[0] ? it->bssid : it->first_peer;
	wdl_escape_str(out, WDL_ESC_HTML, it->ssid[0] ? it->ssid : "-");
	fputs(" / ", out);
	fputs(peer[0] ? peer : "-", out);
}

/* The hover text of an attempt's bar. */
static void bar_title(FILE *out, const struct wdl_att_list *l,
		      const struct wdl_att_item *it)
{
	fputs("<title>", out);
	put_who(out, it);
	fprintf(out, ": %s", wdilog_attempt_result_name(it->result));
	if (it->has_failing)
		fprintf(out, " in %s", wdilog_attempt_phase_name(it->failing));
	fprintf(out, ", reached %s\n", wdilog_attempt_phase_name(it->furthest));
	put_clock(out, &it->start);
	fputs(it->start_inferred ? " (inferred start) to " : " to ", out);
	put_clock(out, &it->end);
	fputs(" (", out);
	put_ms(out, wdl_att_item_ms(&it->start, &it->end));
	fprintf(out, ")\ntries %" PRIu64 " on %" PRIu32 " BSSID%s, reason ",
		it->tries, it->bssids, it->bssids == 1 ? "" : "s");
	put_reason(out, it->reason);
	fputs("\n", out);
	wdl_escape_str(out, WDL_ESC_HTML, wdl_att_list_input(l, it->input));
	char lines[48];
	fprintf(out, ":%s</title>", wdl_att_item_lines(it, lines, sizeof(lines)));
}

static void sess_title(FILE *out, const struct wdl_att_list *l,
		       const struct wdl_sess_item *s)
{
	static const char *const how[] = { "disconnect", "a new attempt",
					   "open at the end" };
	fputs("<title>session ", out);
	wdl_escape_str(out, WDL_ESC_HTML, s->ssid[0] ? s->ssid : "-");
	fprintf(out, " / %s\n", s->bssid[0] ? s->bssid : "-");
	put_clock(out, &s->start);
	fputs(" to ", out);
	put_clock(out, &s->end);
	fputs(" (", out);
	put_ms(out, wdl_att_item_ms(&s->start, &s->end));
	fprintf(out, ")\nended by %s", how[s->how <= 2 ? s->how : 2]);
	if (s->reason.kind != WDILOG_REASON_NONE) {
		fputs(", reason ", out);
		put_reason(out, s->reason);
	}
	fprintf(out, "\nroams %" PRIu64 " (succeeded %" PRIu64 ", failed %" PRIu64
		")\n", s->roams, s->roam_successes, s->roam_failures);
	wdl_escape_str(out, WDL_ESC_HTML, wdl_att_list_input(l, s->input));
	if (s->line)
		fprintf(out, ":%" PRIu64, s->line);
	fputs("</title>", out);
}

/* ---- the swimlane ---- */

struct lane {
	uint32_t input;
	const char *iface;
};

static double secs(const wdilog_time *t)
{
	return (double)wdl_time_key(t) + (double)t->nanos / 1e9;
}

/* The lane of (@p input, @p iface), added if new; -1 past LANES_MAX. */
static int lane_of(struct lane *v, size_t *n, uint32_t input, const char *iface)
{
	for (size_t k = 0; k < *n; k++)
		if (v[k].input == input && strcmp(v[k].iface, iface) == 0)
			return (int)k;
	if (*n == LANES_MAX)
		return -1;
	v[*n] = (struct lane){ input, iface };
	return (int)(*n)++;
}

struct axis {
	double t0, span, plot_w;
};

static double x_of(const struct axis *ax, const wdilog_time *t)
{
	return SW_L + (secs(t) - ax->t0) / ax->span * ax->plot_w;
}

/* x and width of a bar from @p s to @p e, at least BAR_MIN wide and
 * inside the plot. */
static void bar_span(const struct axis *ax, const wdilog_time *s,
		     const wdilog_time *e, double *x, double *w)
{
	double a = x_of(ax, s), b = e->valid ? x_of(ax, e) : a;
	if (b < a)
		b = a;
	if (b - a < BAR_MIN) {
		b = a + BAR_MIN;
		if (b > SW_L + ax->plot_w) {
			b = SW_L + ax->plot_w;
			a = b - BAR_MIN;
		}
	}
	*x = a;
	*w = b - a;
}

/* Ticks every 1, 2, 5, 10, 15, 30 s ... so that about 8 fit. */
static double tick_step(double span)
{
	static const double steps[] = { 1, 2, 5, 10, 15, 30, 60, 120, 300, 600,
					900, 1800, 3600, 7200, 10800, 21600,
					43200, 86400 };
	for (size_t k = 0; k < sizeof(steps) / sizeof(steps[0]); k++)
		if (span / steps[k] <= 8)
			return steps[k];
	return (double)((int64_t)(span / 8 / 86400) + 1) * 86400;
}

static void ticks(FILE *out, const struct axis *ax, double top, double bottom)
{
	double step = tick_step(ax->span);
	/* the first multiple of the step at or after t0 (no libm) */
	double first = (double)(int64_t)(ax->t0 / step) * step;
	if (first < ax->t0)
		first += step;
	for (int64_t k = 0;; k++) {
		double t = first + (double)k * step;
		if (t > ax->t0 + ax->span + 1e-9)
			break;
		double x = SW_L + (t - ax->t0) / ax->span * ax->plot_w;
		wdilog_time tm = { .seconds = (int64_t)t, .valid = true };
		char buf[48], label[16];
		size_t n = wdl_time_format(&tm, buf, sizeof(buf));
		/* the time of day; the date when the axis spans days */
		if (n >= 19 && step < 86400)
			snprintf(label, sizeof(label), "%.8s", buf + 11);
		else
			snprintf(label, sizeof(label), "%.10s", buf);
		fprintf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
			"y2=\"%.1f\"/><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">"
			"%s</text>\n", x, top, x, bottom, x, bottom + 14, label);
	}
}

/* The lane's heading: the input and the interface. */
static void lane_label(FILE *out, const struct wdl_att_list *l,
		       const struct lane *ln, double y, uint64_t natt,
		       uint64_t nsess)
{
	fprintf(out, "<text class=\"lane\" x=\"%d\" y=\"%.1f\">", SW_L, y + 15);
	wdl_escape_str(out, WDL_ESC_HTML, wdl_att_list_input(l, ln->input));
	fputs(" \xe2\x80\x94 interface ", out);
	if (ln->iface[0])
		wdl_escape_str(out, WDL_ESC_HTML, ln->iface);
	else
		fputs("(default)", out);
	fprintf(out, " \xe2\x80\x94 %" PRIu64 " attempt%s, %" PRIu64 " session%s"
		"</text>\n", natt, natt == 1 ? "" : "s", nsess, nsess == 1 ? "" : "s");
}

static void swimlane(FILE *out, const struct wdl_att_list *l)
{
	struct lane lanes[LANES_MAX];
	size_t nl = 0;
	uint64_t off_lane = 0;
	bool any = false;
	double lo = 0, hi = 0;
	for (size_t k = 0; k < l->natt + l->nsess; k++) {
		bool att = k < l->natt;
		const struct wdl_att_item *a = att ? &l->att[k] : NULL;
		const struct wdl_sess_item *s = att ? NULL : &l->sess[k - l->natt];
		if (lane_of(lanes, &nl, att ? a->input : s->input,
			    att ? a->iface : s->iface) < 0)
			off_lane++;
		const wdilog_time *t0 = att ? &a->start : &s->start;
		const wdilog_time *t1 = att ? &a->end : &s->end;
		for (int e = 0; e < 2; e++) {
			const wdilog_time *t = e ? t1 : t0;
			if (!t->valid)
				continue;
			double v = secs(t);
			if (!any || v < lo)
				lo = v;
			if (!any || v > hi)
				hi = v;
			any = true;
		}
	}
	if (!any) {
		fputs("<p class=\"note\">No attempt has a time: no swimlane.</p>\n", out);
		return;
	}
	struct axis ax = { .t0 = lo, .span = hi - lo > 0 ? hi - lo : 1,
			   .plot_w = SW_W - SW_L - SW_R };
	double band = ROW_H * WDILOG_AP_COUNT;
	double lane_h = LABEL_H + band + 3 + SESS_H + LANE_GAP;
	double h = (double)nl * lane_h + AXIS_H;
	fprintf(out, "<div class=\"wide\"><svg class=\"swimlane\" viewBox=\"0 0 %d "
		"%.0f\" width=\"%d\" role=\"img\" aria-label=\"Attempts per "
		"interface over time\">\n", SW_W, h, SW_W);
	/* the grid first, behind the bars */
	ticks(out, &ax, 0, (double)nl * lane_h);
	for (size_t n = 0; n < nl; n++) {
		double y = (double)n * lane_h;
		uint64_t na = 0, ns = 0;
		for (size_t k = 0; k < l->natt; k++)
			na += l->att[k].input == lanes[n].input &&
			      strcmp(l->att[k].iface, lanes[n].iface) == 0;
		for (size_t k = 0; k < l->nsess; k++)
			ns += l->sess[k].input == lanes[n].input &&
			      strcmp(l->sess[k].iface, lanes[n].iface) == 0;
		fprintf(out, "<g class=\"lane\" data-attempts=\"%" PRIu64 "\">\n", na);
		lane_label(out, l, &lanes[n], y, na, ns);
		double top = y + LABEL_H;
		fprintf(out, "<rect class=\"band\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" "
			"height=\"%.1f\"/>\n", SW_L, top, ax.plot_w, band);
		for (int p = 0; p < WDILOG_AP_COUNT; p++) {
			/* the phase rows, start at the bottom */
			double ry = top + band - (double)(p + 1) * ROW_H;
			fprintf(out, "<text class=\"ph\" x=\"%d\" y=\"%.1f\" "
				"text-anchor=\"end\">%s</text>\n", SW_L - 4,
				ry + ROW_H - 1, wdilog_attempt_phase_name(p));
		}
		fprintf(out, "<text class=\"ph\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">"
			"sessions</text>\n", SW_L - 4, top + band + 3 + SESS_H - 1);
		for (size_t k = 0; k < l->natt; k++) {
			const struct wdl_att_item *it = &l->att[k];
			if (it->input != lanes[n].input ||
			    strcmp(it->iface, lanes[n].iface) != 0 || !it->start.valid)
				continue;
			double x, w;
			bar_span(&ax, &it->start, &it->end, &x, &w);
			double ry = top + band - (double)(it->furthest + 1) * ROW_H;
			fprintf(out, "<rect class=\"bar a-%s\" data-phase=\"%s\" x=\"%.1f\" "
				"y=\"%.1f\" width=\"%.1f\" height=\"%d\">",
				wdilog_attempt_result_name(it->result),
				wdilog_attempt_phase_name(it->furthest), x, ry, w, ROW_H);
			bar_title(out, l, it);
			fputs("</rect>\n", out);
		}
		for (size_t k = 0; k < l->nsess; k++) {
			const struct wdl_sess_item *s = &l->sess[k];
			if (s->input != lanes[n].input ||
			    strcmp(s->iface, lanes[n].iface) != 0 || !s->start.valid)
				continue;
			double x, w;
			bar_span(&ax, &s->start, &s->end, &x, &w);
			fprintf(out, "<rect class=\"sess\" x=\"%.1f\" y=\"%.1f\" "
				"width=\"%.1f\" height=\"%d\">", x, top + band + 3, w,
				SESS_H);
			sess_title(out, l, s);
			fputs("</rect>\n", out);
		}
		fputs("</g>\n", out);
	}
	fputs("</svg></div>\n", out);
	if (off_lane)
		fprintf(out, "<p class=\"note\">%" PRIu64 " attempts and sessions of "
			"interfaces past the first %d are not drawn (they are in "
			"the table).</p>\n", off_lane, LANES_MAX);
}

static void legend(FILE *out, const struct wdl_att_figs *f)
{
	fputs("<ul class=\"legend\">\n", out);
	for (int r = 0; r < WDILOG_ATTEMPT_RESULT_COUNT; r++)
		fprintf(out, "<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\">"
			"<rect class=\"a-%s\" width=\"12\" height=\"12\"/></svg>%s "
			"(%" PRIu64 ")</li>\n", wdilog_attempt_result_name(r),
			wdilog_attempt_result_name(r), f->by_result[r]);
	fprintf(out, "<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\">"
		"<rect class=\"sess\" width=\"12\" height=\"12\" fill=\"#3b6ea8\" "
		"fill-opacity=\".55\"/></svg>session (%" PRIu64 ")</li>\n",
		f->sessions);
	fputs("</ul>\n", out);
}

/* ---- the table ---- */

static void table(FILE *out, const struct wdl_att_list *l)
{
	fputs("<div class=\"wide\"><table class=\"sortable attempts\">\n<thead><tr>"
	      "<th>start</th><th class=\"n\">duration</th><th>SSID</th>"
	      "<th>BSSID</th><th class=\"n\">tries</th><th>reached</th>"
	      "<th>result</th><th>failing phase</th><th>lines</th>"
	      "<th>interface</th><th>reason</th></tr></thead>\n<tbody>\n", out);
	size_t n = l->natt;
	if (n > ATT_ROWS)
		n = ATT_ROWS;
	for (size_t k = 0; k < n; k++) {
		const struct wdl_att_item *it = &l->att[k];
		const char *rn = wdilog_attempt_result_name(it->result);
		fputs("<tr>", out);
		/* the start, sortable by time; '~': inferred */
		char buf[48];
		if (it->start.valid && wdl_time_format(&it->start, buf, sizeof(buf)))
			fprintf(out, "<td class=\"mono\" data-v=\"t%020" PRId64 "%09"
				PRIu32 "\">%s%s</td>", wdl_time_key(&it->start) +
				((int64_t)1 << 40), it->start.nanos, buf,
				it->start_inferred ? "~" : "");
		else
			fputs("<td class=\"mono\" data-v=\"\">-</td>", out);
		int64_t ms = wdl_att_item_ms(&it->start, &it->end);
		fprintf(out, "<td class=\"n\" data-v=\"%" PRId64 "\">", ms);
		put_ms(out, ms);
		fputs("</td><td>", out);
		wdl_escape_str(out, WDL_ESC_HTML, it->ssid[0] ? it->ssid : "-");
		const char *peer = it->bssid[0] ? it->bssid : it->first_peer;
		fprintf(out, "</td><td class=\"mono\">%s</td><td class=\"n\">%" PRIu64
			"</td><td>%s</td><td class=\"a-%s\">%s</td><td>%s</td>",
			peer[0] ? peer : "-", it->tries,
			wdilog_attempt_phase_name(it->furthest), rn, rn,
			it->has_failing ? wdilog_attempt_phase_name(it->failing) : "-");
		/* the widest column last: the input and line, the interface
		 * (the GUID's first group; the whole one on hover), the reason */
		fputs("<td class=\"mono\">", out);
		wdl_escape_str(out, WDL_ESC_HTML, wdl_att_list_input(l, it->input));
		char lines[48];
		fprintf(out, ":%s</td><td class=\"mono\" title=\"",
			wdl_att_item_lines(it, lines, sizeof(lines)));
		wdl_escape_str(out, WDL_ESC_HTML, it->iface[0] ? it->iface : "(default)");
		fputs("\">", out);
		if (it->iface[0])
			wdl_escape(out, WDL_ESC_HTML, it->iface, strcspn(it->iface, "-"));
		else
			fputs("(default)", out);
		fputs("</td><td>", out);
		put_reason(out, it->reason);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody>\n</table></div>\n", out);
	if (l->natt > n)
		fprintf(out, "<p class=\"note\">%zu more listed attempts not shown in "
			"the table (the swimlane has them all).</p>\n", l->natt - n);
}

int wdl_render_attempts_html(FILE *out, const wdilog_report *rep,
			     wdilog_error *err)
{
	const struct wdl_att_figs *f = wdl_attempts_of(rep);
	if (!wdl_attempts_shown(f))
		return WDILOG_OK;
	uint64_t total = 0;
	for (int r = 0; r < WDILOG_ATTEMPT_RESULT_COUNT; r++)
		total += f->by_result[r];
	char b1[24], b2[24];
	fprintf(out, "<section id=\"attempts\">\n<h2>Attempts</h2>\n<p class=\"note\">"
		"%" PRIu64 " connection attempt%s and %" PRIu64 " session%s. Attempts "
		"end after %s idle; retries within %s join a chain.", total,
		total == 1 ? "" : "s",
		f->sessions, f->sessions == 1 ? "" : "s",
		wdl_att_duration_text(f->idle_ms, b1, sizeof(b1)),
		wdl_att_duration_text(f->retry_ms, b2, sizeof(b2)));
	double rate;
	if (wdl_att_success_rate(f, &rate))
		fprintf(out, " Success rate %.1f%%.", 100.0 * rate);
	fputs("</p>\n", out);
	if (f->per_part)
		fputs("<p class=\"note\">A file was read in parts (-j): attempts "
		      "crossing a part boundary were cut there.</p>\n", out);
	const struct wdl_att_list *l = wdl_att_list_of(rep);
	if (!l) {
		fputs("<p class=\"note\">The attempt list is not known for merged "
		      "reports: JSON reports do not carry it.</p>\n</section>\n", out);
		return ferror(out) ? wdl_fail(err, WDILOG_EIO,
					      "cannot write the HTML report")
				   : WDILOG_OK;
	}
	fputs("<p class=\"note\">One lane per interface: each bar is an attempt "
	      "from its start to its end, on the row of the phase it reached; "
	      "sessions below. Hover a bar for its tries and reason.</p>\n", out);
	legend(out, f);
	swimlane(out, l);
	if (l->att_unlisted || l->sess_unlisted)
		fprintf(out, "<p class=\"note unlisted\">%" PRIu64 " more attempts "
			"and %" PRIu64 " more sessions not listed (the list keeps the "
			"first %zu of each; the figures count them all).</p>\n",
			l->att_unlisted, l->sess_unlisted, l->cap);
	table(out, l);
	fputs("</section>\n", out);
	if (ferror(out))
		return wdl_fail(err, WDILOG_EIO, "cannot write the HTML report");
	return WDILOG_OK;
}
