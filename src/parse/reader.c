/* The reader: one input through input -> decode -> detect -> parse, as a
 * pull stream of events. Owns every stage's state for that input. */
#include <wdilog/reader.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "input/chunk.h"
#include "input/decode.h"
#include "parse/dates.h"
#include "parse/detect.h"
#include "util/error.h"
#include "parse/extract.h"
#include "input/input.h"
#include "parse/parse_text.h"
#include "parse/evtx_event.h"
#include "parse/parse_xml.h"
#include "parse/reader_counts.h"
#include "parse/reader_range.h"

/* The decoded window starts at 64 KiB (below malloc's mmap threshold, so
 * reading many small files reuses heap memory instead of faulting in
 * fresh pages) and grows to hold one whole line (1 MiB) or one whole
 * <Event> (4 MiB); memory stays flat in the input's size either way. */
#define WINDOW_START (64u * 1024u)
/* Bytes of a preamble's first line quoted in its warning. */
#define WDL_PREAMBLE_QUOTE_MAX 80

struct wdilog_reader {
	wdilog_options opts;        /* copy; its pointers stay borrowed */
	char *name;                 /* owned, unless name_borrowed */
	bool name_borrowed;         /* opened through a cache: the caller's */
	struct wdl_input in;
	struct wdl_decoder dec;
	struct wdl_chunk chunk;
	struct wdl_keyset keys;
	enum wdl_format format;
	bool started;
	bool done;
	const struct wdl_range *range;  /* reading a part; NULL for all */
	struct wdl_parser *parser;   /* the one detection chose */
	uint64_t first_line;        /* of the first event, after a preamble */
	uint64_t preamble_lines;    /* non-blank lines passed over */
	bool count_plain;           /* wdl_reader_next_counted was called */
	bool text;                  /* parser is the text parser */
	struct wdl_reader_cache *cache; /* spare buffers to set up with */
};

/* Returns WDILOG_ENOMEM itself (not wdl_fail_oom's value) so that static
 * analysis, which does not see into error.c, knows *out is set on success. */
static int reader_new(wdilog_reader **out, const char *name,
		      const wdilog_options *opts,
		      struct wdl_reader_cache *cache, wdilog_error *err)
{
	wdilog_reader *r;
	if (cache && cache->shell) {
		r = cache->shell;
		cache->shell = NULL;
		memset(r, 0, sizeof(*r));
	} else {
		r = wdl_calloc(1, sizeof(*r));
	}
	if (!r) {
		wdl_fail_oom(err);
		return WDILOG_ENOMEM;
	}
	if (opts)
		r->opts = *opts;
	else
		wdilog_options_init(&r->opts);
	/* a reader opened through a cache borrows its name (a worker reads
	 * thousands of files and keeps every path until the run ends) */
	r->name_borrowed = cache && name;
	r->name = r->name_borrowed ? (char *)name : wdl_strdup(name ? name : "-");
	if (!r->name) {
		wdl_free(r);
		wdl_fail_oom(err);
		return WDILOG_ENOMEM;
	}
	r->in.fd = -1;
	r->cache = cache;
	*out = r;
	return WDILOG_OK;
}

/* After the raw source is open: the stages that do not depend on it. */
static int reader_setup(wdilog_reader *r, wdilog_error *err)
{
	r->in.opts = &r->opts;
	r->in.name = r->name;
	r->in.max_bytes = r->opts.max_bytes;
	int rc = wdl_keyset_init(&r->keys, &r->opts, err);
	if (rc < 0)
		return rc;
	unsigned char *no_raw = NULL;
	char *no_window = NULL;
	rc = wdl_decoder_init_spare(&r->dec, &r->in,
				    r->cache ? &r->cache->raw : &no_raw, err);
	if (rc < 0)
		return rc;
	size_t max = WDL_EVENT_MAX > WDL_LINE_MAX ? WDL_EVENT_MAX : WDL_LINE_MAX;
	return wdl_chunk_init_spare(&r->chunk, &r->dec, WINDOW_START, max + 64,
				    r->cache ? &r->cache->window : &no_window,
				    err);
}

static int finish_open(wdilog_reader *r, wdilog_reader **out, int rc,
		       wdilog_error *err)
{
	if (rc >= 0)
		rc = reader_setup(r, err);
	if (rc < 0) {
		if (err)
			err->input = NULL;
		wdilog_reader_free(r);
		*out = NULL;
		return rc;
	}
	*out = r;
	return WDILOG_OK;
}

int wdilog_reader_open_fd(wdilog_reader **out, int fd, const char *name,
			  const wdilog_options *opts, wdilog_error *err)
{
	wdilog_reader *r = NULL;
	int rc = reader_new(&r, name, opts, NULL, err);
	if (rc < 0)
		return rc;
	return finish_open(r, out, wdl_input_open_fd(&r->in, fd, false, err),
			   err);
}

/* Open @p path by its name in its directory, held open in @p cache from
 * the last file opened there (a directory renamed meanwhile is still
 * read where it was when its first file was opened; the walk's listing
 * was taken there too). Any step that fails falls back to the path. */
static int open_in_dir(struct wdl_reader_cache *cache, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!cache || !slash || slash == path || !slash[1])
		return open(path, O_RDONLY | O_CLOEXEC);
	size_t len = (size_t)(slash - path);
	if (!cache->dir_open || cache->dir_len != len ||
	    memcmp(cache->dir, path, len) != 0) {
		if (cache->dir_open)
			close(cache->dir_fd);
		cache->dir_open = false;
		if (len + 1 > cache->dir_cap) {
			char *d = wdl_realloc(cache->dir, len + 1);
			if (!d)
				return open(path, O_RDONLY | O_CLOEXEC);
			cache->dir = d;
			cache->dir_cap = len + 1;
		}
		memcpy(cache->dir, path, len);
		cache->dir[len] = '\0';
		cache->dir_len = len;
		cache->dir_fd = open(cache->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (cache->dir_fd < 0)
			return open(path, O_RDONLY | O_CLOEXEC);
		cache->dir_open = true;
	}
	return openat(cache->dir_fd, slash + 1, O_RDONLY | O_CLOEXEC);
}

/* wdilog_reader_open_path; @p listed: a regular file by its directory's
 * listing, opened without a stat to tell it from a directory. */
static int open_path(wdilog_reader **out, const char *path,
		     const wdilog_options *opts, bool listed,
		     struct wdl_reader_cache *cache, wdilog_error *err)
{
	if (strcmp(path, "-") == 0)
		return wdilog_reader_open_fd(out, STDIN_FILENO, "-", opts, err);
	int fd = open_in_dir(cache, path);
	if (fd < 0)
		return wdl_fail(err, WDILOG_EIO, "cannot open: %s",
				strerror(errno));
	struct stat st;
	bool regular = listed;
	if (!listed && fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			close(fd);
			return wdl_fail(err, WDILOG_EIO, "is a directory");
		}
		regular = S_ISREG(st.st_mode);
	}
	wdilog_reader *r = NULL;
	int rc = reader_new(&r, path, opts, cache, err);
	if (rc < 0) {
		close(fd);
		return rc;
	}
	/* from here on the input owns fd and closes it, also on failure */
	unsigned char *no_block = NULL;
	rc = wdl_input_open_fd_spare(&r->in, fd, true,
				     cache ? &cache->block : &no_block, err);
	r->in.short_read_ends = regular;
	return finish_open(r, out, rc, err);
}

int wdilog_reader_open_path(wdilog_reader **out, const char *path,
			    const wdilog_options *opts, wdilog_error *err)
{
	return open_path(out, path, opts, false, NULL, err);
}

int wdl_reader_open_listed(wdilog_reader **out, const char *path,
			   const wdilog_options *opts, wdilog_error *err)
{
	return open_path(out, path, opts, true, NULL, err);
}

int wdl_reader_open_cached(wdilog_reader **out, const char *path,
			   const wdilog_options *opts,
			   struct wdl_reader_cache *cache, wdilog_error *err)
{
	return open_path(out, path, opts, true, cache, err);
}

int wdilog_reader_open_memory(wdilog_reader **out, const void *data,
			      size_t len, const char *name,
			      const wdilog_options *opts, wdilog_error *err)
{
	wdilog_reader *r = NULL;
	int rc = reader_new(&r, name, opts, NULL, err);
	if (rc < 0)
		return rc;
	return finish_open(r, out, wdl_input_open_memory(&r->in, data, len, err),
			   err);
}

int wdilog_reader_open_callback(wdilog_reader **out, wdilog_read_fn read,
				void *ctx, const char *name,
				const wdilog_options *opts, wdilog_error *err)
{
	wdilog_reader *r = NULL;
	int rc = reader_new(&r, name, opts, NULL, err);
	if (rc < 0)
		return rc;
	return finish_open(r, out,
			   wdl_input_open_callback(&r->in, read, ctx, err), err);
}

/* Step over the lines detection found before the first event, naming
 * them in one warning. */
static void pass_preamble(wdilog_reader *r, const struct wdl_detection *d)
{
	const char *first = r->chunk.buf + d->first_at;
	size_t n = d->first_len;
	if (n > WDL_PREAMBLE_QUOTE_MAX) {
		n = WDL_PREAMBLE_QUOTE_MAX;
		/* cut before a character, not inside one */
		while (n && ((unsigned char)first[n] & 0xC0) == 0x80)
			n--;
	}
	wdl_diag(&r->opts, WDILOG_DIAG_WARNING, r->name, 1, r->chunk.base,
		 "%llu line%s before the first event passed over as a "
		 "preamble: \"%.*s\"%s",
		 (unsigned long long)d->preamble_lines,
		 d->preamble_lines == 1 ? "" : "s", (int)n, first,
		 n < d->first_len ? "..." : "");
	r->chunk.pos += d->skip;
	r->first_line = d->skip_lines + 1;
	r->preamble_lines = d->preamble_lines;
}

/* With no order forced, an input whose first 64 KiB hold a date with a
 * first field above 12 is read day-first; said once, by its first part.
 * A later part looks at the file's own first bytes (raw: the encodings
 * a file is split in write digits and '/' as ASCII). */
static void sniff_dates(wdilog_reader *r)
{
	if (r->opts.day_first || r->opts.month_first)
		return;
	char quote[WDL_DATE_QUOTE];
	uint64_t line = 0;
	if (r->range && r->range->start > 0) {
		char *head = wdl_malloc(WDL_DETECT_BYTES);
		ssize_t n = head ? pread(r->in.fd, head, WDL_DETECT_BYTES, 0) : -1;
		if (n > 0 && wdl_dates_sniff(head, (size_t)n, quote, &line))
			r->opts.day_first = true;
		wdl_free(head);
		return;
	}
	size_t len = r->chunk.base == 0 ? r->chunk.len : 0;
	if (len > WDL_DETECT_BYTES)
		len = WDL_DETECT_BYTES;
	if (!wdl_dates_sniff(r->chunk.buf, len, quote, &line))
		return;
	r->opts.day_first = true;
	wdl_diag(&r->opts, WDILOG_DIAG_WARNING, r->name, line, 0,
		 "dates read day-first: %s has a first field above 12 "
		 "(--month-first to read them month-first)", quote);
}

static int start(wdilog_reader *r, wdilog_error *err)
{
	r->started = true;
	if (r->range && r->range->evtx) {
		/* one part of an EVTX file, positioned at its first chunk */
		r->format = WDL_FORMAT_EVTX;
		struct wdl_parse_ctx ctx = { .in = &r->in, .ks = &r->keys,
					     .opts = &r->opts, .name = r->name };
		int rc = wdl_evtx_open_parser(&r->parser, &ctx, err);
		if (rc >= 0)
			wdl_evtx_parser_set_part(r->parser, &r->range->evtx_part);
		return rc;
	}
	if (r->range && r->range->start > 0) {
		/* a later part: the encoding and format are the whole file's */
		r->dec.sniffed = true;
		r->dec.enc = r->range->enc;
		r->chunk.base = r->range->start;
		r->format = r->range->xml ? WDL_FORMAT_EVENT_XML : WDL_FORMAT_WPP_TEXT;
		if (r->range->xml)
			r->first_line = r->range->first_line;
	} else {
		/* a binary event log is told by its magic, before any
		 * decoding: it goes to its own parser, undecoded */
		int rc = wdl_input_sniff(&r->in, err);
		if (rc < 0)
			return rc;
		if (r->in.binary == WDL_BINARY_EVTX) {
			r->format = WDL_FORMAT_EVTX;
			struct wdl_parse_ctx ctx = { .in = &r->in, .ks = &r->keys,
						     .opts = &r->opts,
						     .name = r->name };
			return wdl_evtx_open_parser(&r->parser, &ctx, err);
		}
		wdl_chunk_prime(&r->chunk, WDL_DETECT_BYTES);
		struct wdl_detection d;
		r->format = wdl_detect(r->chunk.buf, r->chunk.len, &d);
		if (d.preamble_lines)
			pass_preamble(r, &d);
	}
	if (r->format == WDL_FORMAT_WDILOG_REPORT)
		return wdl_fail(err, WDILOG_EFORMAT,
				"this is a wdilog report, not a trace (combine reports with 'wdilog merge')");
	if (r->format != WDL_FORMAT_EVENT_XML)
		sniff_dates(r);
	/* the window may grow to one whole event, never more */
	r->chunk.max = r->format == WDL_FORMAT_EVENT_XML ? WDL_EVENT_MAX + 64
							 : WDL_LINE_MAX + WDL_LINE_SLACK;
	struct wdl_parse_ctx ctx = { .c = &r->chunk, .in = &r->in,
				     .ks = &r->keys, .opts = &r->opts,
				     .name = r->name,
				     .first_line = r->first_line };
	if (r->format == WDL_FORMAT_EVENT_XML) {
		int xrc = wdl_xml_open(&r->parser, &ctx, err);
		if (xrc >= 0 && r->range && r->range->xml)
			wdl_xml_set_part(r->parser, r->range->end,
					 r->range->start > 0 && r->range->root_open);
		return xrc;
	}
	int rc = wdl_text_open(&r->parser, &ctx,
			       r->format == WDL_FORMAT_EVENTLOG_TEXT, err);
	if (rc >= 0 && r->range)
		wdl_text_set_part(r->parser, r->range->start, r->range->end);
	r->text = rc >= 0;
	if (r->text && r->count_plain)
		wdl_text_count_plain(r->parser);
	return rc;
}

static void locate(const wdilog_reader *r, wdilog_error *err)
{
	if (err) {
		err->input = r->name;
		err->offset = r->chunk.base + r->chunk.pos;
	}
}

int wdilog_reader_next(wdilog_reader *r, wdilog_event *ev, wdilog_error *err)
{
	if (r->done)
		return WDILOG_DONE;
	if (!r->started) {
		int rc = start(r, err);
		if (rc < 0) {
			r->done = true;
			locate(r, err);
			return rc;
		}
	}
	int rc = wdl_parser_next(r->parser, ev, err);
	if (rc == WDILOG_DONE) {
		r->done = true;
		if (r->chunk.error < 0) {
			/* a read failure is reported after everything before it */
			if (err) {
				*err = r->chunk.error_info;
				err->code = r->chunk.error;
			}
			locate(r, err);
			return r->chunk.error;
		}
	}
	if (rc < 0) {
		r->done = true;
		locate(r, err);
	}
	return rc;
}

int wdl_reader_next_counted(wdilog_reader *r, wdilog_event *ev,
			    uint64_t *plain, wdilog_error *err)
{
	if (!r->count_plain) {
		r->count_plain = true;
		if (r->text)
			wdl_text_count_plain(r->parser);
	}
	int rc = wdilog_reader_next(r, ev, err);
	*plain = r->text ? wdl_text_take_plain(r->parser) : 0;
	return rc;
}

bool wdilog_reader_is_report(wdilog_reader *r)
{
	if (!r->started) {
		/* a binary file is never a report; priming would decode it
		 * (a read error is kept by the input for the first read) */
		wdilog_error ignored = { 0 };
		if (wdl_input_sniff(&r->in, &ignored) < 0 ||
		    r->in.binary != WDL_BINARY_NONE)
			return false;
		wdl_chunk_prime(&r->chunk, WDL_DETECT_BYTES);
		return wdl_detect(r->chunk.buf, r->chunk.len, NULL) ==
		       WDL_FORMAT_WDILOG_REPORT;
	}
	return r->format == WDL_FORMAT_WDILOG_REPORT;
}

bool wdl_reader_passed_over(wdilog_reader *r, char *why, size_t cap)
{
	wdilog_error ignored = { 0 };
	return !r->started && wdl_input_sniff(&r->in, &ignored) >= 0 &&
	       wdl_input_passed_over(&r->in, why, cap);
}

int wdl_reader_open_range(wdilog_reader **out, const char *path,
			  const wdilog_options *opts,
			  const struct wdl_range *range, wdilog_error *err)
{
	int rc = wdilog_reader_open_path(out, path, opts, err);
	if (rc < 0)
		return rc;
	wdilog_reader *r = *out;
	r->range = range;
	if (range->start > 0 &&
	    lseek(r->in.fd, (off_t)range->start, SEEK_SET) < 0) {
		rc = wdl_fail(err, WDILOG_EIO, "cannot seek: %s", strerror(errno));
		wdilog_reader_free(r);
		*out = NULL;
	}
	return rc;
}

bool wdl_reader_splittable(const char *path, const wdilog_options *opts,
			   enum wdl_encoding *enc)
{
	struct stat st;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode))
		return false;
	wdilog_reader *r = NULL;
	if (wdilog_reader_open_path(&r, path, opts, NULL) < 0 || !r)
		return false;
	wdl_chunk_prime(&r->chunk, WDL_DETECT_BYTES);
	bool ok = !r->in.gzip &&
		  (r->dec.enc == WDL_ENC_UTF8 || r->dec.enc == WDL_ENC_CP1252) &&
		  wdl_detect(r->chunk.buf, r->chunk.len, NULL) ==
			  WDL_FORMAT_PLAIN_TEXT;
	bool prefix = false;
	for (size_t i = 0; ok && !prefix && i < r->chunk.len;) {
		const char *line = r->chunk.buf + i;
		const char *nl = memchr(line, '\n', r->chunk.len - i);
		size_t n = nl ? (size_t)(nl - line) : r->chunk.len - i;
		prefix = wdl_wpp_prefix(line, n) > 0;
		i += n + 1;
	}
	*enc = r->dec.enc;
	wdilog_reader_free(r);
	return ok && prefix;
}

bool wdl_reader_xml_splittable(const char *path, const wdilog_options *opts)
{
	struct stat st;
	wdilog_reader *r = NULL;
	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode) ||
	    wdilog_reader_open_path(&r, path, opts, NULL) < 0 || !r)
		return false;
	wdl_chunk_prime(&r->chunk, WDL_DETECT_BYTES);
	bool ok = !r->in.gzip && r->in.binary == WDL_BINARY_NONE &&
		  r->dec.enc == WDL_ENC_UTF8 &&
		  wdl_detect(r->chunk.buf, r->chunk.len, NULL) ==
			  WDL_FORMAT_EVENT_XML;
	wdilog_reader_free(r);
	return ok;
}

size_t wdl_reader_evtx_ranges(const char *path, unsigned parts,
			      struct wdl_range *out)
{
	struct stat st;
	struct wdl_evtx_part cut[64];
	if (parts > 64)
		parts = 64;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	size_t n = fstat(fd, &st) == 0 && S_ISREG(st.st_mode)
			   ? wdl_evtx_cut(fd, (uint64_t)st.st_size, parts, cut)
			   : 0;
	close(fd);
	for (size_t k = 0; k < n; k++)
		out[k] = (struct wdl_range){ .start = cut[k].start, .evtx = true,
					     .evtx_part = cut[k] };
	return n < 2 ? 0 : n;
}

bool wdl_reader_part_lines(const wdilog_reader *r, uint64_t *lines)
{
	*lines = 0;
	if (!r->range || r->range->evtx || !r->parser ||
	    r->format == WDL_FORMAT_EVENT_XML || r->format == WDL_FORMAT_EVTX)
		return false;
	return wdl_text_part_lines(r->parser, lines);
}

uint64_t wdl_reader_preamble_lines(const wdilog_reader *r)
{
	return r->preamble_lines;
}

uint64_t wdl_reader_repaired(const wdilog_reader *r)
{
	return r->parser ? r->parser->repaired : 0;
}

/* The EVTX reader's stats, or NULL for any other input. */
static const struct wdl_evtx_stats *evtx_stats(const wdilog_reader *r)
{
	if (!r->parser || r->parser->format != WDL_FORMAT_EVTX)
		return NULL;
	return wdl_evtx_parser_stats((const struct wdl_evtx_parser *)r->parser);
}

bool wdl_reader_events_lost(const wdilog_reader *r, uint64_t *lost)
{
	const struct wdl_evtx_stats *st = evtx_stats(r);
	*lost = r->parser ? r->parser->events_lost : 0;
	if (st)
		return st->flags_read && !st->dirty && !st->full;
	return r->parser && r->parser->events_lost_known;
}

bool wdl_reader_truncated(const wdilog_reader *r)
{
	const struct wdl_evtx_stats *st = evtx_stats(r);
	return wdl_input_truncated(&r->in) || (st && st->truncated);
}

bool wdl_reader_lost_uncounted(const wdilog_reader *r)
{
	const struct wdl_evtx_stats *st = evtx_stats(r);
	return st && (st->dirty || st->full);
}

const char *wdilog_reader_format(const wdilog_reader *r)
{
	return wdl_format_name(r->parser ? r->parser->format : r->format);
}

const char *wdilog_reader_encoding(const wdilog_reader *r)
{
	return wdl_encoding_name(r->dec.enc);
}

bool wdilog_reader_gzip(const wdilog_reader *r)
{
	return r->in.gzip;
}

const char *wdilog_reader_name(const wdilog_reader *r)
{
	return r->name;
}

void wdilog_reader_free(wdilog_reader *r)
{
	wdl_reader_free_cached(r, NULL);
}

void wdl_reader_free_cached(wdilog_reader *r, struct wdl_reader_cache *cache)
{
	if (!r)
		return;
	struct wdl_reader_cache none = { 0 };
	struct wdl_reader_cache *keep = cache ? cache : &none;
	wdl_parser_free(r->parser);
	wdl_chunk_dispose_spare(&r->chunk, WINDOW_START, &keep->window);
	wdl_decoder_dispose_spare(&r->dec, &keep->raw);
	if (r->in.block || r->in.close_fd)
		wdl_input_close_spare(&r->in, &keep->block);
	wdl_keyset_dispose(&r->keys);
	if (!r->name_borrowed)
		wdl_free(r->name);
	if (!keep->shell) {
		keep->shell = r;
		r = NULL;
	}
	wdl_free(r);
	if (!cache)
		wdl_reader_cache_dispose(&none);
}

void wdl_reader_cache_dispose(struct wdl_reader_cache *cache)
{
	wdl_free(cache->shell);
	wdl_free(cache->block);
	wdl_free(cache->raw);
	wdl_free(cache->window);
	wdl_free(cache->dir);
	if (cache->dir_open)
		close(cache->dir_fd);
	memset(cache, 0, sizeof(*cache));
}

void wdilog_options_init(wdilog_options *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->version = WDILOG_OPTIONS_VERSION;
}
