/* Nothing lost, on every sample and every adversarial file:
 *  1. the JSON report has events = with_status + without_status +
 *     undecoded + damaged, in the totals and for the input, and the input
 *     adds up to the totals;
 *  2. the same text as UTF-8, UTF-8 with a BOM, UTF-16LE, UTF-16BE (with
 *     BOMs), gzip of UTF-8 and gzip of UTF-16LE gives the same report
 *     (everything but the "inputs" member, which names the encoding).
 * The text of a file is its bytes after gunzip and after UTF-16 decoding;
 * files whose text is not UTF-8 (windows-1252 input) or is mostly NULs
 * (binary) get check 1 only.
 *
 *   nothing_lost DIR...   every regular file in each DIR (not *.md, *.in) */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <zlib.h>

#include <wdilog/wdilog.h>

#include "check.h"

struct buf {
	unsigned char *p;
	size_t len, cap;
};

static void put(struct buf *b, const void *p, size_t n)
{
	if (!b->p || b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (cap < b->len + n)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (!b->p) {
			fputs("out of memory\n", stderr);
			exit(2);
		}
		b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void fail(const char *path, const char *what)
{
	CHECK_MSG(false, "%s: %s", path, what);
}

/* The JSON report of @p data read as one input; NULL if it did not parse. */
static json_t *report_of(const void *data, size_t len, const char *name,
			 int *rc_out)
{
	wdilog_error err = { 0 };
	wdilog_report *rep;
	wdilog_reader *r;
	if (wdilog_report_new(&rep, NULL, &err) < 0 ||
	    wdilog_reader_open_memory(&r, data, len, name, NULL, &err) < 0) {
		fputs("cannot open\n", stderr);
		exit(2);
	}
	*rc_out = wdilog_report_read(rep, r, &err);
	wdilog_reader_free(r);
	char *text = NULL;
	size_t tlen = 0;
	FILE *f = open_memstream(&text, &tlen);
	if (!f || wdilog_report_render_json(rep, f, &err) < 0)
		exit(2);
	fclose(f);
	wdilog_report_free(rep);
	json_error_t jerr;
	json_t *root = json_loadb(text, tlen, 0, &jerr);
	free(text);
	return root;
}

static json_int_t num(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static bool adds_up(json_t *o)
{
	return num(o, "events") == num(o, "with_status") +
				   num(o, "without_status") +
				   num(o, "undecoded") + num(o, "damaged");
}

static void identity(const char *path, json_t *root)
{
	json_t *tot = json_object_get(root, "totals");
	json_t *in = json_array_get(json_object_get(root, "inputs"), 0);
	if (!tot || !in) {
		fail(path, "report without totals or input");
		return;
	}
	if (!adds_up(tot))
		fail(path, "totals: events != with + without + undecoded + damaged");
	if (!adds_up(in))
		fail(path, "input: events != with + without + undecoded + damaged");
	if (num(in, "events") != num(tot, "events") ||
	    num(in, "statuses") != num(tot, "statuses") ||
	    num(in, "damaged") != num(tot, "damaged"))
		fail(path, "the input does not add up to the totals");
	printf("%s: %lld events (%lld with status, %lld without, %lld undecoded, "
	       "%lld damaged)\n", path, (long long)num(tot, "events"),
	       (long long)num(tot, "with_status"),
	       (long long)num(tot, "without_status"),
	       (long long)num(tot, "undecoded"), (long long)num(tot, "damaged"));
}

static bool gunzip(const unsigned char *p, size_t n, struct buf *out)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
		return false;
	unsigned char tmp[65536];
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	int rc;
	do {
		z.next_out = tmp;
		z.avail_out = sizeof(tmp);
		rc = inflate(&z, Z_NO_FLUSH);
		put(out, tmp, sizeof(tmp) - z.avail_out);
		if (rc == Z_STREAM_END && z.avail_in)
			rc = inflateReset(&z) == Z_OK ? Z_OK : Z_DATA_ERROR;
	} while (rc == Z_OK);
	inflateEnd(&z);
	return rc == Z_STREAM_END;
}

static void gzip(const unsigned char *p, size_t n, struct buf *out)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	uLong bound = deflateBound(&z, (uLong)n);
	unsigned char *tmp = malloc(bound);
	z.next_in = (unsigned char *)(uintptr_t)p;
	z.avail_in = (uInt)n;
	z.next_out = tmp;
	z.avail_out = (uInt)bound;
	if (!tmp || deflate(&z, Z_FINISH) != Z_STREAM_END)
		exit(2);
	put(out, tmp, bound - z.avail_out);
	free(tmp);
	deflateEnd(&z);
}

static void put_utf8(struct buf *b, unsigned cp)
{
	unsigned char o[4];
	size_t n;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		o[0] = (unsigned char)(0xF0 | cp >> 18);
		o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		o[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	put(b, o, n);
}

/* UTF-16 from byte @p i (after the BOM, if any) to UTF-8; lone
 * surrogates and an odd last byte become U+FFFD. */
static void utf16_to_utf8(const unsigned char *p, size_t n, size_t i,
			  bool le, struct buf *out)
{
	while (i < n) {
		if (n - i < 2) {
			put_utf8(out, 0xFFFD);
			break;
		}
		unsigned u = le ? (unsigned)(p[i] | p[i + 1] << 8)
				: (unsigned)(p[i] << 8 | p[i + 1]);
		i += 2;
		if (u >= 0xD800 && u <= 0xDBFF && n - i >= 2) {
			unsigned lo = le ? (unsigned)(p[i] | p[i + 1] << 8)
					 : (unsigned)(p[i] << 8 | p[i + 1]);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				put_utf8(out, 0x10000 + ((u - 0xD800) << 10) +
						      (lo - 0xDC00));
				i += 2;
				continue;
			}
		}
		put_utf8(out, u >= 0xD800 && u <= 0xDFFF ? 0xFFFD : u);
	}
}

static size_t utf8_len(const unsigned char *p, size_t avail, unsigned *cp)
{
	unsigned char c = p[0];
	size_t n;
	unsigned v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, v = c & 0x1Fu, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, v = c & 0x0Fu, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, v = c & 0x07u, min = 0x10000;
	else
		return 0;
	if (n > avail)
		return 0;
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (p[k] & 0x3Fu);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

/* UTF-8 to UTF-16 with a BOM; false if @p p is not UTF-8. */
static bool utf8_to_utf16(const unsigned char *p, size_t n, bool le,
			  struct buf *out)
{
	unsigned char bom[2] = { le ? 0xFF : 0xFE, le ? 0xFE : 0xFF };
	put(out, bom, 2);
	for (size_t i = 0; i < n;) {
		unsigned cp, units[2];
		size_t k = utf8_len(p + i, n - i, &cp), nu = 1;
		if (!k)
			return false;
		if (cp >= 0x10000) {
			units[0] = 0xD800 + ((cp - 0x10000) >> 10);
			units[1] = 0xDC00 + ((cp - 0x10000) & 0x3FF);
			nu = 2;
		} else {
			units[0] = cp;
		}
		for (size_t u = 0; u < nu; u++) {
			unsigned char b[2] = { (unsigned char)(units[u] & 0xFF),
					       (unsigned char)(units[u] >> 8) };
			if (!le) {
				unsigned char t = b[0];
				b[0] = b[1];
				b[1] = t;
			}
			put(out, b, 2);
		}
		i += k;
	}
	return true;
}

/* The report with "inputs" (encoding, gzip, path) taken out. */
static json_t *comparable(json_t *root)
{
	json_t *copy = json_deep_copy(root);
	json_object_del(copy, "inputs");
	return copy;
}

static void same_as(const char *path, const char *form, json_t *want,
		    const struct buf *data)
{
	int rc;
	json_t *got = report_of(data->p, data->len, path, &rc);
	if (!got) {
		fail(path, "a variant's report does not parse");
		return;
	}
	json_t *g = comparable(got);
	if (!json_equal(g, want)) {
		char msg[160];
		char *a = json_dumps(json_object_get(want, "totals"), JSON_COMPACT);
		char *b = json_dumps(json_object_get(g, "totals"), JSON_COMPACT);
		snprintf(msg, sizeof(msg), "as %s the report differs", form);
		fail(path, msg);
		printf("  original: %s\n  %s: %s\n", a, form, b);
		free(a);
		free(b);
	}
	json_decref(g);
	json_decref(got);
}

static void check_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf raw = { 0 };
	unsigned char tmp[65536];
	size_t n;
	if (!f) {
		perror(path);
		exit(2);
	}
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		put(&raw, tmp, n);
	fclose(f);
	if (!raw.p)
		put(&raw, "", 0);

	int rc;
	json_t *root = report_of(raw.p, raw.len, path, &rc);
	if (!root) {
		fail(path, "the JSON report does not parse");
		free(raw.p);
		return;
	}
	identity(path, root);

	/* the text, as UTF-8 */
	struct buf text = { 0 }, plain = { 0 };
	const unsigned char *p = raw.p;
	size_t len = raw.len;
	bool ok = true;
	if (len >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
		ok = gunzip(p, len, &plain) && rc == WDILOG_OK;
		p = plain.p;
		len = plain.len;
	}
	/* UTF-16 without a BOM: most odd (LE) or even (BE) bytes are NUL */
	size_t zodd = 0, zeven = 0;
	for (size_t i = 0; i + 1 < len && i < 4096; i += 2) {
		zeven += p[i] == 0;
		zodd += p[i + 1] == 0;
	}
	size_t pairs = (len < 4096 ? len : 4096) / 2;
	if (ok && len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) ||
			       (p[0] == 0xFE && p[1] == 0xFF))) {
		utf16_to_utf8(p, len, 2, p[0] == 0xFF, &text);
	} else if (ok && pairs &&
		   (zodd * 10 >= pairs * 3 || zeven * 10 >= pairs * 3)) {
		utf16_to_utf8(p, len, 0, zodd > zeven, &text);
	} else if (ok) {
		size_t skip = len >= 3 && p[0] == 0xEF && p[1] == 0xBB &&
			      p[2] == 0xBF ? 3 : 0;
		put(&text, "", 0);
		if (len > skip)
			put(&text, p + skip, len - skip);
	}
	size_t nuls = 0;
	for (size_t i = 0; ok && i < text.len; i++)
		nuls += text.p[i] == 0;
	if (ok && nuls * 100 > text.len + 100)
		ok = false;

	struct buf v = { 0 };
	if (ok) {
		v.len = 0;
		ok = utf8_to_utf16(text.p, text.len, true, &v);
	}
	if (ok && rc == WDILOG_OK) {
		json_t *want = comparable(root);
		same_as(path, "utf-8", want, &text);
		struct buf bom = { 0 };
		put(&bom, "\xEF\xBB\xBF", 3);
		put(&bom, text.p, text.len);
		same_as(path, "utf-8 with a BOM", want, &bom);
		same_as(path, "utf-16le", want, &v);
		struct buf gz = { 0 };
		gzip(v.p, v.len, &gz);
		same_as(path, "gzip of utf-16le", want, &gz);
		v.len = 0;
		utf8_to_utf16(text.p, text.len, false, &v);
		same_as(path, "utf-16be", want, &v);
		gz.len = 0;
		gzip(text.p, text.len, &gz);
		same_as(path, "gzip of utf-8", want, &gz);
		printf("%s: the same in 6 encodings\n", path);
		json_decref(want);
		free(bom.p);
		free(gz.p);
	}
	free(v.p);
	free(text.p);
	free(plain.p);
	free(raw.p);
	json_decref(root);
}

static bool skipped(const char *name)
{
	size_t n = strlen(name);
	return name[0] == '.' || (n > 3 && strcmp(name + n - 3, ".md") == 0) ||
	       (n > 3 && strcmp(name + n - 3, ".in") == 0);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	unsigned long files = 0;
	if (argc < 2) {
		fputs("usage: nothing_lost DIR...\n", stderr);
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		DIR *d = opendir(argv[i]);
		if (!d) {
			perror(argv[i]);
			return 2;
		}
		char *names[1024];
		size_t n = 0;
		struct dirent *de;
		while ((de = readdir(d)) != NULL && n < 1024)
			if (!skipped(de->d_name) && de->d_type != DT_DIR)
				names[n++] = strdup(de->d_name);
		closedir(d);
		qsort(names, n, sizeof(*names), cmp);
		for (size_t k = 0; k < n; k++) {
			char path[4096];
			snprintf(path, sizeof(path), "%s/%s", argv[i], names[k]);
			check_file(path);
			free(names[k]);
			files++;
		}
	}
	printf("%lu files\n", files);
	CHECK_MSG(files > 0, "no input files found");
	return check_report("nothing-lost");
}
