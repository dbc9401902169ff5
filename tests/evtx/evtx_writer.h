/* A small EVTX writer for the tests: builds .evtx files in memory from an
 * XML-like template text with substitution markers, so that each test
 * states its records and their expected XML side by side.
 *
 * Template text: elements <a x="v">...</a> and <a/>, text, and markers
 * %N (substitution N) and %?N (optional substitution N) in text and in
 * attribute values; &amp; &lt; &gt; &quot; &apos; become entity reference
 * tokens, &#N; a character reference token, <![CDATA[...]]> a CDATA token
 * and <?target data?> a processing instruction. Names are written inline
 * the first time a chunk uses them and by offset after that; a template
 * is defined inline in the first record of a chunk that uses it and
 * referred to by offset in the others. */
#ifndef EVTX_WRITER_H
#define EVTX_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One substitution value: a type and its bytes, or, for type 0x21
 * (BinXml), a nested fragment that is a template instance itself. */
struct ew_val {
	uint8_t type;
	uint16_t size;
	uint8_t bytes[256];
	/* type 0x21 only */
	int tkey;                   /* template key of the nested instance */
	const char *ttext;
	const struct ew_val *tvals;
	size_t ntvals;
};

struct ew;

struct ew *ew_new(void);
void ew_free(struct ew *w);

/* Append a record whose binary XML is one instance of template @p tkey
 * (the same key must always come with the same text). */
void ew_record(struct ew *w, int tkey, const char *ttext,
	       const struct ew_val *vals, size_t nvals);
/* Append a record written without a template: its element tokens and
 * text values straight in the record (@p text has no markers). */
void ew_record_plain(struct ew *w, const char *text);
/* Close the current chunk; the next record starts a new one. */
void ew_new_chunk(struct ew *w);

/* The file: header with @p flags (1 dirty, 2 full), checksums filled.
 * Returns a malloc'd buffer the caller frees; the writer stays usable. */
unsigned char *ew_file(struct ew *w, uint32_t flags, size_t *len);

/* Helpers for values. */
struct ew_val ew_null(void);
struct ew_val ew_str(const char *ascii);            /* UTF-16LE */
struct ew_val ew_int(uint8_t type, uint64_t v);     /* any integer type,
						       its natural size */
struct ew_val ew_raw(uint8_t type, const void *p, size_t n);

/* Chunks written so far, the open one included if it holds a record. */
size_t ew_nchunks(const struct ew *w);

#endif
