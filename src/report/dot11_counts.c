/* Aggregate stage, 802.11 codes and SSIDs. Tables are small and fixed, so
 * a row is found by a scan of at most WDL_TALLY_ROWS entries, and only
 * for records whose event named a code or an SSID. */
#include "report/dot11_counts.h"

#include <stdlib.h>
#include <string.h>

static struct wdl_tally_row *row_of(struct wdl_tally *t, uint32_t code,
				    const char *text)
{
	for (uint32_t i = 0; i < t->n; i++) {
		struct wdl_tally_row *r = &t->rows[i];
		if (text ? strcmp(r->text, text) == 0 : r->code == code)
			return r;
	}
	if (t->n == WDL_TALLY_ROWS)
		return &t->other;
	struct wdl_tally_row *r = &t->rows[t->n++];
	memset(r, 0, sizeof(*r));
	r->code = code;
	if (text)
		wdl_ssid_copy(r->text, text, strlen(text));
	return r;
}

void wdl_tally_add(struct wdl_tally *t, uint32_t code, const char *text,
		   uint64_t records, uint64_t failures)
{
	struct wdl_tally_row *r = row_of(t, code, text);
	r->records += records;
	r->failures += failures;
}

void wdl_dot11_counts_add(struct wdl_dot11_counts *d, const wdilog_context *x,
			  bool failure)
{
	if (!x)
		return;
	uint64_t f = failure ? 1 : 0;
	if (x->has_dot11_status)
		wdl_tally_add(&d->status, x->dot11_status, NULL, 1, f);
	if (x->has_dot11_reason)
		wdl_tally_add(&d->reason, x->dot11_reason, NULL, 1, f);
	if (x->ssid)
		wdl_tally_add(&d->ssid, 0, x->ssid, 1, f);
}

void wdl_tally_merge(struct wdl_tally *dst, const struct wdl_tally *src,
		     bool by_text)
{
	/* into an empty table a merge is a copy, exact whatever src holds */
	bool empty = !dst->n && !dst->other.records;
	for (uint32_t i = 0; i < src->n; i++) {
		const struct wdl_tally_row *r = &src->rows[i];
		wdl_tally_add(dst, r->code, by_text ? r->text : NULL,
			      r->records, r->failures);
	}
	dst->other.records += src->other.records;
	dst->other.failures += src->other.failures;
	dst->inexact |= src->inexact || (src->other.records && !empty);
}

void wdl_dot11_counts_merge(struct wdl_dot11_counts *dst,
			    const struct wdl_dot11_counts *src)
{
	wdl_tally_merge(&dst->status, &src->status, false);
	wdl_tally_merge(&dst->reason, &src->reason, false);
	wdl_tally_merge(&dst->ssid, &src->ssid, true);
}

static int cmp_code(const void *a, const void *b)
{
	const struct wdl_tally_row *x = *(const struct wdl_tally_row *const *)a;
	const struct wdl_tally_row *y = *(const struct wdl_tally_row *const *)b;
	return x->code < y->code ? -1 : x->code > y->code;
}

static int cmp_text(const void *a, const void *b)
{
	const struct wdl_tally_row *x = *(const struct wdl_tally_row *const *)a;
	const struct wdl_tally_row *y = *(const struct wdl_tally_row *const *)b;
	if (x->failures != y->failures)
		return x->failures > y->failures ? -1 : 1;
	if (x->records != y->records)
		return x->records > y->records ? -1 : 1;
	return strcmp(x->text, y->text);
}

size_t wdl_tally_sorted(const struct wdl_tally *t, bool by_text,
			const struct wdl_tally_row **out)
{
	for (uint32_t i = 0; i < t->n; i++)
		out[i] = &t->rows[i];
	qsort(out, t->n, sizeof(*out), by_text ? cmp_text : cmp_code);
	return t->n;
}
