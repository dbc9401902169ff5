/* Timestamps in the layouts tracefmt, tracerpt and wevtutil write
 * (formats.md sections 2 and 3), and their ISO 8601 rendering. */
#ifndef WDL_TIMESTAMP_H
#define WDL_TIMESTAMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/reader.h>

/* Parse a timestamp starting exactly at @p p. On success fills *t and
 * returns the number of bytes used; 0 if no layout matches. */
size_t wdl_time_parse(const char *p, size_t len, bool day_first,
		      wdilog_time *t);

/* Length of the all-zero stamp that tracelog -kd writes for a time it
 * does not have, "00/00/0000-00:00:00.000" (two- or four-digit year, any
 * fraction), at the start of @p p; 0 if there is none. It is no time,
 * but the record's prefix around it still counts. */
size_t wdl_time_unknown_len(const char *p, size_t len);

/* The first recognizable timestamp anywhere in @p p. */
bool wdl_time_find(const char *p, size_t len, bool day_first, wdilog_time *t);

/* Seconds on one scale for ordering: UTC for zoned times, the written
 * wall clock for the others. */
static inline int64_t wdl_time_key(const wdilog_time *t)
{
	return t->zoned ? t->seconds - (int64_t)t->offset_minutes * 60
			: t->seconds;
}

/* <0, 0, >0 as @p a is earlier than, equal to or later than @p b. */
int wdl_time_cmp(const wdilog_time *a, const wdilog_time *b);

/* ISO 8601 as precise as written: 2003-10-23T12:27:40.173, with Z or
 * +hh:mm only when the input had a zone. @p cap >= 40. */
size_t wdl_time_format(const wdilog_time *t, char *dst, size_t cap);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
int64_t wdl_days_from_civil(int64_t y, unsigned m, unsigned d);
void wdl_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);

#endif
