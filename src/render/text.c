/* Render stage, text: the report for a person at a terminal. Tables by
 * phase and by code, a sparkline per phase, bursts, the per-peer table
 * (on request), undecoded GUIDs and inputs. Every line stays within the
 * width the caller gives (80 columns unless told): tables narrow their
 * times and cut long names at the end and long paths in the middle with
 * a marker (text_fit.h); sentences break between clauses. A wider width
 * brings back zones, milliseconds and whole names. Input-derived text
 * (paths, names) is shown with control characters escaped, so a log
 * cannot drive the terminal. */
#include <wdilog/report.h>
#include <wdilog/wdilog.h>

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/view.h"
#include "render/attempts_render.h"
#include "render/text_fit.h"
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

/* Text from an input, laid out as printf's "%-*.*s" would lay it out in a
 * buffer of 256 and then escaped (util/escape.h): a log or a crafted
 * report cannot drive the terminal. @p prec < 0 means no cut. */
static void put_cell_to(struct wdl_sink *k, const char *s, int width, int prec)
{
	enum { CAP = 256 };
	if (prec < 0 && strnlen(s, CAP) >= CAP) {
		wdl_escape_to(k, WDL_ESC_TEXT, s, strlen(s));   /* too long to pad anyway */
		return;
	}
	if (prec < 0 || prec >= CAP)
		prec = CAP - 1;
	size_t n = strnlen(s, (size_t)prec);
	/* the padding is plain spaces: escaping the text alone and padding
	 * after it writes the same bytes */
	wdl_escape_to(k, WDL_ESC_TEXT, s, n);
	size_t end = width > 0 && (size_t)width > n ? (size_t)width : n;
	if (end > CAP - 1)
		end = CAP - 1;
	for (size_t i = n; i < end; i++)
		wdl_sink_byte(k, ' ');
}

static void put_cell(FILE *out, const char *s, int width, int prec)
{
	char buf[512];
	struct wdl_sink k;
	wdl_sink_init(&k, out, buf, sizeof(buf));
	put_cell_to(&k, s, width, prec);
	wdl_sink_flush(&k);
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

/* Times stop at milliseconds (tables must fit the width); the JSON
 * report keeps every digit the input had. */
static void time_text(const wdilog_time *t, char *buf, size_t cap)
{
	wdilog_time shown = *t;
	if (shown.digits > 3) {
		shown.digits = 3;
		shown.nanos -= shown.nanos % 1000000;
	}
	if (!t->valid || !wdl_time_format(&shown, buf, cap))
		snprintf(buf, cap, "-");
}

static void put_time(FILE *out, const wdilog_time *t, int width)
{
	char buf[48];
	time_text(t, buf, sizeof(buf));
	fprintf(out, "%-*s", width, buf);
}

/* A loss sentence ("a; b; c") after @p lead, broken after a "; " so no
 * line passes @p w columns; later lines are indented under the first. */
static void put_clauses(FILE *out, const char *lead, const char *text,
			const char *on, const char *off, size_t w)
{
	struct wdl_wrap wr;
	fputs(lead, out);
	wdl_wrap_begin(&wr, out, w, strlen(lead), strlen(lead));
	char clause[512];
	while (*text) {
		const char *sep = strstr(text, "; ");
		size_t len = sep ? (size_t)(sep - text) : strlen(text);
		if (len >= sizeof(clause))
			len = sizeof(clause) - 1;
		memcpy(clause, text, len);
		clause[len] = '\0';
		wdl_wrap_put(&wr, "; ", clause, on, off);
		text += sep ? (size_t)(sep - text) + 2 : strlen(text);
	}
	wdl_wrap_end(&wr);
}

static void summary(FILE *out, const wdilog_report *rep, const struct style *st,
		    size_t w)
{
	const wdilog_totals *t = &rep->totals;
	struct wdl_wrap wr;
	/* plurals right: "1 success", "1 status" */
	fprintf(out, "%swdilog%s: ", st->bold, st->reset);
	wdl_wrap_begin(&wr, out, w, 8, 8);
	wdl_wrap_putf(&wr, "", "%zu input%s", rep->ninputs,
		      rep->ninputs == 1 ? "" : "s");
	wdl_wrap_putf(&wr, ", ", "%" PRIu64 " event%s", t->events,
		      t->events == 1 ? "" : "s");
	wdl_wrap_putf(&wr, ", ", "%" PRIu64 " status%s:", t->statuses,
		      t->statuses == 1 ? "" : "es");
	char b[64];
	snprintf(b, sizeof(b), "%" PRIu64 " failure%s", t->failures,
		 t->failures == 1 ? "" : "s");
	wdl_wrap_put(&wr, " ", b, t->failures ? st->red : "",
		     t->failures ? st->reset : "");
	wdl_wrap_putf(&wr, ", ", "%" PRIu64 " benign", t->benign);
	wdl_wrap_putf(&wr, ", ", "%" PRIu64 " success%s", t->successes,
		      t->successes == 1 ? "" : "es");
	wdl_wrap_putf(&wr, ", ", "%" PRIu64 " unknown", t->unknown);
	wdl_wrap_end(&wr);
	fputs("events: ", out);
	wdl_wrap_begin(&wr, out, w, 8, 8);
	wdl_wrap_putf(&wr, "", "%" PRIu64 " with status", t->with_status);
	wdl_wrap_putf(&wr, ", ", "%" PRIu64 " without", t->without_status);
	wdl_wrap_putf(&wr, ", ", "%" PRIu64 " undecoded", t->undecoded);
	wdl_wrap_putf(&wr, ", ", "%" PRIu64 " damaged", t->damaged);
	wdl_wrap_putf(&wr, "; ", "%" PRIu64 " malformed value%s", t->malformed,
		      t->malformed == 1 ? "" : "s");
	wdl_wrap_end(&wr);
	char loss[512];
	if (wdl_view_totals_loss(t, loss, sizeof(loss)))
		put_clauses(out, "reading: ", loss,
			    wdl_view_lossy(t) ? st->red : "",
			    wdl_view_lossy(t) ? st->reset : "", w);
}

/* The written date of @p t as days since the epoch. */
static int64_t day_of(const wdilog_time *t)
{
	return t->seconds >= 0 ? t->seconds / 86400 : (t->seconds - 86399) / 86400;
}

/* How much of a time a table shows: all times share a date, a year, or
 * neither. */
enum span_kind { ONE_DAY, ONE_YEAR, YEARS };

/* How fine a table time is: to the millisecond, the second, or the day. */
enum precision { PREC_MS, PREC_S, PREC_DATE };

/* Widen @p k for time @p t (valid), the first date seen kept in @p day
 * and @p first_date (INT64_MIN: none yet). */
static void span_add(enum span_kind *k, int64_t *day, char first_date[48],
		     const wdilog_time *t)
{
	char buf[48];
	if (!t->valid || !wdl_time_format(t, buf, 48))
		return;
	if (*day == INT64_MIN) {
		*day = day_of(t);
		memcpy(first_date, buf, sizeof(buf));
	}
	if (day_of(t) != *day && *k == ONE_DAY)
		*k = ONE_YEAR;
	if (memcmp(buf, first_date, 4) != 0)
		*k = YEARS;
}

/* A table time into @p buf: zone left out, fractions past milliseconds
 * cut (the JSON report keeps both), the date or year all the table's
 * times share left out (@p k; the heading gives it once), to precision
 * @p p. "-" when there is no time. Returns its length. */
static size_t short_time(char *buf, size_t cap, const wdilog_time *t,
			 enum span_kind k, enum precision p)
{
	char full[48];
	wdilog_time shown = *t;
	shown.zoned = false;
	if (shown.digits > 3) {
		shown.digits = 3;
		shown.nanos -= shown.nanos % 1000000;
	}
	if (!t->valid || !wdl_time_format(&shown, full, sizeof(full)))
		return (size_t)snprintf(buf, cap, "-");
	/* full is YYYY-MM-DDThh:mm:ss[.fff] */
	full[10] = ' ';
	size_t from = k == ONE_DAY ? 11 : k == ONE_YEAR ? 5 : 0;
	size_t to = p == PREC_MS ? strlen(full) : p == PREC_S ? 19 : 10;
	if (k == ONE_DAY && p == PREC_DATE)
		to = 19;            /* a time of day has no date to keep */
	return (size_t)snprintf(buf, cap, "%.*s", (int)(to - from), full + from);
}

/* Widen *@p w to hold short_time of @p t. */
static void fit_time(size_t *w, const wdilog_time *t, enum span_kind k,
		     enum precision p)
{
	char buf[48];
	size_t len = short_time(buf, sizeof(buf), t, k, p);
	if (len > *w)
		*w = len;
}

static const char *code_name(const struct wdl_code_stat *c)
{
	const char *name = c->overflow ? "(past the distinct limit)"
			   : !c->has_code ? c->name
			   : wdilog_status_code_name(c->code);
	return name ? wdl_status_short_name(name) : WDL_NOT_IN_ENUM;
}

static void put_short(FILE *out, const wdilog_time *t, enum span_kind k,
		      enum precision p, size_t pad)
{
	char buf[48];
	short_time(buf, sizeof(buf), t, k, p);
	fprintf(out, "%-*s", (int)pad, buf);
}

static int digits(uint64_t v)
{
	int n = 1;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* Wide enough, the times as written (zone, milliseconds); else the
 * zone goes (the TIMELINE states the clock), then the milliseconds. */
static void phase_table(FILE *out, const wdilog_report *rep,
			const struct style *st, size_t w)
{
	uint64_t most = 0;
	size_t widest = 0;
	for (int i = 0; i < WDILOG_PHASE_COUNT; i++) {
		const struct wdl_phase_stat *ph = &rep->phases[i];
		if (!ph->statuses)
			continue;
		if (ph->statuses > most)
			most = ph->statuses;
		char buf[48];
		wdilog_time shown = ph->last;
		if (shown.digits > 3)
			shown.digits = 3;
		size_t len = shown.valid ? wdl_time_format(&shown, buf, sizeof(buf)) : 1;
		if (len > widest)
			widest = len;
	}
	int cw = digits(most) > 8 ? digits(most) : 8;
	if ((size_t)(14 + 1 + 9 + 1 + 9 + 2 + 30) + widest <= w && cw <= 9) {
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
		return;
	}
	size_t fixed = 12 + 1 + (size_t)cw + 1 + (size_t)cw + 2 + 2;
	enum precision p = PREC_MS;
	size_t tw = 0, tl = 0;
	for (;; p++) {
		tw = 5;
		tl = 4;
		for (int i = 0; i < WDILOG_PHASE_COUNT; i++) {
			if (!rep->phases[i].statuses)
				continue;
			fit_time(&tw, &rep->phases[i].first, YEARS, p);
			fit_time(&tl, &rep->phases[i].last, YEARS, p);
		}
		if (fixed + tw + tl <= w || p == PREC_DATE)
			break;
	}
	fprintf(out, "\n%s%-12s %*s %*s  %-*s  %s%s\n", st->bold, "PHASE", cw,
		"STATUSES", cw, "FAILURES", (int)tw, "FIRST", "LAST", st->reset);
	for (int i = 0; i < WDILOG_PHASE_COUNT; i++) {
		const struct wdl_phase_stat *ph = &rep->phases[i];
		if (!ph->statuses)
			continue;
		fprintf(out, "%-12s %*" PRIu64 " %s%*" PRIu64 "%s  ",
			wdilog_phase_name((wdilog_phase)i), cw, ph->statuses,
			ph->failures ? st->red : "", cw, ph->failures,
			ph->failures ? st->reset : "");
		put_short(out, &ph->first, YEARS, p, tw + 2);
		put_short(out, &ph->last, YEARS, p, 0);
		fputc('\n', out);
	}
}

/* Names as wide as the longest (at most 34 columns, cut at the end with a
 * marker past it); when the line would pass the width the times lose
 * their milliseconds first, then the names are cut further. */
static void code_table(FILE *out, const struct wdl_code_stat **codes, size_t n,
		       const struct style *st, size_t w, bool unicode)
{
	int64_t day = INT64_MIN;
	char first_date[48] = "";
	enum span_kind k = ONE_DAY;
	uint32_t top_code = 0;
	uint64_t most = 0;
	size_t name_need = 4, phase_w = 5;
	for (size_t i = 0; i < n; i++) {
		const struct wdl_code_stat *c = codes[i];
		span_add(&k, &day, first_date, &c->first);
		span_add(&k, &day, first_date, &c->last);
		const char *name = code_name(c);
		size_t cols = wdl_text_cols(name, strlen(name));
		if (cols > name_need)
			name_need = cols;
		size_t pl = strlen(wdilog_phase_name(c->phase));
		if (pl > phase_w)
			phase_w = pl;
		if (c->has_code && c->code > top_code)
			top_code = c->code;
		if (c->count > most)
			most = c->count;
	}
	if (name_need > 34)
		name_need = 34;
	int cw = digits(top_code) + 1 > 5 ? digits(top_code) + 1 : 5;
	int nw_count = digits(most) > 5 ? digits(most) : 5;
	size_t fixed = (size_t)cw + 2 + 1 + phase_w + 1 + 7 + 1 + (size_t)nw_count + 2 + 1;
	/* the finest precision the span allows, then coarser while too wide */
	enum precision p = k == ONE_DAY ? PREC_MS : k == ONE_YEAR ? PREC_S : PREC_DATE;
	size_t tw, tl;
	for (;;) {
		tw = 5;
		tl = 4;
		for (size_t i = 0; i < n; i++) {
			fit_time(&tw, &codes[i]->first, k, p);
			fit_time(&tl, &codes[i]->last, k, p);
		}
		if (fixed + name_need + tw + tl <= w || p == PREC_DATE ||
		    (k == ONE_DAY && p == PREC_S))
			break;
		p++;
	}
	size_t nw = name_need;
	if (fixed + nw + tw + tl > w)
		nw = w > fixed + tw + tl + 8 ? w - fixed - tw - tl : 8;
	if (day != INT64_MIN && k == ONE_DAY)
		fprintf(out, "\nstatus codes, times on %.10s:", first_date);
	else if (day != INT64_MIN && k == ONE_YEAR)
		fprintf(out, "\nstatus codes, times in %.4s:", first_date);
	fprintf(out, "\n%s%*s  %-*s %-*s %-7s %*s  %-*s %s%s\n", st->bold, cw,
		"CODE", (int)nw, "NAME", (int)phase_w, "PHASE", "KIND", nw_count,
		"COUNT", (int)tw, "FIRST", "LAST", st->reset);
	for (size_t i = 0; i < n; i++) {
		const struct wdl_code_stat *c = codes[i];
		char num[16] = "-";
		if (c->has_code)
			snprintf(num, sizeof(num), "%" PRIu32, c->code);
		fprintf(out, "%*s  ", cw, num);
		wdl_text_fit(out, code_name(c), nw, nw, WDL_CUT_END, unicode);
		fprintf(out, " %-*s %s%-7s%s %*" PRIu64 "  ", (int)phase_w,
			wdilog_phase_name(c->phase), kind_color(st, c->kind),
			wdilog_kind_name(c->kind), st->reset, nw_count, c->count);
		put_short(out, &c->first, k, p, tw + 1);
		put_short(out, &c->last, k, p, 0);
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

/* The clock the timeline's times are on, said once where they are shown
 * (the HTML report says the same under its chart). */
static void clock_note(FILE *out, const struct wdl_timeline *t, size_t w)
{
	(void)w;    /* both sentences fit the narrowest width */
	fputs(t->zoned ? "clock: UTC (times with a zone converted, times without "
			 "one as written)\n"
		       : "clock: as written, no zone (the capturing machine's "
			 "local time)\n", out);
}

/* The timeline drawn in columns: stretches of activity side by side,
 * the long empty gaps between them (wdl_timeline_layout, the rule the
 * HTML chart follows too) one break column each; @p per buckets to a
 * column. */
struct spark_plan {
	uint32_t per;
	uint32_t nstretch;
	uint32_t from[WDL_TIMELINE_MAX], to[WDL_TIMELINE_MAX]; /* buckets */
	uint32_t cols;              /* columns in all, breaks included */
};

/* Fold @p t into at most @p avail columns: with its breaks when they
 * leave room for the stretches, else as one stretch. */
static void spark_plan(const struct wdl_timeline *t,
		       const struct wdl_timeline_layout *l, uint32_t avail,
		       struct spark_plan *sp)
{
	sp->nstretch = 0;
	uint32_t at = 0;
	for (uint32_t k = 0; k <= l->nbreaks; k++) {
		sp->from[sp->nstretch] = at;
		sp->to[sp->nstretch] = k < l->nbreaks ? l->breaks[k].from : t->n;
		sp->nstretch++;
		if (k < l->nbreaks)
			at = l->breaks[k].to;
	}
	if (sp->nstretch * 2 - 1 > avail) {
		sp->nstretch = 1;   /* too many breaks to draw: no folding */
		sp->from[0] = 0;
		sp->to[0] = t->n;
	}
	for (sp->per = 1;; sp->per++) {
		uint32_t cols = sp->nstretch - 1;
		for (uint32_t s = 0; s < sp->nstretch; s++)
			cols += (sp->to[s] - sp->from[s] + sp->per - 1) / sp->per;
		sp->cols = cols;
		if (cols <= avail || sp->per >= t->n)
			return;
	}
}

/* The breaks under the chart: how long each one lasted, and when. */
static void break_notes(FILE *out, const struct wdl_timeline *t,
			const struct spark_plan *sp, const char *mark, size_t w)
{
	for (uint32_t s = 1; s < sp->nstretch; s++) {
		char len[32], a[48], b[48];
		wdilog_time from = { .seconds = wdl_timeline_bucket_start(t, sp->to[s - 1]),
				     .valid = true, .zoned = t->zoned };
		wdilog_time to = { .seconds = wdl_timeline_bucket_start(t, sp->from[s]),
				   .valid = true, .zoned = t->zoned };
		wdl_duration_text((uint64_t)(sp->from[s] - sp->to[s - 1]) * t->width,
				  len, sizeof(len));
		wdl_time_format(&from, a, sizeof(a));
		wdl_time_format(&to, b, sizeof(b));
		struct wdl_wrap wr;
		fprintf(out, "  %s ", mark);
		wdl_wrap_begin(&wr, out, w, 4, 4);
		wdl_wrap_putf(&wr, "", "gap of %s:", len);
		wdl_wrap_putf(&wr, " ", "%s", a);
		wdl_wrap_putf(&wr, " ", ".. %s", b);
		wdl_wrap_end(&wr);
	}
}

/* floor(7 x / max) for x <= max, exactly, without the product 7 x that a
 * loaded report's counts (near 2^63) would wrap: with max = 7a + b,
 * 7x >= k max exactly when x >= k a + ceil(k b / 7). */
static unsigned sevenths(uint64_t x, uint64_t max)
{
	uint64_t a = max / 7, b = max % 7;
	unsigned k = 0;
	while (k < 7 && x >= (k + 1) * a + ((k + 1) * b + 6) / 7)
		k++;
	return k;
}

/* One character per column, scaled to the phase's busiest column; each
 * phase its own row, so successes stay apart from failures and a storm
 * is not flattened by another phase's count. */
static void sparklines(FILE *out, const struct wdl_timeline *t,
		       const struct style *st, bool unicode, size_t w)
{
	static const char *const blocks[] = { " ", "\u2581", "\u2582", "\u2583",
					      "\u2584", "\u2585", "\u2586",
					      "\u2587", "\u2588" };
	static const char ascii[] = " .:-=+*#@";
	const char *mark = unicode ? "\u2571" : "/";
	if (!t->n)
		return;
	uint64_t grand = 0;
	for (uint32_t k = 0; k < t->n; k++)
		for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++)
			grand += t->counts[k][ph];
	/* "phase         |...| total" */
	struct wdl_timeline_layout l;
	struct spark_plan sp;
	wdl_timeline_layout(t, &l);
	spark_plan(t, &l, (uint32_t)(w - 14 - 3 - (size_t)digits(grand)), &sp);
	char a[48], b[48], unit[32];
	wdilog_time first = { .seconds = wdl_timeline_bucket_start(t, 0),
			      .valid = true, .zoned = t->zoned };
	wdilog_time last = { .seconds = wdl_timeline_bucket_start(t, t->n),
			     .valid = true, .zoned = t->zoned };
	wdl_time_format(&first, a, sizeof(a));
	wdl_time_format(&last, b, sizeof(b));
	wdl_duration_text((uint64_t)t->width * sp.per, unit, sizeof(unit));
	struct wdl_wrap wr;
	fprintf(out, "\n%sTIMELINE%s", st->bold, st->reset);
	wdl_wrap_begin(&wr, out, w, 8, 2);
	wdl_wrap_putf(&wr, " ", "%s .. %s,", a, b);
	wdl_wrap_putf(&wr, " ", "one column = %s", unit);
	wdl_wrap_end(&wr);
	clock_note(out, t, w);
	for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++) {
		uint64_t max = 0, total = 0;
		uint64_t v[WDL_TIMELINE_MAX];
		uint32_t c = 0;
		for (uint32_t s = 0; s < sp.nstretch; s++)
			for (uint32_t k0 = sp.from[s]; k0 < sp.to[s]; k0 += sp.per) {
				v[c] = 0;
				for (uint32_t k = k0; k < k0 + sp.per && k < sp.to[s]; k++)
					v[c] += t->counts[k][ph];
				if (v[c] > max)
					max = v[c];
				total += v[c++];
			}
		if (!total)
			continue;
		fprintf(out, "%-14s|", wdilog_phase_name((wdilog_phase)ph));
		c = 0;
		for (uint32_t s = 0; s < sp.nstretch; s++) {
			if (s)
				fputs(mark, out);
			for (uint32_t k0 = sp.from[s]; k0 < sp.to[s]; k0 += sp.per) {
				uint64_t x = v[c++];
				unsigned level = x ? 1 + sevenths(x, max) : 0;
				if (level > 8)
					level = 8;
				if (unicode)
					fputs(blocks[level], out);
				else
					fputc(ascii[level], out);
			}
		}
		fprintf(out, "| %" PRIu64 "\n", total);
	}
	break_notes(out, t, &sp, mark, w);
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
		    bool with_count, bool unicode)
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
	char count[32] = "";
	if (with_count)
		snprintf(count, sizeof(count), " (%" PRIu64 ")", top.count);
	size_t room = (size_t)width > strlen(count) + 1 ? (size_t)width - strlen(count) : 1;
	wdl_text_fit(out, buf, room, 0, WDL_CUT_END, unicode);
	fputs(count, out);
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

/* Wide, the failures in full and the time of the last record; narrow,
 * compact counts and no time, so the top failure keeps its name. */
static void peer_row(FILE *out, const wdilog_report *rep, const char *label,
		     const struct wdl_peer_stat *p, const struct style *st,
		     size_t w, bool unicode)
{
	bool wide = w >= 100;
	static const int order[] = { WDILOG_PHASE_SUCCESS, WDILOG_PHASE_GENERAL,
				     WDILOG_PHASE_PROBE, WDILOG_PHASE_AUTH,
				     WDILOG_PHASE_ASSOC,
				     WDILOG_PHASE_DISASSOCIATE,
				     WDILOG_PHASE_UNKNOWN };
	char b[16];
	fprintf(out, "%-17s %s%*s%s", label, p->failures ? st->red : "",
		wide ? 8 : 4, compact(p->failures, b), p->failures ? st->reset : "");
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		fprintf(out, " %4s", compact(p->phases[order[i]], b));
	fputs("  ", out);
	if (wide) {
		put_clock(out, &p->last);
		fputs("  ", out);
	}
	put_top(out, rep, p->codes, p->ncodes, wide ? (int)(w - 73) : (int)(w - 59),
		false, unicode);
	fputc('\n', out);
}

static int peer_table(FILE *out, const wdilog_report *rep,
		      const struct style *st, size_t w, bool unicode,
		      wdilog_error *err)
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
	if (w >= 100)
		fprintf(out, "%s%-17s %8s %4s %4s %4s %4s %4s %4s %4s  %-8s  %s%s\n",
			st->bold, "PEER", "FAILURES", "SUCC", "GEN", "PROB", "AUTH",
			"ASSC", "DISA", "UNKN", "LAST", "TOP FAILURE", st->reset);
	else
		fprintf(out, "%s%-17s %4s %4s %4s %4s %4s %4s %4s %4s  %s%s\n",
			st->bold, "PEER", "FAIL", "SUCC", "GEN", "PROB", "AUTH",
			"ASSC", "DISA", "UNKN", "TOP FAILURE", st->reset);
	size_t shown = ps->n < PEER_ROWS ? ps->n : PEER_ROWS;
	for (size_t i = 0; i < shown; i++) {
		char mac[18];
		wdl_mac_format(v[i]->mac, mac);
		peer_row(out, rep, mac, v[i], st, w, unicode);
	}
	wdl_free(v);
	if (ps->n > shown)
		fprintf(out, "%s(%zu more peers in the JSON and HTML reports)%s\n",
			st->dim, ps->n - shown, st->reset);
	if (ps->none.statuses)
		peer_row(out, rep, "(no peer)", &ps->none, st, w, unicode);
	if (ps->overflow.statuses)
		peer_row(out, rep, "(past the limit)", &ps->overflow, st, w, unicode);
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

/* In time order, each run of bursts from one input under that input's
 * name (paths cut in the middle to fit). */
static int burst_list(FILE *out, const wdilog_report *rep,
		      const struct style *st, size_t w, bool unicode,
		      wdilog_error *err)
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
	fprintf(out, "%s%-23s  %-12s  %8s  %s%s\n", st->bold, "START", "END",
		"FAILURES", "DOMINANT CODE (RECORDS)", st->reset);
	size_t shown = n;
	if (n > BURST_ROWS) {
		/* the largest ones, shown in time order */
		qsort(v, n, sizeof(*v), cmp_burst_size);
		shown = BURST_ROWS;
		qsort(v, shown, sizeof(*v), cmp_burst_start);
	}
	for (size_t i = 0; i < shown; i++) {
		if (v[i].input < wdl_view_ninputs(rep) &&
		    (i == 0 || v[i].input != v[i - 1].input)) {
			fputs("in ", out);
			wdl_text_fit(out, wdl_view_input(rep, v[i].input)->path,
				     w - 4, 0, WDL_CUT_MIDDLE, unicode);
			fputs(":\n", out);
		}
		/* the end as a time of day when on the start's date */
		put_short(out, &v[i].start, YEARS, PREC_MS, 25);
		bool same = day_of(&v[i].start) == day_of(&v[i].end);
		put_short(out, &v[i].end, same ? ONE_DAY : YEARS,
			  same ? PREC_MS : PREC_DATE, 14);
		fprintf(out, "%s%8" PRIu64 "%s  ", st->red, v[i].failures,
			st->reset);
		put_top(out, rep, v[i].codes, v[i].ncodes, (int)(w - 49), true,
			unicode);
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
			const struct style *st, size_t width)
{
	const struct wdl_window *w = &rep->window;
	if (!w->active)
		return;
	struct wdl_wrap wr;
	fprintf(out, "%swindow%s:", st->bold, st->reset);
	wdl_wrap_begin(&wr, out, width, 7, 2);
	for (int i = 0; i < 2; i++) {
		const struct wdl_bound *b = i ? &w->until : &w->since;
		char at[48] = "-";
		if (b->set && b->time_of_day && !w->resolved)
			snprintf(at, sizeof(at), "%02d:%02d:%02d",
				 (int)(b->tod_seconds / 3600),
				 (int)(b->tod_seconds / 60 % 60),
				 (int)(b->tod_seconds % 60));
		else if (b->set)
			time_text(&b->at, at, sizeof(at));
		wdl_wrap_putf(&wr, " ", "%s %s%s", i ? "until" : "since", at,
			      i ? ";" : "");
	}
	wdl_wrap_putf(&wr, " ", "%" PRIu64 " events with status left out",
		      w->excluded_events);
	wdl_wrap_putf(&wr, " ", "(%" PRIu64 " without a time)", w->untimed_events);
	wdl_wrap_end(&wr);
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

/* Each input on a line of its own, its figures on the next: paths are
 * as long as they are, the figures line up. */
static void inputs(FILE *out, const wdilog_report *rep, const struct style *st,
		   size_t w, bool unicode)
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
		wdl_text_fit(out, in->path, w - 2, 0, WDL_CUT_MIDDLE, unicode);
		/* the figures line gathered and written at once: one line an
		 * input, ten thousand of them in a large run */
		char line[1024];
		struct wdl_sink k;
		wdl_sink_init(&k, out, line, sizeof(line));
		wdl_sink_lit(&k, "\n       ");
		put_cell_to(&k, in->format, 14, -1);
		wdl_sink_byte(&k, ' ');
		put_cell_to(&k, enc, 13, -1);
		wdl_sink_byte(&k, ' ');
		wdl_sink_u64_width(&k, in->events, 8);
		wdl_sink_byte(&k, ' ');
		wdl_sink_u64_width(&k, in->statuses, 8);
		wdl_sink_byte(&k, ' ');
		wdl_sink_u64_width(&k, in->damaged, 8);
		wdl_sink_byte(&k, ' ');
		wdl_sink_u64_width(&k, in->undecoded, 9);
		wdl_sink_byte(&k, '\n');
		wdl_sink_flush(&k);
		char loss[512];
		if (wdl_view_input_loss(in, loss, sizeof(loss)))
			put_clauses(out, "       ", loss,
				    wdl_view_input_lossy(in) ? st->red : "",
				    wdl_view_input_lossy(in) ? st->reset : "", w);
		if (in->unreadable) {
			fprintf(out, "       %sunreadable: ", st->red);
			wdl_text_fit(out, in->error, w - 19, 0, WDL_CUT_END, unicode);
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
	size_t w = wdl_text_width(style ? style->width : 0);
	const struct wdl_code_stat **codes = wdl_report_sorted_codes(rep);
	if (!codes)
		return wdl_fail_oom(err);
	summary(out, rep, st, w);
	window_note(out, rep, st, w);
	int rc = WDILOG_OK;
	if (rep->totals.statuses) {
		phase_table(out, rep, st, w);
		code_table(out, codes, rep->ncodes, st, w, unicode);
		sparklines(out, &rep->timeline, st, unicode, w);
		untimed_note(out, &rep->timeline);
		rc = burst_list(out, rep, st, w, unicode, err);
		if (rc >= 0 && style && style->by_peer)
			rc = peer_table(out, rep, st, w, unicode, err);
		if (rc >= 0)
			dot11_sections(out, rep, st);
	}
	wdl_free(codes);
	if (rc < 0)
		return rc;
	guids(out, rep, st);
	inputs(out, rep, st, w, unicode);
	rc = wdl_render_attempts_text(out, rep, st == &ansi, w, unicode, err);
	if (rc < 0)
		return rc;
	if (ferror(out))
		return wdl_fail(err, WDILOG_EIO, "cannot write the report");
	return WDILOG_OK;
}
