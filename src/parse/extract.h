/* Extract stage: finds status values in an event's text (formats.md
 * section 4) and collects the distinct ones per event. */
#ifndef WDL_EXTRACT_H
#define WDL_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/options.h>
#include <wdilog/reader.h>

#include "util/span.h"

/* The status keys in force: the defaults plus the user's. */
struct wdl_keyset {
	struct wdl_span *keys;      /* owned array; key text is borrowed */
	size_t nkeys;
	bool defaults;              /* the default keys alone: keys is a
				       shared array built once, not owned */
	bool starts[256];           /* byte can start a key or a token */
	bool blank_number;          /* also a key, blanks and a number (no
				       separator): off; only the measurement
				       in doc/status-keys.md turns it on */
	bool wlan_signals;          /* WLAN-AutoConfig events need the parser
				       too (attempts asked for); otherwise the
				       fast path passes them over like any
				       event with no status */
};

int wdl_keyset_init(struct wdl_keyset *ks, const wdilog_options *opts,
		    wdilog_error *err);
void wdl_keyset_dispose(struct wdl_keyset *ks);
/* True if @p word (a whole word) is one of the keys, any case. */
bool wdl_keyset_has(const struct wdl_keyset *ks, const char *word, size_t len);

/* Longest unknown name kept; longer ones are cut (and still counted). */
#define WDL_NAME_MAX 96

/* Distinct values one event may hold. Real events carry one or two; each
 * new value is checked against the others, so without a cap one crafted
 * event (a long line, many continuation lines, a big XML event) costs time
 * quadratic in its size. An event past the cap is counted as damaged. */
#define WDL_EVENT_VALUES_MAX 256

/* The distinct values of one event. Reused from event to event, so that
 * steady state allocates nothing. */
struct wdl_found {
	wdilog_status_value *values;
	size_t n, cap;
	char (*names)[WDL_NAME_MAX + 1]; /* names[i] backs values[i].name */
	size_t nmalformed;
	char note[128];             /* the first malformed occurrence, for the
				       diagnostic; empty if none */
	bool failed;                /* an allocation failed: values lost */
	bool too_many;              /* past WDL_EVENT_VALUES_MAX: values lost */
};

void wdl_found_init(struct wdl_found *f);
void wdl_found_dispose(struct wdl_found *f);
void wdl_found_reset(struct wdl_found *f);

/* Apply both rules (symbolic tokens, key + separator + value) to one line
 * or text node. Matches never span two calls. */
void wdl_extract_text(const struct wdl_keyset *ks, struct wdl_span text,
		      struct wdl_found *f);

struct wdl_prefilter;

/* The same result as wdl_extract_text, visiting only the words around the
 * pre-filter's hits: the fast path for long or frequent text. */
void wdl_extract_hits(const struct wdl_keyset *ks,
		      const struct wdl_prefilter *pf, struct wdl_span text,
		      struct wdl_found *f);

/* The same again, the hits given as bits: bit (@p bit + i) of @p hits is
 * set for every i where wdl_prefilter_find could stop in @p text (more
 * set bits only cost time), as wdl_prefilter_masks gives them. */
void wdl_extract_masked(const struct wdl_keyset *ks, struct wdl_span text,
			const uint64_t *hits, size_t bit, struct wdl_found *f);

/* A value already separated from its key (XML Data Name=KEY, a UserData
 * leaf): leading white space is skipped, then the value rule applies.
 * @p key names the key in the diagnostic note. */
void wdl_extract_value(struct wdl_span key, struct wdl_span value,
		       struct wdl_found *f);

#endif
