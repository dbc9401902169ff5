/* XML files read in parts give the report of one sequential pass: the
 * JSON and every diagnostic (with its line and byte) for 2 to 8 jobs equal
 * those of -j 1. tracerpt (a root, CRLF) and wevtutil (no root, LF)
 * exports with statuses in bursts across the cuts, damaged and repaired
 * events, text outside events and a cut last event are split; files with
 * a comment or CDATA holding <Event text, a byte the decoder drops, a BOM,
 * and UTF-16, are read whole. */
#include <stdint.h>
#include <unistd.h>

#include "check.h"
#include "report/report.h"
#include "run_reader.h"

static uint64_t seed = 5;

static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)((seed >> 33) % n);
}

struct diags {
	char **line;
	size_t n, cap;
};

static void on_diag(const wdilog_error *d, void *payload)
{
	struct diags *ds = payload;
	if (ds->n == ds->cap) {
		ds->cap = ds->cap ? ds->cap * 2 : 64;
		ds->line = realloc(ds->line, ds->cap * sizeof(*ds->line));
	}
	char buf[400];
	snprintf(buf, sizeof(buf), "%llu %llu %d %s",
		 (unsigned long long)d->line, (unsigned long long)d->offset,
		 d->code, d->message);
	ds->line[ds->n++] = strdup(buf);
}

static int by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void on_input(const char *path, int status, const wdilog_error *why,
		     void *payload)
{
	*(int *)payload = status;
}

/* The JSON report and the sorted diagnostics, one string; *status is the
 * input's. */
static char *read_status(const char *path, unsigned jobs, int *status)
{
	struct diags ds = { 0 };
	wdilog_options o;
	wdilog_options_init(&o);
	o.split_bytes = 1;
	o.diag = on_diag;
	o.diag_payload = &ds;
	wdilog_report *rep;
	if (wdilog_report_new(&rep, &o, NULL) < 0)
		return NULL;
	wdilog_path p = { .path = path };
	wdilog_report_read_paths(rep, &p, 1, jobs, &o, on_input, status, NULL);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	wdilog_report_render_json(rep, f, NULL);
	if (ds.n)
		qsort(ds.line, ds.n, sizeof(*ds.line), by_str);
	for (size_t i = 0; i < ds.n; i++) {
		fprintf(f, "%s\n", ds.line[i]);
		free(ds.line[i]);
	}
	free(ds.line);
	fclose(f);
	wdilog_report_free(rep);
	return out;
}

static char *read_with(const char *path, unsigned jobs)
{
	int status = 0;
	char *out = read_status(path, jobs, &status);
	CHECK(status >= 0);
	return out;
}

static void event(FILE *f, const char *nl, unsigned i, bool damaged)
{
	unsigned kind = rnd(40);
	fprintf(f, "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">%s"
		"\t<System>%s\t\t<TimeCreated SystemTime=\"2024-03-05T08:%02u:%02u.%03uZ\" />%s"
		"\t\t<Execution ProcessID=\"4\" ThreadID=\"%u\" />%s\t</System>%s",
		nl, nl, i / 600 % 60, i / 10 % 60, i % 10 * 100, nl, rnd(9000), nl, nl);
	if (kind < 6) {
		/* statuses in runs, so that bursts cross the cuts */
		fprintf(f, "\t<EventData>%s\t\t<Data Name=\"AssocStatus\">%u</Data>%s\t</EventData>%s",
			nl, kind < 4 ? 31 : 0, nl, nl);
	} else if (kind == 6) {
		fprintf(f, "\t<DebugData><Message>rate 5 & 6 GHz</Message></DebugData>%s", nl);
	} else if (kind == 7) {
		fprintf(f, "\t<DebugData><Message>broken <b></Message></DebugData>%s", nl);
	} else {
		fprintf(f, "\t<DebugData>%s\t\t<Message>Port up, rate 866 &amp; 5 GHz</Message>%s"
			"\t</DebugData>%s", nl, nl, nl);
	}
	if (!damaged)
		fprintf(f, "</Event>%s", nl);
}

enum shape { TRACERPT, WEVTUTIL, COMMENT, CDATA, MARK, BOM, QUOTED };

static void write_xml(const char *path, enum shape shape, int events, bool cut_last)
{
	FILE *f = fopen(path, "w");
	const char *nl = shape == WEVTUTIL ? "\n" : "\r\n";
	if (shape == BOM)
		fputs("\xEF\xBB\xBF", f);
	if (shape != WEVTUTIL)
		fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>%s<Events>%s", nl, nl);
	for (int i = 0; i < events; i++) {
		if (i == events / 3 && shape == COMMENT)
			fprintf(f, "<!-- %s</Event>%s<Event><EventData><Data Name=\"AssocStatus\">7</Data></EventData></Event>%s</Event>%s<Event> -->%s",
				nl, nl, nl, nl, nl);
		if (i == events / 2 && shape == CDATA)
			fprintf(f, "<Event><DebugData><Message><![CDATA[%s</Event>%s<Event><EventData><Data Name=\"AssocStatus\">7</Data></EventData></Event>%s]]></Message></DebugData></Event>%s",
				nl, nl, nl, nl);
		/* U+200E, which the decoder drops */
		if (i == events / 2 && shape == MARK)
			fprintf(f, "<Event><DebugData><Message>left\xE2\x80\x8Eright</Message></DebugData></Event>%s", nl);
		/* '<' in a value (not XML): event text where a cut may fall */
		if (i == events / 2 && shape == QUOTED) {
			fprintf(f, "<Event><X a=\"");
			for (int k = 0; k < 6000; k++)
				fprintf(f, "</Event>%s<Event>", nl);
			fprintf(f, "\"/></Event>%s", nl);
		}
		if (i % 97 == 50)
			fprintf(f, "stray text%s", nl);
		event(f, nl, (unsigned)i, i % 211 == 100);
	}
	if (cut_last) {
		fputs("<Event><System><TimeCreated SystemTime=\"2024-03-05T09:00:00Z\"/></System><EventData><Data Name=\"AssocStatus\">31", f);
	} else if (shape != WEVTUTIL) {
		fprintf(f, "</Events>%s", nl);
	}
	fclose(f);
}

static void compare_jobs(const char *path, bool splits, const char *what)
{
	wdilog_options o;
	wdilog_options_init(&o);
	o.split_bytes = 1;
	size_t parts = wdl_report_plan_parts(path, 4, &o);
	if ((parts > 1) != splits)
		fprintf(stderr, "%s: %zu parts for 4 jobs\n", what, parts);
	CHECK((parts > 1) == splits);
	char *one = read_with(path, 1);
	CHECK(one && strstr(one, "\"events\": "));
	for (unsigned j = 2; j <= 8; j++) {
		char *many = read_with(path, j);
		bool same = one && many && strcmp(one, many) == 0;
		if (!same && check_failures < 3) {
			fprintf(stderr, "%s: -j %u differs from -j 1\n", what, j);
			FILE *a = fopen("/tmp/xml_parallel.j1", "w"), *b = fopen("/tmp/xml_parallel.jn", "w");
			if (a && b) {
				fputs(one ? one : "", a);
				fputs(many ? many : "", b);
			}
			if (a)
				fclose(a);
			if (b)
				fclose(b);
		}
		CHECK(same);
		free(many);
	}
	free(one);
}

int main(void)
{
	char dir[] = "/tmp/wdl_xml_parallel_XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char path[256];
	snprintf(path, sizeof(path), "%s/events.xml", dir);
	static const struct {
		enum shape shape;
		bool cut_last, splits;
		const char *what;
	} cases[] = {
		{ TRACERPT, false, true, "tracerpt" },
		{ TRACERPT, true, true, "tracerpt, last event cut" },
		{ WEVTUTIL, false, true, "wevtutil" },
		{ WEVTUTIL, true, true, "wevtutil, last event cut" },
		{ COMMENT, false, false, "a comment holding <Event" },
		{ CDATA, false, false, "CDATA holding <Event" },
		{ MARK, false, false, "a U+200E mark" },
		{ BOM, false, false, "a UTF-8 BOM" },
	};
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		write_xml(path, cases[c].shape, 1500, cases[c].cut_last);
		compare_jobs(path, cases[c].splits, cases[c].what);
	}
	/* a cut inside a quoted value: the part before it fails instead of
	 * counting events twice; a cut elsewhere gives -j 1's report */
	write_xml(path, QUOTED, 1500, false);
	char *one = read_with(path, 1);
	for (unsigned j = 2; j <= 8; j++) {
		int status = 0;
		char *many = read_status(path, j, &status);
		if (j == 2 || j == 4)
			CHECK(status == WDILOG_EFORMAT);
		CHECK(status == WDILOG_EFORMAT || (one && many && strcmp(one, many) == 0));
		free(many);
	}
	free(one);
	/* UTF-16: read whole */
	char src[512];
	snprintf(src, sizeof(src), "%s/wevtutil-events-utf16.xml", SAMPLES_DIR);
	compare_jobs(src, false, "UTF-16");
	unlink(path);
	rmdir(dir);
	return check_report("xml_parallel");
}
