/* Aggregate stage, attempts: the rule of attempts.md as one state machine
 * fed every record (WDI status or WLAN-AutoConfig signal) in input order,
 * and the figures it leaves behind.
 *
 * State is per interface of the input being read (the input plus its
 * InterfaceGuid; at most WDL_ATT_IFACES, the rest share one "other"
 * slot): one open attempt (8 tries) and one open session. Attempts and
 * sessions go to the report's callback as they end and are then
 * forgotten; only the figures below stay, and they merge exactly
 * (counters, fixed buckets, capped rows with an "other" row).
 *
 * How a renderer walks attempts: it never sees attempts themselves in a
 * report (they are streamed; wdilog_report_on_attempt). It reads the
 * figures through wdl_attempts_of(rep): by_result, the chain counters,
 * the two time-to-connect histograms (wdl_att_bucket_bound gives the
 * buckets' upper bounds, wdl_att_percentile a percentile), failures by
 * phase, the reason rows, SSID and BSSID rows (in first-seen order, the
 * "other" row apart), sessions; and wdl_attempts_shown() says whether
 * to show them. */
#ifndef WDL_ATTEMPTS_H
#define WDL_ATTEMPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/attempts.h>
#include <wdilog/options.h>
#include <wdilog/reader.h>

/* Caps: interfaces per input, reason rows, SSID rows, BSSID rows. */
#define WDL_ATT_IFACES 64
#define WDL_ATT_REASONS 64
#define WDL_ATT_SSIDS 64
#define WDL_ATT_PEERS 256

/* Duration buckets: upper bounds in ms of a 1-2-5 series from 1 ms to
 * 10 min; bucket i holds [bound(i-1), bound(i)), the last one 10 min and
 * more. */
#define WDL_ATT_BUCKETS 19

struct wdl_att_hist {
	uint64_t n[WDL_ATT_BUCKETS];
	uint64_t count;
};

struct wdl_att_reason_row {
	wdilog_reason reason;
	uint64_t count;
};

struct wdl_att_ssid_row {
	char ssid[65];
	uint64_t attempts;
	uint64_t by_result[WDILOG_ATTEMPT_RESULT_COUNT];
};

struct wdl_att_peer_row {
	char peer[18];
	uint64_t attempts;          /* attempts that tried it */
	uint64_t records;           /* its WDI records */
	uint64_t failed;            /* failed tries (records) */
	uint64_t wins;              /* attempts that succeeded on it */
};

/* The figures: everything a report keeps about attempts. */
struct wdl_att_figs {
	uint32_t idle_ms, retry_ms; /* parameters in force */
	uint64_t by_result[WDILOG_ATTEMPT_RESULT_COUNT];
	uint64_t inferred_starts;
	uint64_t chains;            /* chains counted in the chain rate */
	uint64_t chains_first_try;  /* ... whose first attempt succeeded */
	uint64_t chains_eventual;   /* ... with a success in them */
	uint64_t retries;           /* attempts that joined a chain */
	struct wdl_att_hist ttc;    /* time to connect, explicit starts */
	struct wdl_att_hist ttc_lower; /* from an inferred start: a lower
					  bound */
	uint64_t by_failing_phase[WDILOG_AP_COUNT];
	struct wdl_att_reason_row reasons[WDL_ATT_REASONS];
	size_t nreasons;
	uint64_t reasons_other;
	struct wdl_att_ssid_row ssids[WDL_ATT_SSIDS + 1]; /* +1: other */
	size_t nssids;
	struct wdl_att_peer_row *peers; /* owned; WDL_ATT_PEERS + 1 (other) */
	size_t npeers;
	uint64_t sessions;
	struct wdl_att_hist session_time;
	uint64_t session_by_end[3]; /* by wdilog_session_end */
	uint64_t roams, roam_successes, roam_failures;
	struct wdl_att_reason_row disconnects[WDL_ATT_REASONS];
	size_t ndisconnects;
	uint64_t disconnects_other;
	uint64_t ifaces_other;      /* records of interfaces past the cap */
	uint64_t wlan_events;       /* WLAN-AutoConfig signals seen */
	bool show;                  /* options.attempts_in_report */
	bool per_part;              /* computed per part of a split file:
				       attempts at part boundaries are cut */
};

struct wdl_att_iface;
struct wdl_att_list;

/* Where a later part of a file read in parts (read_paths.c) found its
 * state settled: every interface with no attempt, no session and no chain
 * to join, after at least one attempt ended. */
struct wdl_att_sync {
	bool reached;
	uint64_t fed;               /* events fed up to and with that point */
	size_t nifaces, cur;
	struct wdl_att_iface *ifaces; /* owned: the interfaces there */
};

struct wdl_attempts {
	struct wdl_att_figs figs;
	struct wdl_att_iface *ifaces; /* owned; WDL_ATT_IFACES + 1 */
	size_t nifaces;
	bool have_input;
	size_t input;               /* the input the interfaces belong to */
	const char *input_name;     /* borrowed from the report */
	size_t cur;                 /* most recent interface */
	wdilog_attempt_fn fn;
	void *payload;
	int failed;                 /* a callback's negative status, or 0 */
	struct wdl_att_list *list;  /* borrowed; keeps ended attempts, or NULL */
	/* Parts (doc/attempts.md, "-j and merge"): */
	uint64_t fed;               /* events fed so far */
	bool keep_open;             /* the input goes on in the next part:
				       its end leaves attempts open */
	bool later_part;            /* started without the state before it:
				       look for the sync point */
	bool exact;                 /* its figures were made exact at the
				       merge (no "exact": false) */
	struct wdl_att_sync sync;
};

void wdl_attempts_init(struct wdl_attempts *a, const wdilog_options *opts);
void wdl_attempts_dispose(struct wdl_attempts *a);
/* Give @p a, just initialised, the tables of @p old (which keeps none):
 * a reset report reuses them (wdl_peers_reuse says why). */
void wdl_attempts_reuse(struct wdl_attempts *a, struct wdl_attempts *old);

/* Feed one event of input @p input (named @p name, borrowed until the
 * input ends): its statuses and its WLAN signal. Returns false when out
 * of memory; a callback's failure is kept in a->failed. */
bool wdl_attempts_feed(struct wdl_attempts *a, size_t input,
		       const char *name, const wdilog_event *ev);

/* The input ended: open attempts end incomplete, open sessions open. */
bool wdl_attempts_end_input(struct wdl_attempts *a);

/* Whether the figures are asked for (--with-attempts, an attempt stream,
 * or attempt signals): only then is a file read in parts made exact. */
bool wdl_attempts_wanted(const wdilog_options *opts);

/* Whether @p m's state (the main machine, fed up to a later part's sync
 * point) is the state @p part found there: then @p part's figures from
 * that point on and its state at its end are those of one pass. */
bool wdl_attempts_in_sync(const struct wdl_attempts *m,
			  const struct wdl_attempts *part);

/* A part whose lines count from its own start (a text part, -j): add
 * @p base, the lines before it, to the lines its state and its list hold,
 * before the main machine takes them on. */
void wdl_attempts_shift_lines(struct wdl_attempts *a, uint64_t base);

/* Whether @p a's figures went past a row cap ("other" rows): a part's
 * "other" may hold rows the reports before it list, so such a part is fed
 * again whole at its merge. */
bool wdl_attempts_overflowed(const struct wdl_attempts *a);

/* Forget @p a's figures (parameters kept): a part fed again whole. */
void wdl_attempts_clear_figs(struct wdl_attempts *a);

/* @p dst takes @p src's interfaces (its state at its end) for input
 * @p input named @p name, to go on with the next part. */
void wdl_attempts_adopt(struct wdl_attempts *dst, struct wdl_attempts *src,
			size_t input, const char *name);

/* Add @p src's figures into @p dst (wdilog merge, parallel parts). */
bool wdl_attempts_merge(struct wdl_att_figs *dst, const struct wdl_att_figs *src);

struct wdilog_report;
/* The figures of @p rep (borrowed): what renderers read. */
const struct wdl_att_figs *wdl_attempts_of(const struct wdilog_report *rep);

/* Anything to report: an attempt, a session or a WLAN signal. */
bool wdl_attempts_any(const struct wdl_att_figs *f);

/* Whether reports show the figures: when asked (options.attempts_in_report,
 * --with-attempts) and there is anything. Off by default, so that every
 * report written before attempts existed stays byte for byte the same. */
bool wdl_attempts_shown(const struct wdl_att_figs *f);

/* Upper bound in ms of bucket @p i (UINT64_MAX for the last). */
uint64_t wdl_att_bucket_bound(size_t i);

/* The @p pct percentile (0-100) of @p h as its bucket's upper bound in
 * ms; false when @p h is empty. UINT64_MAX: past the last bound. */
bool wdl_att_percentile(const struct wdl_att_hist *h, unsigned pct,
			uint64_t *ms);

/* Success rate of attempts (success / (success + failure + dropped +
 * timeout)); false when the denominator is 0. */
bool wdl_att_success_rate(const struct wdl_att_figs *f, double *rate);

#endif
