/* Parse stage, text: a line is damaged when it is longer than
 * WDL_LINE_MAX (1 MiB), never at exactly that length, and the answer does
 * not depend on how reads line up in the window (which differs between
 * -j 1 and a part read by -j 2). Lengths around the limit, LF and CRLF,
 * read whole and in pieces of several sizes. */
#include "check.h"
#include "parse/parse_text.h"
#include "run_reader.h"

/* The kind of the second event of "first\n" + a line of @p len bytes
 * (not counting its line end) holding a status, read @p step bytes at a
 * time (0: all at once). */
static char kind_of(size_t len, bool crlf, size_t step, size_t lead)
{
	size_t total = lead + len + 2;
	char *buf = malloc(total + 1);
	memset(buf, 'a', lead);
	if (lead)
		buf[lead - 1] = '\n';
	memcpy(buf + lead, "AssocStatus=31 ", 15);
	memset(buf + lead + 15, 'x', len - 15);
	size_t n = lead + len;
	if (crlf)
		buf[n++] = '\r';
	buf[n++] = '\n';
	wdilog_reader *r;
	struct trickle t = { (const unsigned char *)buf, n, 0,
			     step ? step : n + 1 };
	char kind = '?';
	if (wdilog_reader_open_callback(&r, trickle_read, &t, "input", NULL,
					NULL) == 0) {
		wdilog_event ev;
		while (wdilog_reader_next(r, &ev, NULL) == WDILOG_OK)
			if (ev.line == (lead ? 2u : 1u))
				kind = "NWUD"[ev.kind];
		wdilog_reader_free(r);
	}
	free(buf);
	return kind;
}

int main(void)
{
	static const size_t steps[] = { 0, 4096, 65536 + 7 };
	static const size_t leads[] = { 0, 65533 };
	for (size_t len = WDL_LINE_MAX - 9; len <= WDL_LINE_MAX + 9; len++) {
		char want = len > WDL_LINE_MAX ? 'D' : 'W';
		for (int crlf = 0; crlf < 2; crlf++)
			for (size_t s = 0; s < sizeof(steps) / sizeof(*steps); s++)
				for (size_t l = 0; l < sizeof(leads) / sizeof(*leads); l++) {
					char got = kind_of(len, crlf, steps[s], leads[l]);
					if (got != want)
						fprintf(stderr, "line of %zu bytes%s, "
							"reads of %zu, at %zu: %c\n",
							len, crlf ? " + CRLF" : "",
							steps[s], leads[l], got);
					CHECK(got == want);
				}
	}
	return check_report("line_limit");
}
