/* The progress line: see progress.h. */
#include "progress.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Quiet runs stay quiet: a line appears only past this. */
#define PROGRESS_AFTER_MS 2000
#define PROGRESS_EVERY_MS 250

bool cli_progress_wanted(void)
{
	const char *ci = getenv("CI"), *term = getenv("TERM");
	if (ci && *ci)
		return false;
	if (term && strcmp(term, "dumb") == 0)
		return false;
	return isatty(STDERR_FILENO) == 1;
}

static uint64_t size_of(const char *path)
{
	struct stat st;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode))
		return 0;
	return (uint64_t)st.st_size;
}

static void draw(struct cli_progress *p)
{
	fprintf(stderr, "\rwdilog: read %zu of %zu input%s, %.1f of %.1f MiB\033[K",
		p->done, p->n, p->n == 1 ? "" : "s",
		(double)p->bytes / 1048576.0, (double)p->total / 1048576.0);
	fflush(stderr);
	p->drawn = true;
}

static void deadline_after(struct timespec *ts, long ms)
{
	clock_gettime(CLOCK_REALTIME, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

static void *run(void *arg)
{
	struct cli_progress *p = arg;
	struct timespec ts;
	long wait = PROGRESS_AFTER_MS;
	pthread_mutex_lock(&p->lock);
	while (!p->stop) {
		deadline_after(&ts, wait);
		int rc = 0;
		while (!p->stop && rc != ETIMEDOUT)
			rc = pthread_cond_timedwait(&p->wake, &p->lock, &ts);
		if (p->stop)
			break;
		draw(p);
		wait = PROGRESS_EVERY_MS;
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

void cli_progress_start(struct cli_progress *p, const wdilog_path *paths,
			size_t n)
{
	memset(p, 0, sizeof(*p));
	if (!cli_progress_wanted())
		return;
	p->n = n;
	for (size_t i = 0; i < n; i++)
		p->total += size_of(paths[i].path);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->wake, NULL);
	/* no progress is no failure */
	p->on = pthread_create(&p->thread, NULL, run, p) == 0;
	if (!p->on) {
		pthread_cond_destroy(&p->wake);
		pthread_mutex_destroy(&p->lock);
	}
}

void cli_progress_input_done(struct cli_progress *p, const char *path)
{
	if (!p->on)
		return;
	uint64_t size = size_of(path);
	pthread_mutex_lock(&p->lock);
	p->done++;
	p->bytes += size;
	pthread_mutex_unlock(&p->lock);
}

void cli_progress_hold(struct cli_progress *p)
{
	if (!p->on)
		return;
	pthread_mutex_lock(&p->lock);
	if (p->drawn) {
		fputs("\r\033[K", stderr);
		p->drawn = false;
	}
}

void cli_progress_resume(struct cli_progress *p)
{
	if (p->on)
		pthread_mutex_unlock(&p->lock);
}

void cli_progress_stop(struct cli_progress *p)
{
	if (!p->on)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_signal(&p->wake);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	if (p->drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	pthread_cond_destroy(&p->wake);
	pthread_mutex_destroy(&p->lock);
	p->on = false;
}
