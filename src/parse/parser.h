/* Parse stage: the one shape every parser has. A parser is opened on a
 * shared context (the decoded window, the keys, the options, the input's
 * name), hands out events one at a time with next(), and is freed with
 * free(). The reader holds whichever parser detection chose as a
 * struct wdl_parser and never needs to know which one it is. */
#ifndef WDL_PARSER_H
#define WDL_PARSER_H

#include <stdbool.h>
#include <stdint.h>

#include <wdilog/error.h>
#include <wdilog/options.h>
#include <wdilog/reader.h>

#include "input/chunk.h"
#include "input/input.h"
#include "parse/detect.h"
#include "parse/extract.h"

/* What every parser reads from. All borrowed: the caller (the reader)
 * owns them and keeps them alive until the parser is freed. A parser
 * keeps its own copy of this struct. */
struct wdl_parse_ctx {
	struct wdl_chunk *c;            /* decoded input; NULL when only
					   wdl_xml_parse_event is used */
	struct wdl_input *in;           /* the raw source, for a parser of
					   a binary format that reads it
					   undecoded; NULL if not given */
	const struct wdl_keyset *ks;
	const wdilog_options *opts;     /* diagnostics, full_parse, day_first */
	const char *name;               /* the input, for diagnostics */
	uint64_t first_line;            /* line number of the window's first
					   byte: above 1 after a preamble
					   (0 is taken as 1) */
};

struct wdl_parser;

struct wdl_parser_ops {
	/* WDILOG_OK with *ev, WDILOG_DONE at the end, or a negative status
	 * with @p err filled (err may be NULL). *ev and what it points to
	 * stay valid until the next call. */
	int (*next)(struct wdl_parser *p, wdilog_event *ev, wdilog_error *err);
	void (*free)(struct wdl_parser *p);
};

/* The first member of every parser's own struct. */
struct wdl_parser {
	const struct wdl_parser_ops *ops;
	/* The format as far as the parser knows it: detection's answer,
	 * which the parser may settle while reading (plain-text becomes
	 * wpp-text at the first default-prefix line). */
	enum wdl_format format;
	/* Events read whole only after a byte that breaks the format was
	 * taken as text (a raw '&' or control character in XML); counted,
	 * not damaged (formats.md 3a). */
	uint64_t repaired;
	/* Events the capture itself says it lost (tracefmt's "Processing
	 * completed ... EventsLost: N", FmtSum.txt's "Total Events  Lost N";
	 * formats.md 3b), summed; known only if such a line was seen. */
	uint64_t events_lost;
	bool events_lost_known;
};

static inline int wdl_parser_next(struct wdl_parser *p, wdilog_event *ev,
				  wdilog_error *err)
{
	return p->ops->next(p, ev, err);
}

/* Frees @p p and everything it owns; NULL is fine. */
static inline void wdl_parser_free(struct wdl_parser *p)
{
	if (p)
		p->ops->free(p);
}

#endif
