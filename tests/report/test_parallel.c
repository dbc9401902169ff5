/* Parallel reading gives the report of a sequential read: files cut into
 * parts at every kind of boundary (a continuation line holding a status
 * right after a cut, records before the first prefix, Unknown lines), and
 * many inputs read side by side, in order. */
#include <stdint.h>
#include <unistd.h>

#include "check.h"
#include "run_reader.h"

static uint64_t seed = 99;

static unsigned rnd(unsigned n)
{
	seed = seed * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)((seed >> 33) % n);
}

static char *json_of_paths(const wdilog_path *paths, size_t n, unsigned jobs,
			   uint64_t split)
{
	wdilog_options o;
	wdilog_options_init(&o);
	o.split_bytes = split;
	wdilog_report *rep;
	if (wdilog_report_new(&rep, &o, NULL) < 0)
		return NULL;
	wdilog_report_read_paths(rep, paths, n, jobs, &o, NULL, NULL, NULL);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	wdilog_report_render_json(rep, f, NULL);
	fclose(f);
	wdilog_report_free(rep);
	return out;
}

static void write_trace(const char *path, int lines)
{
	FILE *f = fopen(path, "w");
	fputs("EventTrace\r\npreamble AssocStatus=1\r\n", f);
	for (int i = 0; i < lines; i++) {
		switch (rnd(8)) {
		case 0:
			fprintf(f, "  continued RoamReason is %u\r\n", 10 + rnd(6));
			break;
		case 1:
			fputs("Unknown( 12): GUID=0b2a6f1e-4c3d-4e21-9a7b-d15c3e8f2a40 (No Format Information found).\r\n", f);
			break;
		case 2:
			fputs("  plain continuation\r\n", f);
			break;
		case 3:
			fputs("\r\n", f);
			break;
		default:
			fprintf(f, "[%u]0888.0D60::10/23/2003-12:%02u:%02u.%03u [c]%s%u\r\n",
				rnd(4), rnd(60), rnd(60), rnd(1000),
				rnd(3) ? "chatter " : "AssocStatus=", rnd(64));
		}
	}
	fclose(f);
}

int main(void)
{
	char dir[] = "/tmp/wdilog-parallel-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char paths[6][256];
	wdilog_path list[6];
	for (int i = 0; i < 6; i++) {
		snprintf(paths[i], sizeof(paths[i]), "%s/t%d.txt", dir, i);
		write_trace(paths[i], 2000 + (int)rnd(3000));
		list[i] = (wdilog_path){ paths[i], false };
	}
	/* one file in parts: every job count, tiny parts */
	char *one = json_of_paths(list, 1, 1, 0);
	CHECK(one && strstr(one, "\"events\": 0,") == NULL);
	/* positions of code rows and the GUID's inputs are in what is
	 * compared (drill-down) */
	CHECK(one && strstr(one, "\"positions\": {\"first\": [0, ") &&
	      strstr(one, "\"inputs\": [0], \"inputs_more\": 0"));
	for (unsigned jobs = 2; jobs <= 8; jobs++) {
		char *par = json_of_paths(list, 1, jobs, 4096);
		bool same = one && par && strcmp(one, par) == 0;
		if (!same)
			fprintf(stderr, "one file, %u jobs: report differs\n", jobs);
		CHECK(same);
		free(par);
	}
	/* many inputs, some in parts */
	char *seq = json_of_paths(list, 6, 1, 0);
	for (unsigned jobs = 2; jobs <= 4; jobs++) {
		char *par = json_of_paths(list, 6, jobs, 65536);
		CHECK(seq && par && strcmp(seq, par) == 0);
		free(par);
	}
	/* a failure storm: parts keep more failures than their log holds and
	 * feed the burst detector in turn; bursts must still match */
	char storm[256];
	snprintf(storm, sizeof(storm), "%s/storm.txt", dir);
	FILE *f = fopen(storm, "w");
	for (int i = 0; i < 40000; i++)
		fprintf(f, "[0]0888.0D60::10/23/2003-12:%02d:%02d.%03d [c]AssocStatus=%d\n",
			i / 2000 % 60, i / 40 % 50, i % 1000, 31 + (i % 3) * 10);
	fclose(f);
	wdilog_path sp[1] = { { storm, false } };
	char *s1 = json_of_paths(sp, 1, 1, 0);
	CHECK(s1 && strstr(s1, "\"bursts\"") != NULL);
	/* the bursts' positions are compared too (drill-down) */
	CHECK(s1 && strstr(s1, "\"dominant\": {\"code\": 31, ") &&
	      strstr(s1, "}, \"positions\": {\"first\": [0, "));
	for (unsigned jobs = 2; jobs <= 4; jobs++) {
		char *sj = json_of_paths(sp, 1, jobs, 4096);
		bool same = s1 && sj && strcmp(s1, sj) == 0;
		if (!same)
			fprintf(stderr, "storm, %u jobs: report differs\n", jobs);
		CHECK(same);
		free(sj);
	}
	free(s1);
	unlink(storm);
	free(one);
	free(seq);
	for (int i = 0; i < 6; i++)
		unlink(paths[i]);
	rmdir(dir);
	return check_report("parallel");
}
