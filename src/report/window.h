/* Aggregate stage, time window: --since/--until. A bound is an absolute
 * time or a time of day; times of day are applied to the capture's date,
 * the date of the first status record that has a time. */
#ifndef WDL_WINDOW_H
#define WDL_WINDOW_H

#include <stdbool.h>
#include <stdint.h>

#include <wdilog/error.h>
#include <wdilog/reader.h>

struct wdl_bound {
	bool set;
	bool time_of_day;           /* only hh:mm[:ss[.f]] was given */
	int64_t tod_seconds;        /* seconds since midnight */
	wdilog_time at;             /* the absolute time, once known */
};

struct wdl_window {
	bool active;                /* a bound was given */
	bool resolved;              /* times of day applied to a date */
	struct wdl_bound since;     /* inclusive */
	struct wdl_bound until;     /* exclusive */
	uint64_t excluded_events;   /* events with status outside the window */
	uint64_t excluded_statuses; /* their status records */
	uint64_t untimed_events;    /* ...of them, events without a time */
};

/* Parse one bound: "10:15", "10:15:30.5", "2024-03-05", "2024-03-05T10:15",
 * "2024-03-05 10:15:30", with an optional Z or +hh:mm after the seconds,
 * or any layout the text parser reads ("10/23/2003-12:27:40.173"). */
int wdl_bound_parse(const char *s, struct wdl_bound *b, wdilog_error *err);

/* Is a status event at @p t inside? An event without a time is not: a
 * window selects records known to be in it. Applies times of day to the
 * date of the first timed event it sees. */
bool wdl_window_admit(struct wdl_window *w, const wdilog_time *t);

#endif
