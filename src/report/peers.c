/* Aggregate stage, per peer. A small open-addressing hash finds a peer's
 * entry in constant time, so a capture with millions of status records
 * pays one hash probe per record; the table never grows past twice the
 * peer cap. */
#include "report/peers.h"

#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "parse/context.h"
#include "parse/timestamp.h"

/* Power of two, at least twice WDL_PEERS_MAX: probes stay short. */
#define SLOTS (2 * WDL_PEERS_MAX)

static size_t hash(uint64_t mac)
{
	/* Fibonacci hashing: vendor prefixes repeat, the low bits vary */
	return (size_t)((mac * 0x9E3779B97F4A7C15u) >> 40) & (SLOTS - 1);
}

void wdl_peers_init(struct wdl_peers *p)
{
	memset(p, 0, sizeof(*p));
}

void wdl_peers_reuse(struct wdl_peers *p, struct wdl_peers *old)
{
	wdl_peers_init(p);
	p->v = old->v;
	p->cap = old->cap;
	p->slots = old->slots;
	p->nslots = old->nslots;
	/* only the slots in use are cleared (few, in a small file's table) */
	for (size_t i = 0; p->slots && i < old->n; i++) {
		size_t h = hash(p->v[i].mac);
		while (p->slots[h] != i + 1)
			h = (h + 1) & (SLOTS - 1);
		p->slots[h] = 0;
	}
	memset(old, 0, sizeof(*old));
}

void wdl_peers_dispose(struct wdl_peers *p)
{
	wdl_free(p->v);
	wdl_free(p->slots);
	memset(p, 0, sizeof(*p));
}

static void widen(wdilog_time *first, wdilog_time *last, const wdilog_time *t)
{
	if (!t->valid)
		return;
	if (!first->valid || wdl_time_cmp(t, first) < 0)
		*first = *t;
	if (!last->valid || wdl_time_cmp(t, last) > 0)
		*last = *t;
}

void wdl_code_count_add(struct wdl_code_count *codes, uint32_t *ncodes,
			uint32_t cap, uint64_t *other, uint32_t index,
			uint64_t n)
{
	for (uint32_t i = 0; i < *ncodes; i++) {
		if (codes[i].index == index) {
			codes[i].count += n;
			return;
		}
	}
	if (*ncodes < cap)
		codes[(*ncodes)++] = (struct wdl_code_count){ index, n };
	else
		*other += n;
}

bool wdl_code_count_top(const struct wdl_code_count *codes, uint32_t ncodes,
			struct wdl_code_count *top)
{
	if (!ncodes)
		return false;
	*top = codes[0];
	for (uint32_t i = 1; i < ncodes; i++)
		if (codes[i].count > top->count)
			*top = codes[i];
	return true;
}

static void count(struct wdl_peer_stat *s, wdilog_phase phase,
		  wdilog_kind kind, uint32_t code_index, const wdilog_time *t)
{
	s->statuses++;
	s->phases[phase]++;
	widen(&s->first, &s->last, t);
	if (kind == WDILOG_KIND_FAILURE) {
		s->failures++;
		wdl_code_count_add(s->codes, &s->ncodes, WDL_PEER_CODES,
				   &s->other_failures, code_index, 1);
	}
}


/* The entry for @p mac, made if new; NULL past the cap or out of memory. */
static struct wdl_peer_stat *find(struct wdl_peers *p, uint64_t mac)
{
	if (!p->slots) {
		p->slots = wdl_calloc(SLOTS, sizeof(*p->slots));
		if (!p->slots)
			return NULL;
		p->nslots = SLOTS;
	}
	size_t h = hash(mac);
	while (p->slots[h]) {
		struct wdl_peer_stat *s = &p->v[p->slots[h] - 1];
		if (s->mac == mac)
			return s;
		h = (h + 1) & (SLOTS - 1);
	}
	if (p->n >= WDL_PEERS_MAX)
		return NULL;
	if (!wdl_reserve((void **)&p->v, &p->cap, p->n + 1, sizeof(*p->v), 16))
		return NULL;
	struct wdl_peer_stat *s = &p->v[p->n++];
	memset(s, 0, sizeof(*s));
	s->mac = mac;
	p->slots[h] = (uint32_t)p->n;
	return s;
}

bool wdl_peers_add(struct wdl_peers *p, const char *peer, wdilog_phase phase,
		   wdilog_kind kind, uint32_t code_index, const wdilog_time *t)
{
	uint64_t mac;
	if (!peer || !wdl_mac_parse(peer, strlen(peer), false, &mac)) {
		count(&p->none, phase, kind, code_index, t);
		return true;
	}
	size_t before = p->n;
	struct wdl_peer_stat *s = find(p, mac);
	if (!s) {
		count(&p->overflow, phase, kind, code_index, t);
		/* the cap is not a failure; memory is */
		return before >= WDL_PEERS_MAX || p->n > before;
	}
	count(s, phase, kind, code_index, t);
	return true;
}

static void merge_stat(struct wdl_peer_stat *d, const struct wdl_peer_stat *s,
		       const size_t *code_map)
{
	d->statuses += s->statuses;
	d->failures += s->failures;
	for (int ph = 0; ph < WDILOG_PHASE_COUNT; ph++)
		d->phases[ph] += s->phases[ph];
	if (s->first.valid)
		widen(&d->first, &d->last, &s->first);
	if (s->last.valid)
		widen(&d->first, &d->last, &s->last);
	for (uint32_t i = 0; i < s->ncodes; i++)
		wdl_code_count_add(d->codes, &d->ncodes, WDL_PEER_CODES,
				   &d->other_failures,
				   (uint32_t)code_map[s->codes[i].index],
				   s->codes[i].count);
	d->other_failures += s->other_failures;
}

bool wdl_peers_merge(struct wdl_peers *dst, const struct wdl_peers *src,
		     const size_t *code_map, bool *inexact)
{
	/* into an empty table a merge is a copy, exact whatever src holds */
	bool empty = !dst->n && !dst->none.statuses && !dst->overflow.statuses;
	if (!empty && (src->overflow.statuses || src->none.other_failures ||
		       src->overflow.other_failures))
		*inexact = true;
	merge_stat(&dst->none, &src->none, code_map);
	merge_stat(&dst->overflow, &src->overflow, code_map);
	for (size_t i = 0; i < src->n; i++) {
		size_t before = dst->n;
		struct wdl_peer_stat *d = find(dst, src->v[i].mac);
		if (!d) {
			if (before < WDL_PEERS_MAX)
				return false;
			d = &dst->overflow;
			*inexact = true;
		}
		if (src->v[i].other_failures && !empty)
			*inexact = true;
		merge_stat(d, &src->v[i], code_map);
	}
	return true;
}

void wdl_peer_add_code(struct wdl_peer_stat *s, uint32_t index, uint64_t n)
{
	wdl_code_count_add(s->codes, &s->ncodes, WDL_PEER_CODES,
			   &s->other_failures, index, n);
}

struct wdl_peer_stat *wdl_peers_entry(struct wdl_peers *p, uint64_t mac)
{
	return find(p, mac);
}

static int cmp_peers(const void *a, const void *b)
{
	const struct wdl_peer_stat *x = *(const struct wdl_peer_stat *const *)a;
	const struct wdl_peer_stat *y = *(const struct wdl_peer_stat *const *)b;
	if (x->failures != y->failures)
		return x->failures > y->failures ? -1 : 1;
	if (x->statuses != y->statuses)
		return x->statuses > y->statuses ? -1 : 1;
	return x->mac < y->mac ? -1 : x->mac > y->mac;
}

const struct wdl_peer_stat **wdl_peers_sorted(const struct wdl_peers *p)
{
	const struct wdl_peer_stat **v =
		wdl_malloc((p->n ? p->n : 1) * sizeof(*v));
	if (!v)
		return NULL;
	for (size_t i = 0; i < p->n; i++)
		v[i] = &p->v[i];
	qsort(v, p->n, sizeof(*v), cmp_peers);
	return v;
}
