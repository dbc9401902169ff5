/* The report's counters, written once: aggregation, merging, loading a
 * JSON report, the JSON and HTML renderers and wdilog diff all walk this
 * list, so a new counter is one line here (and its field). */
#ifndef WDL_COUNTERS_H
#define WDL_COUNTERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a counter counts, which is also how the HTML page groups them. */
enum wdl_counter_group {
	WDL_COUNTS_RECORDS,         /* status records */
	WDL_COUNTS_EVENTS,
	WDL_COUNTS_VALUES,          /* status values that could not be read */
	WDL_COUNTS_INPUTS,
	WDL_COUNTS_READING,         /* how inputs were read and what their
				       captures lost: reports word them only
				       when not zero (report/view.h) */
};

/* In report order (the JSON "totals" member). EACH(field, label, group,
 * optional) is a counter of the report and of each input; TOTAL(...) one
 * of the report only. "optional" members may be missing from a JSON
 * report (written by an earlier version): from an input for EACH, from
 * "totals" for TOTAL; WDL_ADDED_LATER (EACH) from both. wdilog_totals.outside_window is not here: it belongs to
 * the time window's own member; events_lost is not either: it may be not
 * known (JSON null), so it is a count and a flag, handled beside the list
 * (report.c, load.c, render/json.c). The per-input flags truncated and
 * lost_uncounted are counted by the two *_inputs totals. */
/* For an EACH counter added after reports with "totals" were written:
 * missing from both "totals" and an input means 0. */
#define WDL_ADDED_LATER 2

#define WDL_COUNTERS(EACH, TOTAL)                                              \
	EACH(events, "events", WDL_COUNTS_EVENTS, false)                       \
	EACH(with_status, "with status", WDL_COUNTS_EVENTS, true)              \
	EACH(without_status, "without status", WDL_COUNTS_EVENTS, true)        \
	EACH(undecoded, "undecoded", WDL_COUNTS_EVENTS, true)                  \
	EACH(damaged, "damaged", WDL_COUNTS_EVENTS, false)                     \
	EACH(statuses, "status records", WDL_COUNTS_RECORDS, false)            \
	TOTAL(failures, "failures", WDL_COUNTS_RECORDS, false)                 \
	TOTAL(benign, "benign", WDL_COUNTS_RECORDS, false)                     \
	TOTAL(successes, "successes", WDL_COUNTS_RECORDS, false)               \
	TOTAL(unknown, "unknown", WDL_COUNTS_RECORDS, false)                   \
	EACH(malformed, "malformed values", WDL_COUNTS_VALUES, true)           \
	TOTAL(unreadable_inputs, "unreadable inputs", WDL_COUNTS_INPUTS, true) \
	EACH(repaired, "repaired", WDL_COUNTS_READING, WDL_ADDED_LATER)        \
	EACH(preamble_lines, "preamble lines", WDL_COUNTS_READING,             \
	     WDL_ADDED_LATER)                                                  \
	TOTAL(truncated_inputs, "truncated inputs", WDL_COUNTS_READING, true)  \
	TOTAL(lost_uncounted_inputs, "inputs with an uncounted loss",          \
	      WDL_COUNTS_READING, true)

/* The list as a table. */
struct wdl_counter {
	const char *key;            /* the JSON member and diff row */
	size_t key_len;             /* strlen(key), known when compiled */
	const char *label;          /* for people */
	enum wdl_counter_group group;
	bool total_optional;        /* may be missing from "totals" */
	bool input_optional;        /* may be missing from an input */
	size_t total;               /* offset in wdilog_totals */
	size_t input;               /* offset in struct wdl_input_stat, or
				       WDL_NOT_PER_INPUT */
};
#define WDL_NOT_PER_INPUT SIZE_MAX

extern const struct wdl_counter wdl_counters[];
extern const size_t wdl_ncounters;

/* The counter at @p offset of @p base (a wdilog_totals or an input). */
static inline uint64_t *wdl_counter_at(void *base, size_t offset)
{
	return (uint64_t *)((char *)base + offset);
}

static inline uint64_t wdl_counter_get(const void *base, size_t offset)
{
	return *(const uint64_t *)((const char *)base + offset);
}

#endif
