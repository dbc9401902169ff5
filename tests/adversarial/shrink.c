/* A file that shrinks while it is read (a log rotated or truncated under
 * us). The reader pulls its bytes through a callback that read(2)s the
 * file and, once a set number of bytes has been read, ftruncate(2)s it:
 * deterministic, where a second process racing the reader would not be.
 * Cases, for a text and an XML capture of about 1.5 MiB:
 *  - cut ahead of the read position, in the middle of an event: the read
 *    ends there with no error, every event before the cut is counted, and
 *    the cut event is counted once (as damaged for XML, whose element is
 *    unfinished; as a shorter line for text, or as part of the line
 *    above if too little of it is left to have the tracefmt prefix);
 *  - cut behind the read position (to 100 bytes): read(2) returns 0, the
 *    read ends cleanly with what had been read.
 * Each checks the events identity.
 *
 *   shrink DIR   (scratch directory) */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <wdilog/wdilog.h>

#include "check.h"

struct shrinker {
	int fd;
	size_t read_so_far;
	size_t shrink_after;        /* truncate once this much was read */
	off_t new_size;
	bool shrunk;
	size_t read_at_shrink;
};

static int read_shrinking(void *ctx, void *buf, size_t cap, size_t *got,
			  wdilog_error *err)
{
	struct shrinker *s = ctx;
	if (!s->shrunk && s->read_so_far >= s->shrink_after) {
		if (ftruncate(s->fd, s->new_size) != 0) {
			perror("ftruncate");
			exit(2);
		}
		s->shrunk = true;
		s->read_at_shrink = s->read_so_far;
	}
	if (cap > 4096)
		cap = 4096;     /* many reads, like a slow disk */
	ssize_t n = read(s->fd, buf, cap);
	if (n < 0) {
		snprintf(err->message, sizeof(err->message), "read: %s",
			 strerror(errno));
		return WDILOG_EIO;
	}
	s->read_so_far += (size_t)n;
	*got = (size_t)n;
	return WDILOG_OK;
}

static const char wpp_line[] =
	"[0]0888.0D60::10/23/2003-12:27:40.173 [wdi]AssocStatus=31 and more\n";
static const char xml_event[] =
	"<Event><System><TimeCreated SystemTime=\"2024-03-05T08:12:44Z\"/>"
	"</System><EventData><Data Name=\"AssocStatus\">31</Data></EventData>"
	"</Event>\n";

static void write_file(const char *path, const char *unit, size_t count)
{
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(2);
	}
	for (size_t i = 0; i < count; i++)
		fputs(unit, f);
	if (fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

static void run(const char *path, const char *unit, size_t count,
		size_t shrink_after, off_t new_size, bool xml)
{
	write_file(path, unit, count);
	struct shrinker s = { .fd = open(path, O_RDWR),
			      .shrink_after = shrink_after,
			      .new_size = new_size };
	if (s.fd < 0) {
		perror(path);
		exit(2);
	}
	wdilog_error err = { 0 };
	wdilog_report *rep;
	wdilog_reader *r;
	if (wdilog_report_new(&rep, NULL, &err) < 0 ||
	    wdilog_reader_open_callback(&r, read_shrinking, &s, path, NULL,
					&err) < 0)
		exit(2);
	int rc = wdilog_report_read(rep, r, &err);
	wdilog_totals t;
	wdilog_report_totals(rep, &t);
	wdilog_reader_free(r);
	wdilog_report_free(rep);
	close(s.fd);
	unlink(path);

	size_t len = strlen(unit);
	/* what the reader could see: up to the cut, or what it had read
	 * when a cut behind it made read(2) return 0 */
	size_t seen = (size_t)new_size > s.read_at_shrink ? (size_t)new_size
							  : s.read_at_shrink;
	/* the cut unit is an event of its own once it starts like one: the
	 * whole tracefmt prefix (a shorter start continues the line above)
	 * or "<Event" and the character after it */
	size_t starts = xml ? 7 : 14;
	uint64_t whole = seen / len, partial = seen % len >= starts ? 1 : 0;
	printf("%s: shrunk to %lld after %zu bytes: %llu events, %llu damaged\n",
	       path, (long long)new_size, s.read_at_shrink,
	       (unsigned long long)t.events, (unsigned long long)t.damaged);
	CHECK_MSG(s.shrunk, "the file never shrank");
	CHECK_MSG(rc == WDILOG_OK, "read ended with %s: %s", wdilog_status_name(rc),
	      err.message);
	CHECK_MSG(t.events == t.with_status + t.without_status + t.undecoded +
			  t.damaged, "events do not add up");
	CHECK_MSG(t.events == whole + partial, "%llu events, expected %llu",
	      (unsigned long long)t.events,
	      (unsigned long long)(whole + partial));
	CHECK_MSG(t.with_status >= whole, "events before the cut lost");
	if (xml)
		CHECK_MSG(t.damaged == partial, "the cut event is not damaged");
	else
		CHECK_MSG(t.damaged == 0, "a text line cut short is damaged");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: shrink DIR\n", stderr);
		return 2;
	}
	char txt[4096], xml[4096];
	snprintf(txt, sizeof(txt), "%s/shrink.txt", argv[1]);
	snprintf(xml, sizeof(xml), "%s/shrink.xml", argv[1]);
	size_t nl = 24000, ne = 12000;   /* about 1.5 MiB each */

	/* ahead of the reader, mid-line / mid-event */
	run(txt, wpp_line, nl, 300 * 1024, (off_t)(700 * 1024 + 17), false);
	run(xml, xml_event, ne, 300 * 1024, (off_t)(700 * 1024 + 17), true);
	/* behind the reader */
	run(txt, wpp_line, nl, 300 * 1024, 100, false);
	run(xml, xml_event, ne, 300 * 1024, 100, true);
	/* exactly at an event boundary ahead of the reader */
	run(txt, wpp_line, nl, 300 * 1024, (off_t)(10000 * strlen(wpp_line)),
	    false);
	return check_report("shrink");
}
