/* Ranked, deterministic diagnostics: see diags.h. */
#include "diags.h"

#include <stdlib.h>
#include <string.h>

void cli_diags_init(struct cli_diags *d, size_t cap)
{
	memset(d, 0, sizeof(*d));
	d->cap = cap;
}

static int by_name(const void *a, const void *b, void *inputs)
{
	const wdilog_path *in = inputs;
	return strcmp(in[*(const size_t *)a].path, in[*(const size_t *)b].path);
}

void cli_diags_set_inputs(struct cli_diags *d, const wdilog_path *inputs,
			  size_t n)
{
	free(d->order);
	d->order = NULL;
	d->inputs = inputs;
	d->ninputs = n;
}

/* The first position of input @p name; past every input if unknown (a
 * file passed over inside a directory, or no memory for the index). */
static size_t input_index(struct cli_diags *d, const char *name)
{
	if (!name)
		return 0;
	/* diagnostics come one at a time (the library's promise) */
	if (!d->order && d->ninputs) {
		d->order = malloc(d->ninputs * sizeof(*d->order));
		if (!d->order) {
			d->oom = true;
			return (size_t)-1;
		}
		for (size_t i = 0; i < d->ninputs; i++)
			d->order[i] = i;
		qsort_r(d->order, d->ninputs, sizeof(*d->order), by_name,
			(void *)d->inputs);
	}
	size_t lo = 0, hi = d->ninputs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(d->inputs[d->order[mid]].path, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t best = (size_t)-1;
	/* the same path given twice: its first place */
	for (; lo < d->ninputs && strcmp(d->inputs[d->order[lo]].path, name) == 0;
	     lo++)
		if (d->order[lo] < best)
			best = d->order[lo];
	return best;
}

/* An input cut short is told by a warning; its words say so. */
static enum cli_diag_rank rank_of(const wdilog_error *e)
{
	switch (e->code) {
	case WDILOG_DIAG_DAMAGED:
		return CLI_DIAG_DAMAGED;
	case WDILOG_DIAG_MALFORMED:
		return CLI_DIAG_MALFORMED;
	default:
		if (strstr(e->message, "cut short") ||
		    strstr(e->message, "input ends ") ||
		    strstr(e->message, "file ends ") ||
		    strstr(e->message, "truncated"))
			return CLI_DIAG_TRUNCATED;
		return CLI_DIAG_WARNING;
	}
}

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

/* A total order: equal only for diagnostics that print the same. */
static int diag_cmp(const struct cli_diag *a, const struct cli_diag *b)
{
	int c = (int)a->rank - (int)b->rank;
	if (!c)
		c = a->input < b->input ? -1 : a->input > b->input;
	if (!c)
		c = strcmp(a->e.input ? a->e.input : "",
			   b->e.input ? b->e.input : "");
	if (!c)
		c = cmp_u64(a->e.line, b->e.line);
	if (!c)
		c = cmp_u64(a->e.offset, b->e.offset);
	if (!c)
		c = strcmp(a->e.message, b->e.message);
	return c;
}

void cli_diags_add(struct cli_diags *d, const wdilog_error *e)
{
	struct cli_diag n = { .e = *e, .rank = rank_of(e) };
	n.input = input_index(d, e->input);
	d->counts[n.rank]++;
	if (!d->cap)
		return;
	if (!d->kept) {
		d->kept = calloc(d->cap, sizeof(*d->kept));
		if (!d->kept) {
			d->oom = true;
			return;
		}
	}
	size_t at = d->nkept;
	while (at > 0 && diag_cmp(&n, &d->kept[at - 1]) < 0)
		at--;
	if (at == d->cap)
		return;                 /* worse than every kept one */
	char *copy = NULL;
	if (e->input && !(copy = strdup(e->input))) {
		d->oom = true;
		return;
	}
	if (d->nkept == d->cap)
		free(d->kept[--d->nkept].name);
	memmove(&d->kept[at + 1], &d->kept[at],
		(d->nkept - at) * sizeof(*d->kept));
	n.name = copy;
	n.e.input = copy;
	d->kept[at] = n;
	d->nkept++;
}

static const char *const kind_names[CLI_DIAG_RANKS][2] = {
	[CLI_DIAG_DAMAGED] = { "damaged event", "damaged events" },
	[CLI_DIAG_TRUNCATED] = { "input cut short", "inputs cut short" },
	[CLI_DIAG_WARNING] = { "warning", "warnings" },
	[CLI_DIAG_MALFORMED] = { "unreadable value", "unreadable values" },
};

void cli_diags_flush(struct cli_diags *d, FILE *out,
		     void (*print)(const wdilog_error *e))
{
	unsigned long shown[CLI_DIAG_RANKS] = { 0 }, total = 0;
	for (size_t i = 0; i < d->nkept; i++) {
		print(&d->kept[i].e);
		shown[d->kept[i].rank]++;
		free(d->kept[i].name);
	}
	for (int r = 0; r < CLI_DIAG_RANKS; r++)
		total += d->counts[r] - shown[r];
	if (total) {
		fprintf(out, "wdilog: %lu more diagnostics not shown:", total);
		const char *sep = " ";
		for (int r = 0; r < CLI_DIAG_RANKS; r++) {
			unsigned long left = d->counts[r] - shown[r];
			if (!left)
				continue;
			fprintf(out, "%s%lu %s", sep, left,
				kind_names[r][left != 1]);
			sep = ", ";
		}
		fputc('\n', out);
	}
	if (d->oom)
		fputs("wdilog: out of memory: some diagnostics were lost\n", out);
	d->nkept = 0;
	memset(d->counts, 0, sizeof(d->counts));
	d->oom = false;
}

void cli_diags_dispose(struct cli_diags *d)
{
	for (size_t i = 0; i < d->nkept; i++)
		free(d->kept[i].name);
	free(d->kept);
	free(d->order);
	memset(d, 0, sizeof(*d));
}
