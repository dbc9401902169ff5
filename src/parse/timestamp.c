/* Timestamp recognition. Layouts (formats.md section 2 and 3):
 *   MM/DD/YYYY-hh:mm:ss[.f]   MM/DD/YY-hh:mm:ss[.f]   (DD/MM with day_first)
 *   YYYY-MM-DD hh:mm:ss[.f]   YYYY/MM/DD-hh:mm:ss[.f] YYYY-MM-DDThh:mm:ss[.f]
 * with 0-9 fraction digits (more are read and dropped) and an optional
 * Z or +hh:mm / -hh:mm zone right after the seconds. */
#include "parse/timestamp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/span.h"

int64_t wdl_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	/* The era-based conversion: shift the year to start in March so that
	 * the leap day is the last day of the shifted year. */
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (m + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void wdl_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Exactly @p n digits at p[*i]. */
static bool digits(const char *p, size_t len, size_t *i, int n, int *out)
{
	int v = 0;
	if (*i + (size_t)n > len)
		return false;
	for (int k = 0; k < n; k++) {
		unsigned char c = (unsigned char)p[*i + (size_t)k];
		if (!wdl_is_digit(c))
			return false;
		v = v * 10 + (c - '0');
	}
	*i += (size_t)n;
	*out = v;
	return true;
}

/* One or two digits (tracefmt pads, other tools may not). */
static bool digits12(const char *p, size_t len, size_t *i, int *out)
{
	if (*i + 1 < len && wdl_is_digit((unsigned char)p[*i + 1]))
		return digits(p, len, i, 2, out);
	return digits(p, len, i, 1, out);
}

static bool expect(const char *p, size_t len, size_t *i, char c)
{
	if (*i < len && p[*i] == c) {
		(*i)++;
		return true;
	}
	return false;
}

static unsigned days_in_month(int y, int m)
{
	static const unsigned dm[] = { 31, 28, 31, 30, 31, 30,
				       31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

/* hh:mm:ss[.fffffffff][zone] at p[*i]. */
static bool parse_clock(const char *p, size_t len, size_t *i, int *hh,
			int *mi, int *ss, wdilog_time *t)
{
	if (!digits12(p, len, i, hh) || !expect(p, len, i, ':') ||
	    !digits(p, len, i, 2, mi) || !expect(p, len, i, ':') ||
	    !digits(p, len, i, 2, ss))
		return false;
	if (*hh > 23 || *mi > 59 || *ss > 60)
		return false;
	t->nanos = 0;
	t->digits = 0;
	if (*i + 1 < len && (p[*i] == '.' || p[*i] == ',') &&
	    wdl_is_digit((unsigned char)p[*i + 1])) {
		(*i)++;
		uint32_t scale = 100000000;
		while (*i < len && wdl_is_digit((unsigned char)p[*i])) {
			if (t->digits < 9) {
				t->nanos += (uint32_t)(p[*i] - '0') * scale;
				scale /= 10;
				t->digits++;
			}
			(*i)++;
		}
	}
	t->zoned = false;
	t->offset_minutes = 0;
	if (*i < len && p[*i] == 'Z') {
		t->zoned = true;
		(*i)++;
	} else if (*i < len && (p[*i] == '+' || p[*i] == '-')) {
		size_t k = *i + 1;
		int oh, om;
		if (digits(p, len, &k, 2, &oh) &&
		    (expect(p, len, &k, ':'), digits(p, len, &k, 2, &om)) &&
		    oh <= 23 && om <= 59) {
			int sign = p[*i] == '-' ? -1 : 1;
			t->zoned = true;
			t->offset_minutes = (int16_t)(sign * (oh * 60 + om));
			*i = k;
		}
	}
	return true;
}

static bool finish(int y, int mo, int d, int hh, int mi, int ss,
		   wdilog_time *t)
{
	if (mo < 1 || mo > 12 || d < 1 || (unsigned)d > days_in_month(y, mo))
		return false;
	t->seconds = wdl_days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 +
		     hh * 3600 + mi * 60 + ss;
	/* a leap second on 9999-12-31 would be written as year 10000, which
	 * no report can load back (fuzz_report found it) */
	if (y == 9999 && mo == 12 && d == 31 && hh == 23 && mi == 59 && ss > 59)
		return false;
	t->valid = true;
	return true;
}

size_t wdl_time_parse(const char *p, size_t len, bool day_first,
		      wdilog_time *t)
{
	size_t i = 0;
	int a, b, y = 0, hh, mi, ss;
	wdilog_time tmp = { 0 };

	if (len >= 10 && wdl_is_digit((unsigned char)p[0]) &&
	    wdl_is_digit((unsigned char)p[1]) &&
	    wdl_is_digit((unsigned char)p[2]) &&
	    wdl_is_digit((unsigned char)p[3]) && (p[4] == '-' || p[4] == '/')) {
		/* year first */
		char sep = p[4];
		if (!digits(p, len, &i, 4, &y) || !expect(p, len, &i, sep) ||
		    !digits12(p, len, &i, &a) || !expect(p, len, &i, sep) ||
		    !digits12(p, len, &i, &b))
			return 0;
		if (i >= len || (p[i] != ' ' && p[i] != '-' && p[i] != 'T'))
			return 0;
		i++;
		if (!parse_clock(p, len, &i, &hh, &mi, &ss, &tmp) ||
		    !finish(y, a, b, hh, mi, ss, &tmp))
			return 0;
		*t = tmp;
		return i;
	}
	/* month (or day) first, slash-separated */
	if (!digits12(p, len, &i, &a) || !expect(p, len, &i, '/') ||
	    !digits12(p, len, &i, &b) || !expect(p, len, &i, '/'))
		return 0;
	size_t ystart = i;
	while (i < len && wdl_is_digit((unsigned char)p[i]) && i - ystart < 5)
		i++;
	if (i - ystart == 2) {
		y = 2000 + (p[ystart] - '0') * 10 + (p[ystart + 1] - '0');
	} else if (i - ystart == 4) {
		size_t k = ystart;
		digits(p, len, &k, 4, &y);
	} else {
		return 0;
	}
	if (i >= len || (p[i] != '-' && p[i] != ' '))
		return 0;
	i++;
	if (!parse_clock(p, len, &i, &hh, &mi, &ss, &tmp))
		return 0;
	int mo = day_first ? b : a, d = day_first ? a : b;
	if (!finish(y, mo, d, hh, mi, ss, &tmp))
		return 0;
	*t = tmp;
	return i;
}

bool wdl_time_find(const char *p, size_t len, bool day_first, wdilog_time *t)
{
	for (size_t i = 0; i + 8 <= len; i++) {
		if (!wdl_is_digit((unsigned char)p[i]) ||
		    (i > 0 && wdl_is_digit((unsigned char)p[i - 1])))
			continue;
		if (wdl_time_parse(p + i, len - i, day_first, t))
			return true;
	}
	return false;
}

int wdl_time_cmp(const wdilog_time *a, const wdilog_time *b)
{
	int64_t ka = wdl_time_key(a), kb = wdl_time_key(b);
	if (ka != kb)
		return ka < kb ? -1 : 1;
	if (a->nanos != b->nanos)
		return a->nanos < b->nanos ? -1 : 1;
	return 0;
}

/* @p v (below 100) as two digits. */
static char *two_digits(char *p, unsigned v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

/* wdl_time_format for years 0-9999, offsets under 100 hours and fractions
 * as parsed (reports write a time per code, input and bucket: printf was
 * most of the JSON writer's time). NULL when outside those. */
static char *format_common(const wdilog_time *t, int64_t y, unsigned m,
			   unsigned d, int64_t rem, char *p)
{
	int off = t->offset_minutes < 0 ? -t->offset_minutes : t->offset_minutes;
	if (y < 0 || y > 9999 || t->digits > 9 || t->nanos > 999999999 ||
	    (t->zoned && off >= 100 * 60))
		return NULL;
	p = two_digits(p, (unsigned)(y / 100));
	p = two_digits(p, (unsigned)(y % 100));
	*p++ = '-';
	p = two_digits(p, m);
	*p++ = '-';
	p = two_digits(p, d);
	*p++ = 'T';
	p = two_digits(p, (unsigned)(rem / 3600));
	*p++ = ':';
	p = two_digits(p, (unsigned)(rem / 60 % 60));
	*p++ = ':';
	p = two_digits(p, (unsigned)(rem % 60));
	if (t->digits) {
		*p++ = '.';
		uint32_t f = t->nanos;
		for (int k = 9; k > t->digits; k--)
			f /= 10;
		for (int k = t->digits; k > 0; k--) {
			p[k - 1] = (char)('0' + f % 10);
			f /= 10;
		}
		p += t->digits;
	}
	if (t->zoned) {
		if (off == 0) {
			*p++ = 'Z';
		} else {
			*p++ = t->offset_minutes < 0 ? '-' : '+';
			p = two_digits(p, (unsigned)(off / 60));
			*p++ = ':';
			p = two_digits(p, (unsigned)(off % 60));
		}
	}
	*p = '\0';
	return p;
}

size_t wdl_time_format(const wdilog_time *t, char *dst, size_t cap)
{
	int64_t days = t->seconds / 86400, rem = t->seconds % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	int64_t y;
	unsigned m, d;
	wdl_civil_from_days(days, &y, &m, &d);
	char *end;
	if (cap >= 40 && (end = format_common(t, y, m, d, rem, dst)))
		return (size_t)(end - dst);   /* at most 35 bytes and the NUL */
	int n = snprintf(dst, cap, "%04lld-%02u-%02uT%02d:%02d:%02d",
			 (long long)y, m, d, (int)(rem / 3600),
			 (int)(rem / 60 % 60), (int)(rem % 60));
	if (n < 0 || (size_t)n >= cap)
		return 0;
	size_t len = (size_t)n;
	if (t->digits) {
		char frac[10];
		snprintf(frac, sizeof(frac), "%09u", t->nanos);
		n = snprintf(dst + len, cap - len, ".%.*s", (int)t->digits, frac);
		if (n < 0 || (size_t)n >= cap - len)
			return 0;
		len += (size_t)n;
	}
	if (t->zoned) {
		if (t->offset_minutes == 0)
			n = snprintf(dst + len, cap - len, "Z");
		else
			n = snprintf(dst + len, cap - len, "%c%02d:%02d",
				     t->offset_minutes < 0 ? '-' : '+',
				     abs(t->offset_minutes) / 60,
				     abs(t->offset_minutes) % 60);
		if (n < 0 || (size_t)n >= cap - len)
			return 0;
		len += (size_t)n;
	}
	return len;
}

size_t wdl_time_unknown_len(const char *p, size_t len)
{
	static const char date[] = "00/00/00";
	static const char clock[] = "-00:00:00";
	size_t i = sizeof(date) - 1;
	if (len < i || memcmp(p, date, i) != 0)
		return 0;
	if (len >= i + 2 && p[i] == '0' && p[i + 1] == '0')
		i += 2;
	if (len - i < sizeof(clock) - 1 ||
	    memcmp(p + i, clock, sizeof(clock) - 1) != 0)
		return 0;
	i += sizeof(clock) - 1;
	if (i < len && p[i] == '.') {
		size_t k = i + 1;
		while (k < len && p[k] == '0')
			k++;
		if (k > i + 1)
			i = k;
	}
	return i;
}
