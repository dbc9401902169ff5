/* The libxml2 options, tested where they matter: a span handed straight
 * to wdl_xml_parse_event with a DOCTYPE in it. The framer never passes a
 * DOCTYPE on (adv-xxe, adv-billion-laughs), so this is the second line of
 * defence: even if one reached libxml2, no external entity, parameter
 * entity, external DTD or XInclude is loaded, and no entity is expanded.
 *
 *   xml_safety DIR    (scratch directory for the secret file and FIFO)
 *
 * The external resource is a FIFO with no writer: opening it would block,
 * and the alarm below would end the test as failed. A second run points
 * at a regular file whose canary must not show up in anything parsed.
 * Billion laughs must finish within a CPU bound with flat memory. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <wdilog/wdilog.h>

#include "check.h"
#include "parse/event.h"
#include "parse/extract.h"
#include "parse/parse_xml.h"

struct result {
	bool ok;
	char why[256];
	wdilog_event ev;
	size_t nstatus;
	uint32_t codes[8];
	char names[8][100];
};

static struct wdl_keyset keys;
static struct wdl_parser *xp;
static struct wdl_event_acc acc;
static wdilog_options opts;

static void parse(const char *span, struct result *r)
{
	wdilog_error why;
	memset(r, 0, sizeof(*r));
	wdl_event_acc_start(&acc, 1, 0);
	r->ok = wdl_xml_parse_event(xp, span, strlen(span), &acc, &why);
	if (!r->ok)
		snprintf(r->why, sizeof(r->why), "%s", why.message);
	wdl_event_acc_emit(&acc, &r->ev, NULL);
	for (size_t i = 0; i < acc.found.n && i < 8; i++) {
		r->codes[i] = acc.found.values[i].code;
		if (!acc.found.values[i].has_code)
			snprintf(r->names[i], sizeof(r->names[i]), "%s",
				 acc.found.values[i].name);
		r->nstatus++;
	}
}

static void no_canary(const struct result *r, const char *what)
{
	CHECK_MSG(!strstr(r->why, "CANARY"), "%s: canary in the error", what);
	for (size_t i = 0; i < r->nstatus; i++) {
		CHECK_MSG(r->codes[i] != 99, "%s: the secret's status 99 was read",
		      what);
		CHECK_MSG(!strstr(r->names[i], "CANARY"), "%s: canary in a name",
		      what);
	}
}

#define DATA(v) "<EventData><Data Name=\"AssocStatus\">" v "</Data></EventData>"

static void external(const char *secret, bool fifo)
{
	char span[2048];
	struct result r;
	const char *what = fifo ? "fifo" : "file";

	/* an external general entity */
	snprintf(span, sizeof(span),
		 "<!DOCTYPE Event [<!ENTITY x SYSTEM \"file://%s\">]>"
		 "<Event>" DATA("&x;") "</Event>", secret);
	parse(span, &r);
	no_canary(&r, what);
	CHECK_MSG(r.nstatus == 0, "%s: a status from an external entity", what);

	/* a parameter entity used inside the DTD */
	snprintf(span, sizeof(span),
		 "<!DOCTYPE Event [<!ENTITY %% p SYSTEM \"file://%s\"> %%p;]>"
		 "<Event>" DATA("31") "</Event>", secret);
	parse(span, &r);
	no_canary(&r, what);

	/* an external DTD subset */
	snprintf(span, sizeof(span),
		 "<!DOCTYPE Event SYSTEM \"file://%s\">"
		 "<Event>" DATA("31") "</Event>", secret);
	parse(span, &r);
	no_canary(&r, what);
	CHECK_MSG(r.ok && r.nstatus == 1 && r.codes[0] == 31,
	      "%s: the event beside an external DTD was not read (%s)", what,
	      r.why);

	/* XInclude */
	snprintf(span, sizeof(span),
		 "<Event xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
		 DATA("<xi:include href=\"file://%s\" parse=\"text\"/>")
		 "</Event>", secret);
	parse(span, &r);
	no_canary(&r, what);
	CHECK_MSG(r.nstatus == 0, "%s: a status from an XInclude", what);
}

static double cpu_now(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static long rss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void laughs(void)
{
	char span[4096];
	size_t n = 0;
	n += (size_t)snprintf(span + n, sizeof(span) - n,
			      "<!DOCTYPE Event [<!ENTITY l0 \"lol\">");
	for (int i = 1; i <= 9; i++) {
		n += (size_t)snprintf(span + n, sizeof(span) - n,
				      "<!ENTITY l%d \"", i);
		for (int k = 0; k < 10; k++)
			n += (size_t)snprintf(span + n, sizeof(span) - n,
					      "&l%d;", i - 1);
		n += (size_t)snprintf(span + n, sizeof(span) - n, "\">");
	}
	snprintf(span + n, sizeof(span) - n,
		 "]><Event>" DATA("&l9;") "<RenderingInfo><Message>&l9;&l9;"
		 "</Message></RenderingInfo></Event>");
	long rss0 = rss_kib();
	double t0 = cpu_now();
	struct result r;
	for (int i = 0; i < 10; i++)
		parse(span, &r);
	double cpu = cpu_now() - t0;
	long grew = rss_kib() - rss0;
	printf("billion laughs x10: %.3f s cpu, peak rss +%ld KiB\n", cpu, grew);
#if defined(__SANITIZE_ADDRESS__)
	const double limit = 5.0;
#else
	const double limit = 1.0;
#endif
	CHECK_MSG(cpu < limit, "billion laughs took %.2f s of CPU", cpu);
	CHECK_MSG(grew < 64 * 1024, "billion laughs grew memory by %ld KiB", grew);
	CHECK_MSG(r.nstatus == 0, "a status from an entity");

	/* an internal entity is not expanded either (formats.md section 4) */
	parse("<!DOCTYPE Event [<!ENTITY s \"31\">]><Event>" DATA("&s;")
	      "</Event>", &r);
	CHECK_MSG(r.nstatus == 0, "an internal entity was expanded into status %u",
	      r.codes[0]);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: xml_safety DIR\n", stderr);
		return 2;
	}
	/* a blocked open of the FIFO ends here, as a failure */
	alarm(60);
	wdilog_options_init(&opts);
	wdilog_error err;
	if (wdl_keyset_init(&keys, &opts, &err) < 0 ||
	    wdl_xml_open(&xp, &(struct wdl_parse_ctx){ .ks = &keys, .opts = &opts,
						       .name = "xml_safety" },
			 &err) < 0)
		return 2;
	wdl_event_acc_init(&acc);

	/* file:// URLs need an absolute path */
	char *dir = realpath(argv[1], NULL);
	char fifo[4096], file[4096];
	if (!dir) {
		perror(argv[1]);
		return 2;
	}
	snprintf(fifo, sizeof(fifo), "%s/secret.fifo", dir);
	snprintf(file, sizeof(file), "%s/secret.txt", dir);
	free(dir);
	unlink(fifo);
	if (mkfifo(fifo, 0600) != 0) {
		perror(fifo);
		return 2;
	}
	FILE *f = fopen(file, "w");
	if (!f || fputs("CANARY-5e1f AssocStatus=99\n", f) < 0 || fclose(f)) {
		perror(file);
		return 2;
	}
	external(fifo, true);
	external(file, false);
	laughs();

	wdl_event_acc_dispose(&acc);
	wdl_parser_free(xp);
	wdl_keyset_dispose(&keys);
	unlink(fifo);
	unlink(file);
	return check_report("xml-safety");
}
