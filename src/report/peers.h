/* Aggregate stage, per peer: status records counted by the peer or BSSID
 * their event named, with counts by phase, first and last time, and the
 * dominant failure. Memory is bounded by WDL_PEERS_MAX, whatever the
 * input. */
#ifndef WDL_PEERS_H
#define WDL_PEERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/reader.h>
#include <wdilog/status.h>

/* Distinct peers kept. A capture sees a few dozen access points; past the
 * cap, records go to one overflow entry, as codes do (WDL_DISTINCT_MAX). */
#define WDL_PEERS_MAX 4096
/* Distinct failure codes counted per peer. Only codes of kind failure
 * are counted and the enum has 27 of them (anything outside it is of kind
 * unknown), so the list never fills: the JSON report carries it whole
 * and reports merge exactly. Failures past the cap would be counted in
 * other_failures. */
#define WDL_PEER_CODES 32

struct wdl_code_count {
	uint32_t index;             /* into the report's codes array */
	uint64_t count;
};

struct wdl_peer_stat {
	uint64_t mac;               /* 48-bit address */
	uint64_t statuses;          /* status records */
	uint64_t failures;          /* records of kind failure */
	uint64_t phases[WDILOG_PHASE_COUNT];
	wdilog_time first, last;    /* .valid false if no record had a time */
	struct wdl_code_count codes[WDL_PEER_CODES]; /* failure codes, in
				       first-seen order */
	uint32_t ncodes;
	uint64_t other_failures;    /* failures whose code did not fit */
};

struct wdl_peers {
	struct wdl_peer_stat *v;    /* owned; distinct peers, first-seen order */
	size_t n, cap;
	uint32_t *slots;            /* owned hash of mac -> index + 1 */
	size_t nslots;
	struct wdl_peer_stat none;  /* records whose event named no peer */
	struct wdl_peer_stat overflow; /* records of peers past the cap */
};

void wdl_peers_init(struct wdl_peers *p);
void wdl_peers_dispose(struct wdl_peers *p);
/* Empty @p p, taking the tables of @p old (emptied, to reuse: a job's
 * report is reset for each of hundreds of batches, and tables made anew
 * each time were a quarter of the page faults of 10,000 small files). */
void wdl_peers_reuse(struct wdl_peers *p, struct wdl_peers *old);

/* Count one status record of code @p code_index (phase, kind) at @p t
 * against @p peer ("8a:15:14:b6:25:10", or NULL for none). Returns false
 * only when out of memory (the record then counts in the overflow). */
bool wdl_peers_add(struct wdl_peers *p, const char *peer, wdilog_phase phase,
		   wdilog_kind kind, uint32_t code_index, const wdilog_time *t);

/* Add @p n records of failure code @p index to a bounded code list. */
void wdl_code_count_add(struct wdl_code_count *codes, uint32_t *ncodes,
			uint32_t cap, uint64_t *other, uint32_t index,
			uint64_t n);

/* The most frequent entry of a code list (the first seen on a tie);
 * false when the list is empty. */
bool wdl_code_count_top(const struct wdl_code_count *codes, uint32_t ncodes,
			struct wdl_code_count *top);

/* Add @p src into @p dst (reports merged, or parts of one input read in
 * parallel): counts add, first and last widen, and the code indices of
 * @p src (into its report's codes) become @p code_map[index] (into the
 * merged report's). Exact as one pass over both would count, unless a cap
 * is in the way: @p src has records past the peer cap or failures past a
 * peer's code cap (which may belong to peers or codes @p dst lists), or a
 * peer of @p src finds @p dst full; then *inexact is set. Returns false
 * when out of memory. */
bool wdl_peers_merge(struct wdl_peers *dst, const struct wdl_peers *src,
		     const size_t *code_map, bool *inexact);

/* Per-peer failure codes as loaded from a report: code @p index counted
 * @p n times in @p s (first-seen order is the order of the calls). */
void wdl_peer_add_code(struct wdl_peer_stat *s, uint32_t index, uint64_t n);

/* The entry of peer @p mac, made if new; NULL past the cap or when out of
 * memory (a loaded report then cannot be read). */
struct wdl_peer_stat *wdl_peers_entry(struct wdl_peers *p, uint64_t mac);

/* Distinct peers in report order: most failures first, then most
 * statuses, then by address. Returns a new array of n pointers (caller
 * frees with wdl_free), or NULL when out of memory. */
const struct wdl_peer_stat **wdl_peers_sorted(const struct wdl_peers *p);

#endif
