/* Extract stage. The two rules of formats.md section 4 over one span of
 * text: symbolic WDI_ASSOC_STATUS_* tokens, and key + separator + value.
 * This file does not know where the text came from (a line, a text node);
 * callers own framing, and the dedup is per event via struct wdl_found. */
#include "parse/extract.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <wdilog/status.h>

#include "util/alloc.h"
#include "util/error.h"
#include "parse/prefilter.h"
#include "status/names.h"


/* formats.md sections 3a and 4; doc/status-keys.md says where each
 * comes from. Never IHVAssociationStatus: an IHV's own HRESULT, not a WDI
 * status (as a whole word it matches none of these). */
static const char *const default_keys[] = {
	"AssocStatus", "AssociationStatus", "WdiAssocStatus",
	"WdiAssociationStatus", "DisassocStatus", "DisassociationStatus",
	"DisassociationWdiReason", "DisassociationWABIReason",
	"RoamNeededReason", "roamWabiReason", "associationStatusCode",
	"RoamingReason", "RoamReason",
};
#define NDEFAULT (sizeof(default_keys) / sizeof(default_keys[0]))

static bool valid_key(const char *k)
{
	if (!*k)
		return false;
	for (const char *p = k; *p; p++)
		if (!wdl_is_word((unsigned char)*p))
			return false;
	return true;
}

static void add_key(struct wdl_keyset *ks, const char *k)
{
	ks->keys[ks->nkeys++] = (struct wdl_span){ k, strlen(k) };
	ks->starts[wdl_lower((unsigned char)k[0])] = true;
	ks->starts[wdl_upper((unsigned char)k[0])] = true;
}

/* The default keys alone, built once: most runs add no key, and a
 * directory of small files opens thousands of inputs. */
static struct wdl_span default_spans[NDEFAULT];
static struct wdl_keyset default_set;
static pthread_once_t default_once = PTHREAD_ONCE_INIT;

static void build_default_set(void)
{
	default_set.keys = default_spans;
	for (size_t i = 0; i < NDEFAULT; i++)
		add_key(&default_set, default_keys[i]);
	default_set.starts['w'] = default_set.starts['W'] = true;
	default_set.defaults = true;
}

int wdl_keyset_init(struct wdl_keyset *ks, const wdilog_options *opts,
		    wdilog_error *err)
{
	size_t extra = opts ? opts->nkeys : 0;
	bool wlan = opts && (opts->attempts_in_report || opts->attempt_signals);
	if (extra == 0) {
		pthread_once(&default_once, build_default_set);
		*ks = default_set;
		ks->wlan_signals = wlan;
		return WDILOG_OK;
	}
	memset(ks, 0, sizeof(*ks));
	ks->wlan_signals = wlan;
	ks->keys = wdl_calloc(NDEFAULT + extra, sizeof(*ks->keys));
	if (!ks->keys)
		return wdl_fail_oom(err);
	for (size_t i = 0; i < NDEFAULT + extra; i++) {
		const char *k = i < NDEFAULT ? default_keys[i]
					     : opts->keys[i - NDEFAULT];
		if (!valid_key(k)) {
			wdl_keyset_dispose(ks);
			return wdl_fail(err, WDILOG_EINVAL,
					"status key '%s' is not a word of letters, digits and _",
					k);
		}
		add_key(ks, k);
	}
	ks->starts['w'] = ks->starts['W'] = true;
	return WDILOG_OK;
}

void wdl_keyset_dispose(struct wdl_keyset *ks)
{
	if (!ks->defaults)
		wdl_free(ks->keys);
	memset(ks, 0, sizeof(*ks));
}

bool wdl_keyset_has(const struct wdl_keyset *ks, const char *word, size_t len)
{
	for (size_t i = 0; i < ks->nkeys; i++)
		if (ks->keys[i].len == len && wdl_ieq(word, ks->keys[i].ptr, len))
			return true;
	return false;
}

void wdl_found_init(struct wdl_found *f)
{
	memset(f, 0, sizeof(*f));
}

void wdl_found_dispose(struct wdl_found *f)
{
	wdl_free(f->values);
	wdl_free(f->names);
	memset(f, 0, sizeof(*f));
}

void wdl_found_reset(struct wdl_found *f)
{
	f->n = 0;
	f->nmalformed = 0;
	f->note[0] = '\0';
	f->failed = false;
	f->too_many = false;
}

static bool grow(struct wdl_found *f)
{
	size_t cap = f->cap ? f->cap * 2 : 8;
	wdilog_status_value *v = wdl_realloc(f->values, cap * sizeof(*v));
	if (!v)
		return false;
	f->values = v;
	char (*names)[WDL_NAME_MAX + 1] =
		wdl_realloc(f->names, cap * sizeof(*names));
	if (!names)
		return false;
	f->names = names;
	f->cap = cap;
	/* names moved: re-point the unknown names already stored */
	for (size_t i = 0; i < f->n; i++)
		if (!f->values[i].has_code)
			f->values[i].name = f->names[i];
	return true;
}

static void add_code(struct wdl_found *f, uint32_t code)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->values[i].has_code && f->values[i].code == code)
			return;
	if (f->n >= WDL_EVENT_VALUES_MAX) {
		f->too_many = true;
		return;
	}
	if (f->n == f->cap && !grow(f)) {
		f->failed = true;
		return;
	}
	f->values[f->n++] = (wdilog_status_value){ .code = code,
						   .has_code = true };
}

/* @p name is a whole WDI_ASSOC_STATUS_* word that is not a known name. */
static void add_name(struct wdl_found *f, const char *name, size_t len)
{
	char up[WDL_NAME_MAX + 1];
	if (len > WDL_NAME_MAX)
		len = WDL_NAME_MAX;
	for (size_t i = 0; i < len; i++)
		up[i] = (char)wdl_upper((unsigned char)name[i]);
	up[len] = '\0';
	for (size_t i = 0; i < f->n; i++)
		if (!f->values[i].has_code && strcmp(f->values[i].name, up) == 0)
			return;
	if (f->n >= WDL_EVENT_VALUES_MAX) {
		f->too_many = true;
		return;
	}
	if (f->n == f->cap && !grow(f)) {
		f->failed = true;
		return;
	}
	memcpy(f->names[f->n], up, len + 1);
	f->values[f->n] = (wdilog_status_value){ .name = f->names[f->n] };
	f->n++;
}

/* A whole word starting WDI_ASSOC_STATUS_ with a name after the prefix. */
static bool is_token(const char *w, size_t len)
{
	return len > WDL_STATUS_PREFIX_LEN &&
	       wdl_ieq(w, WDL_STATUS_PREFIX, WDL_STATUS_PREFIX_LEN);
}

static void add_token(struct wdl_found *f, const char *w, size_t len)
{
	uint32_t code;
	if (wdilog_status_lookup(w, len, &code))
		add_code(f, code);
	else
		add_name(f, w, len);
}

static void note_malformed(struct wdl_found *f, struct wdl_span key,
			   const char *v, size_t vlen)
{
	f->nmalformed++;
	if (f->note[0])
		return;
	char shown[24];
	size_t n = vlen < sizeof(shown) - 1 ? vlen : sizeof(shown) - 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];
		shown[i] = (c >= 0x20 && c < 0x7f && c != '"') ? (char)c : '?';
	}
	shown[n] = '\0';
	int klen = key.len > 40 ? 40 : (int)key.len;
	if (vlen == 0) {
		snprintf(f->note, sizeof(f->note), "%.*s: no status value after the key",
			 klen, key.ptr);
		return;
	}
	snprintf(f->note, sizeof(f->note), "%.*s: unreadable status value \"%s%s\"",
		 klen, key.ptr, shown, vlen > n ? "..." : "");
}

static size_t word_end(const char *p, size_t i, size_t len)
{
	while (i < len && wdl_is_word((unsigned char)p[i]))
		i++;
	return i;
}

/* The value rule: optional quote, then decimal, 0x hex, a full token or a
 * known short name, ending at a non-word character. Returns false for a
 * malformed value. */
static bool parse_value(const char *p, size_t len, struct wdl_found *f)
{
	size_t i = 0;
	if (i < len && (p[i] == '"' || p[i] == '\''))
		i++;
	if (i >= len || !wdl_is_word((unsigned char)p[i]))
		return false;
	size_t end = word_end(p, i, len);
	const char *w = p + i;
	size_t wlen = end - i;
	if (wdl_is_digit((unsigned char)w[0])) {
		uint64_t v = 0;
		size_t k = 0;
		if (wlen > 2 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) {
			for (k = 2; k < wlen; k++) {
				int h = wdl_hex_value((unsigned char)w[k]);
				if (h < 0)
					return false;
				v = v * 16 + (uint64_t)h;
				if (v > 0xFFFFFFFFu)
					return false;
			}
		} else {
			for (k = 0; k < wlen; k++) {
				if (!wdl_is_digit((unsigned char)w[k]))
					return false;
				v = v * 10 + (uint64_t)(w[k] - '0');
				if (v > 0xFFFFFFFFu)
					return false;
			}
		}
		add_code(f, (uint32_t)v);
		return true;
	}
	if (is_token(w, wlen)) {
		add_token(f, w, wlen);
		return true;
	}
	uint32_t code;
	if (wdilog_status_lookup(w, wlen, &code)) {
		add_code(f, code);
		return true;
	}
	return false;
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* After a key ending at @p i: the separator (=, :, ":, or " is "), spaces
 * allowed around it. Returns the index just past it, or 0 for none. */
static size_t parse_separator(const char *p, size_t i, size_t len)
{
	size_t k = i;
	while (k < len && is_space((unsigned char)p[k]))
		k++;
	if (k < len && p[k] == '"') {
		k++;
		while (k < len && is_space((unsigned char)p[k]))
			k++;
		if (k < len && (p[k] == ':' || p[k] == '='))
			return k + 1;
		return 0;
	}
	if (k < len && (p[k] == '=' || p[k] == ':'))
		return k + 1;
	if (k > i && k + 2 < len && wdl_lower((unsigned char)p[k]) == 'i' &&
	    wdl_lower((unsigned char)p[k + 1]) == 's' &&
	    is_space((unsigned char)p[k + 2]))
		return k + 2;
	return 0;
}

static void key_occurrence(struct wdl_span key, const char *p, size_t sep,
			   size_t len, struct wdl_found *f)
{
	size_t k = sep;
	while (k < len && is_space((unsigned char)p[k]))
		k++;
	if (!parse_value(p + k, len - k, f)) {
		size_t vend = k;
		while (vend < len && !is_space((unsigned char)p[vend]) &&
		       vend - k < 32)
			vend++;
		note_malformed(f, key, p + k, vend - k);
	}
}

/* The form section 4 rejects, for the measurement of doc/status-keys.md:
 * blanks after a key, then a decimal or 0x number ending at a non-word
 * character. Anything else after the blanks is no occurrence (not
 * malformed: nothing claimed a value follows). */
static void blank_number(const char *p, size_t end, size_t len,
			 struct wdl_found *f)
{
	size_t k = end;
	while (k < len && is_space((unsigned char)p[k]))
		k++;
	if (k == end || k >= len || !wdl_is_digit((unsigned char)p[k]))
		return;
	struct wdl_found one;
	wdl_found_init(&one);
	if (parse_value(p + k, len - k, &one) && one.n == 1 &&
	    one.values[0].has_code)
		add_code(f, one.values[0].code);
	wdl_found_dispose(&one);
}

/* Apply the rules to the whole word p[i, end). */
static void visit_word(const struct wdl_keyset *ks, const char *p, size_t i,
		       size_t end, size_t len, struct wdl_found *f)
{
	const char *w = p + i;
	size_t wlen = end - i;
	if (is_token(w, wlen)) {
		add_token(f, w, wlen);
	} else if (wdl_keyset_has(ks, w, wlen)) {
		size_t sep = parse_separator(p, end, len);
		if (sep)
			key_occurrence((struct wdl_span){ w, wlen }, p, sep, len, f);
		else if (ks->blank_number)
			blank_number(p, end, len, f);
	}
}

void wdl_extract_text(const struct wdl_keyset *ks, struct wdl_span text,
		      struct wdl_found *f)
{
	const char *p = text.ptr;
	size_t len = text.len;
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)p[i];
		if (!wdl_is_word(c)) {
			i++;
			continue;
		}
		size_t end = word_end(p, i, len);
		if (ks->starts[c])
			visit_word(ks, p, i, end, len, f);
		i = end;
	}
}

/* The word around a hit at @p h, if it was not visited yet; *from moves
 * past it (or past the hit, when that is no word byte: a NUL, or a folded
 * non-letter). */
static void visit_hit(const struct wdl_keyset *ks, const char *p, size_t len,
		      size_t h, size_t *from, struct wdl_found *f)
{
	if (!wdl_is_word((unsigned char)p[h])) {
		*from = h + 1;
		return;
	}
	size_t start = h;
	while (start > 0 && wdl_is_word((unsigned char)p[start - 1]))
		start--;
	size_t end = word_end(p, h, len);
	if (start >= *from)
		visit_word(ks, p, start, end, len, f);
	*from = end;
}

void wdl_extract_hits(const struct wdl_keyset *ks,
		      const struct wdl_prefilter *pf, struct wdl_span text,
		      struct wdl_found *f)
{
	const char *p = text.ptr;
	size_t len = text.len;
	if (pf->slow) {
		wdl_extract_text(ks, text, f);
		return;
	}
	/* every key and token contains one of the fragments, so visiting the
	 * words around the hits visits every word that can match */
	size_t from = 0;
	while (from < len) {
		size_t h = from + wdl_prefilter_find(pf, p + from, len - from);
		if (h >= len)
			break;
		visit_hit(ks, p, len, h, &from, f);
	}
}

void wdl_extract_masked(const struct wdl_keyset *ks, struct wdl_span text,
			const uint64_t *hits, size_t bit, struct wdl_found *f)
{
	size_t from = 0;
	while (from < text.len) {
		size_t h = wdl_bits_next(hits, bit + from, bit + text.len) - bit;
		if (h >= text.len)
			break;
		visit_hit(ks, text.ptr, text.len, h, &from, f);
	}
}

void wdl_extract_value(struct wdl_span key, struct wdl_span value,
		       struct wdl_found *f)
{
	size_t k = 0;
	while (k < value.len && (is_space((unsigned char)value.ptr[k]) ||
				 value.ptr[k] == '\r' || value.ptr[k] == '\n'))
		k++;
	if (!parse_value(value.ptr + k, value.len - k, f))
		note_malformed(f, key, value.ptr + k, value.len - k);
}
