/* The reader's stages (input -> decode -> chunk -> parser) assembled by
 * hand, so that a parser target can choose the parser, the window size and
 * the size of each read, which the public reader fixes. */
#ifndef WDL_FUZZ_STACK_H
#define WDL_FUZZ_STACK_H

#include "fuzz.h"

#include "input/chunk.h"
#include "input/decode.h"
#include "parse/detect.h"
#include "util/error.h"
#include "parse/extract.h"
#include "input/input.h"
#include "parse/parse_text.h"
#include "parse/parse_xml.h"
#include "parse/prefilter.h"

/* The reader's own window: 256 KiB growing to the event limit. */
#define FUZZ_WINDOW_START (256u * 1024u)
#define FUZZ_WINDOW_MAX (WDL_EVENT_MAX + 64u)

struct fuzz_run {
	size_t piece;               /* bytes per raw read; 0 = all */
	size_t window, window_max;  /* chunk start size and limit */
	bool full_parse;
	bool day_first;
	bool extra_keys;
	bool eventlog;              /* text parser only */
	uint64_t part_end;          /* XML only: read as a part ending here */
	bool root_open;             /* and with its root open */
	bool count_plain;           /* text only: wdl_text_count_plain */
};

struct fuzz_diag_count {
	unsigned long n;
};

/* Diagnostics are one line (wdilog_error.message's contract) and name
 * the input. */
static inline void fuzz_on_diag(const wdilog_error *d, void *payload)
{
	struct fuzz_diag_count *c = payload;
	size_t n = strnlen(d->message, sizeof(d->message));
	if (n == sizeof(d->message))
		fuzz_fail("diagnostic message not NUL-terminated");
	if (memchr(d->message, '\n', n))
		fuzz_fail("diagnostic spans lines: %s", d->message);
	if (d->code < WDILOG_DIAG_MALFORMED || d->code > WDILOG_DIAG_WARNING)
		fuzz_fail("diagnostic kind %d", d->code);
	if (!d->input || strcmp(d->input, "fuzz") != 0)
		fuzz_fail("diagnostic without the input's name");
	c->n++;
}

static const char *const fuzz_extra_keys[] = { "Reason", "FailureReason",
					       "Dot11StatusCode" };

/* Run @p data through the stages with @p run's settings and digest every
 * event. @p xml picks the parser. Returns the sticky read status. */
static inline int fuzz_parse(const uint8_t *data, size_t size, bool xml,
			     const struct fuzz_run *run, struct fuzz_digest *dg)
{
	struct fuzz_source src = { .data = data, .size = size,
				   .piece = run->piece };
	struct fuzz_diag_count diags = { 0 };
	wdilog_options opts;
	wdilog_options_init(&opts);
	opts.full_parse = run->full_parse;
	opts.day_first = run->day_first;
	opts.diag = fuzz_on_diag;
	opts.diag_payload = &diags;
	if (run->extra_keys) {
		opts.keys = fuzz_extra_keys;
		opts.nkeys = sizeof(fuzz_extra_keys) / sizeof(fuzz_extra_keys[0]);
	}

	struct wdl_input in;
	struct wdl_decoder dec;
	struct wdl_chunk chunk;
	struct wdl_keyset keys;
	wdilog_error err = { 0 };
	fuzz_digest_init(dg);
	if (wdl_input_open_callback(&in, fuzz_source_read, &src, &err) < 0)
		fuzz_fail("input open: %s", err.message);
	in.opts = &opts;
	in.name = "fuzz";
	if (wdl_keyset_init(&keys, &opts, &err) < 0)
		fuzz_fail("keyset: %s", err.message);
	if (wdl_decoder_init(&dec, &in, &err) < 0)
		fuzz_fail("decoder: %s", err.message);
	if (wdl_chunk_init(&chunk, &dec, run->window, run->window_max, &err) < 0)
		fuzz_fail("chunk: %s", err.message);
	wdl_chunk_prime(&chunk, WDL_DETECT_BYTES);

	struct wdl_parser *parser = NULL;
	struct wdl_parse_ctx ctx = { .c = &chunk, .in = &in, .ks = &keys,
				     .opts = &opts, .name = "fuzz" };
	int rc = xml ? wdl_xml_open(&parser, &ctx, &err)
		     : wdl_text_open(&parser, &ctx, run->eventlog, &err);
	if (rc < 0)
		fuzz_fail("parser open: %s", err.message);
	if (xml && run->part_end)
		wdl_xml_set_part(parser, run->part_end, run->root_open);
	if (!xml && run->count_plain)
		wdl_text_count_plain(parser);

	/* Every event holds at least one decoded byte, and decoding at most
	 * triples the size (one byte of windows-1252 -> three of UTF-8). */
	uint64_t bound = 3 * (uint64_t)size + 8;
	wdilog_event ev;
	for (;;) {
		rc = wdl_parser_next(parser, &ev, &err);
		if (!xml && run->count_plain)
			dg->plain += wdl_text_take_plain(parser);
		if (rc == WDILOG_DONE)
			break;
		/* a part whose end is not where the framer starts an event
		 * says so */
		if (rc == WDILOG_EFORMAT && xml && run->part_end)
			break;
		if (rc < 0)
			fuzz_fail("parser failed: %s", err.message);
		fuzz_digest_event(dg, &ev);
		if (dg->events > bound)
			fuzz_fail("%llu events from %zu bytes",
				  (unsigned long long)dg->events, size);
	}
	/* diagnostics are bounded by events and lines, not free-running */
	if (diags.n > 4 * bound + 16)
		fuzz_fail("%lu diagnostics from %zu bytes", diags.n, size);
	rc = chunk.error;
	fuzz_digest_u64(dg, (uint64_t)(int64_t)rc);
	fuzz_digest_str(dg, wdl_encoding_name(dec.enc));
	if (!xml)
		fuzz_digest_u64(dg, parser->format == WDL_FORMAT_WPP_TEXT);

	wdl_parser_free(parser);
	wdl_chunk_dispose(&chunk);
	wdl_decoder_dispose(&dec);
	wdl_input_close(&in);
	wdl_keyset_dispose(&keys);
	return rc;
}

/* The four runs both parser targets make, from one control byte:
 * the reader's settings; the same with full_parse (the fast path must
 * agree with the slow one); small reads into a small window that grows
 * (buffer boundaries must not change anything); and a window too small for
 * the input (limits must hold: no crash, no runaway). */
static inline void fuzz_parser_target(const uint8_t *data, size_t size,
				      bool xml)
{
	static const size_t pieces[4] = { 1, 3, 64, 0 };
	unsigned char ctl = size ? data[0] : 0;
	if (size) {
		data++;
		size--;
	}
	struct fuzz_run ref = {
		.window = FUZZ_WINDOW_START, .window_max = FUZZ_WINDOW_MAX,
		.day_first = !xml && (ctl & 1), .extra_keys = xml && (ctl & 1),
		.eventlog = !xml && (ctl & 2),
	};
	struct fuzz_digest a, b;
	int rc = fuzz_parse(data, size, xml, &ref, &a);

	struct fuzz_run slow = ref;
	slow.full_parse = true;
	fuzz_parse(data, size, xml, &slow, &b);
	fuzz_digest_same(&a, &b, "full_parse");

	if (!xml) {
		/* plain events counted, not handed out: the same events */
		struct fuzz_run counted = ref;
		counted.count_plain = true;
		/* at a vector level chosen by the size: AVX2 (if the CPU has
		 * it), SSE2 or bytewise must find the same */
		wdl_prefilter_force((int)(size % 3));
		fuzz_parse(data, size, xml, &counted, &b);
		if (a.sum != b.sum || a.plain != b.plain)
			fuzz_fail("counting plain events: %llu plain vs %llu, "
				  "or the other events differ",
				  (unsigned long long)a.plain,
				  (unsigned long long)b.plain);
		/* and so in small reads into a small window */
		struct fuzz_run csmall = counted;
		csmall.piece = pieces[(ctl >> 2) & 3];
		csmall.window = (size_t)16 << ((ctl >> 4) & 3);
		csmall.window_max = 4 * size + 128;
		if (csmall.window_max < csmall.window)
			csmall.window_max = csmall.window;
		fuzz_parse(data, size, xml, &csmall, &b);
		if (a.sum != b.sum || a.plain != b.plain)
			fuzz_fail("counting plain events in small reads differs");
		wdl_prefilter_force(0);
	}

	struct fuzz_run small = ref;
	small.piece = pieces[(ctl >> 2) & 3];
	small.window = (size_t)16 << ((ctl >> 4) & 3);
	small.window_max = 4 * size + 128;
	if (small.window_max < small.window)
		small.window_max = small.window;
	if (fuzz_parse(data, size, xml, &small, &b) != rc)
		fuzz_fail("read status depends on the read size");
	fuzz_digest_same(&a, &b, "small reads");

	struct fuzz_run tiny = small;
	tiny.window_max = (size_t)64 << ((ctl >> 6) & 3);
	if (tiny.window_max < tiny.window)
		tiny.window_max = tiny.window;
	fuzz_parse(data, size, xml, &tiny, &b);
}

#endif
