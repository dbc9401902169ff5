/* Report stage, drill-down positions (lines.h). */
#include "report/lines.h"

#include <string.h>

int wdl_pos_cmp(const struct wdl_pos *a, const struct wdl_pos *b)
{
	if (a->input != b->input)
		return a->input < b->input ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* Insert @p p into the kept earliest positions when it is one of them
 * (a position already kept is not kept twice: one record may carry
 * several statuses of the same code). */
static void keep(struct wdl_lines *l, const struct wdl_pos *p)
{
	uint32_t at = l->n;
	while (at > 0 && wdl_pos_cmp(p, &l->earliest[at - 1]) < 0)
		at--;
	if (at > 0 && wdl_pos_cmp(p, &l->earliest[at - 1]) == 0)
		return;
	if (at == WDL_LINE_SAMPLES)
		return;
	uint32_t n = l->n < WDL_LINE_SAMPLES ? l->n : WDL_LINE_SAMPLES - 1;
	memmove(&l->earliest[at + 1], &l->earliest[at],
		(n - at) * sizeof(l->earliest[0]));
	l->earliest[at] = *p;
	if (l->n < WDL_LINE_SAMPLES)
		l->n++;
}

static void place(struct wdl_lines *l, const struct wdl_pos *p)
{
	if (!l->n || wdl_pos_cmp(p, &l->last) > 0)
		l->last = *p;
	keep(l, p);
}

void wdl_lines_add(struct wdl_lines *l, size_t input, uint64_t line)
{
	if (!line) {
		l->unplaced++;
		return;
	}
	struct wdl_pos p = { input, line };
	place(l, &p);
}

void wdl_lines_merge(struct wdl_lines *d, const struct wdl_lines *s,
		     const size_t *map)
{
	d->unplaced += s->unplaced;
	if (!s->n)
		return;
	struct wdl_pos last = s->last;
	if (map)
		last.input = map[last.input];
	for (uint32_t i = 0; i < s->n; i++) {
		struct wdl_pos p = s->earliest[i];
		if (map)
			p.input = map[p.input];
		place(d, &p);
	}
	place(d, &last);
}

bool wdl_lines_ends(const struct wdl_lines *l, struct wdl_pos *first,
		    struct wdl_pos *last)
{
	if (!l->n || l->unplaced)
		return false;
	*first = l->earliest[0];
	*last = l->last;
	return true;
}
