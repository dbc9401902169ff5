/* EVTX container: file header, chunks, records (evtx.h). Each chunk is
 * checked (signature, header and data CRC32) and then read for whatever
 * it holds even when a check fails; the records a chunk declares but
 * that cannot be read are handed out as damaged ones, so a report always
 * adds up to what the file declares. */
#include "parse/evtx.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "util/alloc.h"
#include "util/bytes.h"
#include "util/error.h"
#include "parse/binxml.h"
#include "parse/parse_xml.h"

/* The largest <Event> rendered, as for XML input (parse_xml.h): larger
 * ones are damaged. */
#define CHUNK_HEADER 512u
#define RECORD_HEADER 24u           /* signature, size, id, time */
#define RECORD_MIN 28u              /* header and the size copy */
/* More records than this cannot fit in a chunk: a count above it is not
 * believed. */
#define CHUNK_RECORDS_MAX ((WDL_EVTX_CHUNK - CHUNK_HEADER) / RECORD_MIN)

static const unsigned char chunk_magic[8] = "ElfChnk";
static const unsigned char record_magic[4] = { 0x2a, 0x2a, 0, 0 };

struct wdl_evtx {
	wdl_evtx_read_fn read;
	void *ctx;
	unsigned char *head;        /* bytes the caller already read */
	size_t head_len, head_pos;
	const wdilog_options *opts;
	const char *name;
	uint8_t *chunk;             /* WDL_EVTX_CHUNK bytes */
	uint32_t have;              /* bytes of it read from the file */
	uint64_t chunk_off;         /* file offset of the current chunk */
	uint64_t next_off;          /* file offset of the next byte read */
	uint64_t index;             /* chunks seen (0-based of the current) */
	uint64_t end;               /* a part: stop at this offset; 0 = none */
	uint32_t header_chunks;     /* the file header's count, and whether */
	bool header_trusted;        /* its checksum matched */
	bool header_done, chunk_seen, eof, in_chunk, done;
	/* the current chunk */
	uint32_t pos, limit;        /* next record, end of records */
	bool declared_known;
	bool no_magic;              /* no chunk signature: records searched */
	bool past_end;              /* reading records past the header's end */
	uint64_t next_id;           /* past the end: the identifier expected */
	uint64_t run_skipped;       /* skipped blocks in a row, not yet */
	uint64_t run_first;         /* warned, and the offset of the first */
	uint64_t declared, found;
	uint64_t missing;           /* damaged records still to hand out */
	const char *missing_why;
	struct wdl_binxml bx;
	struct wdl_evtx_stats st;
	int read_error;
	wdilog_error read_err_info;
	char why[200];
};

bool wdl_evtx_magic(const void *buf, size_t len)
{
	return len >= 8 && memcmp(buf, WDL_EVTX_MAGIC, 8) == 0;
}

int wdl_evtx_open(struct wdl_evtx **out, wdl_evtx_read_fn read, void *ctx,
		  const void *head, size_t head_len,
		  const wdilog_options *opts, const char *name,
		  wdilog_error *err)
{
	*out = NULL;
	struct wdl_evtx *e = wdl_calloc(1, sizeof(*e));
	if (!e)
		return wdl_fail_oom(err);
	e->chunk = wdl_malloc(WDL_EVTX_CHUNK);
	if (head_len) {
		e->head = wdl_malloc(head_len);
		if (e->head)
			memcpy(e->head, head, head_len);
	}
	if (!e->chunk || (head_len && !e->head)) {
		wdl_free(e->chunk);
		wdl_free(e->head);
		wdl_free(e);
		return wdl_fail_oom(err);
	}
	e->head_len = head_len;
	e->read = read;
	e->ctx = ctx;
	e->opts = opts;
	e->name = name ? name : "-";
	wdl_binxml_init(&e->bx, WDL_EVENT_MAX);
	*out = e;
	return WDILOG_OK;
}

void wdl_evtx_free(struct wdl_evtx *e)
{
	if (!e)
		return;
	wdl_binxml_dispose(&e->bx);
	wdl_free(e->chunk);
	wdl_free(e->head);
	wdl_free(e);
}

const struct wdl_evtx_stats *wdl_evtx_stats(const struct wdl_evtx *e)
{
	return &e->st;
}

void wdl_evtx_set_part(struct wdl_evtx *e, const struct wdl_evtx_part *part)
{
	if (part->start > 0) {
		/* the first part read the header and said what it holds */
		e->header_done = true;
		e->next_off = part->start;
	}
	e->index = part->first_chunk;
	e->end = part->end;
	e->header_chunks = part->header_chunks;
	e->header_trusted = true;
}

/* Where chunks start: after the header block, 4 KiB in every known file. */
static uint32_t chunks_start(const uint8_t *h)
{
	uint32_t block = wdl_le16(h + 40);
	return block > WDL_EVTX_HEADER && block <= WDL_EVTX_CHUNK
		       ? block
		       : WDL_EVTX_HEADER;
}

static bool read_at(int fd, void *buf, size_t n, uint64_t at)
{
	return pread(fd, buf, n, (off_t)at) == (ssize_t)n;
}

size_t wdl_evtx_cut(int fd, uint64_t size, unsigned parts,
		    struct wdl_evtx_part *out)
{
	uint8_t h[128];
	if (parts < 2 || size < WDL_EVTX_HEADER || !read_at(fd, h, sizeof(h), 0) ||
	    !wdl_evtx_magic(h, sizeof(h)) ||
	    (uint32_t)crc32(0, h, 120) != wdl_le32(h + 124))
		return 0;
	uint64_t base = chunks_start(h);
	if (size <= base)
		return 0;
	uint64_t blocks = (size - base) / WDL_EVTX_CHUNK;
	size_t n = 0;
	out[n++] = (struct wdl_evtx_part){ .header_chunks = wdl_le16(h + 42) };
	for (unsigned k = 1; k < parts; k++) {
		/* the first block at or after the even cut that is a chunk:
		 * a run of blocks with no signature is never cut, so it is
		 * warned about once whatever the cuts */
		uint64_t b = blocks * k / parts;
		if (b <= out[n - 1].first_chunk)
			b = out[n - 1].first_chunk + 1;
		uint8_t sig[8];
		for (; b < blocks; b++)
			if (read_at(fd, sig, 8, base + b * WDL_EVTX_CHUNK) &&
			    memcmp(sig, chunk_magic, 8) == 0)
				break;
		if (b >= blocks)
			break;
		out[n - 1].end = base + b * WDL_EVTX_CHUNK;
		out[n++] = (struct wdl_evtx_part){
			.start = base + b * WDL_EVTX_CHUNK, .first_chunk = b,
			.header_chunks = out[0].header_chunks };
	}
	return n;
}

/* A warning about the file: its byte offset in the text and the event
 * position; the offset is passed twice (once for the text). */
#define DIAG(e, kind, ...) wdl_diag((e)->opts, kind, (e)->name, 0, __VA_ARGS__)

/* Up to @p n bytes into @p dst: the caller's head first, then the
 * source. Fewer only at the end of input or on a read failure, which is
 * kept and reported after the records read before it. */
static size_t fill(struct wdl_evtx *e, uint8_t *dst, size_t n)
{
	size_t got = 0;
	while (got < n && e->head_pos < e->head_len)
		dst[got++] = e->head[e->head_pos++];
	while (got < n && !e->eof) {
		size_t k = 0;
		wdilog_error err = { 0 };
		int rc = e->read(e->ctx, dst + got, n - got, &k, &err);
		if (rc < 0) {
			e->read_error = rc;
			e->read_err_info = err;
			e->eof = true;
			break;
		}
		if (k == 0)
			e->eof = true;
		got += k;
	}
	e->next_off += got;
	return got;
}

static int read_header(struct wdl_evtx *e, wdilog_error *err)
{
	/* the first 4 KiB go through the chunk buffer */
	uint8_t *h = e->chunk;
	size_t got = fill(e, h, WDL_EVTX_HEADER);
	if (!wdl_evtx_magic(h, got)) {
		if (e->read_error)
			return WDILOG_DONE;  /* the read failure is the news */
		return wdl_fail(err, WDILOG_EFORMAT,
				"not an EVTX file (no \"ElfFile\" signature)");
	}
	if (got < 128) {
		e->st.truncated = true;
		DIAG(e, WDILOG_DIAG_WARNING, got,
		     "EVTX file cut short inside its file header (byte %llu)",
		     (unsigned long long)(got));
		return WDILOG_OK;
	}
	e->st.flags = wdl_le32(h + 120);
	e->st.flags_read = true;
	e->st.dirty = e->st.flags & 1;
	e->st.full = e->st.flags & 2;
	e->st.header_chunks = wdl_le16(h + 42);
	e->header_chunks = e->st.header_chunks;
	e->header_trusted = (uint32_t)crc32(0, h, 120) == wdl_le32(h + 124);
	if (!e->header_trusted) {
		e->st.header_bad = true;
		DIAG(e, WDILOG_DIAG_WARNING, 0,
		     "EVTX file header checksum does not match; its counts are not trusted (byte %llu)",
		     0ull);
	}
	if (e->st.dirty)
		DIAG(e, WDILOG_DIAG_WARNING, 120,
		     "EVTX file marked dirty: the log was not closed cleanly and its last records may be missing (byte %llu)",
		     120ull);
	if (e->st.full)
		DIAG(e, WDILOG_DIAG_WARNING, 120,
		     "EVTX file marked full: the log reached its size limit and older or newer events were lost (byte %llu)",
		     120ull);
	if (got < WDL_EVTX_HEADER) {
		e->st.truncated = true;
		DIAG(e, WDILOG_DIAG_WARNING, got,
		     "EVTX file cut short inside its file header (byte %llu)",
		     (unsigned long long)(got));
		return WDILOG_OK;
	}
	uint32_t block = chunks_start(h);
	if (block > WDL_EVTX_HEADER)
		fill(e, e->chunk, block - WDL_EVTX_HEADER);
	return WDILOG_OK;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void note_bad(struct wdl_evtx *e)
{
	if (e->st.bad_chunks < WDL_EVTX_BAD_KEEP)
		e->st.bad_chunk_offsets[e->st.bad_chunks] = e->chunk_off;
	e->st.bad_chunks++;
}

/* Read the next chunk and check it. Returns false at the end of input. */
static bool load_chunk(struct wdl_evtx *e)
{
	for (;;) {
		uint64_t off = e->next_off;
		if (e->end && off >= e->end)
			return false;   /* the part ends; the next one goes on */
		uint32_t have = (uint32_t)fill(e, e->chunk, WDL_EVTX_CHUNK);
		if (!have)
			return false;
		e->chunk_off = off;
		e->have = have;
		if (e->chunk_seen)
			e->index++;
		e->chunk_seen = true;
		if (have < WDL_EVTX_CHUNK) {
			memset(e->chunk + have, 0, WDL_EVTX_CHUNK - have);
			if (!all_zero(e->chunk, have)) {
				e->st.truncated = true;
				DIAG(e, WDILOG_DIAG_WARNING, off + have,
		     "EVTX file cut short %u bytes into chunk %llu (byte %llu)",
				     have, (unsigned long long)e->index,
		     (unsigned long long)(off + have));
			}
		}
		if (all_zero(e->chunk, have)) {
			e->st.empty_chunks++;  /* allocated, never written */
			continue;
		}
		break;
	}
	const uint8_t *c = e->chunk;
	e->declared_known = false;
	e->past_end = false;
	e->declared = e->found = 0;
	e->pos = CHUNK_HEADER;
	e->limit = e->have;
	e->missing_why = e->have < WDL_EVTX_CHUNK
				 ? "record lost: the file ends inside its chunk"
				 : "record lost in a damaged chunk";
	wdl_binxml_set_chunk(&e->bx, c, e->have);
	e->no_magic = memcmp(c, chunk_magic, 8) != 0;
	if (e->no_magic) {
		/* stale space past the log's end, or a chunk whose header is
		 * gone: bad only if records turn up in it */
		e->limit = e->have;
		return true;
	}
	e->st.chunks++;
	bool bad = false;
	const char *what = "";
	if (e->have >= CHUNK_HEADER) {
		uLong crc = crc32(0, c, 120);
		crc = crc32(crc, c + 128, CHUNK_HEADER - 128);
		if ((uint32_t)crc != wdl_le32(c + 124)) {
			bad = true;
			what = "header checksum";
		}
	}
	uint32_t free_off = wdl_le32(c + 48);
	bool free_ok = free_off >= CHUNK_HEADER && free_off <= WDL_EVTX_CHUNK;
	if (free_ok && free_off <= e->have) {
		if ((uint32_t)crc32(0, c + CHUNK_HEADER, free_off - CHUNK_HEADER) !=
		    wdl_le32(c + 52)) {
			what = bad ? "header and data checksums" : "data checksum";
			bad = true;
		}
	}
	if (free_ok && free_off < e->limit)
		e->limit = free_off;
	uint64_t first = wdl_le64(c + 8), last = wdl_le64(c + 16);
	if (free_ok && free_off == CHUNK_HEADER) {
		e->declared_known = true;   /* a chunk with no records */
	} else if (e->have >= 128 && first >= 1 && last >= first &&
		   last - first < CHUNK_RECORDS_MAX) {
		e->declared_known = true;
		e->declared = last - first + 1;
	}
	if (bad) {
		note_bad(e);
		DIAG(e, WDILOG_DIAG_WARNING, e->chunk_off,
		     "EVTX chunk %llu: %s do%s not match; reading what it still holds (byte %llu)",
		     (unsigned long long)e->index, what,
		     strcmp(what, "header and data checksums") ? "es" : "",
		     (unsigned long long)(e->chunk_off));
	}
	return true;
}

/* A well-framed record at @p pos: signature, size within the records,
 * and the size repeated at its end. */
static bool record_at(const struct wdl_evtx *e, uint32_t pos)
{
	if (e->limit - pos < RECORD_MIN)
		return false;
	const uint8_t *p = e->chunk + pos;
	uint32_t size = wdl_le32(p + 4);
	return memcmp(p, record_magic, 4) == 0 && size >= RECORD_MIN &&
	       size <= e->limit - pos && wdl_le32(p + size - 4) == size;
}

static void damaged(struct wdl_evtx *e, struct wdl_evtx_record *rec,
		    const char *why)
{
	rec->damaged = true;
	rec->xml = NULL;
	rec->xml_len = 0;
	rec->why = why;
	e->st.damaged++;
}

/* The next record up to e->limit: true with *rec, false when none is
 * left. */
static bool scan_records(struct wdl_evtx *e, struct wdl_evtx_record *rec)
{
	while (e->pos < e->limit && e->limit - e->pos >= RECORD_HEADER) {
		uint32_t pos = e->pos;
		const uint8_t *p = e->chunk + pos;
		if (!record_at(e, pos)) {
			uint32_t size = wdl_le32(p + 4);
			if (memcmp(p, record_magic, 4) == 0 &&
			    e->have < WDL_EVTX_CHUNK && size >= RECORD_MIN &&
			    size <= WDL_EVTX_CHUNK - pos && pos + size > e->have) {
				/* the record the file was cut in */
				e->pos = e->limit;
				e->found++;
				memset(rec, 0, sizeof(*rec));
				rec->id = wdl_le64(p + 8);
				rec->offset = e->chunk_off + pos;
				rec->chunk = e->index;
				damaged(e, rec, "record cut short by the end of the file");
				return true;
			}
			/* broken framing: find the next record that looks whole */
			uint32_t q = pos + 1;
			while (q < e->limit && !record_at(e, q)) {
				const uint8_t *hit =
					memmem(e->chunk + q + 1, e->limit - q - 1,
					       record_magic, 4);
				q = hit ? (uint32_t)(hit - e->chunk) : e->limit;
			}
			if (!e->no_magic &&
			    (!e->declared_known || q < e->limit)) {
				DIAG(e, WDILOG_DIAG_WARNING, e->chunk_off + pos,
		     "EVTX chunk %llu: %u unreadable bytes where a record should be (byte %llu)",
				     (unsigned long long)e->index, q - pos,
		     (unsigned long long)(e->chunk_off + pos));
			}
			e->pos = q;
			if (!e->declared_known && !e->no_magic &&
			    !all_zero(p, q - pos)) {
				/* nothing says how many records were here:
				 * count the gap as one */
				e->found++;
				memset(rec, 0, sizeof(*rec));
				rec->offset = e->chunk_off + pos;
				rec->chunk = e->index;
				damaged(e, rec, "unreadable bytes where a record should be");
				return true;
			}
			continue;
		}
		uint32_t size = wdl_le32(p + 4);
		if (e->past_end && wdl_le64(p + 8) != e->next_id++) {
			e->limit = pos;  /* stale bytes from the chunk's last use */
			break;
		}
		if (e->no_magic && !e->found) {
			note_bad(e);
			DIAG(e, WDILOG_DIAG_WARNING, e->chunk_off,
			     "EVTX chunk %llu has no chunk signature but holds records; reading them (byte %llu)",
			     (unsigned long long)e->index,
			     (unsigned long long)e->chunk_off);
		}
		e->pos += size;
		e->found++;
		memset(rec, 0, sizeof(*rec));
		rec->id = wdl_le64(p + 8);
		rec->written = wdl_le64(p + 16);
		rec->offset = e->chunk_off + pos;
		rec->chunk = e->index;
		if (wdl_binxml_render(&e->bx, pos + RECORD_HEADER,
				      size - RECORD_MIN, &rec->xml,
				      &rec->xml_len)) {
			e->st.events++;
			return true;
		}
		snprintf(e->why, sizeof(e->why), "record %llu: %s",
			 (unsigned long long)rec->id,
			 e->bx.why ? e->bx.why : "unreadable binary XML");
		damaged(e, rec, e->why);
		return true;
	}
	return false;
}

/* The next record of the current chunk: true with *rec, false when the
 * chunk has no more. */
static bool next_record(struct wdl_evtx *e, struct wdl_evtx_record *rec)
{
	if (scan_records(e, rec))
		return true;
	/* a log not closed cleanly may hold whole records past the end its
	 * chunk header records: read them rather than drop them */
	/* only records that continue the chunk's identifiers: a reused
	 * chunk keeps older records past its end, which are not news */
	if (!e->no_magic && !e->past_end && e->limit < e->have &&
	    e->pos == e->limit) {
		uint32_t limit = e->limit;
		uint64_t next = wdl_le64(e->chunk + 32) + 1;
		e->limit = e->have;
		if (record_at(e, e->pos) && wdl_le64(e->chunk + e->pos + 8) == next) {
			e->past_end = true;
			e->next_id = next;
			DIAG(e, WDILOG_DIAG_WARNING, e->chunk_off + e->pos,
			     "EVTX chunk %llu holds records past the end its header records; reading them (byte %llu)",
			     (unsigned long long)e->index,
			     (unsigned long long)(e->chunk_off + e->pos));
			return scan_records(e, rec);
		}
		e->limit = limit;
	}
	return false;
}

/* The chunk is read: what it declared and did not give is damaged. */
/* One warning for a run of skipped blocks, once it ends. */
static void warn_skipped(struct wdl_evtx *e)
{
	if (!e->run_skipped)
		return;
	DIAG(e, WDILOG_DIAG_WARNING, e->run_first,
	     "%llu blocks of 64 KiB with neither a chunk signature nor a record skipped, the first at byte %llu",
	     (unsigned long long)e->run_skipped,
	     (unsigned long long)e->run_first);
	e->run_skipped = 0;
}

static void finish_chunk(struct wdl_evtx *e)
{
	e->in_chunk = false;
	if (e->no_magic && !e->found) {
		e->st.skipped_chunks++;
		if (!e->run_skipped++)
			e->run_first = e->chunk_off;
		return;
	}
	warn_skipped(e);
	uint64_t declared = e->declared_known && e->declared > e->found
				    ? e->declared
				    : e->found;
	e->st.declared += declared;
	e->missing = declared - e->found;
	if (e->missing)
		DIAG(e, WDILOG_DIAG_DAMAGED, e->chunk_off,
		     "EVTX chunk %llu declares %llu records, %llu found; %llu counted as damaged (byte %llu)",
		     (unsigned long long)e->index,
		     (unsigned long long)e->declared,
		     (unsigned long long)e->found,
		     (unsigned long long)e->missing,
		     (unsigned long long)(e->chunk_off));
}

int wdl_evtx_next(struct wdl_evtx *e, struct wdl_evtx_record *rec,
		  wdilog_error *err)
{
	if (e->done)
		return WDILOG_DONE;
	if (!e->header_done) {
		e->header_done = true;
		int rc = read_header(e, err);
		if (rc < 0) {
			e->eof = true;
			return rc;
		}
	}
	for (;;) {
		if (e->missing) {
			e->missing--;
			memset(rec, 0, sizeof(*rec));
			rec->offset = e->chunk_off;
			rec->chunk = e->index;
			damaged(e, rec, e->missing_why);
			return WDILOG_OK;
		}
		if (e->in_chunk) {
			if (next_record(e, rec))
				return WDILOG_OK;
			finish_chunk(e);
			continue;
		}
		if (e->eof || !load_chunk(e))
			break;
		e->in_chunk = true;
	}
	e->done = true;
	if (e->read_error) {
		int rc = e->read_error;
		if (err)
			*err = e->read_err_info;
		e->read_error = 0;
		return rc;
	}
	warn_skipped(e);
	if (e->end)
		return WDILOG_DONE;  /* a part before the last: not the file's end */
	uint64_t seen = e->chunk_seen ? e->index + 1 : 0;
	if (e->header_chunks > seen && !e->st.truncated && e->header_trusted) {
		e->st.truncated = true;
		DIAG(e, WDILOG_DIAG_WARNING, e->next_off,
		     "EVTX file ends after %llu chunks, its header counts %u (byte %llu)",
		     (unsigned long long)seen, e->header_chunks,
		     (unsigned long long)(e->next_off));
	}
	return WDILOG_DONE;
}
