/* Out of memory while reading many paths, one thread or several (issue 11
 * item 14: with -j N, 68 of 100 inputs were listed): allocation i fails,
 * for every i of a run. Whatever fails, every input is told to the caller
 * once, in input order; when the shortage passes (memory comes back at
 * the first input told with an error) every input is also in the report,
 * each with its own result, but for that first one, which may have had no
 * memory to be listed. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "report/report.h"
#include "util/alloc.h"

#define N 12

static char paths_buf[N][512];
static wdilog_path paths[N];

struct told {
	size_t n;
	bool in_order;
	bool transient;
	size_t first_error;         /* N if none */
};

static void on_done(const char *path, int status, const wdilog_error *err,
		    void *payload)
{
	struct told *t = payload;
	(void)err;
	if (t->n >= N || strcmp(path, paths[t->n].path) != 0)
		t->in_order = false;
	t->n++;
	if (status < 0 && t->first_error == N)
		t->first_error = t->n - 1;
	if (status < 0 && t->transient)
		wdl_alloc_fail_from(0);   /* the shortage passes */
}

/* One run; returns its status, *listed the report's inputs (or N + 1 if
 * the report could not be made). */
static int run(unsigned jobs, bool transient, struct told *t, size_t *listed)
{
	*t = (struct told){ .in_order = true, .transient = transient,
			    .first_error = N };
	*listed = N + 1;
	wdilog_report *rep;
	int rc = wdilog_report_new(&rep, NULL, NULL);
	if (rc < 0) {
		if (transient)
			wdl_alloc_fail_from(0);
		return rc;
	}
	rc = wdilog_report_read_paths(rep, paths, N, jobs, NULL, on_done, t,
				      NULL);
	/* inputs listed, counting the first one told with an error as
	 * listed when it is missing */
	*listed = 0;
	for (size_t i = 0; i < N; i++) {
		bool found = i == t->first_error;
		for (size_t k = 0; k < rep->ninputs && !found; k++)
			found = strcmp(rep->inputs[k].path, paths[i].path) == 0;
		*listed += found;
	}
	wdilog_report_free(rep);
	return rc;
}

int main(void)
{
	char dir[] = "/tmp/wdilog-paths-oom-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	for (size_t i = 0; i < N; i++) {
		snprintf(paths_buf[i], sizeof(paths_buf[i]), "%s/in%02zu.txt", dir, i);
		FILE *f = fopen(paths_buf[i], "w");
		for (int k = 0; k < 50; k++)
			fprintf(f, "[0]0888.0D60::10/23/2003-12:27:%02d.173 [drv]AssocStatus=%d\n",
				k % 60, 30 + k % 5);
		fclose(f);
		paths[i] = (wdilog_path){ paths_buf[i], false };
	}
	const unsigned jobs[] = { 1, 4 };
	for (size_t jk = 0; jk < 2; jk++) {
		struct told t;
		size_t listed;
		wdl_alloc_fail_from(0);
		CHECK_EQ_U(run(jobs[jk], false, &t, &listed), WDILOG_OK);
		CHECK_EQ_U(listed, N);
		unsigned long total = wdl_alloc_count();
		/* every allocation for one thread; a stride over the many
		 * more of several threads (their order varies anyway) */
		unsigned long step = jobs[jk] == 1 ? 1 : total / 400 + 1;
		for (unsigned long i = 2; i <= total + 1; i += step) {
			for (int transient = 0; transient < 2; transient++) {
				wdl_alloc_fail_from(i);
				int rc = run(jobs[jk], transient, &t, &listed);
				wdl_alloc_fail_from(0);
				if (listed == N + 1)
					continue;   /* no report to read into */
				CHECK(rc == WDILOG_OK || rc == WDILOG_ENOMEM);
				if (t.n != N || !t.in_order)
					fprintf(stderr, "-j %u, allocation %lu fails%s: "
						"%zu inputs told%s\n", jobs[jk], i,
						transient ? " once" : "", t.n,
						t.in_order ? "" : " out of order");
				CHECK_EQ_U(t.n, N);
				CHECK(t.in_order);
				if (transient) {
					if (listed != N)
						fprintf(stderr, "-j %u, allocation %lu fails once: "
							"%zu inputs listed\n", jobs[jk], i, listed);
					CHECK_EQ_U(listed, N);
				}
			}
		}
	}
	for (size_t i = 0; i < N; i++)
		unlink(paths_buf[i]);
	rmdir(dir);
	return check_report("paths_oom");
}
