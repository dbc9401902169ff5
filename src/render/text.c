/* Render stage, text: the report for a person at a terminal. Tables by
 * phase and by code, a sparkline per phase, bursts, the per-peer table
 * (on request), undecoded GUIDs and inputs. Stays within 100 columns.
 * Input-derived text (paths, names) is shown with control characters
 * escaped, so a log cannot drive the terminal. */
#include <wdilog/report.h>
#include <wdilog/wdilog.h>

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/view.h"
#include "render/attempts_render.h"
#include "util/alloc.h"
#include "parse/context.h"
#include "util/error.h"
#include "parse/timestamp.h"
#include "util/escape.h"

/* Rows of the peer and burst tables in text; the JSON and HTML reports
 * list them all. A terminal page, not a dump. */
#define PEER_ROWS 40
#define BURST_ROWS 20

struct style {
	const char *bold, *red, *yellow, *green, *magenta, *dim, *reset;
};

static const struct style plain = { "", "", "", "", "", "", "" };
static const struct style ansi = { "\033[1m", "\033[31m", "\033[33m",
				   "\033[32m", "\033[35m", "\033[2m",
				   "\033[0m" };

/* Text from an input, laid out as printf's "%-*.*s" would lay it out
 * and then escaped (util/escape.h): a log or a crafted report cannot
 * drive the terminal. @p prec < 0 means no cut. */
static void put_cell(FILE *out, const char *s, int width, int prec)
{
	char buf[256];
	if (prec < 0 && strlen(s) >= sizeof(buf)) {
		wdl_escape_str(out, WDL_ESC_TEXT, s);   /* too long to pad anyway */
		return;
	}
	if (prec < 0 || prec >= (int)sizeof(buf))
		prec = (int)sizeof(buf) - 1;
	snprintf(buf, sizeof(buf), "%-*.*s", width, prec, s);
	wdl_escape_str(out, WDL_ESC_TEXT, buf);
}

static const char *kind_color(const struct style *st, wdilog_kind k)
{
	switch (k) {
	case WDILOG_KIND_FAILURE: return st->red;
	case WDILOG_KIND_BENIGN: return st->yellow;
	case WDILOG_KIND_SUCCESS: return st->green;
	default: return st->magenta;
	}
}

/* Times in tables stop at milliseconds to fit 100 columns; the JSON
 * report keeps every digit the input had. */
static void put_time(FILE *out, const wdilog_time *t, int width)
{
	char buf[48];
	wdilog_time shown = *t;
	if (shown.digits > 3) {
		shown.digits = 3;
		shown.nanos -= shown.nanos % 1000000;
	}
	if (t->valid && wdl_time_format(&shown, buf, sizeof(buf)))
		fprintf(out, "%-*s", width, buf);
	else
		fprintf(out, "%-*s", width, "-");
}

/* A loss sentence ("a; b; c") after @p lead, broken after a "; " so no
 * line passes 80 columns; later lines are indented under the first. */
static void put_clauses(FILE *out, const char *lead, const char *text,
			const char *on, const char *off)
{
	size_t indent = strlen(lead), col = indent;
	fprintf(out, "%s%s", on, lead);
	while (*text) {
		const char *sep = strstr(text, "; ");
		size_t len = sep ? (size_t)(sep - text) + 1 : strlen(text);
		if (col > indent && col + 1 + len > 80) {
			fprintf(out, "\n%*s", (int)indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', out);
			col++;
		}
		fwrite(text, 1, len, out);
		col += len;
		text += sep ? len + 1 : len;
	}
	fprintf(out, "%s\n", off);
}

static void summary(FILE *out, const wdilog_report *rep, const struct style *st)
{
	const wdilog_totals *t = &rep->totals;
	/* plurals right: "1 success", "1 status" */
	fprintf(out, "%swdilog%s: %zu input%s, %" PRIu64 " event%s, %" PRIu64
		" status%s: %s%" PRIu64 " failure%s%s, %" PRIu64 " benign, %"
		PRIu64 " success%s, %" PRIu64 " unknown\n",
		st->bold, st->reset, rep->ninputs, rep->ninputs == 1 ? "" : "s",
		t->events, t->events == 1 ? "" : "s", t->statuses,
		t->statuses == 1 ? "" : "es", t->failures ? st->red : "",
		t->failures, t->failures == 1 ? "" : "s",
		t->failures ? st->reset : "", t->benign, t->successes,
		t->successes == 1 ? "" : "es", t->unknown);
	fprintf(out, "events: %" PRIu64 " with status, %" PRIu64
		" without, %" PRIu64 " undecoded, %" PRIu64 " damaged; %" PRIu64
		" malformed value%s\n",
		t->with_status, t->without_status, t->undecoded, t->damaged,
		t->malformed, t->malformed == 1 ? "" : "s");
	char loss[512];
	if (wdl_view_totals_loss(t, loss, sizeof(loss)))
		put_clauses(out, "reading: ", loss,
			    wdl_view_lossy(t) ? st->red : "",
			    wdl_view_lossy(t) ? st->reset : "");
}

static void phase_table(FILE *out, const wdilog_report *rep,
			const struct style *st)
{
	fprintf(out, "\n%s%-14s %9s %9s  %-30s%s%s\n", st->bold, "PHASE",
		"STATUSES", "FAILURES", "FIRST", "LAST", st->reset);
	for (int i = 0; i < WDILOG_PHASE_COUNT; i++) {
		const struct wdl_phase_stat *ph = &rep->phases[i];
		if (!ph->statuses)
			continue;
		fprintf(out, "%-14s %9" PRIu64 " %s%9" PRIu64 "%s  ",
			wdilog_phase_name((wdilog_phase)i), ph->statuses,
			ph->failures ? st->red : "", ph->failures,
			ph->failures ? st->reset : "");
		put_time(out, &ph->first, 30);
		put_time(out, &ph->last, 0);
		fputc('\n', out);
	}
}

/* The written date of @p t as days since the epoch. */
static int64_t day_of(const wdilog_time *t)
{
	return t->seconds >= 0 ? t->seconds / 86400 : (t->seconds - 86399) / 86400;
}

/* How much of a time the code table shows: all times share a date, a
 * year, or neither. */
enum span_kind { ONE_DAY, ONE_YEAR, YEARS };

/* A table time in at most 14 columns: the time of day when every time in
 * the table is on one date, month-day and time when on one year (the
 * shared part is given once in the heading), else the date. Zones and
 * fractions past milliseconds are left to the JSON report. */
static void put_short_time(FILE *out, const wdilog_time *t, enum span_kind k,
			   int width)
{
	char buf[48];
	wdilog_time shown = *t;
	shown.zoned = false;
	if (shown.digits > 3) {
		shown.digits = 3;
		shown.nanos -= shown.nanos % 1000000;
	}
	if (!t->valid || !wdl_time_format(&shown, buf, sizeof(buf))) {
		fprintf(out, "%-*s", width, "-");
		return;
	}
	/* buf is YYYY-MM-DDThh:mm:ss[.fff] */
	buf[10] = ' ';
	if (k == ONE_DAY)
		fprintf(out, "%-*s", width, buf + 11);
	else if (k == ONE_YEAR)
		fprintf(out, "%-*.*s", width, 14, buf + 5);
	else
		fprintf(out, "%-*.*s", width, 10, buf);
}

static void code_table(FILE *out, const struct wdl_code_stat **codes, size_t n,
		       const struct style *st)
{
	int64_t day = INT64_MIN;
	char first_date[48] = "";
	enum span_kind k = ONE_DAY;
	for (size_t i = 0; i < n; i++) {
		const wdilog_time *ts[2] = { &codes[i]->first, &codes[i]->last };
		for (int j = 0; j < 2; j++) {
			char buf[48];
			if (!ts[j]->valid || !wdl_time_format(ts[j], buf, sizeof(buf)))
				continue;
			if (day == INT64_MIN) {
				day = day_of(ts[j]);
				memcpy(first_date, buf, sizeof(buf));
			}
			if (day_of(ts[j]) != day && k == ONE_DAY)
				k = ONE_YEAR;
			if (memcmp(buf, first_date, 4) != 0)
				k = YEARS;
		}
	}
	if (day != INT64_MIN && k == ONE_DAY)
		fprintf(out, "\nstatus codes, times on %.10s:", first_date);
	else if (day != INT64_MIN && k == ONE_YEAR)
		fprintf(out, "\nstatus codes, times in %.4s:", first_date);
	fprintf(out, "\n%s%5s  %-34s %-12s %-7s %6s  %-14s %s%s\n", st->bold,
		"CODE", "NAME", "PHASE", "KIND", "COUNT", "FIRST", "LAST", st->reset);
	for (size_t i = 0; i < n; i++) {
		const struct wdl_code_stat *c = codes[i];
		char num[16] = "-";
		if (c->has_code)
			snprintf(num, sizeof(num), "%" PRIu32, c->code);
		const char *name = c->overflow ? "(past the distinct limit)"
				   : !c->has_code ? c->name
				   : wdilog_status_code_name(c->code);
		if (name)
			name = wdl_status_short_name(name);
		fprintf(out, "%5s  ", num);
		put_cell(out, name ? name : WDL_NOT_IN_ENUM, 34, 34);
		fprintf(out, " %-12s %s%-7s%s %6" PRIu64 "  ",
			wdilog_phase_name(c->phase), kind_color(st, c->kind),
			wdilog_kind_name(c->kind), st->reset, c->count);
		put_short_time(out, &c->first, k, 14);
		fputc(' ', out);
		put_short_time(out, &c->last, k, 0);
		fputc('\n', out);
	}
}

/* Records the timeline could not place, so none goes missing unsaid. */
static void untimed_note(FILE *out, const struct wdl_timeline *t)
{
	if (t->untimed)
		fprintf(out, "%" PRIu64 " status record%s without a readable "
			"time, not in the timeline\n", t->untimed,
			t->untimed == 1 ? "" : "s");
}

/* One character per bucket, scaled to the phase's busiest bucket. */
static void sparklines(FILE *out, const struct wdl_timeline *t,
		       const struct style *st, bool unicode)
{
	static const char *const blocks[] = { " ", "\u2581", "\u2582", "\u2583",
					      "\u2584", "\u2585", "\u2586",
					      "\u2587", "\u2588" };
	static const char ascii[] = " .:-=+*#@";
	if (!t->n)
		return;
	/* fold into at most 72 columns */
	uint32_t per = (t->n + 71) / 72, cols = (t->n + per - 1) / per;
	char w[48], a[48], b[48];
	wdilog_time first = { .seconds = wdl_timeline_bucket_start(t, 0),
			      .valid = true, .zoned = t->zoned };
	wdilog_time last = { .seconds = wdl_timeline_bucket_start(t, t->n),
			     .valid = true, .zoned = t->zoned };
	wdl_time_format(&first, a, sizeof(a));
	wdl_time_format(&last, b, sizeof(b));
	snprintf(w, sizeof(w), "%" PRIu64 "s", (uint64_t)t->width * per);
	fprintf(out, "\n%sTIMELINE%s %s .. %s, one column = %s\n", st->bold,
		st->reset, a, b, w);
	for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++) {
		uint64_t max = 0, total = 0;
		for (uint32_t c = 0; c < cols; c++) {
			uint64_t v = 0;
			for (uint32_t k = c * per; k < (c + 1) * per && k < t->n; k++)
				v += t->counts[k][ph];
			if (v > max)
				max = v;
			total += v;
		}
		if (!total)
			continue;
		fprintf(out, "%-14s|", wdilog_phase_name((wdilog_phase)ph));
		for (uint32_t c = 0; c < cols; c++) {
			uint64_t v = 0;
			for (uint32_t k = c * per; k < (c + 1) * per && k < t->n; k++)
				v += t->counts[k][ph];
			unsigned level = v ? (unsigned)(1 + (v * 7) / max) : 0;
			if (level > 8)
				level = 8;
			if (unicode)
				fputs(blocks[level], out);
			else
				fputc(ascii[level], out);
		}
		fprintf(out, "| %" PRIu64 "\n", total);
	}
}

/* A count in at most 4 columns: 9999, 12k, 345M, 12G. */
static const char *compact(uint64_t v, char buf[16])
{
	if (v < 10000)
		snprintf(buf, 16, "%" PRIu64, v);
	else if (v < 1000000)
		snprintf(buf, 16, "%" PRIu64 "k", v / 1000);
	else if (v < 1000000000)
		snprintf(buf, 16, "%" PRIu64 "M", v / 1000000);
	else
		snprintf(buf, 16, "%" PRIu64 "G", v / 1000000000);
	return buf;
}

/* "31 NO_BEACON_PROBE_RESPONSE" for a code list's top, cut to @p width;
 * "-" when the list is empty. */
static void put_top(FILE *out, const wdilog_report *rep,
		    const struct wdl_code_count *codes, uint32_t n, int width,
		    bool with_count)
{
	struct wdl_code_count top;
	if (!wdl_code_count_top(codes, n, &top)) {
		fputs("-", out);
		return;
	}
	const struct wdl_code_stat *c = wdl_view_code(rep, top.index);
	const char *name = wdl_code_name(c);
	if (name)
		name = wdl_status_short_name(name);
	char buf[160];
	if (c->has_code)
		snprintf(buf, sizeof(buf), "%" PRIu32 " %s", c->code,
			 name ? name : WDL_NOT_IN_ENUM);
	else
		snprintf(buf, sizeof(buf), "%s", name ? name : "?");
	put_cell(out, buf, 0, width);
	if (with_count)
		fprintf(out, " (%" PRIu64 ")", top.count);
}

/* hh:mm:ss of @p t, or "-". */
static void put_clock(FILE *out, const wdilog_time *t)
{
	if (!t->valid) {
		fprintf(out, "%-8s", "-");
		return;
	}
	int64_t s = t->seconds % 86400;
	if (s < 0)
		s += 86400;
	fprintf(out, "%02d:%02d:%02d", (int)(s / 3600), (int)(s / 60 % 60),
		(int)(s % 60));
}

static void peer_row(FILE *out, const wdilog_report *rep, const char *label,
		     const struct wdl_peer_stat *p, const struct style *st)
{
	static const int order[] = { WDILOG_PHASE_SUCCESS, WDILOG_PHASE_GENERAL,
				     WDILOG_PHASE_PROBE, WDILOG_PHASE_AUTH,
				     WDILOG_PHASE_ASSOC,
				     WDILOG_PHASE_DISASSOCIATE,
				     WDILOG_PHASE_UNKNOWN };
	char b[16];
	fprintf(out, "%-17s %s%8s%s", label, p->failures ? st->red : "",
		compact(p->failures, b), p->failures ? st->reset : "");
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		fprintf(out, " %4s", compact(p->phases[order[i]], b));
	fputs("  ", out);
	put_clock(out, &p->last);
	fputs("  ", out);
	put_top(out, rep, p->codes, p->ncodes, 27, false);
	fputc('\n', out);
}

static int peer_table(FILE *out, const wdilog_report *rep,
		      const struct style *st, wdilog_error *err)
{
	const struct wdl_peers *ps = wdl_view_peers(rep);
	if (!ps) {
		fprintf(out, "\n%sPEERS%s %s\n", st->bold, st->reset,
			WDL_NOT_KNOWN_NOTE);
		return WDILOG_OK;
	}
	const struct wdl_peer_stat **v = wdl_peers_sorted(ps);
	if (!v)
		return wdl_fail_oom(err);
	fprintf(out, "\n%sPEERS%s by failures (phase columns count status records)\n",
		st->bold, st->reset);
	fprintf(out, "%s%-17s %8s %4s %4s %4s %4s %4s %4s %4s  %-8s  %s%s\n",
		st->bold, "PEER", "FAILURES", "SUCC", "GEN", "PROB", "AUTH",
		"ASSC", "DISA", "UNKN", "LAST", "TOP FAILURE", st->reset);
	size_t shown = ps->n < PEER_ROWS ? ps->n : PEER_ROWS;
	for (size_t i = 0; i < shown; i++) {
		char mac[18];
		wdl_mac_format(v[i]->mac, mac);
		peer_row(out, rep, mac, v[i], st);
	}
	wdl_free(v);
	if (ps->n > shown)
		fprintf(out, "%s(%zu more peers in the JSON and HTML reports)%s\n",
			st->dim, ps->n - shown, st->reset);
	if (ps->none.statuses)
		peer_row(out, rep, "(no peer)", &ps->none, st);
	if (ps->overflow.statuses)
		peer_row(out, rep, "(past the limit)", &ps->overflow, st);
	if (rep->peers_inexact)
		fprintf(out, "%s(%s)%s\n", st->dim, WDL_INEXACT_NOTE, st->reset);
	return WDILOG_OK;
}

static int cmp_burst_size(const void *a, const void *b)
{
	const struct wdl_burst *x = a, *y = b;
	if (x->failures != y->failures)
		return x->failures > y->failures ? -1 : 1;
	return wdl_time_cmp(&x->start, &y->start);
}

static int cmp_burst_start(const void *a, const void *b)
{
	const struct wdl_burst *x = a, *y = b;
	return wdl_time_cmp(&x->start, &y->start);
}

static int burst_list(FILE *out, const wdilog_report *rep,
		      const struct style *st, wdilog_error *err)
{
	const struct wdl_bursts *bs = wdl_view_bursts(rep);
	if (!bs) {
		fprintf(out, "\n%sBURSTS%s %s\n", st->bold, st->reset,
			WDL_NOT_KNOWN_NOTE);
		return WDILOG_OK;
	}
	size_t n;
	uint64_t not_listed;
	struct wdl_burst *v = wdl_bursts_list(bs, &n, &not_listed);
	if (!v && n)
		return wdl_fail_oom(err);
	if (!n)
		return WDILOG_OK;
	fprintf(out, "\n%sBURSTS%s of at least %" PRIu32 " failures within %" PRIu32
		" s\n", st->bold, st->reset, bs->min_failures, bs->window);
	fprintf(out, "%s%-29s  %-14s  %8s  %s%s\n", st->bold, "START", "END",
		"FAILURES", "DOMINANT CODE (RECORDS)", st->reset);
	size_t shown = n;
	if (n > BURST_ROWS) {
		/* the largest ones, shown in time order */
		qsort(v, n, sizeof(*v), cmp_burst_size);
		shown = BURST_ROWS;
		qsort(v, shown, sizeof(*v), cmp_burst_start);
	}
	for (size_t i = 0; i < shown; i++) {
		/* the end as a time of day when on the start's date */
		put_time(out, &v[i].start, 29);
		fputs("  ", out);
		put_short_time(out, &v[i].end,
			       day_of(&v[i].start) == day_of(&v[i].end) ? ONE_DAY
									 : YEARS, 14);
		fprintf(out, "  %s%8" PRIu64 "%s  ", st->red, v[i].failures,
			st->reset);
		put_top(out, rep, v[i].codes, v[i].ncodes, 30, true);
		fputc('\n', out);
	}
	if (n - shown + not_listed)
		fprintf(out, "%s(%" PRIu64 " smaller bursts not shown)%s\n",
			st->dim, (uint64_t)(n - shown) + not_listed, st->reset);
	if (rep->bursts_inexact)
		fprintf(out, "%s(%s)%s\n", st->dim, WDL_INEXACT_NOTE, st->reset);
	wdl_free(v);
	return WDILOG_OK;
}

static void window_note(FILE *out, const wdilog_report *rep,
			const struct style *st)
{
	const struct wdl_window *w = &rep->window;
	if (!w->active)
		return;
	fprintf(out, "%swindow%s: ", st->bold, st->reset);
	for (int i = 0; i < 2; i++) {
		const struct wdl_bound *b = i ? &w->until : &w->since;
		fputs(i ? " until " : "since ", out);
		if (!b->set)
			fputs("-", out);
		else if (b->time_of_day && !w->resolved)
			fprintf(out, "%02d:%02d:%02d", (int)(b->tod_seconds / 3600),
				(int)(b->tod_seconds / 60 % 60),
				(int)(b->tod_seconds % 60));
		else
			put_time(out, &b->at, 0);
	}
	fprintf(out, "; %" PRIu64 " events with status left out (%" PRIu64
		" without a time)\n", w->excluded_events, w->untimed_events);
}

static void guids(FILE *out, const wdilog_report *rep, const struct style *st)
{
	if (!rep->nguids)
		return;
	fprintf(out, "\n%sUNDECODED%s events by trace GUID (missing TMF files):\n",
		st->bold, st->reset);
	for (size_t i = 0; i < rep->nguids; i++) {
		fputs("  ", out);
		wdl_escape_str(out, WDL_ESC_TEXT, rep->guids[i].guid);
		fprintf(out, " %7" PRIu64 "\n", rep->guids[i].count);
	}
	if (rep->guids_overflow)
		fprintf(out, "  (%" PRIu64 " more past the distinct limit)\n",
			rep->guids_overflow);
}

/* @p s escaped as put_cell does, with its middle elided past @p max
 * columns (the JSON report keeps it whole). */
static void put_safe_max(FILE *out, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max) {
		wdl_escape(out, WDL_ESC_TEXT, s, n);
		return;
	}
	size_t head = max / 3, tail = max - head - 3;
	/* do not cut inside a UTF-8 sequence */
	while (head && ((unsigned char)s[head] & 0xC0) == 0x80)
		head--;
	const char *t = s + n - tail;
	while (*t && ((unsigned char)*t & 0xC0) == 0x80)
		t++;
	wdl_escape(out, WDL_ESC_TEXT, s, head);
	fputs("...", out);
	wdl_escape_str(out, WDL_ESC_TEXT, t);
}

/* Each input on a line of its own, its figures on the next: paths are
 * as long as they are, the figures line up. */
static void inputs(FILE *out, const wdilog_report *rep, const struct style *st)
{
	fprintf(out, "\n%sINPUTS%s %-14s %-13s %8s %8s %8s %9s\n", st->bold,
		st->reset, "FORMAT", "ENCODING", "EVENTS", "STATUSES", "DAMAGED",
		"UNDECODED");
	for (size_t i = 0; i < wdl_view_ninputs(rep); i++) {
		const struct wdl_input_stat *in = wdl_view_input(rep, i);
		char enc[24];
		snprintf(enc, sizeof(enc), "%s%s", in->encoding,
			 in->gzip ? "+gzip" : "");
		fputs("  ", out);
		put_safe_max(out, in->path, 96);
		fputs("\n       ", out);
		put_cell(out, in->format, 14, -1);
		fputc(' ', out);
		put_cell(out, enc, 13, -1);
		fprintf(out, " %8" PRIu64 " %8" PRIu64 " %8" PRIu64 " %9" PRIu64 "\n",
			in->events, in->statuses, in->damaged, in->undecoded);
		char loss[512];
		if (wdl_view_input_loss(in, loss, sizeof(loss)))
			put_clauses(out, "       ", loss,
				    wdl_view_input_lossy(in) ? st->red : "",
				    wdl_view_input_lossy(in) ? st->reset : "");
		if (in->unreadable) {
			fprintf(out, "       %sunreadable: ", st->red);
			put_safe_max(out, in->error, 80);
			fprintf(out, "%s\n", st->reset);
		}
	}
}

/* One 802.11 or SSID table (issue 14): rows in report order, the
 * "other" row past the limit, and the exact note; under 80 columns. */
static void tally_text(FILE *out, const struct wdl_tally *t, bool ssid,
		       bool reason, const char *title, const struct style *st)
{
	const struct wdl_tally_row *v[WDL_TALLY_ROWS];
	size_t n = wdl_tally_sorted(t, ssid, v);
	if (!n && !t->other.records)
		return;
	fprintf(out, "\n%s%s%s (status records whose event named one)\n",
		st->bold, title, st->reset);
	fprintf(out, "%s%-40s %8s %8s%s\n", st->bold, ssid ? "SSID" : "CODE",
		"RECORDS", "FAILURES", st->reset);
	for (size_t i = 0; i < n; i++) {
		if (ssid) {
			put_cell(out, v[i]->text, 40, 40);
		} else {
			const char *name = reason ? wdilog_dot11_reason_name(v[i]->code)
						  : wdilog_dot11_status_name(v[i]->code);
			char cell[64];
			snprintf(cell, sizeof(cell), "%5" PRIu32 " %s", v[i]->code,
				 name ? name : "(no name)");
			put_cell(out, cell, 40, 40);
		}
		fprintf(out, " %8" PRIu64 " %s%8" PRIu64 "%s\n", v[i]->records,
			v[i]->failures ? st->red : "", v[i]->failures,
			v[i]->failures ? st->reset : "");
	}
	if (t->other.records)
		fprintf(out, "%-40s %8" PRIu64 " %8" PRIu64 "\n",
			"(other values past the limit)", t->other.records,
			t->other.failures);
	if (t->inexact)
		fprintf(out, "%s(%s)%s\n", st->dim, WDL_INEXACT_NOTE, st->reset);
}

/* 802.11 status and reason codes and SSIDs, each shown when some record
 * named one; "not known" for a merge of older reports. */
static void dot11_sections(FILE *out, const wdilog_report *rep,
			   const struct style *st)
{
	const struct wdl_dot11_counts *d = wdl_view_dot11(rep);
	if (!d) {
		fprintf(out, "\n%s802.11 CODES AND SSIDS%s %s\n", st->bold,
			st->reset, WDL_NOT_KNOWN_NOTE);
		return;
	}
	tally_text(out, &d->status, false, false, "802.11 STATUS CODES", st);
	tally_text(out, &d->reason, false, true, "802.11 REASON CODES", st);
	tally_text(out, &d->ssid, true, false, "SSIDS", st);
}

int wdilog_report_render_text(const wdilog_report *rep, FILE *out,
			      const wdilog_text_style *style, wdilog_error *err)
{
	const struct style *st = style && style->color ? &ansi : &plain;
	bool unicode = style && style->unicode;
	const struct wdl_code_stat **codes = wdl_report_sorted_codes(rep);
	if (!codes)
		return wdl_fail_oom(err);
	summary(out, rep, st);
	window_note(out, rep, st);
	int rc = WDILOG_OK;
	if (rep->totals.statuses) {
		phase_table(out, rep, st);
		code_table(out, codes, rep->ncodes, st);
		sparklines(out, &rep->timeline, st, unicode);
		untimed_note(out, &rep->timeline);
		rc = burst_list(out, rep, st, err);
		if (rc >= 0 && style && style->by_peer)
			rc = peer_table(out, rep, st, err);
		if (rc >= 0)
			dot11_sections(out, rep, st);
	}
	wdl_free(codes);
	if (rc < 0)
		return rc;
	guids(out, rep, st);
	inputs(out, rep, st);
	rc = wdl_render_attempts_text(out, rep, st == &ansi, err);
	if (rc < 0)
		return rc;
	if (ferror(out))
		return wdl_fail(err, WDILOG_EIO, "cannot write the report");
	return WDILOG_OK;
}
