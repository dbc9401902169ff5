/* Render stage, text: the report for a person at a terminal. Tables by
 * phase and by code, a sparkline per phase, undecoded GUIDs and inputs.
 * Stays within 100 columns. Input-derived text (paths, names) is shown
 * with control characters escaped, so a log cannot drive the terminal. */
#include <wdilog/report.h>
#include <wdilog/wdilog.h>

#include <inttypes.h>
#include <string.h>

#include "aggregate.h"
#include "alloc.h"
#include "error.h"
#include "timestamp.h"

#define PREFIX_LEN (sizeof("WDI_ASSOC_STATUS_") - 1)

struct style {
	const char *bold, *red, *yellow, *green, *magenta, *dim, *reset;
};

static const struct style plain = { "", "", "", "", "", "", "" };
static const struct style ansi = { "\033[1m", "\033[31m", "\033[33m",
				   "\033[32m", "\033[35m", "\033[2m",
				   "\033[0m" };

/* Length of the valid UTF-8 sequence at @p p, or 0 if it is not one. */
static size_t utf8_len(const unsigned char *p, size_t avail)
{
	size_t n;
	uint32_t v, min;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		n = 2, v = p[0] & 0x1Fu, min = 0x80;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		n = 3, v = p[0] & 0x0Fu, min = 0x800;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		n = 4, v = p[0] & 0x07u, min = 0x10000;
	else
		return 0;
	if (n > avail)
		return 0;
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (p[k] & 0x3Fu);
	}
	return v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0 : n;
}

/* Print @p s with C0/C1 controls, DEL and ESC as visible escapes. Bytes
 * that are not UTF-8 are escaped too: a lone 0x9b is CSI to a terminal
 * that reads 8-bit controls. */
static void put_safe(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		size_t k = utf8_len(p + i, n - i);
		if (k == 0 || (k == 1 && (p[i] < 0x20 || p[i] == 0x7f))) {
			fprintf(out, "\\x%02x", p[i]);
			k = 1;
		} else if (k == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0) {
			fprintf(out, "\\u%04x", p[i + 1]);   /* C1 */
		} else {
			fwrite(p + i, 1, k, out);
		}
		i += k;
	}
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

static void summary(FILE *out, const wdilog_report *rep, const struct style *st)
{
	const wdilog_totals *t = &rep->totals;
	fprintf(out, "%swdilog%s: %zu input%s, %" PRIu64 " events, %" PRIu64
		" statuses: %s%" PRIu64 " failures%s, %" PRIu64 " benign, %"
		PRIu64 " successes, %" PRIu64 " unknown\n",
		st->bold, st->reset, rep->ninputs, rep->ninputs == 1 ? "" : "s",
		t->events, t->statuses, t->failures ? st->red : "", t->failures,
		t->failures ? st->reset : "", t->benign, t->successes, t->unknown);
	fprintf(out, "events: %" PRIu64 " with status, %" PRIu64
		" without, %" PRIu64 " undecoded, %" PRIu64 " damaged; %" PRIu64
		" malformed values\n",
		t->with_status, t->without_status, t->undecoded, t->damaged,
		t->malformed);
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

static void code_table(FILE *out, const struct wdl_code_stat **codes, size_t n,
		       const struct style *st)
{
	fprintf(out, "\n%s%5s  %-34s %-12s %-7s %6s  %s%s\n", st->bold,
		"CODE", "NAME", "PHASE", "KIND", "COUNT", "LAST", st->reset);
	for (size_t i = 0; i < n; i++) {
		const struct wdl_code_stat *c = codes[i];
		char num[16] = "-";
		if (c->has_code)
			snprintf(num, sizeof(num), "%" PRIu32, c->code);
		const char *name = c->overflow ? "(past the distinct limit)"
				   : !c->has_code ? c->name
				   : wdilog_status_code_name(c->code);
		if (name && strncmp(name, "WDI_ASSOC_STATUS_", PREFIX_LEN) == 0 &&
		    name[PREFIX_LEN])
			name += PREFIX_LEN;
		fprintf(out, "%5s  %-34.34s %-12s %s%-7s%s %6" PRIu64 "  ", num,
			name ? name : "(not in the enum)",
			wdilog_phase_name(c->phase), kind_color(st, c->kind),
			wdilog_kind_name(c->kind), st->reset, c->count);
		put_time(out, &c->last, 0);
		fputc('\n', out);
	}
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
	wdilog_time first = { .seconds = t->first * (int64_t)t->width,
			      .valid = true, .zoned = t->zoned };
	wdilog_time last = { .seconds = (t->first + t->n) * (int64_t)t->width,
			     .valid = true, .zoned = t->zoned };
	wdl_time_format(&first, a, sizeof(a));
	wdl_time_format(&last, b, sizeof(b));
	snprintf(w, sizeof(w), "%" PRIu32 "s", t->width * per);
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

static void guids(FILE *out, const wdilog_report *rep, const struct style *st)
{
	if (!rep->nguids)
		return;
	fprintf(out, "\n%sUNDECODED%s events by trace GUID (missing TMF files):\n",
		st->bold, st->reset);
	for (size_t i = 0; i < rep->nguids; i++)
		fprintf(out, "  %s %7" PRIu64 "\n", rep->guids[i].guid,
			rep->guids[i].count);
	if (rep->guids_overflow)
		fprintf(out, "  (%" PRIu64 " more past the distinct limit)\n",
			rep->guids_overflow);
}

static void inputs(FILE *out, const wdilog_report *rep, const struct style *st)
{
	fprintf(out, "\n%s%-14s %-13s %8s %8s %8s %8s  %s%s\n", st->bold,
		"FORMAT", "ENCODING", "EVENTS", "STATUSES", "DAMAGED",
		"UNDECODED", "INPUT", st->reset);
	for (size_t i = 0; i < rep->ninputs; i++) {
		const struct wdl_input_stat *in = &rep->inputs[i];
		char enc[24];
		snprintf(enc, sizeof(enc), "%s%s", in->encoding,
			 in->gzip ? "+gzip" : "");
		fprintf(out, "%-14s %-13s %8" PRIu64 " %8" PRIu64 " %8" PRIu64
			" %8" PRIu64 "  ",
			in->format, enc, in->events, in->statuses, in->damaged,
			in->undecoded);
		put_safe(out, in->path);
		if (in->unreadable) {
			fprintf(out, "  %s(unreadable: ", st->red);
			put_safe(out, in->error);
			fprintf(out, ")%s", st->reset);
		}
		fputc('\n', out);
	}
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
	if (rep->totals.statuses) {
		phase_table(out, rep, st);
		code_table(out, codes, rep->ncodes, st);
		sparklines(out, &rep->timeline, st, unicode);
	}
	wdl_free(codes);
	guids(out, rep, st);
	inputs(out, rep, st);
	if (ferror(out))
		return wdl_fail(err, WDILOG_EIO, "cannot write the report");
	return WDILOG_OK;
}
