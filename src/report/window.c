/* Aggregate stage, time window. Filters status records by time before
 * they are counted, so that a window gives the counts a file cut to that
 * window would give. Events without a status are never filtered: their
 * time is never read (that is what keeps the fast path fast), so they
 * count whatever the window; doc/report.md says so. */
#include "report/window.h"

#include <string.h>

#include "util/error.h"
#include "util/span.h"
#include "parse/timestamp.h"

/* "h:mm", "hh:mm", "hh:mm:ss" and "hh:mm:ss.fff": a time of day. */
static bool time_of_day(const char *s, struct wdl_bound *b)
{
	size_t len = strlen(s), i = 0;
	int v[3] = { 0, 0, 0 }, n = 0;
	uint32_t nanos = 0;
	while (n < 3) {
		size_t start = i;
		int x = 0;
		while (i < len && wdl_is_digit((unsigned char)s[i]) && i - start < 2)
			x = x * 10 + (s[i++] - '0');
		if (i == start || (n > 0 && i - start != 2))
			return false;
		v[n++] = x;
		if (i < len && s[i] == ':' && n < 3) {
			i++;
			continue;
		}
		break;
	}
	if (n < 2 || v[0] > 23 || v[1] > 59 || v[2] > 59)
		return false;
	if (n == 3 && i < len && (s[i] == '.' || s[i] == ',')) {
		uint32_t scale = 100000000;
		size_t start = ++i;
		while (i < len && wdl_is_digit((unsigned char)s[i])) {
			nanos += (uint32_t)(s[i] - '0') * scale;
			scale /= 10;
			i++;
		}
		if (i == start || i - start > 9)
			return false;
	}
	if (i != len)
		return false;
	b->time_of_day = true;
	b->tod_seconds = v[0] * 3600 + v[1] * 60 + v[2];
	b->at.nanos = nanos;
	return true;
}

int wdl_bound_parse(const char *s, struct wdl_bound *b, wdilog_error *err)
{
	memset(b, 0, sizeof(*b));
	b->set = true;
	if (time_of_day(s, b))
		return WDILOG_OK;
	/* complete a date, or a date and hh:mm, to the layouts read below */
	char buf[64];
	size_t len = strlen(s);
	if (len >= sizeof(buf) - 10)
		goto bad;
	memcpy(buf, s, len + 1);
	if (len == 10 && buf[4] == '-' && buf[7] == '-')
		memcpy(buf + len, "T00:00:00", 10);
	else if (len == 16 && buf[4] == '-' && buf[7] == '-' && buf[13] == ':')
		memcpy(buf + len, ":00", 4);
	len = strlen(buf);
	if (wdl_time_parse(buf, len, false, &b->at) == len && b->at.valid)
		return WDILOG_OK;
bad:
	return wdl_fail(err, WDILOG_EINVAL,
			"'%s' is not a time (use hh:mm[:ss] or YYYY-MM-DD[Thh:mm[:ss]])",
			s);
}

/* A time of day on the date of @p ref, in its zone. */
static void apply_date(struct wdl_bound *b, const wdilog_time *ref)
{
	int64_t day = ref->seconds / 86400;
	if (ref->seconds % 86400 < 0)
		day--;
	uint32_t nanos = b->at.nanos;
	b->at = *ref;
	b->at.seconds = day * 86400 + b->tod_seconds;
	b->at.nanos = nanos;
	b->at.digits = nanos ? 9 : 0;
}

static void resolve(struct wdl_window *w, const wdilog_time *ref)
{
	if (w->since.set && w->since.time_of_day)
		apply_date(&w->since, ref);
	if (w->until.set && w->until.time_of_day) {
		apply_date(&w->until, ref);
		/* "--since 23:50 --until 00:10" runs past midnight */
		if (w->since.set && wdl_time_cmp(&w->until.at, &w->since.at) <= 0)
			w->until.at.seconds += 86400;
	}
	w->resolved = true;
}

bool wdl_window_admit(struct wdl_window *w, const wdilog_time *t)
{
	if (!t->valid)
		return false;
	if (!w->resolved)
		resolve(w, t);
	if (w->since.set && wdl_time_cmp(t, &w->since.at) < 0)
		return false;
	if (w->until.set && wdl_time_cmp(t, &w->until.at) >= 0)
		return false;
	return true;
}
