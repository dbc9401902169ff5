/* The windowed mapping gives what read() gives: the same bytes through the
 * decoded window (lines crossing span boundaries, bytes that need decoding
 * in the middle, files ending exactly on a page or a span), and the same
 * report for every sample and for a generated trace larger than the
 * smallest file that is mapped. */
#include "check.h"
#include "run_reader.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "input/chunk.h"

static char dir[] = "/tmp/wdilog-window-XXXXXX";

static char *write_temp(const char *name, const char *data, size_t len)
{
	static char path[600];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL);
	if (!f)
		return NULL;
	CHECK(fwrite(data, 1, len, f) == len);
	fclose(f);
	return path;
}

/* Everything a parser would see, read line by line as the text parser
 * reads (refill keeping the unfinished line); *mapped tells whether the
 * window ever pointed into a mapping, *nul_ok that buf[len] was NUL after
 * every refill. */
static char *through_window(const char *path, size_t max, size_t *outlen,
			    bool *mapped, bool *nul_ok)
{
	int fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	struct wdl_input in;
	struct wdl_decoder dec;
	struct wdl_chunk c;
	CHECK(wdl_input_open_fd(&in, fd, true, NULL) == WDILOG_OK);
	CHECK(wdl_decoder_init(&dec, &in, NULL) == WDILOG_OK);
	CHECK(wdl_chunk_init(&c, &dec, 64 * 1024, max, NULL) == WDILOG_OK);
	c.map_span = 1;   /* the smallest span: as many boundaries as can be */
	size_t cap = 1 << 20, n = 0;
	char *out = malloc(cap);
	*mapped = false;
	*nul_ok = true;
	wdl_chunk_prime(&c, 4096);
	for (;;) {
		const char *s = c.buf + c.pos;
		const char *nl = memrchr(s, '\n', c.len - c.pos);
		size_t take = nl ? (size_t)(nl - s) + 1 : 0;
		if (c.eof)
			take = c.len - c.pos;
		if (n + take > cap) {
			cap = (n + take) * 2;
			out = realloc(out, cap);
		}
		memcpy(out + n, s, take);
		n += take;
		c.pos += take;
		if (c.eof)
			break;
		if (!wdl_chunk_refill(&c, c.pos) && !c.eof)
			break;      /* a line longer than max: not made here */
		*mapped |= c.mapped;
		*nul_ok &= c.buf[c.len] == '\0';
	}
	CHECK(c.error == 0);
	wdl_chunk_dispose(&c);
	wdl_decoder_dispose(&dec);
	wdl_input_close(&in);
	*outlen = n;
	return out;
}

/* Lines of varying length, with multibyte characters; @p dirty adds a
 * byte that is not UTF-8 and a U+200E every so often. */
static char *make_text(size_t size, bool dirty, unsigned seed)
{
	char *t = malloc(size + 1);
	size_t i = 0;
	srand(seed);
	while (i < size) {
		size_t len = 1 + (size_t)rand() % 300;
		for (size_t k = 0; k < len && i < size; k++) {
			int r = rand() % 200;
			if (r == 0 && i + 2 <= size) {
				memcpy(t + i, "\xc3\xa9", 2);       /* é */
				i += 2;
			} else if (r == 1 && i + 3 <= size) {
				memcpy(t + i, "\xe2\x82\xac", 3);   /* € */
				i += 3;
			} else if (dirty && r == 2 && rand() % 3000 == 0) {
				t[i++] = (char)0x93;                /* cp1252 " */
			} else if (dirty && r == 3 && rand() % 3000 == 0 && i + 3 <= size) {
				memcpy(t + i, "\xe2\x80\x8e", 3);   /* U+200E */
				i += 3;
			} else {
				t[i++] = (char)('a' + r % 26);
			}
		}
		if (i < size)
			t[i++] = '\n';
	}
	return t;
}

static void same_bytes(const char *name, size_t size, bool dirty, size_t max)
{
	char *text = make_text(size, dirty, (unsigned)size);
	char *path = write_temp(name, text, size);
	size_t nr = 0, nm = 0;
	bool mr, mm, zr, zm;
	unsetenv("WDILOG_MMAP");
	char *viaread = through_window(path, max, &nr, &mr, &zr);
	setenv("WDILOG_MMAP", "1", 1);
	char *viamap = through_window(path, max, &nm, &mm, &zm);
	unsetenv("WDILOG_MMAP");
	CHECK_MSG(!mr, "%s: read() path mapped", name);
	CHECK_MSG(mm, "%s: never mapped", name);
	CHECK_MSG(zr && zm, "%s: no NUL after the window (read %d, map %d)", name, zr, zm);
	CHECK_MSG(nr == nm && memcmp(viaread, viamap, nr) == 0,
		  "%s: mapped bytes differ from read bytes (%zu, %zu)", name, nr, nm);
	for (size_t k = 0; k < nr && k < nm; k++)
		if (viaread[k] != viamap[k]) {
			fprintf(stderr, "%s: first difference at %zu\n", name, k);
			break;
		}
	if (!dirty)
		CHECK_MSG(nm == size && memcmp(viamap, text, size) == 0,
			  "%s: bytes differ from the file", name);
	free(viaread);
	free(viamap);
	free(text);
}

static char *report_of(const char *path)
{
	wdilog_reader *r;
	if (wdilog_reader_open_path(&r, path, NULL, NULL) < 0)
		return NULL;
	wdilog_report *rep;
	if (wdilog_report_new(&rep, NULL, NULL) < 0) {
		wdilog_reader_free(r);
		return NULL;
	}
	wdilog_report_read(rep, r, NULL);
	wdilog_reader_free(r);
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	wdilog_report_render_json(rep, f, NULL);
	fclose(f);
	wdilog_report_free(rep);
	/* the input's path is the same in both: nothing to mask */
	return out;
}

static void same_report(const char *path)
{
	unsetenv("WDILOG_MMAP");
	char *a = report_of(path);
	setenv("WDILOG_MMAP", "1", 1);
	char *b = report_of(path);
	unsetenv("WDILOG_MMAP");
	CHECK_MSG(a && b && strcmp(a, b) == 0, "%s: report differs when mapped", path);
	free(a);
	free(b);
}

/* A wpp-text trace of @p records records (a status every 7th, a
 * continuation line every 5th, a multibyte name now and then). */
static char *make_trace(size_t records, size_t *len)
{
	size_t cap = records * 200 + 64, n = 0;
	char *t = malloc(cap);
	for (size_t i = 0; i < records; i++) {
		n += (size_t)snprintf(t + n, cap - n,
			"[0]0A1C.0B2D::11/25/2026-10:%02zu:%02zu.%06zu [wdiwifi]%s%s\n",
			i / 60 % 60, i % 60, i,
			i % 7 == 0 ? "AssocStatus: WDI_ASSOC_STATUS_FAILURE (0x" : "Scan done caf\xc3\xa9 ",
			i % 7 == 0 ? "1)" : "3 entries");
		if (i % 5 == 0)
			n += (size_t)snprintf(t + n, cap - n, "    continued %zu\n", i);
	}
	*len = n;
	return t;
}

int main(void)
{
	CHECK(mkdtemp(dir) != NULL);
	long page = sysconf(_SC_PAGESIZE);
	size_t p = page > 0 ? (size_t)page : 4096;
	/* past WDL_MAP_MIN, so that mapping starts; sizes on, before and
	 * after a page (so a span) multiple, and on a step multiple */
	same_bytes("on-page", 100 * p, false, 3000);
	same_bytes("page-minus-1", 100 * p - 1, false, 3000);
	same_bytes("page-plus-1", 100 * p + 1, false, 3000);
	same_bytes("on-step", 4 * WDL_MAP_STEP, false, 3000);
	same_bytes("big-window", 3 * WDL_MAP_STEP + 17, false, 64 * 1024 + 64);
	same_bytes("dirty", 400 * p, true, 3000);

	static const char *const samples[] = {
		"tracefmt-default.txt", "tracefmt-dayfirst.txt", "tracerpt.xml",
		"eventlog.txt", "tracefmt-gzip.txt.gz",
	};
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", SAMPLES_DIR, samples[i]);
		same_report(path);
	}
	size_t len;
	char *trace = make_trace(20000, &len);
	same_report(write_temp("trace.txt", trace, len));
	/* cut on a page: the last record ends exactly at the file's end */
	size_t cut = len - len % p;
	while (cut && trace[cut - 1] != '\n')
		cut -= p;
	same_report(write_temp("trace-page.txt", trace, cut));
	free(trace);

	char cmd[700];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK(system(cmd) == 0);
	return check_report("window");
}
