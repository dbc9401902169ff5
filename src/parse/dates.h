/* The order of an input's NN/NN/YYYY dates (tracefmt writes the machine's
 * locale order, and nothing in the line says which). Forced by
 * wdilog_options (day_first, month_first) or decided per input:
 * day-first when the reader's first 64 KiB hold a date whose first field
 * is above 12, else month-first until a record's date proves otherwise.
 * That flip is warned about with its line, since earlier records were
 * read the other way. A date that fits neither order is named in a
 * diagnostic and its record stays without a time. */
#ifndef WDL_DATES_H
#define WDL_DATES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/options.h>
#include <wdilog/reader.h>

/* Longest date quoted in a diagnostic, "NN/NN/YYYY", and its NUL. */
#define WDL_DATE_QUOTE 11

/* One input's reading of slash dates. */
struct wdl_dates {
	const wdilog_options *opts;  /* borrowed: diagnostics, forced order */
	const char *name;            /* the input, for diagnostics */
	bool day_first;              /* how NN/NN dates are read now */
	bool read_month_first;       /* a slash date was read month-first */
};

void wdl_dates_init(struct wdl_dates *d, const wdilog_options *opts,
		    const char *name);

/* The first date in @p p whose first field is above 12 and second at
 * most 12: evidence that the text is day-first. Fills @p quote (at least
 * WDL_DATE_QUOTE bytes) and *line (1-based from the start of @p p). */
bool wdl_dates_sniff(const char *p, size_t len, char *quote, uint64_t *line);

/* wdl_time_parse in the input's order; on line @p line at @p offset (for
 * diagnostics). 0 when no timestamp starts at @p p. */
size_t wdl_dates_parse(struct wdl_dates *d, const char *p, size_t len,
		       uint64_t line, uint64_t offset, wdilog_time *t);

/* wdl_time_find in the input's order. */
bool wdl_dates_find(struct wdl_dates *d, const char *p, size_t len,
		    uint64_t line, uint64_t offset, wdilog_time *t);

#endif
