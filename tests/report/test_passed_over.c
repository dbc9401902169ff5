/* A binary file found in a directory is opened once (issue 14): with
 * WDILOG_WALK_UNOPENED the walk hands it on, and read_paths passes it
 * over, telling its callback WDILOG_DONE with the warning the walk gives
 * without the flag; it is not listed. A text file beside it is read. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <wdilog/walk.h>

#include "check.h"
#include "report/report.h"

struct seen {
	char paths[4][512];
	size_t n;
	char problem[256];
	size_t problems;
};

static int on_path(const char *path, const wdilog_error *problem, void *payload)
{
	struct seen *s = payload;
	if (problem) {
		snprintf(s->problem, sizeof(s->problem), "%s", problem->message);
		s->problems++;
	} else if (s->n < 4) {
		snprintf(s->paths[s->n++], sizeof(s->paths[0]), "%s", path);
	}
	return 0;
}

struct told {
	int status[4];
	char why[4][256];
	size_t n;
};

static void on_done(const char *path, int status, const wdilog_error *err,
		    void *payload)
{
	struct told *t = payload;
	(void)path;
	if (t->n >= 4)
		return;
	t->status[t->n] = status;
	snprintf(t->why[t->n], sizeof(t->why[0]), "%s", err ? err->message : "");
	t->n++;
}

int main(void)
{
	char dir[] = "/tmp/wdilog-passed-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char zip[600], log[600];
	snprintf(zip, sizeof(zip), "%s/a.zip", dir);
	snprintf(log, sizeof(log), "%s/b.log", dir);
	FILE *f = fopen(zip, "wb");
	CHECK(f != NULL);
	fwrite("PK\003\004zzzzzzzzzzzzzzzz", 1, 20, f);
	fclose(f);
	f = fopen(log, "w");
	CHECK(f != NULL);
	fputs("[0]0888.0D60::10/23/2003-12:00:00.000 [w]AssocStatus=41\n", f);
	fclose(f);

	/* without the flag: the walk opens the zip and passes it over */
	struct seen plain = { 0 };
	wdilog_error err = { 0 };
	CHECK_EQ_U(wdilog_walk_flags(dir, 0, on_path, &plain, &err), WDILOG_OK);
	CHECK_EQ_U(plain.n, 1);
	CHECK_EQ_U(plain.problems, 1);

	/* with it: both handed on, the reading passes the zip over */
	struct seen un = { 0 };
	CHECK_EQ_U(wdilog_walk_flags(dir, WDILOG_WALK_UNOPENED, on_path, &un, &err),
		   WDILOG_OK);
	CHECK_EQ_U(un.n, 2);
	CHECK_EQ_U(un.problems, 0);
	for (unsigned jobs = 1; jobs <= 3; jobs += 2) {
		wdilog_path paths[2] = { { un.paths[0], true }, { un.paths[1], true } };
		wdilog_report *rep = NULL;
		CHECK_EQ_U(wdilog_report_new(&rep, NULL, &err), WDILOG_OK);
		struct told t = { 0 };
		CHECK_EQ_U(wdilog_report_read_paths(rep, paths, 2, jobs, NULL,
						    on_done, &t, &err), WDILOG_OK);
		CHECK_EQ_U(t.n, 2);
		CHECK_EQ_U(t.status[0], WDILOG_DONE);
		CHECK_STR(t.why[0], plain.problem);
		CHECK_EQ_U(t.status[1], WDILOG_OK);
		CHECK_EQ_U(rep->ninputs, 1);
		wdilog_report_free(rep);
	}
	unlink(zip);
	unlink(log);
	rmdir(dir);
	return check_report("passed_over");
}
