/* Binary XML (MS-EVEN6) as written in EVTX chunks, rendered to the XML
 * text of one <Event>, so that the XML event rules read it like any other
 * event. Names, template definitions and nested fragments are found by
 * their offset inside the chunk, so the renderer works on one whole chunk
 * held in memory and caches each template definition it compiles until
 * the next chunk. */
#ifndef WDL_BINXML_H
#define WDL_BINXML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One compiled template definition, found by its offset in the chunk. */
struct wdl_binxml_tpl {
	uint32_t offset;            /* key; 0 marks a free slot */
	uint32_t prog;              /* start of its program in the pool */
	uint32_t prog_len;
};

/* One value of a template instance: where its bytes are in the chunk. */
struct wdl_binxml_val {
	uint32_t off;
	uint16_t size;
	uint8_t type;
};

/* Nested renderings (BinXml values holding template instances) deeper
 * than this are refused: real events nest one level. */
#define WDL_BINXML_DEPTH 8

/* A growable byte buffer that never grows past max. */
struct wdl_binxml_buf {
	char *p;
	size_t len, cap, max;
};

struct wdl_binxml {
	const uint8_t *chunk;       /* borrowed, the current chunk */
	uint32_t chunk_len;
	struct wdl_binxml_buf out;  /* the rendered XML of the current record */
	struct wdl_binxml_buf pool; /* compiled templates of the current chunk */
	struct wdl_binxml_tpl *tpl;
	size_t ntpl, tpl_cap;       /* tpl_cap is a power of two */
	/* values of the template instances being rendered, per depth */
	struct wdl_binxml_val *vals[WDL_BINXML_DEPTH];
	size_t vals_cap[WDL_BINXML_DEPTH];
	uint64_t steps;             /* work spent on the current record */
	const char *why;            /* static text: why rendering failed */
	bool oom;
};

void wdl_binxml_init(struct wdl_binxml *b, size_t out_max);
void wdl_binxml_dispose(struct wdl_binxml *b);

/* Start a new chunk: forgets the previous chunk's templates. @p chunk is
 * borrowed until the next call. */
void wdl_binxml_set_chunk(struct wdl_binxml *b, const uint8_t *chunk,
			  uint32_t len);

/* Render the fragment at chunk[@p off, @p off + @p len) as XML text.
 * Returns true with *xml (NUL-terminated, owned by @p b, valid until the
 * next call) and *xml_len; false if the bytes are not binary XML the
 * renderer can read (b->why says why; b->oom for a failed allocation). */
bool wdl_binxml_render(struct wdl_binxml *b, uint32_t off, uint32_t len,
		       const char **xml, size_t *xml_len);

/* The value types of MS-EVEN6 (the array flag is WDL_BXV_ARRAY). */
enum {
	WDL_BXV_NULL = 0x00, WDL_BXV_STRING = 0x01, WDL_BXV_ANSI = 0x02,
	WDL_BXV_INT8 = 0x03, WDL_BXV_UINT8 = 0x04, WDL_BXV_INT16 = 0x05,
	WDL_BXV_UINT16 = 0x06, WDL_BXV_INT32 = 0x07, WDL_BXV_UINT32 = 0x08,
	WDL_BXV_INT64 = 0x09, WDL_BXV_UINT64 = 0x0A, WDL_BXV_REAL32 = 0x0B,
	WDL_BXV_REAL64 = 0x0C, WDL_BXV_BOOL = 0x0D, WDL_BXV_BINARY = 0x0E,
	WDL_BXV_GUID = 0x0F, WDL_BXV_SIZET = 0x10, WDL_BXV_FILETIME = 0x11,
	WDL_BXV_SYSTEMTIME = 0x12, WDL_BXV_SID = 0x13, WDL_BXV_HEX32 = 0x14,
	WDL_BXV_HEX64 = 0x15, WDL_BXV_HANDLE = 0x20, WDL_BXV_BINXML = 0x21,
	WDL_BXV_EVTXML = 0x23, WDL_BXV_ARRAY = 0x80
};

#endif
