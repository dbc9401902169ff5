/* wdilog — the aggregate of many inputs, and its renderings. */
#ifndef WDILOG_REPORT_H
#define WDILOG_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <wdilog/common.h>
#include <wdilog/error.h>
#include <wdilog/options.h>
#include <wdilog/reader.h>
#include <wdilog/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The JSON report's schema name (formats.md section 6). */
#define WDILOG_SCHEMA "wdilog/1"

typedef struct wdilog_report wdilog_report;

/* The totals member of the JSON report. events = with_status +
 * without_status + undecoded + damaged, always. */
typedef struct wdilog_totals {
	uint64_t events;
	uint64_t with_status;
	uint64_t without_status;
	uint64_t undecoded;
	uint64_t damaged;
	uint64_t statuses;          /* status records */
	uint64_t failures;          /* records of kind failure */
	uint64_t benign;
	uint64_t successes;
	uint64_t unknown;           /* records in the unknown phase */
	uint64_t malformed;         /* unreadable status values */
	uint64_t unreadable_inputs; /* inputs that could not be read whole */
	uint64_t outside_window;    /* events with status left out by the
				       time window (not in events) */
	/* Added later (formats.md 6, "Additions"); a report loaded from an
	 * older JSON report has them 0 and events_lost not known. */
	uint64_t repaired;          /* events read only after a byte that
				       breaks the format was taken as text;
				       also counted in events */
	uint64_t preamble_lines;    /* lines passed over before the first
				       event of an input */
	uint64_t truncated_inputs;  /* inputs cut short (a gzip stream with
				       no trailer, an EVTX file cut) */
	uint64_t lost_uncounted_inputs; /* inputs whose capture says it lost
				       events without saying how many (an
				       EVTX header flagged dirty or full) */
	uint64_t events_lost;       /* events the captures say they lost,
				       summed over the inputs that say */
	bool events_lost_known;     /* false when no input says (JSON null):
				       events_lost is then 0 */
} wdilog_totals;

/* New empty report; @p opts (may be NULL) is read for the bucket width
 * and the burst rule, and not kept. Returns WDILOG_OK with *out set to a
 * report the caller frees with wdilog_report_free, or WDILOG_ENOMEM. */
WDILOG_API int wdilog_report_new(wdilog_report **out,
				 const wdilog_options *opts,
				 wdilog_error *err);

/* Read every remaining event of @p r into the report, as one input.
 * Returns WDILOG_OK at the end of the input, or a negative status (the
 * reader's, an event callback's, or WDILOG_ENOMEM): the events read so far
 * stay counted, the input is marked unreadable, and *err says why. The
 * reader stays the caller's and is not freed; its name is copied. */
WDILOG_API int wdilog_report_read(wdilog_report *rep, wdilog_reader *r,
				  wdilog_error *err);

/* One input for wdilog_report_read_paths. */
typedef struct wdilog_path {
	const char *path;           /* a file, or "-" for standard input */
	bool from_directory;        /* a regular file found in a directory:
				       a wdilog report there is skipped, not
				       read, and so is a binary file other
				       than an event log (an .etl, a .zip) */
} wdilog_path;

/* Told about each input once it is counted, in input order, on the calling
 * thread: @p status is WDILOG_OK (read), WDILOG_DONE (found in a
 * directory and skipped: a wdilog report, with @p err NULL, or a binary
 * file, with @p err the warning wdilog_walk gives for it without
 * WDILOG_WALK_UNOPENED), or negative (could not be read whole; it is
 * listed as unreadable with @p err's message). Skipped inputs are not
 * listed in the report. */
typedef void (*wdilog_input_fn)(const char *path, int status,
				const wdilog_error *err, void *payload);

/* Read every input into the report with up to @p jobs threads (0: one per
 * core). Inputs are read side by side, and a large wpp-text file is read in
 * parts; the report is identical to reading them one after another. The
 * diagnostic callback in @p opts may be called from several threads, one
 * call at a time. @p paths, @p opts and @p payload are borrowed for the
 * call; the path and error given to @p done are valid only during its call.
 * Returns WDILOG_OK, or WDILOG_ENOMEM / WDILOG_ERR when the run itself
 * failed (inputs that failed are reported through @p done). */
WDILOG_API int wdilog_report_read_paths(wdilog_report *rep,
					const wdilog_path *paths, size_t n,
					unsigned jobs, const wdilog_options *opts,
					wdilog_input_fn done, void *payload,
					wdilog_error *err);

/* Called for each event counted with status, in input order, while
 * wdilog_report_read reads it (so a consumer can stream records without
 * the input being kept). @p input is the input's path. A negative return
 * stops the read, which returns it. */
typedef int (*wdilog_event_fn)(const wdilog_event *ev, const char *input,
			       void *payload);

/* Set (or with NULL clear) the per-event callback; @p payload is borrowed
 * until it is replaced or the report freed. The event and input passed to
 * @p fn are valid only during the call. */
WDILOG_API void wdilog_report_on_event(wdilog_report *rep, wdilog_event_fn fn,
				       void *payload);

/* Count only status records in a time window: @p since (inclusive) and
 * @p until (exclusive), each NULL for no bound. A bound is an absolute
 * time ("2024-03-05T10:15:00", "2024-03-05 10:15", a trailing Z or offset
 * allowed) or a time of day ("10:15", "10:15:30.5") taken on the date of
 * the first status record that has a time; an until at or before since
 * is on the next day. Records without a time are outside any window.
 * Events without status are counted whatever the window (their time is
 * never read). Returns WDILOG_EINVAL for a bound that is not a time, or
 * two absolute bounds in the wrong order. Call before reading. */
WDILOG_API int wdilog_report_set_window(wdilog_report *rep, const char *since,
					const char *until, wdilog_error *err);

/* Write one JSON object per status record of @p ev (an event with
 * status), one line each (JSON Lines), with its time, code, name, phase,
 * kind and context; @p input names the input. Returns WDILOG_EIO if
 * writing failed. */
WDILOG_API int wdilog_event_render_json(const wdilog_event *ev,
					const char *input, FILE *out,
					wdilog_error *err);

/* List an input that could not be opened at all, with the reason: @p path
 * and @p why's message (NULL: "unreadable") are copied. Returns WDILOG_OK
 * or WDILOG_ENOMEM. */
WDILOG_API int wdilog_report_add_unreadable(wdilog_report *rep,
					    const char *path,
					    const wdilog_error *why,
					    wdilog_error *err);

/* Copy the totals out into the caller's @p out. */
WDILOG_API void wdilog_report_totals(const wdilog_report *rep,
				     wdilog_totals *out);

/* How a text report looks. */
typedef struct wdilog_text_style {
	bool color;                 /* ANSI colours */
	bool unicode;               /* Unicode sparklines; ASCII otherwise */
	bool by_peer;               /* add the per-peer table */
	unsigned width;             /* columns no line may pass: 0 = 80,
				       below 72 taken as 72; the caller
				       chooses (the CLI asks the terminal),
				       the library never does */
} wdilog_text_style;

/* Write the human-readable report; @p style may be NULL (plain, ASCII).
 * Returns WDILOG_OK, WDILOG_EIO if writing failed, or WDILOG_ENOMEM. */
WDILOG_API int wdilog_report_render_text(const wdilog_report *rep, FILE *out,
					 const wdilog_text_style *style,
					 wdilog_error *err);

/* Write the report as one self-contained HTML page: inline style and
 * script, no external reference; the tables and the SVG timeline work
 * without scripts. Every string from the input is escaped. Returns
 * WDILOG_OK, WDILOG_EIO if writing failed, or WDILOG_ENOMEM. */
WDILOG_API int wdilog_report_render_html(const wdilog_report *rep, FILE *out,
					 wdilog_error *err);

/* Write the JSON report (schema WDILOG_SCHEMA). Returns WDILOG_OK,
 * WDILOG_EIO if writing failed, or WDILOG_ENOMEM. */
WDILOG_API int wdilog_report_render_json(const wdilog_report *rep, FILE *out,
					 wdilog_error *err);

/* Free the report and everything it owns (strings it handed out become
 * invalid); NULL does nothing. */
WDILOG_API void wdilog_report_free(wdilog_report *rep);

#ifdef __cplusplus
}
#endif
#endif
