/* wdilog — options shared by readers and reports. */
#ifndef WDILOG_OPTIONS_H
#define WDILOG_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/common.h>
#include <wdilog/error.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WDILOG_OPTIONS_VERSION 1

/* Transparent; fill with wdilog_options_init() and change what you need.
 * Everything it points to is borrowed and must outlive the readers and
 * reports made with it. */
typedef struct wdilog_options {
	int version;                /* WDILOG_OPTIONS_VERSION */
	const char *const *keys;    /* status keys added to the defaults */
	size_t nkeys;               /* number of entries in keys */
	bool day_first;             /* read NN/NN/YYYY dates as day/month;
				       with neither this nor month_first
				       each input's order is told from its
				       dates (see wdilog(1), --day-first) */
	uint32_t bucket_seconds;    /* timeline bucket width; 0 = automatic */
	bool full_parse;            /* no pre-filters: every line and event
				       through the full rules (slow, for
				       checking the fast path) */
	uint64_t split_bytes;       /* with several jobs, a wpp-text file at
				       least this large is read in parts;
				       0 = 32 MiB */
	wdilog_diag_fn diag;        /* diagnostics; NULL to ignore them */
	void *diag_payload;         /* passed to diag */
	uint32_t burst_seconds;     /* burst window; 0 = 10 s, at most 3600 */
	uint32_t burst_failures;    /* failures in a window that make a
				       burst; 0 = 5 */
	uint64_t max_bytes;         /* read at most this many bytes of an
				       input (after decompression); a longer
				       one ends with an error naming the
				       limit. 0 = no limit */
	uint32_t attempt_idle_ms;   /* an attempt idle this long ends;
				       0 = 30 s (attempts.md rule 1) */
	uint32_t retry_window_ms;   /* an attempt this soon after a failed
				       one joins its chain; 0 = 60 s */
	bool attempts_in_report;    /* reports carry the attempt figures
				       (text ATTEMPTS, JSON "attempts") */
	bool attempt_signals;       /* read WLAN-AutoConfig events in full
				       (their fields in wdilog_event.wlan)
				       even when reports do not carry the
				       figures: wdilog_report_read_paths sets
				       it for an attempt stream; implied by
				       attempts_in_report. Off, the fast
				       paths pass such events over as events
				       with no status (much faster) */
	bool month_first;           /* read NN/NN/YYYY dates as month/day,
				       whatever they hold (day_first wins
				       if both are set) */
} wdilog_options;

/* Defaults: no extra keys, date order told per input, automatic buckets. */
WDILOG_API void wdilog_options_init(wdilog_options *opts);

#ifdef __cplusplus
}
#endif
#endif
