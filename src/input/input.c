/* Input stage: raw bytes in, decompressed bytes out. Encodings are the
 * next stage's business (decode.c); this file only knows bytes. */
#include "input/input.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/error.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

static int read_fd(void *ctx, void *buf, size_t cap, size_t *got,
		   wdilog_error *err)
{
	struct wdl_input *in = ctx;
	for (;;) {
		ssize_t n = read(in->fd, buf, cap);
		if (n >= 0) {
			*got = (size_t)n;
			/* a regular file's short read is its end: no read of
			 * 0 bytes to confirm it (a syscall a small file) */
			if (in->short_read_ends && (size_t)n < cap)
				in->src_eof = true;
			return WDILOG_OK;
		}
		if (errno != EINTR)
			return wdl_fail(err, WDILOG_EIO, "read failed: %s",
					strerror(errno));
	}
}

static int read_memory(void *ctx, void *buf, size_t cap, size_t *got,
		       wdilog_error *err)
{
	struct wdl_input *in = ctx;
	size_t n = in->mem_len - in->mem_pos;
	(void)err;
	if (n > cap)
		n = cap;
	if (n)
		memcpy(buf, in->mem + in->mem_pos, n);
	in->mem_pos += n;
	*got = n;
	return WDILOG_OK;
}

static int open_common(struct wdl_input *in, wdilog_error *err)
{
	if (in->block)
		return WDILOG_OK;   /* a spare one was given */
	in->block = wdl_malloc(WDL_INPUT_BLOCK);
	if (!in->block)
		return wdl_fail_oom(err);
	return WDILOG_OK;
}

int wdl_input_open_fd(struct wdl_input *in, int fd, bool close_fd,
		      wdilog_error *err)
{
	memset(in, 0, sizeof(*in));
	in->fd = fd;
	in->close_fd = close_fd;
	in->read = read_fd;
	in->ctx = in;
	return open_common(in, err);
}

int wdl_input_open_fd_spare(struct wdl_input *in, int fd, bool close_fd,
			    unsigned char **spare, wdilog_error *err)
{
	memset(in, 0, sizeof(*in));
	in->fd = fd;
	in->close_fd = close_fd;
	in->read = read_fd;
	in->ctx = in;
	in->block = *spare;     /* NULL: open_common allocates one */
	*spare = NULL;
	return open_common(in, err);
}

int wdl_input_open_memory(struct wdl_input *in, const void *data, size_t len,
			  wdilog_error *err)
{
	memset(in, 0, sizeof(*in));
	in->fd = -1;
	in->mem = data;
	in->mem_len = len;
	in->read = read_memory;
	in->ctx = in;
	return open_common(in, err);
}

int wdl_input_open_callback(struct wdl_input *in, wdilog_read_fn read,
			    void *ctx, wdilog_error *err)
{
	memset(in, 0, sizeof(*in));
	in->fd = -1;
	in->read = read;
	in->ctx = ctx;
	return open_common(in, err);
}

/* Top the block up (keeping unread bytes) until it holds @p want bytes or
 * the source ends. */
static int fill_block(struct wdl_input *in, size_t want, wdilog_error *err)
{
	if (in->block_pos > 0) {
		memmove(in->block, in->block + in->block_pos,
			in->block_len - in->block_pos);
		in->block_len -= in->block_pos;
		in->block_pos = 0;
	}
	while (!in->src_eof && in->block_len < want) {
		size_t got = 0;
		int rc = in->read(in->ctx, in->block + in->block_len,
				  WDL_INPUT_BLOCK - in->block_len, &got, err);
		if (rc < 0)
			return rc;
		if (got == 0)
			in->src_eof = true;
		in->block_len += got;
	}
	return WDILOG_OK;
}

/* At the end of the source: a read failure held back until the bytes
 * before it were handed out, or a clean end. */
static int source_end(const struct wdl_input *in, wdilog_error *err)
{
	if (in->held < 0 && err)
		*err = in->held_err;
	return in->held;
}

/* fill_block for the magic check, which wants more bytes than one read
 * may give: a failure after some bytes is held until those are out. */
static int sniff_fill(struct wdl_input *in, wdilog_error *err)
{
	int rc = fill_block(in, WDL_MAGIC_BYTES, err);
	if (rc < 0 && in->block_len > in->block_pos) {
		in->held = rc;
		if (err)
			in->held_err = *err;
		in->src_eof = true;
		rc = WDILOG_OK;
	}
	return rc;
}

#if defined(WDL_HAVE_ISAL)
/* ISA-L inflates unless WDILOG_ZLIB=1 (the tests run every gzip case
 * through both). */
static bool want_isal(void)
{
	const char *z = getenv("WDILOG_ZLIB");
	return !z || strcmp(z, "1") != 0;
}

/* Source offset of the next unread block byte, if the source can go
 * back to it: memory, or a regular file at the top layer. */
static bool source_offset(const struct wdl_input *in, uint64_t *at)
{
	size_t unread = in->block_len - in->block_pos;
	if (in->read == read_memory && in->ctx == in) {
		*at = in->mem_pos - unread;
		return true;
	}
	struct stat st;
	if (in->read != read_fd || in->ctx != in || fstat(in->fd, &st) != 0 ||
	    !S_ISREG(st.st_mode))
		return false;
	off_t pos = lseek(in->fd, 0, SEEK_CUR);
	if (pos < 0 || (uint64_t)pos < unread)
		return false;
	*at = (uint64_t)pos - unread;
	return true;
}

/* Whether ISA-L may read the member whose header starts the block: zlib
 * refuses reserved flag bits, which ISA-L passes over (fuzz_reader found
 * a member read by one and refused by the other), so such a member, or
 * one whose method and flags are not in the block yet, is zlib's. */
static bool isal_header_ok(const struct wdl_input *in)
{
	if (in->block_len - in->block_pos < 4)
		return false;
	const unsigned char *h = in->block + in->block_pos;
	return h[2] == 8 && (h[3] & 0xE0) == 0;
}

static int start_member_isal(struct wdl_input *in, wdilog_error *err)
{
	if (!in->isal) {
		in->isal = wdl_malloc(sizeof(*in->isal));
		if (!in->isal)
			return wdl_fail_oom(err);
	}
	isal_inflate_init(in->isal);
	in->isal->crc_flag = ISAL_GZIP;
	in->isal_on = true;
	in->z_active = true;
	in->gzip_members++;
	return WDILOG_OK;
}

#endif

static int start_member(struct wdl_input *in, wdilog_error *err)
{
#if defined(WDL_HAVE_ISAL)
	/* ISA-L stops a few bytes short of where zlib does in a cut stream:
	 * it is used only where the member can be read again by zlib */
	in->member_out = 0;
	if (want_isal() && isal_header_ok(in) &&
	    source_offset(in, &in->member_start))
		return start_member_isal(in, err);
#endif
	int zrc = in->z_init ? inflateReset(&in->z)
			     : inflateInit2(&in->z, 16 + MAX_WBITS);
	if (zrc == Z_MEM_ERROR)
		return wdl_fail_oom(err);
	if (zrc != Z_OK)
		return wdl_fail(err, WDILOG_ERR, "zlib: cannot start inflating");
	in->isal_on = false;
	in->z_init = true;
	in->z_active = true;
	in->gzip_members++;
	return WDILOG_OK;
}

static bool at_gzip_magic(const struct wdl_input *in)
{
	return in->block_len - in->block_pos >= 2 &&
	       in->block[in->block_pos] == 0x1f &&
	       in->block[in->block_pos + 1] == 0x8b;
}

static int gzip_corrupt(struct wdl_input *in, wdilog_error *err)
{
	in->z_done = true;
	return wdl_fail(err, WDILOG_EFORMAT, "gzip data is corrupt (%s)",
			in->z.msg ? in->z.msg : "inflate error");
}

#if defined(WDL_HAVE_ISAL)
/* One ISA-L call, answered in zlib's return codes. */
static int inflate_isal(struct wdl_input *in, unsigned char *dst, size_t cap,
			size_t *got)
{
	struct inflate_state *s = in->isal;
	size_t avail = in->block_len - in->block_pos;
	s->next_in = in->block + in->block_pos;
	s->avail_in = (uint32_t)avail;
	s->next_out = dst;
	s->avail_out = (uint32_t)(cap > UINT32_MAX ? UINT32_MAX : cap);
	int rc = isal_inflate(s);
	in->block_pos = in->block_len - s->avail_in;
	*got = (size_t)(s->next_out - dst);
	if (rc < 0)
		return Z_DATA_ERROR;    /* zlib reads the member again */
	if (s->block_state == ISAL_BLOCK_FINISH)
		return Z_STREAM_END;
	/* no input taken and nothing given: zlib's "no progress" */
	return *got == 0 && s->avail_in == avail ? Z_BUF_ERROR : Z_OK;
}

static int zlib_step(struct wdl_input *in, unsigned char *dst, size_t cap,
		     size_t *got);

/* The member was cut: zlib reads it again from its start, passing over
 * what ISA-L handed out, so that the end is zlib's to the byte. */
static int isal_to_zlib(struct wdl_input *in, unsigned char *dst, size_t cap)
{
	if (in->read == read_memory) {
		in->mem_pos = (size_t)in->member_start;
	} else if (lseek(in->fd, (off_t)in->member_start, SEEK_SET) < 0) {
		return Z_DATA_ERROR;
	}
	in->block_pos = in->block_len = 0;
	in->src_eof = false;
	int zrc = in->z_init ? inflateReset(&in->z)
			     : inflateInit2(&in->z, 16 + MAX_WBITS);
	if (zrc != Z_OK)
		return zrc == Z_MEM_ERROR ? Z_MEM_ERROR : Z_DATA_ERROR;
	in->z_init = true;
	in->isal_on = false;
	uint64_t skip = in->member_out;
	while (skip > 0) {
		if (in->block_pos == in->block_len &&
		    fill_block(in, 1, NULL) < 0)
			return Z_DATA_ERROR;
		size_t got = 0;
		size_t n = cap < skip ? cap : (size_t)skip;
		zrc = zlib_step(in, dst, n, &got);
		skip -= got;
		if (zrc != Z_OK && skip > 0)
			return zrc == Z_MEM_ERROR ? Z_MEM_ERROR : Z_DATA_ERROR;
	}
	return Z_OK;
}
#endif

static int zlib_step(struct wdl_input *in, unsigned char *dst, size_t cap,
		     size_t *got)
{
	in->z.next_in = in->block + in->block_pos;
	in->z.avail_in = (uInt)(in->block_len - in->block_pos);
	in->z.next_out = dst;
	in->z.avail_out = (uInt)(cap > UINT32_MAX ? UINT32_MAX : cap);
	int zrc = inflate(&in->z, Z_NO_FLUSH);
	in->block_pos = in->block_len - in->z.avail_in;
	*got = (size_t)(in->z.next_out - dst);
	return zrc;
}

/* One inflate call on the block into @p dst, with zlib's return codes. */
static int inflate_step(struct wdl_input *in, unsigned char *dst, size_t cap,
			size_t *got)
{
#if defined(WDL_HAVE_ISAL)
	if (in->isal_on) {
		int rc = inflate_isal(in, dst, cap, got);
		/* a cut member, or damage: where ISA-L stops and what it
		 * hands out before differ from zlib's, so zlib reads the
		 * member again and has the last word (fuzz_reader found a
		 * CRC error that gave a different report) */
		if (rc == Z_DATA_ERROR ||
		    (rc == Z_BUF_ERROR && in->src_eof &&
		     in->block_pos == in->block_len)) {
			rc = isal_to_zlib(in, dst, cap);
			if (rc != Z_OK)
				return rc;
			rc = zlib_step(in, dst, cap, got);
		}
		in->member_out += *got;
		return rc;
	}
#endif
	int zrc = zlib_step(in, dst, cap, got);
	in->member_out += *got;
	return zrc;
}

static int read_gzip(struct wdl_input *in, unsigned char *dst, size_t cap,
		     size_t *got, wdilog_error *err)
{
	*got = 0;
	if (in->z_corrupt)
		return gzip_corrupt(in, err);
	while (*got == 0 && !in->z_done) {
		if (!in->z_active) {
			/* between members: another member, or the end */
			int rc = fill_block(in, 2, err);
			if (rc < 0)
				return rc;
			if (in->block_len == in->block_pos) {
				in->z_done = true;
				return source_end(in, err);
			}
			if (!at_gzip_magic(in)) {
				wdl_diag(in->opts, WDILOG_DIAG_WARNING, in->name, 0,
					 0, "%zu bytes after the last gzip member ignored",
					 in->block_len - in->block_pos);
				in->z_done = true;
				break;
			}
			rc = start_member(in, err);
			if (rc < 0)
				return rc;
		}
		if (in->block_pos == in->block_len) {
			/* at the end of the source inflate is still called: it
			 * may hold output that did not fit the last read (the rest
			 * of a match); only a call that gives nothing means the
			 * stream was cut (Z_BUF_ERROR below) */
			int rc = fill_block(in, 1, err);
			if (rc < 0)
				return rc;
		}
		int zrc = inflate_step(in, dst, cap, got);
		if (zrc == Z_STREAM_END) {
			in->z_active = false;
		} else if (zrc == Z_MEM_ERROR) {
			return wdl_fail_oom(err);
		} else if (zrc == Z_DATA_ERROR || zrc == Z_NEED_DICT) {
			/* hand out what was inflated before the damage first,
			 * and fail on the next call */
			in->z_corrupt = true;
			if (*got > 0)
				break;
			return gzip_corrupt(in, err);
		} else if (zrc == Z_BUF_ERROR && in->src_eof &&
			   in->block_pos == in->block_len && *got == 0) {
			in->z_done = true;
			if (in->held < 0)
				return source_end(in, err);
			wdl_diag(in->opts, WDILOG_DIAG_DAMAGED, in->name, 0, 0,
				 "gzip data ends early (truncated file); the decompressed part was read");
			in->truncated = true;
		}
	}
	return WDILOG_OK;
}

/* The next layer up reads what the layer below it hands out. */
static int read_lower(void *ctx, void *buf, size_t cap, size_t *got,
		      wdilog_error *err)
{
	struct wdl_input *in = ctx;
	return wdl_input_read(in->lower, buf, cap, got, err);
}

/* @p in holds gzip: move it (its source, its block) one layer down as the
 * layer that inflates, and make @p in read that layer's output. Called
 * before any inflating, so no z_stream (which points to itself) moves. */
static int push_layer(struct wdl_input *in, wdilog_error *err)
{
	struct wdl_input *low = wdl_malloc(sizeof(*low));
	unsigned char *block = wdl_malloc(WDL_INPUT_BLOCK);
	if (!low || !block) {
		wdl_free(low);
		wdl_free(block);
		return wdl_fail_oom(err);
	}
	*low = *in;
	if (low->ctx == in)
		low->ctx = low;     /* the fd and memory sources read themselves */
	low->sniffed = true;
	low->inflate = true;
	low->accept_binary = true;
	low->max_bytes = 0;     /* the limit is on what the top hands out */
	in->read = read_lower;
	in->ctx = in;
	in->fd = -1;
	in->close_fd = false;
	in->mem = NULL;
	in->mem_len = in->mem_pos = 0;
	in->block = block;
	in->block_len = in->block_pos = 0;
	in->src_eof = false;
	in->held = WDILOG_OK;
	in->lower = low;
	in->gzip_depth++;
	return WDILOG_OK;
}

int wdl_input_sniff(struct wdl_input *in, wdilog_error *err)
{
	if (in->sniffed)
		return WDILOG_OK;
	int rc = sniff_fill(in, err);
	while (rc >= 0 && at_gzip_magic(in) && in->gzip_depth < WDL_GZIP_DEPTH) {
		rc = push_layer(in, err);
		if (rc >= 0)
			rc = sniff_fill(in, err);
	}
	if (rc < 0)
		return rc;
	in->sniffed = true;
	in->gzip = in->gzip_depth > 0;
	in->binary = wdl_binary_sniff(in->block + in->block_pos,
				      in->block_len - in->block_pos);
	return WDILOG_OK;
}

static int refuse_binary(const struct wdl_input *in, wdilog_error *err)
{
	return wdl_fail(err, WDILOG_EFORMAT, "%s%s, not a text or XML trace: %s",
			in->gzip ? "gzip-compressed " : "",
			wdl_binary_name(in->binary),
			wdl_binary_advice(in->binary));
}

bool wdl_input_passed_over(const struct wdl_input *in, char *why, size_t cap)
{
	if (!in->sniffed || in->binary == WDL_BINARY_NONE ||
	    in->binary == WDL_BINARY_EVTX)
		return false;
	snprintf(why, cap, "%s%s, not a text or XML trace (%s)",
		 in->gzip ? "gzip-compressed " : "", wdl_binary_name(in->binary),
		 wdl_binary_advice(in->binary));
	return true;
}

/* Hand out bytes of this layer: inflated, or as they come. */
static int read_layer(struct wdl_input *in, unsigned char *dst, size_t cap,
		      size_t *got, wdilog_error *err)
{
	if (in->inflate)
		return read_gzip(in, dst, cap, got, err);
	if (in->block_pos < in->block_len) {
		size_t n = in->block_len - in->block_pos;
		if (n > cap)
			n = cap;
		memcpy(dst, in->block + in->block_pos, n);
		in->block_pos += n;
		*got = n;
		return WDILOG_OK;
	}
	if (in->src_eof) {
		*got = 0;
		return source_end(in, err);
	}
	int rc = in->read(in->ctx, dst, cap, got, err);
	if (rc >= 0 && *got == 0)
		in->src_eof = true;
	return rc;
}

int wdl_input_read(struct wdl_input *in, unsigned char *dst, size_t cap,
		   size_t *got, wdilog_error *err)
{
	*got = 0;
	if (!in->sniffed) {
		int rc = wdl_input_sniff(in, err);
		if (rc < 0)
			return rc;
	}
	if (in->binary != WDL_BINARY_NONE && !in->accept_binary)
		return refuse_binary(in, err);
	if (in->max_bytes) {
		if (in->out_bytes >= in->max_bytes) {
			/* one byte more than the limit tells a longer input
			 * from one of exactly max_bytes */
			unsigned char probe;
			int rc = read_layer(in, &probe, 1, got, err);
			if (rc < 0 || *got == 0)
				return rc;
			*got = 0;
			return wdl_fail(err, WDILOG_EIO,
					"input longer than the limit of %llu bytes; the rest was not read",
					(unsigned long long)in->max_bytes);
		}
		if (cap > in->max_bytes - in->out_bytes)
			cap = (size_t)(in->max_bytes - in->out_bytes);
	}
	int rc = read_layer(in, dst, cap, got, err);
	if (rc >= 0)
		in->out_bytes += *got;
	return rc;
}

bool wdl_input_truncated(const struct wdl_input *in)
{
	for (; in; in = in->lower)
		if (in->truncated)
			return true;
	return false;
}

static void close_layer(struct wdl_input *in)
{
	if (in->z_init)
		inflateEnd(&in->z);
	in->z_init = false;
#if defined(WDL_HAVE_ISAL)
	wdl_free(in->isal);
	in->isal = NULL;
#endif
	if (in->close_fd && in->fd >= 0)
		close(in->fd);
	wdl_free(in->block);
	in->block = NULL;
	in->fd = -1;
}

void wdl_input_close(struct wdl_input *in)
{
	/* the layers below (gzip inside gzip) are owned, one after another */
	struct wdl_input *low = in->lower;
	in->lower = NULL;
	close_layer(in);
	while (low) {
		struct wdl_input *next = low->lower;
		close_layer(low);
		wdl_free(low);
		low = next;
	}
}

void wdl_input_close_spare(struct wdl_input *in, unsigned char **spare)
{
	if (!*spare) {
		*spare = in->block;     /* the top layer's: WDL_INPUT_BLOCK */
		in->block = NULL;
	}
	wdl_input_close(in);
}

bool wdl_input_mappable(const struct wdl_input *in, int *fd, uint64_t *pos,
			uint64_t *size)
{
	if (in->read != read_fd || in->ctx != in || in->fd < 0 || in->lower ||
	    in->inflate || !in->sniffed || in->binary != WDL_BINARY_NONE ||
	    in->block_pos != in->block_len || in->src_eof || in->held < 0 ||
	    in->max_bytes)
		return false;
	const char *on = getenv("WDILOG_MMAP");
	if (!on || strcmp(on, "1") != 0)
		return false;
	struct stat st;
	if (fstat(in->fd, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	off_t at = lseek(in->fd, 0, SEEK_CUR);
	if (at < 0 || (uint64_t)at > (uint64_t)st.st_size)
		return false;
	*fd = in->fd;
	*pos = (uint64_t)at;
	*size = (uint64_t)st.st_size;
	return true;
}

int wdl_input_seek(struct wdl_input *in, uint64_t pos, wdilog_error *err)
{
	if (lseek(in->fd, (off_t)pos, SEEK_SET) < 0)
		return wdl_fail(err, WDILOG_EIO, "cannot seek: %s", strerror(errno));
	in->block_pos = in->block_len = 0;
	in->src_eof = false;
	return WDILOG_OK;
}

/* Newlines in p[0, n): a compare and a popcount per 16 bytes, not a call
 * per line (lines are about 100 bytes; memchr's set-up cost dominated). */
static uint64_t newlines_in(const unsigned char *p, size_t n)
{
	uint64_t count = 0;
	size_t i = 0;
#if defined(__SSE2__)
	const __m128i nl = _mm_set1_epi8('\n');
	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(p + i));
		count += (uint64_t)__builtin_popcount(
			(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)));
	}
#endif
	for (; i < n; i++)
		count += p[i] == '\n';
	return count;
}

bool wdl_count_newlines(int fd, uint64_t start, uint64_t end, uint64_t *n)
{
	unsigned char *buf = wdl_malloc(WDL_INPUT_BLOCK);
	bool ok = buf != NULL;
	*n = 0;
	while (ok && start < end) {
		size_t want = end - start < WDL_INPUT_BLOCK ? (size_t)(end - start)
							    : WDL_INPUT_BLOCK;
		ssize_t got = pread(fd, buf, want, (off_t)start);
		if (got < 0 && errno == EINTR)
			continue;
		ok = got > 0;
		if (ok) {
			*n += newlines_in(buf, (size_t)got);
			start += (uint64_t)got;
		}
	}
	wdl_free(buf);
	return ok;
}
