/* -j on an EVTX file: cut at chunk starts, read in parts side by side and
 * merged in file order, the report must be the one of a single pass, byte
 * for byte, and the diagnostics the same ones. The file has every kind of
 * damage a part boundary could split: a chunk whose data checksum fails,
 * one with no signature but records, records missing from a chunk, a run
 * of stale blocks, an unused all-zero block, a dirty header and a cut in
 * the last chunk. The parts' own stats must also add up to the file's. */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include <wdilog/wdilog.h>

#include "check.h"
#include "evtx_writer.h"
#include "parse/evtx.h"
#include "parse/reader_range.h"

#define NS "http://schemas.microsoft.com/win/2004/08/events/event"

static const char T_EVENT[] =
	"<Event xmlns=\"" NS "\"><System><Provider Name=\"%0\"/>"
	"<EventID>%1</EventID><TimeCreated SystemTime=\"%2\"/>"
	"<EventRecordID>%3</EventRecordID><Computer>%4</Computer></System>"
	"<EventData><Data Name=\"AssocStatus\">%5</Data>"
	"<Data Name=\"PeerMac\">%6</Data><Data Name=\"Note\">%7</Data>"
	"</EventData></Event>";

#define NCHUNKS 40
#define CHUNK 65536u
#define BASE 4096u

/* Records until NCHUNKS chunks: a time a second apart (bursts and
 * timeline buckets cross chunk and part boundaries), stretches of
 * failures, six peers, notes of varied length so chunks hold varied
 * counts. */
static unsigned char *make_file(size_t *len)
{
	struct ew *w = ew_new();
	struct ew_val v[8];
	char mac[32], note[120];
	for (uint64_t id = 1; ew_nchunks(w) < NCHUNKS; id++) {
		uint32_t status = (id / 60) % 3 == 0 ? 31 : (uint32_t)(id % 5);
		snprintf(mac, sizeof(mac), "8a:15:14:b6:25:%02x",
			 (unsigned)(id % 6));
		memset(note, 'n', sizeof(note));
		note[(id * 37) % 100 + 1] = '\0';
		v[0] = ew_str("Microsoft-Windows-WLAN-AutoConfig");
		v[1] = ew_int(0x06, 8000 + id % 4);
		v[2] = ew_int(0x11, 132223104000000000ull + id * 10000000ull);
		v[3] = ew_int(0x0A, id);
		v[4] = ew_str("TESTPC");
		v[5] = ew_int(0x08, status);
		v[6] = ew_str(mac);
		v[7] = ew_str(note);
		ew_record(w, 1, T_EVENT, v, 8);
	}
	unsigned char *f = ew_file(w, 1, len);
	ew_free(w);
	return f;
}

static size_t chunk_at(size_t c)
{
	return BASE + c * CHUNK;
}

/* The file with its damage (see the top of this file). */
static unsigned char *damaged_file(size_t *len)
{
	size_t clean_len;
	unsigned char *clean = make_file(&clean_len);
	size_t nchunks = (clean_len - BASE) / CHUNK;
	/* three extra blocks: two of stale bytes (one run) after chunk 14
	 * and an unused all-zero one after chunk 30 */
	size_t n = clean_len + 3 * CHUNK;
	unsigned char *f = calloc(1, n);
	memcpy(f, clean, BASE);
	size_t at = BASE;
	for (size_t c = 0; c < nchunks; c++) {
		memcpy(f + at, clean + chunk_at(c), CHUNK);
		at += CHUNK;
		if (c == 14) {
			for (size_t i = 0; i < 2 * CHUNK; i++)
				f[at + i] = (unsigned char)(i * 13 + 5);
			at += 2 * CHUNK;
		}
		if (c == 30)
			at += CHUNK;
	}
	free(clean);
	/* chunk 3: a byte of its records changed (data checksum) */
	f[chunk_at(3) + 700] ^= 0x5a;
	/* chunk 9: no signature, records intact */
	f[chunk_at(9)] = 'X';
	/* chunk 20 (block 22): records overwritten with zeros */
	memset(f + chunk_at(22) + 2000, 0, 3000);
	/* cut 20000 bytes into the last chunk */
	*len = chunk_at(n / CHUNK - 1) + 20000;
	return f;
}

/* Diagnostics as lines "kind offset message", kept in arrival order. */
struct diags {
	char **line;
	size_t n, cap;
};

static void on_diag(const wdilog_error *d, void *payload)
{
	struct diags *g = payload;
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		g->line = realloc(g->line, g->cap * sizeof(*g->line));
	}
	char buf[600];
	snprintf(buf, sizeof(buf), "%d %llu %llu %s", d->code,
		 (unsigned long long)d->line, (unsigned long long)d->offset,
		 d->message);
	g->line[g->n++] = strdup(buf);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void diags_free(struct diags *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->line[i]);
	free(g->line);
	memset(g, 0, sizeof(*g));
}

static char *json_of(const char *path, unsigned jobs, struct diags *g)
{
	wdilog_options o;
	wdilog_options_init(&o);
	o.split_bytes = 1;      /* any size is cut */
	o.diag = on_diag;
	o.diag_payload = g;
	wdilog_report *rep;
	if (wdilog_report_new(&rep, &o, NULL) < 0)
		return NULL;
	wdilog_path p = { path, false };
	wdilog_report_read_paths(rep, &p, 1, jobs, &o, NULL, NULL, NULL);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	wdilog_report_render_json(rep, f, NULL);
	fclose(f);
	wdilog_report_free(rep);
	/* workers warn in the order they run; the set must match */
	qsort(g->line, g->n, sizeof(*g->line), cmp_str);
	return out;
}

struct fdsrc {
	int fd;
};

static int fd_read(void *ctx, void *buf, size_t cap, size_t *got,
		   wdilog_error *err)
{
	(void)err;
	ssize_t n = read(((struct fdsrc *)ctx)->fd, buf, cap);
	if (n < 0)
		return WDILOG_EIO;
	*got = (size_t)n;
	return WDILOG_OK;
}

/* The reader's stats for the file whole, or for one part of it. */
static struct wdl_evtx_stats stats_of(const char *path,
				      const struct wdl_evtx_part *part)
{
	struct fdsrc src = { open(path, O_RDONLY) };
	if (part)
		lseek(src.fd, (off_t)part->start, SEEK_SET);
	struct wdl_evtx *e;
	wdilog_error err = { 0 };
	struct wdl_evtx_stats st;
	memset(&st, 0, sizeof(st));
	if (wdl_evtx_open(&e, fd_read, &src, NULL, 0, NULL, "t", &err) < 0)
		return st;
	if (part)
		wdl_evtx_set_part(e, part);
	struct wdl_evtx_record rec;
	while (wdl_evtx_next(e, &rec, &err) == WDILOG_OK)
		;
	st = *wdl_evtx_stats(e);
	wdl_evtx_free(e);
	close(src.fd);
	return st;
}

static void add_stats(struct wdl_evtx_stats *d, const struct wdl_evtx_stats *s)
{
	d->header_bad |= s->header_bad;
	d->dirty |= s->dirty;
	d->full |= s->full;
	d->truncated |= s->truncated;
	d->flags_read |= s->flags_read;
	d->flags |= s->flags;
	d->header_chunks |= s->header_chunks;
	for (uint64_t i = 0; i < s->bad_chunks && i < WDL_EVTX_BAD_KEEP; i++)
		if (d->bad_chunks + i < WDL_EVTX_BAD_KEEP)
			d->bad_chunk_offsets[d->bad_chunks + i] =
				s->bad_chunk_offsets[i];
	d->chunks += s->chunks;
	d->empty_chunks += s->empty_chunks;
	d->skipped_chunks += s->skipped_chunks;
	d->bad_chunks += s->bad_chunks;
	d->declared += s->declared;
	d->events += s->events;
	d->damaged += s->damaged;
}

static void test_parts_add_up(const char *path, size_t len)
{
	struct wdl_evtx_stats whole = stats_of(path, NULL);
	CHECK(whole.dirty);
	CHECK(whole.truncated);
	CHECK_EQ_U(whole.bad_chunks, 3);   /* 3, 9 and 20 */
	CHECK_EQ_U(whole.skipped_chunks, 2);
	CHECK_EQ_U(whole.empty_chunks, 1);
	CHECK(whole.damaged > 0);
	CHECK_EQ_U(whole.events + whole.damaged, whole.declared);
	int fd = open(path, O_RDONLY);
	for (unsigned parts = 2; parts <= 12; parts++) {
		struct wdl_evtx_part cut[64];
		size_t n = wdl_evtx_cut(fd, len, parts, cut);
		CHECK_EQ_U(n, parts);
		struct wdl_evtx_stats sum;
		memset(&sum, 0, sizeof(sum));
		for (size_t k = 0; k < n; k++) {
			/* every part but the first starts at a chunk */
			if (k > 0) {
				unsigned char sig[8];
				CHECK(pread(fd, sig, 8, (off_t)cut[k].start) == 8);
				CHECK(memcmp(sig, "ElfChnk", 8) == 0);
				CHECK_EQ_U(cut[k - 1].end, cut[k].start);
			}
			struct wdl_evtx_stats st = stats_of(path, &cut[k]);
			add_stats(&sum, &st);
		}
		CHECK_EQ_U(cut[n - 1].end, 0);
		CHECK(memcmp(&sum, &whole, sizeof(sum)) == 0);
	}
	close(fd);
}

static void test_report_as_one_pass(const char *path)
{
	struct wdl_range r[64];
	CHECK_EQ_U(wdl_reader_evtx_ranges(path, 4, r), 4);
	struct diags g1 = { 0 };
	char *one = json_of(path, 1, &g1);
	CHECK(one != NULL);
	CHECK(strstr(one, "\"damaged\": 0,") == NULL);
	/* bursts found: the list after "not_listed" is not empty */
	const char *bl = one ? strstr(one, "\"not_listed\"") : NULL;
	CHECK(bl && strncmp(strstr(bl, "\"list\": "), "\"list\": []", 10) != 0);
	CHECK(g1.n > 5);
	for (unsigned jobs = 2; jobs <= 8; jobs++) {
		struct diags g = { 0 };
		char *par = json_of(path, jobs, &g);
		bool same = one && par && strcmp(one, par) == 0;
		if (!same)
			fprintf(stderr, "%u jobs: report differs\n", jobs);
		CHECK(same);
		bool same_diags = g.n == g1.n;
		for (size_t i = 0; same_diags && i < g.n; i++)
			same_diags = strcmp(g.line[i], g1.line[i]) == 0;
		if (!same_diags)
			fprintf(stderr, "%u jobs: %zu diagnostics, one pass %zu\n",
				jobs, g.n, g1.n);
		CHECK(same_diags);
		diags_free(&g);
		free(par);
	}
	diags_free(&g1);
	free(one);
}

/* Not cut: a file whose header checksum fails (its counts are not
 * trusted), a gzip file, a file of one chunk. */
static void test_not_cut(const char *dir, const unsigned char *f, size_t len)
{
	char path[300];
	struct wdl_range r[64];
	snprintf(path, sizeof(path), "%s/bad-header.evtx", dir);
	FILE *o = fopen(path, "wb");
	fwrite(f, 1, 100, o);
	fputc(f[100] ^ 1, o);
	fwrite(f + 101, 1, len - 101, o);
	fclose(o);
	CHECK_EQ_U(wdl_reader_evtx_ranges(path, 4, r), 0);
	snprintf(path, sizeof(path), "%s/one.evtx", dir);
	o = fopen(path, "wb");
	fwrite(f, 1, BASE + CHUNK, o);
	fclose(o);
	CHECK_EQ_U(wdl_reader_evtx_ranges(path, 4, r), 0);
	unlink(path);
	snprintf(path, sizeof(path), "%s/log.evtx.gz", dir);
	gzFile gz = gzopen(path, "wb1");
	CHECK(gz && gzwrite(gz, f, (unsigned)len) == (int)len);
	gzclose(gz);
	CHECK_EQ_U(wdl_reader_evtx_ranges(path, 4, r), 0);
	unlink(path);
	snprintf(path, sizeof(path), "%s/bad-header.evtx", dir);
	unlink(path);
}

int main(void)
{
	char dir[] = "/tmp/wdilog-evtx-parallel-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char path[300];
	snprintf(path, sizeof(path), "%s/log.evtx", dir);
	size_t len;
	unsigned char *f = damaged_file(&len);
	FILE *o = fopen(path, "wb");
	CHECK(o && fwrite(f, 1, len, o) == len);
	fclose(o);
	test_parts_add_up(path, len);
	test_report_as_one_pass(path);
	test_not_cut(dir, f, len);
	free(f);
	unlink(path);
	rmdir(dir);
	return check_report("evtx parallel");
}
