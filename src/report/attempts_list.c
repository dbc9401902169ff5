/* Aggregate stage, the attempt list (attempts_list.h): a copy of each
 * ended attempt and session, up to a cap, the rest counted. */
#include "report/attempts_list.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "parse/timestamp.h"
#include "report/report.h"
#include "report/view.h"
#include "util/alloc.h"

void wdl_att_list_init(struct wdl_att_list *l, const wdilog_options *opts)
{
	memset(l, 0, sizeof(*l));
	l->keep = opts && opts->attempts_in_report;
	l->cap = WDL_ATT_LIST_MAX;
	l->att_keep = l->sess_keep = WDL_ATT_LIST_MAX;
}

void wdl_att_list_bound(struct wdl_att_list *l, size_t att, size_t sess)
{
	l->att_keep = att;
	l->sess_keep = sess;
}

void wdl_att_list_room(const struct wdl_att_list *l, size_t *att,
		       size_t *sess)
{
	size_t a = l->att_keep < l->cap ? l->att_keep : l->cap;
	size_t s = l->sess_keep < l->cap ? l->sess_keep : l->cap;
	*att = l->natt < a ? a - l->natt : 0;
	*sess = l->nsess < s ? s - l->nsess : 0;
}

void wdl_att_list_dispose(struct wdl_att_list *l)
{
	for (size_t k = 0; k < l->nnames; k++)
		wdl_free(l->names[k]);
	wdl_free(l->names);
	wdl_table_free(l->att, l->att_alloc * sizeof(*l->att));
	wdl_table_free(l->sess, l->sess_alloc * sizeof(*l->sess));
	l->names = NULL;
	l->att = NULL;
	l->sess = NULL;
	l->nnames = l->natt = l->nsess = 0;
	l->att_alloc = l->sess_alloc = 0;
}

static void put(char *dst, size_t cap, const char *src)
{
	size_t n = src ? strlen(src) : 0;
	if (n >= cap)
		n = cap - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Index of input @p name: items of one input come together, so only the
 * last name is compared. UINT32_MAX when out of memory. */
static uint32_t name_index(struct wdl_att_list *l, const char *name)
{
	if (!name)
		name = "";
	if (l->nnames && strcmp(l->names[l->nnames - 1], name) == 0)
		return (uint32_t)(l->nnames - 1);
	if (l->nnames == l->names_alloc) {
		size_t n = l->names_alloc ? l->names_alloc * 2 : 4;
		char **p = wdl_realloc(l->names, n * sizeof(*p));
		if (!p)
			return UINT32_MAX;
		l->names = p;
		l->names_alloc = n;
	}
	char *copy = wdl_strdup(name);
	if (!copy)
		return UINT32_MAX;
	l->names[l->nnames++] = copy;
	return (uint32_t)(l->nnames - 1);
}

/* Room for one more item in *@p v (growing by doubling up to the cap).
 * A table (util/alloc): a full list is 2.6 MB, whose small pages one by
 * one cost a tenth of a run with attempts listed. */
static bool room(void **v, size_t n, size_t *alloc, size_t cap, size_t size)
{
	if (n < *alloc)
		return true;
	size_t grow = *alloc ? *alloc * 2 : 64;
	/* once mapped, straight to the cap: its huge pages fault in only
	 * as they are written, and nothing is copied again */
	if (grow > cap || grow * size >= WDL_TABLE_MAPPED)
		grow = cap;
	void *p = wdl_table_resize(*v, *alloc * size, grow * size);
	if (!p)
		return false;
	*v = p;
	*alloc = grow;
	return true;
}

static bool add_attempt(struct wdl_att_list *l, const wdilog_attempt *a)
{
	if (l->natt >= l->cap || l->natt >= l->att_keep) {
		l->att_unlisted++;
		return true;
	}
	uint32_t in = name_index(l, a->input);
	if (in == UINT32_MAX ||
	    !room((void **)&l->att, l->natt, &l->att_alloc, l->cap, sizeof(*l->att)))
		return false;
	struct wdl_att_item *it = &l->att[l->natt++];
	memset(it, 0, sizeof(*it));
	it->input = in;
	put(it->iface, sizeof(it->iface), a->interface);
	it->start = a->start;
	it->end = a->end;
	it->start_inferred = a->start_inferred;
	it->result = a->result;
	it->furthest = a->furthest_phase;
	it->has_failing = a->has_failing_phase;
	it->failing = a->failing_phase;
	it->reason = a->reason;
	put(it->ssid, sizeof(it->ssid), a->ssid);
	put(it->bssid, sizeof(it->bssid), a->bssid);
	if (a->ntries)
		put(it->first_peer, sizeof(it->first_peer), a->tries[0].peer);
	it->bssids = (uint32_t)a->ntries;
	it->tries = a->tries_other;
	for (size_t k = 0; k < a->ntries; k++)
		it->tries += a->tries[k].count;
	it->chain = a->chain;
	it->line = a->line;
	it->first_line = a->first_line;
	return true;
}

static bool add_session(struct wdl_att_list *l, const wdilog_session *s)
{
	if (l->nsess >= l->cap || l->nsess >= l->sess_keep) {
		l->sess_unlisted++;
		return true;
	}
	uint32_t in = name_index(l, s->input);
	if (in == UINT32_MAX ||
	    !room((void **)&l->sess, l->nsess, &l->sess_alloc, l->cap,
		  sizeof(*l->sess)))
		return false;
	struct wdl_sess_item *it = &l->sess[l->nsess++];
	memset(it, 0, sizeof(*it));
	it->input = in;
	put(it->iface, sizeof(it->iface), s->interface);
	it->start = s->start;
	it->end = s->end;
	put(it->ssid, sizeof(it->ssid), s->ssid);
	put(it->bssid, sizeof(it->bssid), s->bssid);
	it->how = s->how;
	it->reason = s->reason;
	it->roams = s->roams;
	it->roam_successes = s->roam_successes;
	it->roam_failures = s->roam_failures;
	it->line = s->line;
	return true;
}

const char *wdl_att_item_lines(const struct wdl_att_item *it, char *buf,
			       size_t cap)
{
	if (it->first_line && it->first_line < it->line)
		snprintf(buf, cap, "%" PRIu64 "-%" PRIu64, it->first_line, it->line);
	else
		snprintf(buf, cap, "%" PRIu64, it->line);
	return buf;
}

void wdl_att_list_forget(struct wdl_att_list *l)
{
	l->natt = 0;
	l->nsess = 0;
	l->att_unlisted = 0;
	l->sess_unlisted = 0;
}

void wdl_att_list_shift_lines(struct wdl_att_list *l, uint64_t base)
{
	for (size_t k = 0; k < l->natt; k++) {
		if (l->att[k].line)
			l->att[k].line += base;
		if (l->att[k].first_line)
			l->att[k].first_line += base;
	}
	for (size_t k = 0; k < l->nsess; k++)
		if (l->sess[k].line)
			l->sess[k].line += base;
}

bool wdl_att_list_add(struct wdl_att_list *l, const wdilog_attempt *a,
		      const wdilog_session *s)
{
	bool ok = a ? add_attempt(l, a) : s ? add_session(l, s) : true;
	if (!ok) {
		/* never silent: what could not be kept is counted */
		l->oom = true;
		if (a)
			l->att_unlisted++;
		else
			l->sess_unlisted++;
	}
	return ok;
}

/* Swap two item arrays and their sizes (a move into an empty array). */
static void swap_items(void **a, size_t *a_alloc, void **b, size_t *b_alloc)
{
	void *v = *a;
	size_t n = *a_alloc;
	*a = *b;
	*a_alloc = *b_alloc;
	*b = v;
	*b_alloc = n;
}

/* wdl_att_list_merge; with @p movable (src itself), an item array that
 * dst has nothing in yet is moved, not copied, and src's is left empty. */
static bool merge_lists(struct wdl_att_list *dst, const struct wdl_att_list *src,
			struct wdl_att_list *movable, bool same_input)
{
	uint32_t *map = wdl_malloc((src->nnames ? src->nnames : 1) * sizeof(*map));
	if (!map)
		return false;
	bool ok = true;
	for (size_t k = 0; k < src->nnames && ok; k++) {
		/* only a later part of one file continues dst's last input;
		 * two inputs of the same name stay two */
		if (k == 0 && same_input && dst->nnames &&
		    strcmp(dst->names[dst->nnames - 1], src->names[0]) == 0) {
			map[k] = (uint32_t)(dst->nnames - 1);
			continue;
		}
		if (dst->nnames == dst->names_alloc) {
			size_t n = dst->names_alloc ? dst->names_alloc * 2 : 4;
			char **p = wdl_realloc(dst->names, n * sizeof(*p));
			if (!p) {
				ok = false;
				break;
			}
			dst->names = p;
			dst->names_alloc = n;
		}
		char *copy = wdl_strdup(src->names[k]);
		if (!copy) {
			ok = false;
			break;
		}
		map[k] = (uint32_t)dst->nnames;
		dst->names[dst->nnames++] = copy;
	}
	/* a first list (a whole file's first part) handed over: its pages
	 * were written once, by the job, and are not written again */
	if (ok && movable && dst->natt == 0 && movable->natt &&
	    movable->natt <= dst->cap) {
		swap_items((void **)&dst->att, &dst->att_alloc,
			   (void **)&movable->att, &movable->att_alloc);
		dst->natt = movable->natt;
		movable->natt = 0;
		for (size_t k = 0; k < dst->natt; k++)
			dst->att[k].input = map[dst->att[k].input];
	}
	if (ok && movable && dst->nsess == 0 && movable->nsess &&
	    movable->nsess <= dst->cap) {
		swap_items((void **)&dst->sess, &dst->sess_alloc,
			   (void **)&movable->sess, &movable->sess_alloc);
		dst->nsess = movable->nsess;
		movable->nsess = 0;
		for (size_t k = 0; k < dst->nsess; k++)
			dst->sess[k].input = map[dst->sess[k].input];
	}
	for (size_t k = 0; k < src->natt && ok; k++) {
		if (dst->natt >= dst->cap) {
			dst->att_unlisted += src->natt - k;
			break;
		}
		if (!room((void **)&dst->att, dst->natt, &dst->att_alloc, dst->cap,
			  sizeof(*dst->att))) {
			ok = false;
			break;
		}
		dst->att[dst->natt] = src->att[k];
		dst->att[dst->natt++].input = map[src->att[k].input];
	}
	for (size_t k = 0; k < src->nsess && ok; k++) {
		if (dst->nsess >= dst->cap) {
			dst->sess_unlisted += src->nsess - k;
			break;
		}
		if (!room((void **)&dst->sess, dst->nsess, &dst->sess_alloc,
			  dst->cap, sizeof(*dst->sess))) {
			ok = false;
			break;
		}
		dst->sess[dst->nsess] = src->sess[k];
		dst->sess[dst->nsess++].input = map[src->sess[k].input];
	}
	dst->att_unlisted += src->att_unlisted;
	dst->sess_unlisted += src->sess_unlisted;
	dst->oom |= src->oom;
	wdl_free(map);
	return ok;
}

bool wdl_att_list_merge(struct wdl_att_list *dst, const struct wdl_att_list *src,
			bool same_input)
{
	return merge_lists(dst, src, NULL, same_input);
}

bool wdl_att_list_take(struct wdl_att_list *dst, struct wdl_att_list *src,
		       bool same_input)
{
	return merge_lists(dst, src, src, same_input);
}

const char *wdl_att_list_input(const struct wdl_att_list *l, uint32_t input)
{
	return input < l->nnames ? l->names[input] : "";
}

bool wdl_att_item_failed(const struct wdl_att_item *it)
{
	return it->result == WDILOG_ATTEMPT_FAILURE ||
	       it->result == WDILOG_ATTEMPT_DROPPED ||
	       it->result == WDILOG_ATTEMPT_TIMEOUT;
}

int64_t wdl_att_item_ms(const wdilog_time *start, const wdilog_time *end)
{
	if (!start->valid || !end->valid)
		return -1;
	return (wdl_time_key(end) - wdl_time_key(start)) * 1000 +
	       ((int64_t)end->nanos - (int64_t)start->nanos) / 1000000;
}

const struct wdl_att_list *wdl_att_list_of(const struct wdilog_report *rep)
{
	if (!rep->att_list.keep || !wdl_view_known(rep, WDL_MEMBER_ATTEMPT_LIST))
		return NULL;
	return &rep->att_list;
}
