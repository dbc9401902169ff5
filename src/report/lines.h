/* Report stage, drill-down: where a row's records are (a code row, a
 * burst, an input's undecoded GUID), as input:line positions, so that a
 * report can point at the records behind every number. Memory is fixed
 * per row whatever the input's size. */
#ifndef WDL_LINES_H
#define WDL_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Positions kept per row: the earliest ones in input order (input, then
 * line). The earliest N of a union are the earliest N of the earliest N
 * of each side, so parts read on other threads and reports merged later
 * give the same positions as one run over all inputs. */
#define WDL_LINE_SAMPLES 8

/* One record's place: an index into the report's inputs and its first
 * line there (1-based). */
struct wdl_pos {
	size_t input;
	uint64_t line;
};

struct wdl_lines {
	uint32_t n;                 /* entries used in earliest */
	struct wdl_pos earliest[WDL_LINE_SAMPLES]; /* ascending; [0] is the first */
	struct wdl_pos last;        /* the latest (when n > 0) */
	uint64_t unplaced;          /* records whose line is not known (no
				       line in the format, or merged from a
				       report without positions) */
};

/* Order of two positions in input order. */
int wdl_pos_cmp(const struct wdl_pos *a, const struct wdl_pos *b);

/* Note one record at @p line of input @p input (line 0: not known). */
void wdl_lines_add(struct wdl_lines *l, size_t input, uint64_t line);

/* Add @p s's positions to @p d; input i of @p s is input map[i] of @p d
 * (map NULL: the same inputs). */
void wdl_lines_merge(struct wdl_lines *d, const struct wdl_lines *s,
		     const size_t *map);

/* The first and last position, or false when they are not known (no
 * records placed, or some records not placed: the first or last could
 * be one of those). */
bool wdl_lines_ends(const struct wdl_lines *l, struct wdl_pos *first,
		    struct wdl_pos *last);

#endif
