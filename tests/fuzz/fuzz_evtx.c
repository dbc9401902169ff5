/* Fuzz target: the EVTX reader and its binary XML renderer, then the
 * records as events. An input that starts with "ElfFile" is read as a
 * whole file. Any other input is a control byte and the start of one
 * chunk, which the target puts after a valid file header and pads with
 * zeros to 64 KiB, so the fuzzer reaches records and binary XML without
 * having to grow a 68 KiB file:
 *   bit 0: fill in the chunk's header and data checksums
 *   bit 1: cut the file right after the bytes given (no padding)
 *   bit 2: mark the file header dirty
 * Checks: the records handed out are exactly events + damaged = declared;
 * each rendered <Event> is NUL-terminated UTF-8 of its stated length;
 * reading in pieces of 1 to 8191 bytes gives the same records; the events
 * adapter hands out as many events as there are records. */
#include <zlib.h>

#include "fuzz_stack.h"

#include "parse/evtx.h"
#include "parse/evtx_event.h"
#include "parse/extract.h"

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* The file to read: the input itself, or a header and one chunk. */
static uint8_t *make_file(const uint8_t *data, size_t size, size_t *len)
{
	if (size >= 7 && memcmp(data, "ElfFile", 7) == 0) {
		uint8_t *f = malloc(size ? size : 1);
		if (!f)
			abort();
		memcpy(f, data, size);
		*len = size;
		return f;
	}
	uint8_t ctl = size ? data[0] : 0;
	const uint8_t *chunk = size ? data + 1 : data;
	size_t n = size ? size - 1 : 0;
	if (n > WDL_EVTX_CHUNK)
		n = WDL_EVTX_CHUNK;
	size_t total = WDL_EVTX_HEADER + ((ctl & 2) ? n : WDL_EVTX_CHUNK);
	uint8_t *f = calloc(1, total);
	if (!f)
		abort();
	memcpy(f, "ElfFile", 8);
	f[32] = 128;
	f[36] = 1;
	f[38] = 3;
	f[41] = 0x10;       /* header block 4096 */
	f[42] = 1;          /* one chunk */
	put32(f + 120, (ctl & 4) ? 1 : 0);
	put32(f + 124, (uint32_t)crc32(0, f, 120));
	uint8_t *c = f + WDL_EVTX_HEADER;
	memcpy(c, chunk, n);
	if ((ctl & 1) && total - WDL_EVTX_HEADER >= 512) {
		uint32_t free_off = c[48] | c[49] << 8 | (uint32_t)c[50] << 16 |
				    (uint32_t)c[51] << 24;
		if (free_off >= 512 && free_off <= total - WDL_EVTX_HEADER)
			put32(c + 52, (uint32_t)crc32(0, c + 512, free_off - 512));
		uLong crc = crc32(0, c, 120);
		crc = crc32(crc, c + 128, 512 - 128);
		put32(c + 124, (uint32_t)crc);
	}
	*len = total;
	return f;
}

static void read_all(const uint8_t *f, size_t len, size_t piece,
		     struct fuzz_digest *d)
{
	struct fuzz_source src = { f, len, 0, piece };
	struct wdl_evtx *e;
	wdilog_error err = { 0 };
	fuzz_digest_init(d);
	if (wdl_evtx_open(&e, fuzz_source_read, &src, NULL, 0, NULL, "fuzz",
			  &err) < 0)
		fuzz_fail("evtx open: %s", err.message);
	struct wdl_evtx_record rec;
	int rc;
	uint64_t n = 0;
	while ((rc = wdl_evtx_next(e, &rec, &err)) == WDILOG_OK) {
		n++;
		fuzz_digest_u64(d, rec.damaged);
		fuzz_digest_u64(d, rec.offset);
		fuzz_digest_u64(d, rec.id);
		if (rec.damaged) {
			if (!rec.why || rec.xml)
				fuzz_fail("damaged record without a reason");
			fuzz_digest_str(d, rec.why);
			continue;
		}
		if (!rec.xml || rec.xml[rec.xml_len] != '\0' ||
		    strlen(rec.xml) != rec.xml_len)
			fuzz_fail("record XML not terminated at its length");
		fuzz_check_text("record XML", rec.xml, rec.xml_len, false);
		fuzz_digest_bytes(d, rec.xml, rec.xml_len);
	}
	const struct wdl_evtx_stats *st = wdl_evtx_stats(e);
	if (rc == WDILOG_DONE &&
	    (st->events + st->damaged != n || st->declared != n))
		fuzz_fail("records %llu, events %llu + damaged %llu, declared %llu",
			  (unsigned long long)n,
			  (unsigned long long)st->events,
			  (unsigned long long)st->damaged,
			  (unsigned long long)st->declared);
	d->events = n;
	wdl_evtx_free(e);
}

static void events(const uint8_t *f, size_t len, uint64_t records)
{
	struct fuzz_diag_count diags = { 0 };
	wdilog_options opts;
	wdilog_options_init(&opts);
	opts.diag = fuzz_on_diag;
	opts.diag_payload = &diags;
	struct wdl_keyset ks;
	wdilog_error err = { 0 };
	if (wdl_keyset_init(&ks, &opts, &err) < 0)
		fuzz_fail("keyset: %s", err.message);
	struct fuzz_source src = { f, len, 0, 0 };
	struct wdl_evtx_parser *p;
	if (wdl_evtx_parser_open(&p, fuzz_source_read, &src, NULL, 0, &ks,
				 &opts, "fuzz", &err) < 0)
		fuzz_fail("evtx parser open: %s", err.message);
	wdilog_event ev;
	uint64_t n = 0;
	struct fuzz_digest d;
	fuzz_digest_init(&d);
	while (wdl_evtx_parser_next(p, &ev, &err) == WDILOG_OK) {
		fuzz_digest_event(&d, &ev);
		n++;
	}
	if (n != records)
		fuzz_fail("%llu events from %llu records",
			  (unsigned long long)n, (unsigned long long)records);
	wdl_evtx_parser_free(p);
	wdl_keyset_dispose(&ks);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len;
	uint8_t *f = make_file(data, size, &len);
	struct fuzz_digest whole, pieces;
	read_all(f, len, 0, &whole);
	read_all(f, len, 1 + (size * 7919u) % 8191u, &pieces);
	fuzz_digest_same(&whole, &pieces, "evtx read in pieces");
	events(f, len, whole.events);
	free(f);
	return 0;
}
