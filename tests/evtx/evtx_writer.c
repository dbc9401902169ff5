/* The test EVTX writer (evtx_writer.h). Written from the format notes
 * (file header, 64 KiB chunks, records, MS-EVEN6 tokens) independently of
 * src/parse/evtx.c, so the reader is checked against a second reading of
 * the same description. */
#include "evtx_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#define CHUNK 65536u
#define FILE_HEADER 4096u

struct ew {
	unsigned char *chunks;      /* finished chunks */
	size_t nchunks;
	unsigned char cur[CHUNK];
	uint32_t pos;
	bool overflow;
	uint64_t next_id, first_id, last_id;
	uint32_t last_rec;
	unsigned nrec;
	struct { char name[96]; uint32_t off; } names[512];
	size_t nnames;
	struct { int key; uint32_t off; } tpls[128];
	size_t ntpls;
	bool in_def;                /* writing a template definition */
};

static void die(const char *what)
{
	fprintf(stderr, "evtx_writer: %s\n", what);
	abort();
}

static void wb(struct ew *w, const void *p, size_t n)
{
	if (w->overflow || n > CHUNK - w->pos) {
		w->overflow = true;
		return;
	}
	memcpy(w->cur + w->pos, p, n);
	w->pos += (uint32_t)n;
}

static void w8(struct ew *w, unsigned v)
{
	unsigned char b = (unsigned char)v;
	wb(w, &b, 1);
}

static void w16(struct ew *w, unsigned v)
{
	unsigned char b[2] = { (unsigned char)v, (unsigned char)(v >> 8) };
	wb(w, b, 2);
}

static void put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void w32(struct ew *w, uint32_t v)
{
	unsigned char b[4];
	put32(b, v);
	wb(w, b, 4);
}

static void w64(struct ew *w, uint64_t v)
{
	unsigned char b[8];
	put64(b, v);
	wb(w, b, 8);
}

/* Patch a u32 written earlier at @p at. */
static void patch32(struct ew *w, uint32_t at, uint32_t v)
{
	if (!w->overflow)
		put32(w->cur + at, v);
}

static void wutf16(struct ew *w, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		w16(w, (unsigned char)s[i]);
}

struct ew *ew_new(void)
{
	struct ew *w = calloc(1, sizeof(*w));
	if (!w)
		die("out of memory");
	w->next_id = 1;
	w->pos = 512;
	return w;
}

void ew_free(struct ew *w)
{
	if (!w)
		return;
	free(w->chunks);
	free(w);
}

size_t ew_nchunks(const struct ew *w)
{
	return w->nchunks + (w->nrec ? 1 : 0);
}

/* A name: by offset if this chunk has it already, else inline right
 * after its offset field. */
static void wname(struct ew *w, const char *s, size_t n)
{
	if (n >= sizeof(w->names[0].name))
		die("name too long");
	for (size_t i = 0; i < w->nnames; i++) {
		if (strlen(w->names[i].name) == n &&
		    memcmp(w->names[i].name, s, n) == 0) {
			w32(w, w->names[i].off);
			return;
		}
	}
	uint32_t off = w->pos + 4;
	w32(w, off);
	uint16_t hash = 0;
	uint32_t h = 0;
	for (size_t i = 0; i < n; i++)
		h = h * 65599u + (unsigned char)s[i];
	hash = (uint16_t)h;
	w32(w, 0);
	w16(w, hash);
	w16(w, (unsigned)n);
	wutf16(w, s, n);
	w16(w, 0);
	if (w->nnames == sizeof(w->names) / sizeof(w->names[0]))
		die("too many names");
	memcpy(w->names[w->nnames].name, s, n);
	w->names[w->nnames].name[n] = '\0';
	w->names[w->nnames++].off = off;
}

static uint8_t sub_type(const struct ew_val *vals, size_t nvals, unsigned i)
{
	return i < nvals ? vals[i].type : 0x01;
}

/* Text runs, markers and references up to one of @p stops. */
static const char *wcontent(struct ew *w, const char *p, const char *stops,
			    const struct ew_val *vals, size_t nvals)
{
	while (*p && !strchr(stops, *p)) {
		if (*p == '%') {
			bool opt = p[1] == '?';
			p += opt ? 2 : 1;
			char *end;
			unsigned long i = strtoul(p, &end, 10);
			p = end;
			w8(w, opt ? 0x0E : 0x0D);
			w16(w, (unsigned)i);
			w8(w, sub_type(vals, nvals, (unsigned)i));
		} else if (*p == '&' && p[1] == '#') {
			char *end;
			unsigned long c = strtoul(p + 2, &end, 10);
			p = end + 1;
			w8(w, 0x08);
			w16(w, (unsigned)c);
		} else if (*p == '&') {
			const char *semi = strchr(p, ';');
			w8(w, 0x09);
			wname(w, p + 1, (size_t)(semi - p - 1));
			p = semi + 1;
		} else {
			size_t n = strcspn(p, "%&<\"");
			if (!strchr(stops, '"'))
				n = strcspn(p, "%&<");
			w8(w, 0x05);
			w8(w, 0x01);
			w16(w, (unsigned)n);
			wutf16(w, p, n);
			p += n;
		}
	}
	return p;
}

static const char *wnodes(struct ew *w, const char *p,
			  const struct ew_val *vals, size_t nvals);

static const char *welement(struct ew *w, const char *p,
			    const struct ew_val *vals, size_t nvals)
{
	/* p at '<' of a start tag */
	p++;
	size_t nlen = strcspn(p, " />");
	const char *name = p;
	p += nlen;
	bool attrs = *p == ' ';
	w8(w, attrs ? 0x41 : 0x01);
	if (w->in_def)
		w16(w, 0xFFFF);         /* dependency id: definitions only */
	uint32_t size_at = w->pos;
	w32(w, 0);
	wname(w, name, nlen);
	if (attrs) {
		uint32_t list_at = w->pos;
		w32(w, 0);
		while (*p == ' ') {
			p++;
			size_t alen = strcspn(p, "=");
			const char *aname = p;
			p += alen + 2;  /* =" */
			const char *q = p + strcspn(p, "\"");
			bool more = q[1] == ' ';
			w8(w, more ? 0x46 : 0x06);
			wname(w, aname, alen);
			if (p == q) {
				w8(w, 0x05);
				w8(w, 0x01);
				w16(w, 0);
			}
			p = wcontent(w, p, "\"", vals, nvals);
			p++;  /* closing quote */
		}
		patch32(w, list_at, w->pos - list_at - 4);
	}
	if (p[0] == '/' && p[1] == '>') {
		w8(w, 0x03);
		p += 2;
	} else {
		w8(w, 0x02);
		p++;
		p = wnodes(w, p, vals, nvals);
		/* p at "</name>" */
		p = strchr(p, '>') + 1;
		w8(w, 0x04);
	}
	patch32(w, size_at, w->pos - size_at - 4);
	return p;
}

/* Nodes up to an end tag or the end of the text. */
static const char *wnodes(struct ew *w, const char *p,
			  const struct ew_val *vals, size_t nvals)
{
	while (*p && !(p[0] == '<' && p[1] == '/')) {
		if (strncmp(p, "<![CDATA[", 9) == 0) {
			const char *end = strstr(p, "]]>");
			size_t n = (size_t)(end - p - 9);
			w8(w, 0x07);
			w16(w, (unsigned)n);
			wutf16(w, p + 9, n);
			p = end + 3;
		} else if (p[0] == '<' && p[1] == '?') {
			const char *end = strstr(p, "?>");
			size_t tlen = strcspn(p + 2, " ?");
			w8(w, 0x0A);
			wname(w, p + 2, tlen);
			const char *data = p + 2 + tlen;
			if (*data == ' ') {
				data++;
				w8(w, 0x0B);
				w16(w, (unsigned)(end - data));
				wutf16(w, data, (size_t)(end - data));
			}
			p = end + 2;
		} else if (*p == '<') {
			p = welement(w, p, vals, nvals);
		} else {
			p = wcontent(w, p, "<", vals, nvals);
		}
	}
	return p;
}

static void wfragment_header(struct ew *w)
{
	w8(w, 0x0F);
	w8(w, 1);
	w8(w, 1);
	w8(w, 0);
}

static void wvalues(struct ew *w, const struct ew_val *vals, size_t nvals);

static void winstance(struct ew *w, int key, const char *text,
		      const struct ew_val *vals, size_t nvals)
{
	w8(w, 0x0C);
	w8(w, 0x01);
	w32(w, (uint32_t)key);
	uint32_t def = 0;
	bool known = false;
	for (size_t i = 0; i < w->ntpls; i++) {
		if (w->tpls[i].key == key) {
			def = w->tpls[i].off;
			known = true;
		}
	}
	if (!known) {
		def = w->pos + 4;
		w32(w, def);
		w32(w, 0);                        /* next definition */
		for (int i = 0; i < 16; i++)      /* GUID */
			w8(w, (unsigned)(key * 16 + i));
		uint32_t size_at = w->pos;
		w32(w, 0);
		wfragment_header(w);
		w->in_def = true;
		wnodes(w, text, vals, nvals);
		w->in_def = false;
		w8(w, 0x00);
		patch32(w, size_at, w->pos - size_at - 4);
		if (w->ntpls == sizeof(w->tpls) / sizeof(w->tpls[0]))
			die("too many templates");
		w->tpls[w->ntpls].key = key;
		w->tpls[w->ntpls++].off = def;
	} else {
		w32(w, def);
	}
	wvalues(w, vals, nvals);
}

static void wvalues(struct ew *w, const struct ew_val *vals, size_t nvals)
{
	w32(w, (uint32_t)nvals);
	uint32_t desc = w->pos;
	for (size_t i = 0; i < nvals; i++) {
		w16(w, vals[i].size);
		w8(w, vals[i].type);
		w8(w, 0);
	}
	for (size_t i = 0; i < nvals; i++) {
		if (vals[i].type == 0x21) {
			uint32_t start = w->pos;
			wfragment_header(w);
			winstance(w, vals[i].tkey, vals[i].ttext, vals[i].tvals,
				  vals[i].ntvals);
			w8(w, 0x00);
			uint32_t n = w->pos - start;
			if (!w->overflow) {
				w->cur[desc + 4 * i] = (unsigned char)n;
				w->cur[desc + 4 * i + 1] = (unsigned char)(n >> 8);
			}
		} else {
			wb(w, vals[i].bytes, vals[i].size);
		}
	}
}

void ew_new_chunk(struct ew *w)
{
	if (!w->nrec)
		return;
	unsigned char *c = w->cur;
	memcpy(c, "ElfChnk", 8);
	put64(c + 8, w->first_id);
	put64(c + 16, w->last_id);
	put64(c + 24, w->first_id);
	put64(c + 32, w->last_id);
	put32(c + 40, 128);
	put32(c + 44, w->last_rec);
	put32(c + 48, w->pos);
	put32(c + 52, (uint32_t)crc32(0, c + 512, w->pos - 512));
	uLong crc = crc32(0, c, 120);
	crc = crc32(crc, c + 128, 512 - 128);
	put32(c + 124, (uint32_t)crc);
	unsigned char *all = realloc(w->chunks, (w->nchunks + 1) * CHUNK);
	if (!all)
		die("out of memory");
	w->chunks = all;
	memcpy(all + w->nchunks * CHUNK, c, CHUNK);
	w->nchunks++;
	memset(w->cur, 0, CHUNK);
	w->pos = 512;
	w->nrec = 0;
	w->nnames = 0;
	w->ntpls = 0;
}

/* One record; a record that does not fit starts a new chunk. */
static void wrecord(struct ew *w, int key, const char *text,
		    const struct ew_val *vals, size_t nvals)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		uint32_t start = w->pos;
		size_t nnames = w->nnames, ntpls = w->ntpls;
		w8(w, 0x2a);
		w8(w, 0x2a);
		w16(w, 0);
		w32(w, 0);
		w64(w, w->next_id);
		/* written: 2020-01-01T00:00:00Z plus one second a record */
		w64(w, 132223104000000000ull + w->next_id * 10000000ull);
		wfragment_header(w);
		if (key >= 0)
			winstance(w, key, text, vals, nvals);
		else
			wnodes(w, text, NULL, 0);
		w8(w, 0x00);
		while (!w->overflow && (w->pos - start + 4) % 8)
			w8(w, 0);
		w32(w, w->pos - start + 4);
		if (!w->overflow) {
			patch32(w, start + 4, w->pos - start);
			if (!w->nrec)
				w->first_id = w->next_id;
			w->last_id = w->next_id++;
			w->last_rec = start;
			w->nrec++;
			return;
		}
		w->overflow = false;
		memset(w->cur + start, 0, CHUNK - start);
		w->pos = start;
		w->nnames = nnames;
		w->ntpls = ntpls;
		ew_new_chunk(w);
	}
	die("record larger than a chunk");
}

void ew_record(struct ew *w, int tkey, const char *ttext,
	       const struct ew_val *vals, size_t nvals)
{
	wrecord(w, tkey, ttext, vals, nvals);
}

void ew_record_plain(struct ew *w, const char *text)
{
	wrecord(w, -1, text, NULL, 0);
}

unsigned char *ew_file(struct ew *w, uint32_t flags, size_t *len)
{
	ew_new_chunk(w);
	size_t n = FILE_HEADER + w->nchunks * CHUNK;
	unsigned char *f = calloc(1, n);
	if (!f)
		die("out of memory");
	memcpy(f, "ElfFile", 8);
	put64(f + 8, 0);
	put64(f + 16, w->nchunks ? w->nchunks - 1 : 0);
	put64(f + 24, w->next_id);
	put32(f + 32, 128);
	f[36] = 1;   /* minor version */
	f[38] = 3;   /* major version */
	f[40] = (unsigned char)(FILE_HEADER & 0xFF);
	f[41] = (unsigned char)(FILE_HEADER >> 8);
	f[42] = (unsigned char)w->nchunks;
	f[43] = (unsigned char)(w->nchunks >> 8);
	put32(f + 120, flags);
	put32(f + 124, (uint32_t)crc32(0, f, 120));
	if (w->nchunks)
		memcpy(f + FILE_HEADER, w->chunks, w->nchunks * CHUNK);
	*len = n;
	return f;
}

struct ew_val ew_null(void)
{
	struct ew_val v = { 0 };
	return v;
}

struct ew_val ew_str(const char *ascii)
{
	struct ew_val v = { .type = 0x01 };
	size_t n = strlen(ascii);
	if (2 * n > sizeof(v.bytes))
		die("string value too long");
	for (size_t i = 0; i < n; i++)
		v.bytes[2 * i] = (uint8_t)ascii[i];
	v.size = (uint16_t)(2 * n);
	return v;
}

struct ew_val ew_int(uint8_t type, uint64_t x)
{
	struct ew_val v = { .type = type };
	switch (type) {
	case 0x03: case 0x04: v.size = 1; break;
	case 0x05: case 0x06: v.size = 2; break;
	case 0x07: case 0x08: case 0x0B: case 0x0D: case 0x14: v.size = 4; break;
	default: v.size = 8; break;
	}
	for (unsigned i = 0; i < v.size; i++)
		v.bytes[i] = (uint8_t)(x >> (8 * i));
	return v;
}

struct ew_val ew_raw(uint8_t type, const void *p, size_t n)
{
	struct ew_val v = { .type = type };
	if (n > sizeof(v.bytes))
		die("raw value too long");
	memcpy(v.bytes, p, n);
	v.size = (uint16_t)n;
	return v;
}
