/* A regular file's short read is its end (short_read_ends): the input
 * marks the source ended without a read of 0 bytes, and hands out the
 * same bytes, plain or gzip. A source not known to be a regular file
 * (a pipe) still reads on after a short read. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "check.h"
#include "input/input.h"

/* A temporary file holding p[0, n), opened for reading; -1 on failure. */
static int temp_file(const void *p, size_t n)
{
	char name[] = "/tmp/wdilog-short-read-XXXXXX";
	int fd = mkstemp(name);
	if (fd < 0)
		return -1;
	unlink(name);
	if (write(fd, p, n) != (ssize_t)n || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Everything the input hands out, @p cap bytes a read; the caller frees. */
static unsigned char *read_all(struct wdl_input *in, size_t cap, size_t *len)
{
	unsigned char *out = malloc(1 << 20);
	size_t n = 0, got = 1;
	while (out && got && n + cap <= (1u << 20))
		if (wdl_input_read(in, out + n, cap, &got, NULL) < 0)
			break;
		else
			n += got;
	*len = n;
	return out;
}

static void plain_file(bool ends)
{
	unsigned char data[5000];
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)('a' + i % 26);
	int fd = temp_file(data, sizeof(data));
	CHECK(fd >= 0);
	struct wdl_input in;
	CHECK(wdl_input_open_fd(&in, fd, true, NULL) == WDILOG_OK);
	in.short_read_ends = ends;
	unsigned char buf[8192];
	size_t got = 0;
	CHECK(wdl_input_read(&in, buf, sizeof(buf), &got, NULL) == WDILOG_OK);
	CHECK_EQ_U(got, sizeof(data));
	CHECK(memcmp(buf, data, sizeof(data)) == 0);
	/* the end is known after the one read only for a regular file */
	CHECK(in.src_eof == ends);
	CHECK(wdl_input_read(&in, buf, sizeof(buf), &got, NULL) == WDILOG_OK);
	CHECK_EQ_U(got, 0);
	CHECK(in.src_eof);
	wdl_input_close(&in);
}

/* Reads of a few bytes at a time are full, not short: no early end. */
static void small_reads(void)
{
	unsigned char data[3000];
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7);
	int fd = temp_file(data, sizeof(data));
	struct wdl_input in;
	CHECK(fd >= 0 && wdl_input_open_fd(&in, fd, true, NULL) == WDILOG_OK);
	in.short_read_ends = true;
	size_t len = 0;
	unsigned char *out = read_all(&in, 7, &len);
	CHECK_EQ_U(len, sizeof(data));
	CHECK(out && memcmp(out, data, sizeof(data)) == 0);
	free(out);
	wdl_input_close(&in);
}

/* gzip read from a regular file: the layer below reads the file. */
static void gzip_file(void)
{
	unsigned char text[20000], packed[30000];
	for (size_t i = 0; i < sizeof(text); i++)
		text[i] = (unsigned char)("wdilog short read\n"[i % 18]);
	uLongf plen = sizeof(packed);
	z_stream z;
	memset(&z, 0, sizeof(z));
	CHECK(deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8,
			   Z_DEFAULT_STRATEGY) == Z_OK);
	z.next_in = text;
	z.avail_in = sizeof(text);
	z.next_out = packed;
	z.avail_out = (uInt)plen;
	CHECK(deflate(&z, Z_FINISH) == Z_STREAM_END);
	plen -= z.avail_out;
	deflateEnd(&z);
	int fd = temp_file(packed, plen);
	struct wdl_input in;
	CHECK(fd >= 0 && wdl_input_open_fd(&in, fd, true, NULL) == WDILOG_OK);
	in.short_read_ends = true;
	size_t len = 0;
	unsigned char *out = read_all(&in, 4096, &len);
	CHECK(in.gzip);
	CHECK_EQ_U(len, sizeof(text));
	CHECK(out && memcmp(out, text, sizeof(text)) == 0);
	CHECK(!wdl_input_truncated(&in));
	free(out);
	wdl_input_close(&in);
}

/* A pipe gives what was written so far: a short read, then more. (The
 * first read wants the magic's bytes, so more than those go first.) */
static void pipe_reads_on(void)
{
	int p[2];
	CHECK(pipe(p) == 0);
	struct wdl_input in;
	CHECK(wdl_input_open_fd(&in, p[0], true, NULL) == WDILOG_OK);
	unsigned char first[WDL_MAGIC_BYTES + 10], buf[sizeof(first) + 64];
	memset(first, 'x', sizeof(first));
	size_t got = 0;
	CHECK(write(p[1], first, sizeof(first)) == (ssize_t)sizeof(first));
	CHECK(wdl_input_read(&in, buf, sizeof(buf), &got, NULL) == WDILOG_OK);
	CHECK_EQ_U(got, sizeof(first));
	CHECK(!in.src_eof);
	size_t n = got;
	CHECK(write(p[1], "second", 6) == 6);
	close(p[1]);
	while (n < sizeof(buf) &&
	       wdl_input_read(&in, buf + n, sizeof(buf) - n, &got, NULL) ==
		       WDILOG_OK && got)
		n += got;
	CHECK_EQ_U(n, sizeof(first) + 6);
	CHECK(memcmp(buf + sizeof(first), "second", 6) == 0);
	wdl_input_close(&in);
}

int main(void)
{
	plain_file(true);
	plain_file(false);
	small_reads();
	gzip_file();
	pipe_reads_on();
	return check_report("input/short_read");
}
