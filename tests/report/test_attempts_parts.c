/* -j N gives the attempts of -j 1 (attempts.md, "Bounded, mergeable,
 * parallel"): a wpp-text file cut into small parts, with attempts,
 * sessions, roams and retry chains running across every cut, is read
 * with 2 to 8 jobs and part sizes from 1 KiB up; the JSON report
 * (attempts member included) must be the one of a single pass. Long
 * sessions make parts that never settle (fed again whole at the merge),
 * short ones parts that settle early (the part's own figures kept). */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include <wdilog/gate.h>
#include <wdilog/report.h>

#include "check.h"
#include "run_reader.h"

static uint64_t seed = 7;

static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)((seed >> 33) % n);
}

static char *report_of(const char *path, unsigned jobs, uint64_t split,
		     bool with_attempts)
{
	wdilog_options o;
	wdilog_options_init(&o);
	o.split_bytes = split;
	o.attempts_in_report = with_attempts;
	wdilog_report *rep;
	if (wdilog_report_new(&rep, &o, NULL) < 0)
		return NULL;
	wdilog_path p = { path, false };
	wdilog_report_read_paths(rep, &p, 1, jobs, &o, NULL, NULL, NULL);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	wdilog_report_render_json(rep, f, NULL);
	/* the JUnit report lists every failed attempt, and the HTML one the
	 * attempts and sessions kept: a part's list must be that of one pass */
	if (with_attempts) {
		wdilog_report_render_junit(rep, f, NULL);
		wdilog_report_render_html(rep, f, NULL);
	}
	fclose(f);
	wdilog_report_free(rep);
	return out;
}

static uint64_t now_ms;
static unsigned peers = 12;    /* BSSIDs the captures use */

static void line(FILE *f, unsigned gap_ms, const char *text)
{
	now_ms += gap_ms;
	uint64_t s = now_ms / 1000;
	fprintf(f, "[0]0888.0D60::01/%02u/2024-%02u:%02u:%02u.%03u [c]%s\n",
		(unsigned)(1 + s / 86400), (unsigned)(s / 3600 % 24),
		(unsigned)(s / 60 % 60), (unsigned)(s % 60),
		(unsigned)(now_ms % 1000), text);
}

static void status(FILE *f, unsigned gap_ms, unsigned code, int peer)
{
	char text[96];
	if (peer >= 0)
		snprintf(text, sizeof(text), "AssocStatus=%u bssid 8a:15:14:b6:%02x:%02x",
			 code, (unsigned)peer / 256, (unsigned)peer % 256);
	else
		snprintf(text, sizeof(text), "AssocStatus=%u", code);
	line(f, gap_ms, text);
}

static unsigned gap(void)
{
	/* mostly close together; now and then past the idle time (30 s)
	 * or the retry window (60 s) */
	switch (rnd(20)) {
	case 0:
		return 35000 + rnd(20000);
	case 1:
		return 65000 + rnd(60000);
	default:
		return rnd(3000);
	}
}

static const unsigned failed_tries[] = { 30, 31, 41, 44, 52, 55 };

/* @p jump: the clock goes back two hours half way, and the capture ends
 * connected (a session's end is then the latest time before the jump). */
static void write_capture(const char *path, int scenarios, int long_sessions,
			  bool jump)
{
	FILE *f = fopen(path, "w");
	now_ms = 3 * 86400000ull;
	fputs("EventTrace\n", f);
	for (int i = 0; i < scenarios; i++) {
		if (jump && i == scenarios / 2)
			now_ms -= 7200000;
		int tries = (int)rnd(4);
		/* tries beyond 8 BSSIDs now and then */
		if (rnd(15) == 0)
			tries = 11;
		for (int t = 0; t < tries; t++)
			status(f, gap(), failed_tries[rnd(6)], (int)rnd(peers));
		switch (rnd(6)) {
		case 0:
			status(f, gap(), rnd(2) ? 1 : 6, -1);
			break;
		case 1:
			status(f, gap(), 5, -1);
			break;
		case 2:
			line(f, gap(), "chatter without a status");
			break;
		default: {
			status(f, gap(), 0, (int)rnd(peers));
			int stay = long_sessions == 2 ? 400
				   : long_sessions ? 30 + (int)rnd(60) : (int)rnd(4);
			for (int k = 0; k < stay; k++) {
				switch (rnd(5)) {
				case 0:
					status(f, 1000 + rnd(20000), 10 + rnd(2), -1);
					if (rnd(3))
						status(f, rnd(500), 0, (int)rnd(peers));
					break;
				case 1:
					status(f, 1000 + rnd(5000), 0, -1);
					break;
				default:
					line(f, 1000 + rnd(60000), "in session");
				}
			}
			if (rnd(4))
				status(f, gap(), rnd(2) ? 62 : 7, -1);
		}
		}
	}
	if (jump)
		status(f, 100, 0, 1);
	fclose(f);
}

static void same_for_all_jobs(const char *path, const char *what)
{
	char *one = report_of(path, 1, 0, true);
	CHECK(one && strstr(one, "\"attempts\":") != NULL);
	CHECK(one && strstr(one, "\"exact\": true") != NULL);
	static const uint64_t splits[] = { 1024, 4096, 20000 };
	for (unsigned jobs = 2; jobs <= 8; jobs++) {
		for (size_t s = 0; s < sizeof(splits) / sizeof(splits[0]); s++) {
			char *par = report_of(path, jobs, splits[s], true);
			bool same = one && par && strcmp(one, par) == 0;
			if (!same)
				fprintf(stderr, "%s, %u jobs, parts from %llu bytes: "
					"report differs\n", what, jobs,
					(unsigned long long)splits[s]);
			CHECK(same);
			free(par);
		}
	}
	free(one);
}

int main(void)
{
	char dir[] = "/tmp/wdilog-attparts-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[256];
	snprintf(path, sizeof(path), "%s/short.txt", dir);
	write_capture(path, 900, 0, false);
	same_for_all_jobs(path, "short sessions");
	snprintf(path, sizeof(path), "%s/long.txt", dir);
	write_capture(path, 60, 1, false);
	same_for_all_jobs(path, "long sessions");
	/* sessions longer than a part: parts that never settle */
	snprintf(path, sizeof(path), "%s/marathon.txt", dir);
	write_capture(path, 4, 2, false);
	same_for_all_jobs(path, "sessions longer than a part");
	unlink(path);
	/* a part that settles while the pass before it has a later time:
	 * the states differ, so the part is fed again whole */
	snprintf(path, sizeof(path), "%s/jump.txt", dir);
	write_capture(path, 300, 0, true);
	same_for_all_jobs(path, "a clock going back");
	unlink(path);
	snprintf(path, sizeof(path), "%s/long.txt", dir);
	/* more BSSIDs than the report lists (256): parts past the cap are
	 * fed again whole, so the listed rows are those of one pass */
	peers = 700;
	snprintf(path, sizeof(path), "%s/many.txt", dir);
	write_capture(path, 1500, 0, false);
	same_for_all_jobs(path, "more BSSIDs than listed");
	unlink(path);
	peers = 12;
	snprintf(path, sizeof(path), "%s/long.txt", dir);
	/* without the figures asked for, parts keep their own (not shown) */
	char *plain = report_of(path, 1, 0, false);
	char *plain4 = report_of(path, 4, 4096, false);
	CHECK(plain && plain4 && strcmp(plain, plain4) == 0);
	CHECK(plain && strstr(plain, "\"attempts\":") == NULL);
	free(plain);
	free(plain4);
	unlink(path);
	snprintf(path, sizeof(path), "%s/short.txt", dir);
	unlink(path);
	rmdir(dir);
	return check_report("attempts_parts");
}
