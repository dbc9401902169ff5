/* Parse stage, XML framing past its window (issue 11 item 8). Between
 * events a comment, CDATA, PI, DOCTYPE or tag of any length is stepped
 * over and every later event is read; an event too large to keep is
 * counted damaged once and skipped to its own </Event>, so text inside its
 * CDATA or comments never becomes events; a run of text outside events
 * gives one warning, however long (item 15). Sizes sit just below, at and
 * above the window's first size (64 KiB) and its maximum (one event,
 * WDL_EVENT_MAX plus slack). */
#include <stdint.h>

#include "check.h"
#include "parse/parse_xml.h"
#include "run_reader.h"

#define KIB 1024u
#define MIB (1024u * 1024u)

#define EV(code) "<Event><EventData><Data Name=\"AssocStatus\">" code \
		 "</Data></EventData></Event>\n"
/* what would be a fourth event if the framer lost its place */
#define DECOY EV("99")

struct buf {
	char *p;
	size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* @p n filler bytes: a line of 'x' every 100 bytes, with a decoy event
 * and, for the characters the framer watches, quotes and brackets. */
static void filler(struct buf *b, size_t n, bool decoys)
{
	static const char decoy[] = DECOY;
	size_t start = b->len;
	while (b->len - start < n) {
		size_t left = n - (b->len - start);
		if (decoys && left > 4000 && (b->len - start) % 4096 < 100) {
			put(b, decoy, sizeof(decoy) - 1);
			continue;
		}
		char line[100];
		size_t k = left < sizeof(line) ? left : sizeof(line);
		memset(line, 'x', k);
		line[k - 1] = '\n';
		put(b, line, k);
	}
}

enum kind { K_COMMENT, K_CDATA, K_PI, K_DOCTYPE, K_DOCTYPE_COMMENT, K_TAG,
	    K_ATTR, K_COUNT };
static const char *const kind_names[K_COUNT] = {
	"comment", "CDATA", "PI", "DOCTYPE", "comment in a DOCTYPE", "tag",
	"attribute",
};

/* A construct of kind @p k, @p n bytes of filler long. Decoys only where
 * the framer must not look: in comments, CDATA and PIs. */
static void construct(struct buf *b, enum kind k, size_t n)
{
	switch (k) {
	case K_COMMENT:
		puts_(b, "<!--");
		filler(b, n, true);
		puts_(b, "-->");
		break;
	case K_CDATA:
		puts_(b, "<![CDATA[");
		filler(b, n, true);
		puts_(b, "]]>");
		break;
	case K_PI:
		puts_(b, "<?pi ");
		filler(b, n, true);
		puts_(b, "?>");
		break;
	case K_DOCTYPE:
		puts_(b, "<!DOCTYPE Events [ <!ENTITY e \"[']\">");
		filler(b, n, false);
		puts_(b, "]>");
		break;
	case K_DOCTYPE_COMMENT:
		/* an apostrophe and a '[' in the comment are text */
		puts_(b, "<!DOCTYPE Events [ <!-- it's [ open ");
		filler(b, n, true);
		puts_(b, "--> <?pi don't ?> ]>");
		break;
	case K_TAG:
		puts_(b, "<Wrap a=\"");
		filler(b, n, false);
		puts_(b, "\" b='>'/>");
		break;
	case K_ATTR:
		puts_(b, "<Wrap\n");
		for (size_t i = 0; i < n / 10; i++) {
			char a[16];
			snprintf(a, sizeof(a), "\na%05zx=''", i % 0x100000);
			put(b, a, 10);
		}
		puts_(b, "/>");
		break;
	default:
		break;
	}
}

static size_t lines_in(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n';
	return k;
}

struct diags {
	unsigned warnings, damaged, outside;
};

static void on_diag(const wdilog_error *d, void *payload)
{
	struct diags *c = payload;
	if (d->code == WDILOG_DIAG_WARNING)
		c->warnings++;
	if (d->code == WDILOG_DIAG_DAMAGED)
		c->damaged++;
	if (strstr(d->message, "text outside any <Event>"))
		c->outside++;
}

static char *events_with(const struct buf *b, bool full, struct diags *d)
{
	wdilog_options o;
	wdilog_options_init(&o);
	o.full_parse = full;
	o.diag = on_diag;
	o.diag_payload = d;
	memset(d, 0, sizeof(*d));
	return events_of(b->p, b->len, &o, NULL);
}

/* Between events: a long construct hides nothing and invents nothing;
 * the events after it keep their line numbers. */
static void between(enum kind k, size_t n)
{
	struct buf b = { 0 };
	puts_(&b, "<?xml version=\"1.0\"?>\n");
	if (k == K_DOCTYPE || k == K_DOCTYPE_COMMENT) {
		construct(&b, k, n);
		puts_(&b, "\n<Events>\n" EV("31"));
	} else {
		puts_(&b, "<Events>\n" EV("31"));
		construct(&b, k, n);
		puts_(&b, "\n");
	}
	size_t l41 = lines_in(b.p, b.len) + 1;
	puts_(&b, EV("41") EV("50") "</Events>\n");
	char want[128];
	snprintf(want, sizeof(want), "W%zu m=0 31\nW%zu m=0 41\nW%zu m=0 50\n",
		 k == K_DOCTYPE || k == K_DOCTYPE_COMMENT ? l41 - 1 : (size_t)3,
		 l41, l41 + 1);
	for (int full = 0; full < 2; full++) {
		struct diags d;
		char *got = events_with(&b, full, &d);
		if (!got || strcmp(got, want) != 0)
			fprintf(stderr, "%s of %zu bytes between events%s:\n"
				"got:\n%swant:\n%s", kind_names[k], n,
				full ? " (--full-parse)" : "",
				got ? got : "(null)\n", want);
		CHECK_STR(got, want);
		CHECK_EQ_U(d.damaged, 0);
		CHECK_EQ_U(d.outside, 0);
		free(got);
	}
	free(b.p);
}

/* Inside an event: kept and read whole while it fits the window; past
 * that, damaged once and skipped to its own end tag, never anything read
 * out of its comments or CDATA. */
static void inside(enum kind k, size_t n)
{
	if (k == K_DOCTYPE || k == K_DOCTYPE_COMMENT)
		return;   /* a DOCTYPE inside an event is not XML */
	/* libxml2 2.9 takes time quadratic in the attributes of one tag:
	 * hundreds of thousands of them only where the event is skipped */
	if (k == K_ATTR && n > 128 * KIB && n <= WDL_EVENT_MAX + 64)
		return;
	struct buf b = { 0 };
	puts_(&b, "<Events>\n" EV("31"));
	size_t at = b.len;
	puts_(&b, "<Event><EventData><Data Name=\"AssocStatus\">7</Data>");
	construct(&b, k, n);
	puts_(&b, "</EventData></Event>\n");
	size_t size = b.len - at;
	size_t l50 = lines_in(b.p, b.len) + 1;
	puts_(&b, EV("50") "</Events>\n");
	for (int full = 0; full < 2; full++) {
		struct diags d;
		char *got = events_with(&b, full, &d);
		char want[128];
		bool kept = size <= WDL_EVENT_MAX;
		if (size > WDL_EVENT_MAX && size <= WDL_EVENT_MAX + 64 && got &&
		    strstr(got, "W3 m=0 7\n"))
			kept = true;  /* within the slack the window has */
		snprintf(want, sizeof(want), "W2 m=0 31\n%s3 m=0%s\nW%zu m=0 50\n",
			 kept ? "W" : "D", kept ? " 7" : "", l50);
		if (!got || strcmp(got, want) != 0)
			fprintf(stderr, "%s of %zu bytes in an event of %zu%s:\n"
				"got:\n%swant:\n%s", kind_names[k], n, size,
				full ? " (--full-parse)" : "",
				got ? got : "(null)\n", want);
		CHECK_STR(got, want);
		CHECK_EQ_U(d.damaged, kept ? 0 : 1);
		CHECK_EQ_U(d.outside, 0);
		free(got);
	}
	free(b.p);
}

/* A few MB of text between two events: one warning for the run, one more
 * for a second run after markup. */
static void junk_runs(void)
{
	struct buf b = { 0 };
	puts_(&b, "<Events>\n" EV("31"));
	filler(&b, 3 * MIB, false);
	puts_(&b, EV("41"));
	filler(&b, 200 * KIB, false);
	puts_(&b, "<!-- a break -->");
	filler(&b, 70 * KIB, false);
	puts_(&b, EV("50") "</Events>\n");
	for (int full = 0; full < 2; full++) {
		struct diags d;
		char *got = events_with(&b, full, &d);
		CHECK(got && strstr(got, " 31\n") && strstr(got, " 41\n") &&
		      strstr(got, " 50\n"));
		CHECK_EQ_U(d.outside, 3);
		CHECK_EQ_U(d.damaged, 0);
		free(got);
	}
	free(b.p);
}

int main(void)
{
	/* filler sizes: either side of the first window, and of the
	 * largest event the window keeps (the markup around the filler
	 * adds a few dozen bytes, the event around it about a hundred) */
	const size_t sizes[] = {
		64 * KIB - 1, 64 * KIB, 64 * KIB + 1,
		WDL_EVENT_MAX - 100, WDL_EVENT_MAX - 64, WDL_EVENT_MAX,
		WDL_EVENT_MAX + 65, WDL_EVENT_MAX + 4 * KIB,
	};
	for (int k = 0; k < K_COUNT; k++)
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			between((enum kind)k, sizes[i]);
			inside((enum kind)k, sizes[i]);
		}
	junk_runs();
	return check_report("xml_framing");
}
