/* EVTX, the Windows event log file: a 4 KiB file header, then 64 KiB
 * chunks of records whose payload is binary XML (binxml.h). Read as a
 * stream, one chunk in memory at a time, from any source of bytes (no
 * seeking), and every record the chunks declare comes out either as the
 * XML text of its <Event> or as a damaged record with the reason: nothing
 * is dropped without being counted. */
#ifndef WDL_EVTX_H
#define WDL_EVTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/options.h>
#include <wdilog/reader.h>

#define WDL_EVTX_MAGIC "ElfFile"   /* 8 bytes with its NUL */
#define WDL_EVTX_HEADER 4096u
#define WDL_EVTX_CHUNK 65536u
/* Bad chunk offsets kept in the stats (all are counted). */
#define WDL_EVTX_BAD_KEEP 16

/* What the file says about itself and what reading it found. */
struct wdl_evtx_stats {
	bool header_bad;            /* file header checksum failed */
	bool dirty;                 /* header flag 0x1: not closed cleanly */
	bool full;                  /* header flag 0x2: the log was full */
	bool truncated;             /* the file ends inside a chunk or before
				       the chunks its header counts */
	bool flags_read;            /* the header was long enough to hold
				       its flags (dirty, full are known) */
	uint32_t flags;             /* the header's flags as written */
	uint32_t header_chunks;     /* chunks the header counts */
	uint64_t chunks;            /* chunks read (with their signature) */
	uint64_t empty_chunks;      /* unused (all-zero) chunks skipped */
	uint64_t skipped_chunks;    /* 64 KiB blocks with neither a chunk
				       signature nor a record: stale space
				       past the log's end, skipped (warned) */
	uint64_t bad_chunks;        /* header or data checksum failed, or no
				       signature but records; read for what
				       they hold */
	uint64_t bad_chunk_offsets[WDL_EVTX_BAD_KEEP]; /* the first ones */
	uint64_t declared;          /* records the chunks declare; always
				       events + damaged once read */
	uint64_t events;            /* records rendered to XML */
	uint64_t damaged;           /* records unreadable or missing */
};

/* One record. Pointers are owned by the reader, valid until the next
 * call. A damaged record has no xml but a reason. */
struct wdl_evtx_record {
	uint64_t id;                /* record identifier; 0 if unknown */
	uint64_t offset;            /* file offset of the record (of its chunk
				       for records missing from it) */
	uint64_t chunk;             /* chunk index, 0-based */
	uint64_t written;           /* FILETIME the record was written */
	bool damaged;
	const char *xml;            /* NUL-terminated <Event> text */
	size_t xml_len;
	const char *why;            /* damaged: why, one line */
};

/* Same contract as wdilog_read_fn: up to @p cap bytes, *got 0 at end. */
typedef int (*wdl_evtx_read_fn)(void *ctx, void *buf, size_t cap,
				size_t *got, wdilog_error *err);

struct wdl_evtx;

/* True if @p buf starts with the EVTX file signature "ElfFile\0". */
bool wdl_evtx_magic(const void *buf, size_t len);

/* Read through @p read; @p head (@p head_len bytes, copied) are bytes the
 * caller already took from the source (e.g. to sniff the magic), read
 * before anything else. @p opts (borrowed; NULL for none) gets the
 * warnings about the file, its chunks and damaged records, under @p name. */
int wdl_evtx_open(struct wdl_evtx **out, wdl_evtx_read_fn read, void *ctx,
		  const void *head, size_t head_len,
		  const wdilog_options *opts, const char *name,
		  wdilog_error *err);

/* WDILOG_OK with *rec, WDILOG_DONE at the end, WDILOG_EFORMAT if the
 * input does not start with the EVTX signature, WDILOG_ENOMEM, or the read
 * callback's failure (after the records before it). */
int wdl_evtx_next(struct wdl_evtx *e, struct wdl_evtx_record *rec,
		  wdilog_error *err);

const struct wdl_evtx_stats *wdl_evtx_stats(const struct wdl_evtx *e);

/* One part of an uncompressed EVTX file cut at chunk starts, for reading
 * chunks in parallel: templates and names live in their chunk, so parts
 * are independent. The parts' stats add up (their flags OR) to the whole
 * file's, and their warnings are the whole file's: only the first part
 * reads the file header, only the last checks the file's end. */
struct wdl_evtx_part {
	uint64_t start;             /* file offset of the part's first chunk;
				       0 for the first part (the header) */
	uint64_t end;               /* offset just past its last chunk; 0 for
				       the last part (to the end of input) */
	uint64_t first_chunk;       /* index of the chunk at start */
	uint32_t header_chunks;     /* the file header's chunk count */
};

/* Read only @p part (copied) of the file; the source must be positioned
 * at part->start. Call before the first wdl_evtx_next. */
void wdl_evtx_set_part(struct wdl_evtx *e, const struct wdl_evtx_part *part);

/* Cut the EVTX file open as @p fd (@p size bytes, read with pread; the
 * position is left alone) into at most @p parts parts of about equal size,
 * each starting at a block with a chunk signature, into @p out. Returns how
 * many (0 or 1: read it whole): none if the file does not start with a
 * whole EVTX header whose checksum matches. */
size_t wdl_evtx_cut(int fd, uint64_t size, unsigned parts,
		    struct wdl_evtx_part *out);

void wdl_evtx_free(struct wdl_evtx *e);

#endif
