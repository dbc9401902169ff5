/* A progress line on standard error for a long run: once reading has
 * taken 2 seconds, "wdilog: read 3 of 30 inputs, 120.0 of 800.0 MiB",
 * redrawn in place. Only on a terminal: never when standard error is a
 * pipe or file, or under CI (the CI variable set), or with TERM=dumb, so
 * logs stay clean. Bytes count whole inputs as they finish (regular
 * files; standard input adds no size). */
#ifndef CLI_PROGRESS_H
#define CLI_PROGRESS_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/wdilog.h>

struct cli_progress {
	bool on;                    /* the thread runs */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
	bool drawn;                 /* a line is on the screen */
	size_t n, done;
	uint64_t total, bytes;
};

/* Should a run show progress? (standard error a terminal, no CI) */
bool cli_progress_wanted(void);

/* Start the clock for @p n inputs; does nothing unless wanted. */
void cli_progress_start(struct cli_progress *p, const wdilog_path *paths,
			size_t n);

/* One input finished. */
void cli_progress_input_done(struct cli_progress *p, const char *path);

/* Around a line printed while the progress line may be drawn: erase it
 * and hold it off until cli_progress_resume. */
void cli_progress_hold(struct cli_progress *p);
void cli_progress_resume(struct cli_progress *p);

/* Stop, erasing the line so what follows starts clean. */
void cli_progress_stop(struct cli_progress *p);

#endif
