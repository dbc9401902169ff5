/* Pre-filter for XML events: proves that an <Event> span needs no XML
 * parser, so that only the few that may hold a status reach libxml2. */
#ifndef WDL_PREFILTER_XML_H
#define WDL_PREFILTER_XML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "parse/extract.h"
#include "parse/prefilter.h"

/* True only if the span is well-formed XML in a strict subset (ASCII,
 * balanced tags with matching names, quoted unique attributes, only the
 * five predefined entity references, no comments, CDATA, processing
 * instructions, character references or namespace prefixes) AND holds no
 * word that could be a status key, a WDI_ASSOC_STATUS_ token, "Unknown(",
 * BinaryEventData or ProcessingErrorData. A full parse of such a span
 * finds an event without status, so the caller may count it as one.
 * False means "parse it", never "it is broken". */
bool wdl_xml_event_is_plain(const struct wdl_keyset *ks,
			    const struct wdl_prefilter *pf, const char *span,
			    size_t len);

/* The shapes of the last plain events: their tag bytes (and the blank
 * text between tags) in pieces, cut where a value or other text was. An
 * event that repeats one piece for piece, with plain values and text
 * between, is plain in structure without its tags being read again.
 * After a few matches, the runs that never changed join their pieces.
 * Zeroed = none kept; one per parser (not shared between threads). */
#define WDL_XML_SK_PIECES 128
#define WDL_XML_SK_BYTES 4096
#define WDL_XML_SK_WATCH 8
#define WDL_XML_SHAPES 4
#define WDL_XML_SK_MISSES 16                  /* misses in a row, then */
#define WDL_XML_SK_PAUSE 256                  /* events without shapes */
#define WDL_XML_NO_LINES ((size_t)-1)
struct wdl_xml_skeleton {
	unsigned nseg;                        /* pieces; 0: none kept */
	unsigned seen;                        /* matches while watched */
	uint16_t from[WDL_XML_SK_PIECES];     /* each piece in raw */
	uint16_t end[WDL_XML_SK_PIECES];
	char follow[WDL_XML_SK_PIECES];       /* then 'T' text, a value's
						 quote, or 0 (the end) */
	bool same[WDL_XML_SK_PIECES];         /* the run after it never
						 differed from raw's */
	int words;                            /* key words in the pieces:
						 0 not known, 1 none, 2 maybe */
	size_t lines;                         /* newlines in the pieces,
						 known with words */
	uint64_t used;                        /* when last kept or matched */
	char raw[WDL_XML_SK_BYTES];           /* the kept event */
};
struct wdl_xml_shapes {
	struct wdl_xml_skeleton s[WDL_XML_SHAPES];
	unsigned last;                        /* the one matched last */
	size_t lines;                         /* newlines in the event just
						 called plain by a shape, or
						 WDL_XML_NO_LINES */
	uint64_t clock;                       /* counts keeps and matches */
	unsigned misses;                      /* plain events in a row no
						 shape matched */
	unsigned pause;                       /* events left to prove
						 without shapes */
	uint64_t hits, kept;                  /* for tests */
};

/* The same test on an event starting at @p buf, whose end is not known:
 * returns the event's length if it is plain, 0 if it is not (parse it),
 * or WDL_XML_MORE if @p avail bytes end before its root element does.
 * @p shapes (may be NULL) is the caller's memory of earlier events. */
#define WDL_XML_MORE ((size_t)-1)
size_t wdl_xml_plain_event_length(const struct wdl_keyset *ks,
				  const struct wdl_prefilter *pf,
				  struct wdl_xml_shapes *shapes,
				  const char *buf, size_t avail);

/* Tests: search for the bytes plain text must look at one byte at a time
 * (@p on) or 16 at a time with SSE2 (the default where the build has it).
 * Set before any parser runs; both give the same answers. */
void wdl_prefilter_xml_portable(bool on);

/* The proof finds tags from bitmasks of each 64-byte block (an index),
 * computed with AVX2, SSE2 or a table; where it is not sure (anything
 * not plain, an event past the buffer) the byte walk answers. Tests
 * choose the classifier (OFF: the walk alone; levels the build or the
 * machine lacks fall back to the next one down). */
enum wdl_xml_index {
	WDL_XML_INDEX_OFF,
	WDL_XML_INDEX_SCALAR,
	WDL_XML_INDEX_SSE2,
	WDL_XML_INDEX_AVX2,
	WDL_XML_INDEX_BEST,
};
void wdl_prefilter_xml_index(enum wdl_xml_index level);

/* Tests: the structure part of the proof (tags, names, attributes, text;
 * no key words) at @p level: the walk's answer (a length, 0 or
 * WDL_XML_MORE) for OFF, else the index's: a length, or 0 when it leaves
 * the answer to the walk. An index length always equals the walk's. */
size_t wdl_xml_subset_length(const char *p, size_t len,
			     enum wdl_xml_index level);
/* Tests: the structure part with @p shapes: the walk's answer at OFF,
 * else the same answer from a kept shape, the index or the walk. */
size_t wdl_xml_shape_length(struct wdl_xml_shapes *shapes, const char *p,
			    size_t len, enum wdl_xml_index level);

#endif
