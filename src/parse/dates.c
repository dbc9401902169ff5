/* Slash-date order per input: see dates.h. */
#include "parse/dates.h"

#include <string.h>

#include "parse/timestamp.h"
#include "util/error.h"
#include "util/span.h"

void wdl_dates_init(struct wdl_dates *d, const wdilog_options *opts,
		    const char *name)
{
	memset(d, 0, sizeof(*d));
	d->opts = opts;
	d->name = name;
	d->day_first = opts->day_first;
}

/* One or two digits at p[*i] into *v. */
static bool field(const char *p, size_t len, size_t *i, int *v)
{
	size_t k = *i;
	int n = 0;
	while (k < len && k - *i < 2 && wdl_is_digit((unsigned char)p[k]))
		n = n * 10 + (p[k++] - '0');
	if (k == *i)
		return false;
	*i = k;
	*v = n;
	return true;
}

/* The shape of a tracefmt date, NN/NN/YY or NN/NN/YYYY, then '-' or ' '
 * and a digit, at @p p (values unchecked). Fills the two first fields and
 * the date's length. */
static bool slash_date(const char *p, size_t len, int *a, int *b, size_t *n)
{
	size_t i = 0;
	if (!field(p, len, &i, a) || i >= len || p[i++] != '/' ||
	    !field(p, len, &i, b) || i >= len || p[i++] != '/')
		return false;
	size_t y = i;
	while (i < len && i - y < 5 && wdl_is_digit((unsigned char)p[i]))
		i++;
	if ((i - y != 2 && i - y != 4) || i + 1 >= len ||
	    (p[i] != '-' && p[i] != ' ') || !wdl_is_digit((unsigned char)p[i + 1]))
		return false;
	*n = i;
	return true;
}

static void quote_date(char *dst, const char *p, size_t n)
{
	if (n > WDL_DATE_QUOTE - 1)
		n = WDL_DATE_QUOTE - 1;
	memcpy(dst, p, n);
	dst[n] = '\0';
}

bool wdl_dates_sniff(const char *p, size_t len, char *quote, uint64_t *line)
{
	/* a date's first field is the one or two digits just before a '/':
	 * jump from slash to slash rather than try every digit */
	const char *end = p + len, *s = p;
	while ((s = memchr(s, '/', (size_t)(end - s))) != NULL) {
		const char *d = s;
		while (d > p && s - d < 3 && wdl_is_digit((unsigned char)d[-1]))
			d--;
		size_t run = (size_t)(s - d);
		s++;
		/* no digit, or three or more: no first field */
		if (run == 0 || run == 3)
			continue;
		size_t i = (size_t)(d - p);
		int a, b;
		size_t n;
		wdilog_time t;
		if (!slash_date(d, len - i, &a, &b, &n))
			continue;
		if (a > 12 && b >= 1 && b <= 12 &&
		    wdl_time_parse(d, len - i, true, &t)) {
			quote_date(quote, d, n);
			uint64_t ln = 1;
			for (const char *q = p; (q = memchr(q, '\n', (size_t)(d - q))) != NULL; q++)
				ln++;
			*line = ln;
			return true;
		}
		/* the date's second '/' starts none: its field is followed
		 * by a year's digits, not a '/' */
		s = d + n;
	}
	return false;
}

static const char *order_name(bool day_first)
{
	return day_first ? "day/month" : "month/day";
}

size_t wdl_dates_parse(struct wdl_dates *d, const char *p, size_t len,
		       uint64_t line, uint64_t offset, wdilog_time *t)
{
	int a, b;
	size_t n;
	bool slash = slash_date(p, len, &a, &b, &n);
	size_t used = wdl_time_parse(p, len, d->day_first, t);
	if (used || !slash) {
		if (used && slash && !d->day_first)
			d->read_month_first = true;
		return used;
	}
	/* tracelog -kd writes 00/00/0000 for "no time" (formats.md 3a): not a
	 * date in an unknown order, so nothing to warn about */
	if (wdl_time_unknown_len(p, len))
		return 0;
	char q[WDL_DATE_QUOTE];
	quote_date(q, p, n);
	bool forced = d->opts->day_first || d->opts->month_first;
	wdilog_time other;
	size_t used_other = wdl_time_parse(p, len, !d->day_first, &other);
	if (used_other && !forced && !d->day_first) {
		/* month-first so far by default: this date settles it */
		d->day_first = true;
		wdl_diag(d->opts, WDILOG_DIAG_WARNING, d->name, line, offset,
			 "date %s has a first field above 12: dates of this "
			 "input are read day-first from here on%s", q,
			 d->read_month_first
				 ? "; earlier dates were read month-first and may be misdated (use --day-first)"
				 : "");
		*t = other;
		return used_other;
	}
	if (used_other)
		wdl_diag(d->opts, WDILOG_DIAG_WARNING, d->name, line, offset,
			 "date %s does not fit this input's %s order; "
			 "record left without a time", q, order_name(d->day_first));
	else
		wdl_diag(d->opts, WDILOG_DIAG_WARNING, d->name, line, offset,
			 "date %s fits neither month/day nor day/month; "
			 "record left without a time", q);
	return 0;
}

bool wdl_dates_find(struct wdl_dates *d, const char *p, size_t len,
		    uint64_t line, uint64_t offset, wdilog_time *t)
{
	for (size_t i = 0; i + 8 <= len; i++) {
		if (!wdl_is_digit((unsigned char)p[i]) ||
		    (i > 0 && wdl_is_digit((unsigned char)p[i - 1])))
			continue;
		if (wdl_dates_parse(d, p + i, len - i, line, offset, t))
			return true;
	}
	return false;
}
