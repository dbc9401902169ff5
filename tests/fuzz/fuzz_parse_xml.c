/* Fuzz target: the XML framer and the per-event libxml2 parse, behind the
 * real input and decode stages. The first byte is a control byte (see
 * fuzz_parser_target); the rest is the file. Besides the checks the text
 * target makes, the whole input is also handed to wdl_xml_parse_event as
 * one span, which reaches libxml2 with inputs the framer would never
 * pass it (DOCTYPEs, entity declarations, several roots). */
#include "fuzz_stack.h"

#include "parse/event.h"
#include "parse/prefilter_xml.h"

static void parse_whole(const uint8_t *data, size_t size)
{
	struct fuzz_diag_count diags = { 0 };
	wdilog_options opts;
	wdilog_options_init(&opts);
	opts.diag = fuzz_on_diag;
	opts.diag_payload = &diags;
	struct wdl_keyset keys;
	wdilog_error err = { 0 };
	if (wdl_keyset_init(&keys, &opts, &err) < 0)
		fuzz_fail("keyset: %s", err.message);
	/* the parser needs no chunk for parse_event */
	struct wdl_parser *xp;
	struct wdl_parse_ctx ctx = { .ks = &keys, .opts = &opts,
				     .name = "fuzz" };
	if (wdl_xml_open(&xp, &ctx, &err) < 0)
		fuzz_fail("parser open: %s", err.message);
	struct wdl_event_acc acc;
	wdl_event_acc_init(&acc);
	/* twice: the second call reuses libxml2's reader */
	for (int i = 0; i < 2; i++) {
		wdilog_error why;
		wdl_event_acc_start(&acc, 1, 0);
		if (!wdl_xml_parse_event(xp, (const char *)data, size, &acc,
					 &why)) {
			if (strnlen(why.message, sizeof(why.message)) ==
			    sizeof(why.message))
				fuzz_fail("parse_event reason not terminated");
		}
		wdilog_event ev;
		wdl_event_acc_emit(&acc, &ev, NULL);
		struct fuzz_digest d;
		fuzz_digest_init(&d);
		fuzz_digest_event(&d, &ev);
	}
	wdl_event_acc_dispose(&acc);
	wdl_parser_free(xp);
	wdl_keyset_dispose(&keys);
}

/* The plain-event proof's structure part: the index (each classifier)
 * and the kept shapes give the walk's answer, on the input and on its
 * next <Event held to the shape the first one left. */
static void proof_ways(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data;
	size_t walk = wdl_xml_subset_length(p, size, WDL_XML_INDEX_OFF);
	const char *next = size > 1 ? memmem(p + 1, size - 1, "<Event", 6) : NULL;
	size_t rest = next ? size - (size_t)(next - p) : 0;
	size_t walk2 = next ? wdl_xml_subset_length(next, rest, WDL_XML_INDEX_OFF) : 0;
	static struct wdl_xml_shapes sh;
	for (int l = WDL_XML_INDEX_SCALAR; l <= WDL_XML_INDEX_AVX2; l++) {
		size_t ix = wdl_xml_subset_length(p, size, (enum wdl_xml_index)l);
		if (ix != 0 && ix != walk)
			fuzz_fail("index %d: %zu, walk %zu", l, ix, walk);
		memset(&sh, 0, sizeof(sh));
		/* the second time from the shape the first kept */
		for (int k = 0; k < 2; k++) {
			size_t n = wdl_xml_shape_length(&sh, p, size, (enum wdl_xml_index)l);
			if (n != walk)
				fuzz_fail("shape %d: %zu, walk %zu", l, n, walk);
		}
		if (next) {
			size_t n = wdl_xml_shape_length(&sh, next, rest, (enum wdl_xml_index)l);
			if (n != walk2)
				fuzz_fail("next shape %d: %zu, walk %zu", l, n, walk2);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_parser_target(data, size, true);
	parse_whole(data, size);
	proof_ways(data, size);
	/* as one part of a file cut at <Event> starts: it stops at the first
	 * event at or past its end, with or without a root open */
	if (size > 1) {
		struct fuzz_run part = { .window = FUZZ_WINDOW_START,
					 .window_max = FUZZ_WINDOW_MAX,
					 .part_end = size / 2 + 1,
					 .root_open = data[0] & 1 };
		struct fuzz_digest d;
		fuzz_parse(data + 1, size - 1, true, &part, &d);
	}
	return 0;
}
