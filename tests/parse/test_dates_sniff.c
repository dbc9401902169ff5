/* The day-first sniff jumps from '/' to '/': it must find the same first
 * date, quote and line as trying every digit run, on texts built to hold
 * near misses (three-digit fields, dates at the very start and end, runs
 * of slashes, fields above 12 in either place). */
#include <stdlib.h>

#include "check.h"
#include "parse/dates.h"
#include "parse/timestamp.h"
#include "util/span.h"

/* The plain search the sniff replaced: every digit that starts a run. */
static bool every_digit(const char *p, size_t len, char *quote, uint64_t *line)
{
	uint64_t ln = 1;
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '\n') {
			ln++;
			continue;
		}
		if (!wdl_is_digit((unsigned char)p[i]) ||
		    (i > 0 && wdl_is_digit((unsigned char)p[i - 1])))
			continue;
		wdilog_time t;
		if (!wdl_time_parse(p + i, len - i, true, &t))
			continue;
		/* the first two fields, as the sniff requires */
		int a = 0, b = 0;
		size_t k = i;
		while (k < len && wdl_is_digit((unsigned char)p[k]))
			a = a * 10 + (p[k++] - '0');
		if (k - i > 2 || k >= len || p[k] != '/')
			continue;
		size_t m = ++k;
		while (k < len && wdl_is_digit((unsigned char)p[k]))
			b = b * 10 + (p[k++] - '0');
		if (k - m > 2 || k == m || k >= len || p[k] != '/')
			continue;
		size_t y = ++k;
		while (k < len && wdl_is_digit((unsigned char)p[k]))
			k++;
		if ((k - y != 2 && k - y != 4) || k + 1 >= len ||
		    (p[k] != '-' && p[k] != ' ') ||
		    !wdl_is_digit((unsigned char)p[k + 1]))
			continue;
		if (a <= 12 || b < 1 || b > 12)
			continue;
		size_t n = k - i < WDL_DATE_QUOTE - 1 ? k - i : WDL_DATE_QUOTE - 1;
		memcpy(quote, p + i, n);
		quote[n] = '\0';
		*line = ln;
		return true;
	}
	return false;
}

static void same(const char *p, size_t len)
{
	char q1[WDL_DATE_QUOTE] = "", q2[WDL_DATE_QUOTE] = "";
	uint64_t l1 = 0, l2 = 0;
	bool f1 = wdl_dates_sniff(p, len, q1, &l1);
	bool f2 = every_digit(p, len, q2, &l2);
	CHECK(f1 == f2);
	if (f1 && f2) {
		CHECK_STR(q1, q2);
		CHECK_EQ_U(l1, l2);
	}
}

static void fixed(void)
{
	char q[WDL_DATE_QUOTE];
	uint64_t line = 0;
	const char *t = "x\n05/11/2024-10:00:00.000 a\n23/11/2024-10:00:00.000 b\n";
	CHECK(wdl_dates_sniff(t, strlen(t), q, &line));
	CHECK_STR(q, "23/11/2024");
	CHECK_EQ_U(line, 3);
	t = "23/11/24 10:00:00";
	CHECK(wdl_dates_sniff(t, strlen(t), q, &line));
	CHECK_STR(q, "23/11/24");
	CHECK_EQ_U(line, 1);
	/* a three-digit first field is no date; its last two digits are not
	 * one either (the run starts earlier) */
	t = "123/11/2024-10:00:00.000";
	CHECK(!wdl_dates_sniff(t, strlen(t), q, &line));
	t = "1/23/11/2024-10:00:00.000";
	CHECK(wdl_dates_sniff(t, strlen(t), q, &line));
	CHECK_STR(q, "23/11/2024");
	t = "/13/05/2024-1";
	same(t, strlen(t));
	t = "13/05/2024-";
	CHECK(!wdl_dates_sniff(t, strlen(t), q, &line));
	same(t, strlen(t));
}

static void random_texts(void)
{
	static const char *const bits[] = {
		"/", "//", "1", "13", "123", "05", "31", "0", "/2024", "/24",
		"-", " ", "\n", "10:00:00.000", "12:27:40", "a", "2024",
		"23/11/2024-10:00:00.000", "11/23/2024-10:00:00.000",
		"13/13/2024-1", "29/02/2023 10:00:00", "29/02/2024 10:00:00",
	};
	const size_t nbits = sizeof(bits) / sizeof(bits[0]);
	char buf[512];
	unsigned seed = 12345;
	for (int round = 0; round < 20000; round++) {
		size_t len = 0;
		int pieces = (int)(rand_r(&seed) % 24);
		for (int k = 0; k < pieces; k++) {
			const char *b = bits[(size_t)rand_r(&seed) % nbits];
			size_t n = strlen(b);
			if (len + n > sizeof(buf))
				break;
			memcpy(buf + len, b, n);
			len += n;
		}
		/* cut anywhere: a date may end the buffer */
		size_t cut = len ? (size_t)rand_r(&seed) % (len + 1) : 0;
		same(buf, cut);
	}
}

int main(void)
{
	fixed();
	random_texts();
	return check_report("dates_sniff");
}
