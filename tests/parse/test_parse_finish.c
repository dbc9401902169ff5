/* Parse stage: every way a text event ends (the input ends, the next
 * record starts, a part of a file ends at the next part's record) passes
 * an allocation failure on: the run fails with ENOMEM, it never hands out
 * an event that quietly lost its status. The part-end path is reached
 * through the range reader that parallel reading uses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <wdilog/reader.h>

#include "check.h"
#include "parse/reader_range.h"
#include "util/alloc.h"

struct outcome {
	int rc;                     /* first negative status, or WDILOG_OK */
	char message[256];
	unsigned long events, statuses;
	unsigned long allocations;  /* made by the run */
};

/* Read the part of @p path that ends at byte @p end (a line start; 0:
 * the whole file), with allocation @p fail_at and every later one
 * failing (0: none). */
static void read_part(const char *path, uint64_t end_line,
		      unsigned long fail_at, struct outcome *o)
{
	struct wdl_range range = { .start = 0, .end = end_line,
				   .enc = WDL_ENC_UTF8 };
	wdilog_error err = { 0 };
	wdilog_reader *r = NULL;
	memset(o, 0, sizeof(*o));
	wdl_alloc_fail_from(fail_at);
	o->rc = wdl_reader_open_range(&r, path, NULL, &range, &err);
	while (o->rc >= 0) {
		wdilog_event ev;
		int rc = wdilog_reader_next(r, &ev, &err);
		if (rc == WDILOG_DONE)
			break;
		if (rc < 0) {
			o->rc = rc;
			break;
		}
		o->events++;
		o->statuses += ev.nstatuses;
	}
	o->allocations = wdl_alloc_count();
	wdl_alloc_fail_from(0);
	if (o->rc < 0)
		snprintf(o->message, sizeof(o->message), "%s", err.message);
	wdilog_reader_free(r);
}

/* Each failing allocation either ends the run with ENOMEM or changes
 * nothing. */
static void sweep(const char *path, uint64_t end_line, unsigned long events,
		  unsigned long statuses)
{
	struct outcome clean, o;
	read_part(path, end_line, 0, &clean);
	unsigned long total = clean.allocations;
	CHECK(total > 0);
	CHECK(clean.rc == WDILOG_OK);
	CHECK_EQ_U(clean.events, events);
	CHECK_EQ_U(clean.statuses, statuses);
	for (unsigned long n = 1; n <= total + 1; n++) {
		read_part(path, end_line, n, &o);
		if (o.rc < 0) {
			CHECK_EQ_U((unsigned long long)-o.rc,
				   (unsigned long long)-WDILOG_ENOMEM);
			CHECK_STR(o.message, "out of memory");
		} else {
			if (o.statuses != clean.statuses)
				fprintf(stderr, "end line %llu, allocation %lu "
					"failing: %lu statuses, not %lu\n",
					(unsigned long long)end_line, n,
					o.statuses, clean.statuses);
			CHECK_EQ_U(o.statuses, clean.statuses);
			CHECK_EQ_U(o.events, clean.events);
		}
	}
}

int main(void)
{
	char path[] = "/tmp/wdilog-finish-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) {
		perror("mkstemp");
		return 2;
	}
	static const char text[] =
		"[0]0a1c.0b2d::2024-05-01 10:00:00.000 [wifi]AssocStatus=31\n"
		"continued\n"
		"[0]0a1c.0b2d::2024-05-01 10:00:01.000 [wifi]AssocStatus=41\n"
		"[0]0a1c.0b2d::2024-05-01 10:00:02.000 [wifi]no status\n";
	FILE *f = fdopen(fd, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		return 2;
	}
	/* the part ends at the second record: the first is finished there */
	sweep(path, (uint64_t)(strstr(text, "\n[0]") + 1 - text), 1, 1);
	/* the whole file: finished by the next record and by the end */
	sweep(path, 0, 3, 2);
	unlink(path);
	return check_report("parse_finish");
}
