/* Reading part of a file: the reader side of parallel reading. */
#ifndef WDL_READER_RANGE_H
#define WDL_READER_RANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/reader.h>

#include "input/decode.h"
#include "parse/evtx.h"

/* One part of a wpp-text file cut at line starts. The part owns the
 * records whose first line is in it: it skips the continuation lines it
 * starts with (they belong to the part before) and reads on past its end
 * until the next record starts. Its line numbers count from its start
 * (wdl_reader_part_lines). Or, with evtx set, one part of an EVTX
 * file cut at chunk starts (evtx_part; the other members are unused). */
struct wdl_range {
	uint64_t start;             /* byte offset of the part's first line */
	uint64_t end;               /* the next part's start; 0 = none */
	enum wdl_encoding enc;      /* the whole file's encoding */
	bool evtx;
	struct wdl_evtx_part evtx_part;
	/* One part of an XML file cut at <Event> starts: read from start (a
	 * later part has no preamble) to the first event at end or later
	 * (0: to the end of the file). */
	bool xml;
	uint64_t first_line;        /* an XML part's absolute first line (XML
				       parts are counted when planned; text
				       parts number their lines from 1) */
	bool root_open;             /* <Events> is open at start */
};

int wdl_reader_open_range(wdilog_reader **out, const char *path,
			  const wdilog_options *opts,
			  const struct wdl_range *range, wdilog_error *err);

/* A text part's lines numbered from 1 when it starts past the file's
 * start (nothing before it is read, so nothing is counted twice): after
 * the part was read, *lines is how many lines it has before its end, to
 * add to the next part's numbers. False when unknown (reading stopped
 * early, or not a text part). */
bool wdl_reader_part_lines(const wdilog_reader *r, uint64_t *lines);

/* Can @p path be read in parts? Only an uncompressed regular file in UTF-8
 * or Windows-1252 whose first 64 KiB already hold a default-prefix record
 * (so it is wpp-text and every later unprefixed line is a continuation).
 * Sets *enc when it can. */
bool wdl_reader_splittable(const char *path, const wdilog_options *opts,
			   enum wdl_encoding *enc);

/* Can @p path be read in XML parts? An uncompressed regular file in
 * UTF-8 that is event XML. */
bool wdl_reader_xml_splittable(const char *path, const wdilog_options *opts);

/* Cut @p path, if it is an uncompressed EVTX file of more than one chunk,
 * into at most @p parts (at most 64) ranges at chunk starts, in file
 * order, into @p out. Returns how many; 0 when it cannot be cut. */
size_t wdl_reader_evtx_ranges(const char *path, unsigned parts,
			      struct wdl_range *out);

/* Open a file its directory's listing says is regular (found by
 * wdilog_walk): as wdilog_reader_open_path, without the stat that tells a
 * directory. */
int wdl_reader_open_listed(wdilog_reader **out, const char *path,
			   const wdilog_options *opts, wdilog_error *err);

/* Buffers a freed reader leaves for the next one opened with it: a worker
 * reading a directory of small files allocates them once, not per file.
 * Owned by the caller (one per thread), emptied by
 * wdl_reader_cache_dispose; start it zeroed. */
struct wdl_reader_cache {
	wdilog_reader *shell;       /* a reader's own memory */
	unsigned char *block;       /* an input block, WDL_INPUT_BLOCK bytes */
	unsigned char *raw;         /* a decoder buffer, WDL_SNIFF_BYTES */
	char *window;               /* a first window, its start size + 1 */
	/* The directory of the last file opened, held open: the next file
	 * of it is opened by its name there (a whole path looked up again
	 * was a sixteenth of reading 10,000 small files) */
	char *dir;                  /* its path, without the last slash */
	size_t dir_len, dir_cap;
	int dir_fd;
	bool dir_open;              /* dir_fd is open */
};

/* wdl_reader_open_listed, taking what it needs from @p cache first; @p path
 * is borrowed until the reader is freed (not copied). */
int wdl_reader_open_cached(wdilog_reader **out, const char *path,
			   const wdilog_options *opts,
			   struct wdl_reader_cache *cache, wdilog_error *err);

/* wdilog_reader_free, keeping in @p cache (NULL: none) what it has room
 * for; the rest is freed. */
void wdl_reader_free_cached(wdilog_reader *r, struct wdl_reader_cache *cache);

void wdl_reader_cache_dispose(struct wdl_reader_cache *cache);

/* Before the first event: is @p r a file that, found in a directory, is
 * passed over (a binary format other than an event log)? @p why then says
 * what it is (wdl_input_passed_over). */
bool wdl_reader_passed_over(wdilog_reader *r, char *why, size_t cap);

#endif
