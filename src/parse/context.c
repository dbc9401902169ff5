/* Context stage. Reads the text an event's parser hands over (only for
 * events that carry or may carry a status) and keeps the best value of
 * each context field by rank (context.h). It never decides whether an
 * event has a status and never allocates: every field has a fixed size.
 *
 * Keys are words matched case-insensitively with '_' ignored, so
 * "PeerMac", "peer_mac" and "PEERMAC" are one key. A MAC address after a
 * peer key (BSSID, Peer, PeerMac, ...) is KEYED; one standing alone is
 * LOOSE, unless a "local" word came before it in the same clause (the
 * adapter's own address is not the peer). The all-zero address means
 * "unknown" in Windows events and is ignored. 802.11 status and reason
 * codes are 16-bit; larger numbers after those keys are something else
 * (WLAN AutoConfig's own reason codes) and are ignored. */
#include "parse/context.h"

#include <string.h>

#include "util/span.h"

enum kind {
	K_NONE,                     /* no label: free text */
	K_OTHER,                    /* a label that is no key: free text */
	K_PEER,
	K_LOCAL,
	K_STATUS,
	K_REASON,
	K_PROVIDER,
	K_COMPONENT,
	K_PID,
	K_TID,
	K_802,                      /* "802" of "802.11 status code" */
	K_SSID,                     /* an SSID in free text or a UserData leaf */
	/* WLAN-AutoConfig fields (EventData Data Name, wevtutil labels) */
	K_EVENTID,
	K_W_GUID,
	K_W_CONNID,
	K_W_SSID,
	K_W_PROFILE,
	K_W_REASON,
	K_W_FAILURE,
	K_W_ERROR
};

/* Bits of wdl_wlan_fields.have. */
enum {
	W_EVENTID = 1 << 0, W_GUID = 1 << 1, W_CONNID = 1 << 2,
	W_SSID = 1 << 3, W_PROFILE = 1 << 4, W_REASON = 1 << 5,
	W_FAILURE = 1 << 6, W_ERROR = 1 << 7, W_PROVIDER_GUID = 1 << 8
};

#define WLAN_PROVIDER "Microsoft-Windows-WLAN-AutoConfig"
#define WLAN_PROVIDER_GUID "9580d7dd-0379-4658-9870-d5be7d52d6de"

struct key_word {
	const char *word;           /* lower case, no '_' */
	unsigned char len;
	enum kind kind;
};
#define KW(w, k) { w, sizeof(w) - 1, k }

/* Whole-word keys. classify() also takes a word that starts or ends with
 * "bssid" or "local" (BssidList, CurBssid, LocalMac, IsLocal), or starts
 * with "peer" (PeerMacAddress), for the peer or the adapter. */
static const struct key_word key_words[] = {
	KW("ap", K_PEER), KW("apmac", K_PEER), KW("bss", K_PEER),
	KW("remotemac", K_PEER), KW("remoteaddress", K_PEER),
	KW("self", K_LOCAL), KW("own", K_LOCAL), KW("ownmac", K_LOCAL),
	KW("selfmac", K_LOCAL), KW("stamac", K_LOCAL),
	KW("dot11status", K_STATUS), KW("dot11statuscode", K_STATUS),
	KW("reason", K_REASON), KW("dot11reason", K_REASON),
	KW("dot11reasoncode", K_REASON), KW("deauthreason", K_REASON),
	KW("disassocreason", K_REASON),
	KW("provider", K_PROVIDER), KW("providername", K_PROVIDER),
	KW("component", K_COMPONENT),
	KW("pid", K_PID), KW("processid", K_PID),
	KW("tid", K_TID), KW("threadid", K_TID),
	KW("802", K_802),
	KW("ssid", K_SSID), KW("dot11ssid", K_SSID), KW("ssidname", K_SSID),
};

static bool starts_or_ends(const char *w, size_t n, const char *part, size_t k)
{
	return n >= k && (wdl_ieq(w, part, k) || wdl_ieq(w + n - k, part, k));
}

/* First letters of the keys above (and of "peer", "bssid", "local"). */
static bool key_initial(unsigned char c)
{
	switch (c) {
	case 'a': case 'b': case 'c': case 'd': case 'l': case 'o': case 'p':
	case 'r': case 's': case 't': case '8':
		return true;
	default:
		return false;
	}
}

/* What the word (or XML element / Data Name) @p s names, if anything.
 * Runs for every word of the text of events with a status, so the usual
 * word (no key) is turned away after a few byte compares. */
static enum kind classify(const char *s, size_t len)
{
	if (!len || len > WDL_CTX_WORD_MAX)
		return K_OTHER;
	unsigned char f = wdl_lower((unsigned char)s[0]);
	unsigned char l = wdl_lower((unsigned char)s[len - 1]);
	if ((f == 'l' || l == 'l') && starts_or_ends(s, len, "local", 5))
		return K_LOCAL;
	if ((f == 'b' || l == 'd') && starts_or_ends(s, len, "bssid", 5))
		return K_PEER;
	if (!key_initial(f))
		return K_OTHER;
	if (f == 'p' && len >= 4 && wdl_ieq(s, "peer", 4))
		return K_PEER;
	for (size_t i = 0; i < sizeof(key_words) / sizeof(key_words[0]); i++)
		if (key_words[i].len == len &&
		    (unsigned char)key_words[i].word[0] == f &&
		    wdl_ieq(s, key_words[i].word, len))
			return key_words[i].kind;
	if (memchr(s, '_', len)) {
		/* peer_mac, Dot11_Reason_Code: the same word without '_' */
		char w[WDL_CTX_WORD_MAX + 1];
		size_t n = 0;
		for (size_t i = 0; i < len; i++)
			if (s[i] != '_')
				w[n++] = s[i];
		return n ? classify(w, n) : K_OTHER;
	}
	return K_OTHER;
}

/* A WLAN-AutoConfig field name (EventData Data Name, or a wevtutil label
 * with its blanks dropped), any case; K_OTHER if none. */
static enum kind wlan_field(const char *s, size_t len)
{
	static const struct key_word fields[] = {
		KW("eventid", K_EVENTID), KW("interfaceguid", K_W_GUID),
		KW("connectionid", K_W_CONNID), KW("ssid", K_W_SSID),
		KW("profilename", K_W_PROFILE), KW("reasoncode", K_W_REASON),
		KW("failurereason", K_W_FAILURE), KW("errorcode", K_W_ERROR),
	};
	char w[WDL_CTX_WORD_MAX + 1];
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ' ' || s[i] == '_')
			continue;
		if (n == WDL_CTX_WORD_MAX)
			return K_OTHER;
		w[n++] = s[i];
	}
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i].len == n && wdl_ieq(w, fields[i].word, n))
			return fields[i].kind;
	return K_OTHER;
}

/* K_NONE must be 0: wdl_context_reset clears the label with the ranks */
_Static_assert(K_NONE == 0, "K_NONE is the reset label");

/* ---- values ---- */

static bool word_end(const char *s, size_t len, size_t i)
{
	return i >= len || !wdl_is_word((unsigned char)s[i]);
}

/* Two hex digits at s[i]. */
static int hex2(const char *s, size_t len, size_t i)
{
	if (i + 1 >= len)
		return -1;
	int a = wdl_hex_value((unsigned char)s[i]);
	int b = wdl_hex_value((unsigned char)s[i + 1]);
	return a < 0 || b < 0 ? -1 : a * 16 + b;
}

size_t wdl_mac_parse(const char *s, size_t len, bool bare_hex, uint64_t *mac)
{
	uint64_t v = 0;
	if (len >= 17 && (s[2] == ':' || s[2] == '-')) {
		char sep = s[2];
		for (size_t g = 0; g < 6; g++) {
			int b = hex2(s, len, g * 3);
			if (b < 0 || (g < 5 && s[g * 3 + 2] != sep))
				return 0;
			v = v << 8 | (uint64_t)b;
		}
		/* not the start of something longer: 00:11:22:33:44:55:66 */
		if (!word_end(s, len, 17) ||
		    (len > 18 && s[17] == sep && wdl_is_hex((unsigned char)s[18])))
			return 0;
		*mac = v;
		return 17;
	}
	size_t i = 0;
	if (len >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		i = 2;
	else if (!bare_hex)
		return 0;
	for (size_t k = 0; k < 12; k++) {
		int d = i + k < len ? wdl_hex_value((unsigned char)s[i + k]) : -1;
		if (d < 0)
			return 0;
		v = v << 4 | (uint64_t)d;
	}
	if (!word_end(s, len, i + 12))
		return 0;
	*mac = v;
	return i + 12;
}

void wdl_mac_format(uint64_t mac, char out[18])
{
	static const char hex[] = "0123456789abcdef";
	for (int g = 0; g < 6; g++) {
		unsigned b = (unsigned)(mac >> (8 * (5 - g))) & 0xff;
		out[g * 3] = hex[b >> 4];
		out[g * 3 + 1] = hex[b & 15];
		out[g * 3 + 2] = g < 5 ? ':' : '\0';
	}
}

/* A decimal or 0x-hex number at s[*i] ending at a non-word character,
 * at most @p max. Advances *i on success. */
static bool number(const char *s, size_t len, size_t *i, uint32_t max,
		   uint32_t *out)
{
	size_t k = *i;
	uint64_t v = 0;
	size_t start;
	if (k + 1 < len && s[k] == '0' && (s[k + 1] == 'x' || s[k + 1] == 'X')) {
		k += 2;
		start = k;
		while (k < len && wdl_is_hex((unsigned char)s[k]) && v <= max) {
			v = v * 16 + (uint64_t)wdl_hex_value((unsigned char)s[k]);
			k++;
		}
	} else {
		start = k;
		while (k < len && wdl_is_digit((unsigned char)s[k]) && v <= max) {
			v = v * 10 + (uint64_t)(s[k] - '0');
			k++;
		}
	}
	if (k == start || v > max || !word_end(s, len, k))
		return false;
	*out = (uint32_t)v;
	*i = k;
	return true;
}

/* ---- setting fields by rank ---- */

static void set_peer(struct wdl_context *c, uint64_t mac, uint8_t rank)
{
	if (mac == 0 || rank <= c->peer_rank)
		return;
	c->peer = mac;
	c->peer_rank = rank;
}

static void set_provider(struct wdl_context *c, const char *s, size_t len,
			 uint8_t rank)
{
	while (len && (*s == ' ' || *s == '\t' || *s == '"'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		       s[len - 1] == '\r' || s[len - 1] == '\n' ||
		       s[len - 1] == '"'))
		len--;
	if (!len || rank <= c->provider_rank)
		return;
	if (len > WDL_PROVIDER_MAX)
		len = WDL_PROVIDER_MAX;
	memcpy(c->provider, s, len);
	c->provider[len] = '\0';
	c->provider_rank = rank;
}

static void set_number(struct wdl_context *c, enum kind k, uint32_t v,
		       uint8_t rank)
{
	switch (k) {
	case K_STATUS:
		if (rank > c->status_rank) {
			c->status = (uint16_t)v;
			c->status_rank = rank;
		}
		break;
	case K_REASON:
		if (rank > c->reason_rank) {
			c->reason = (uint16_t)v;
			c->reason_rank = rank;
		}
		break;
	case K_PID:
		if (rank > c->pid_rank) {
			c->pid = v;
			c->pid_rank = rank;
		}
		break;
	case K_TID:
		if (rank > c->tid_rank) {
			c->tid = v;
			c->tid_rank = rank;
		}
		break;
	default:
		break;
	}
}

/* ---- WLAN-AutoConfig fields ---- */

void wdl_ssid_copy(char *out, const char *s, size_t len)
{
	if (len > WDL_SSID_MAX) {
		len = WDL_SSID_MAX;
		/* back off continuation bytes: never half a character */
		while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(out, s, len);
	out[len] = '\0';
}


static void copy_text(char *dst, const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		       s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	wdl_ssid_copy(dst, s, len);
}

/* A GUID, with or without braces, lower-cased into @p out. */
static bool guid_value(const char *s, size_t len, char out[37])
{
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '{'))
		i++;
	if (i + 36 > len)
		return false;
	for (size_t k = 0; k < 36; k++) {
		unsigned char ch = (unsigned char)s[i + k];
		bool dash = k == 8 || k == 13 || k == 18 || k == 23;
		if (dash ? ch != '-' : !wdl_is_hex(ch))
			return false;
		out[k] = (char)wdl_lower(ch);
	}
	out[36] = '\0';
	return true;
}

/* The value of WLAN field @p k: first one wins. */
static void wlan_value(struct wdl_context *c, enum kind k, const char *s,
		       size_t len)
{
	struct wdl_wlan_fields *w = &c->wlan;
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	uint32_t n;
	uint16_t bit;
	uint32_t *slot;
	switch (k) {
	case K_EVENTID: bit = W_EVENTID; slot = &w->event_id; break;
	case K_W_CONNID: bit = W_CONNID; slot = &w->connection_id; break;
	case K_W_REASON: bit = W_REASON; slot = &w->reason_code; break;
	case K_W_FAILURE: bit = W_FAILURE; slot = &w->failure_reason; break;
	case K_W_ERROR: bit = W_ERROR; slot = &w->error_code; break;
	case K_W_GUID:
		if (!(w->have & W_GUID) && guid_value(s, len, w->guid))
			w->have |= W_GUID;
		return;
	case K_W_SSID:
		if (!(w->have & W_SSID)) {
			copy_text(w->ssid, s + i, len - i);
			w->have |= W_SSID;
		}
		return;
	case K_W_PROFILE:
		if (!(w->have & W_PROFILE)) {
			copy_text(w->profile, s + i, len - i);
			w->have |= W_PROFILE;
		}
		return;
	default:
		return;
	}
	size_t e = len;
	while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t' ||
			 s[e - 1] == '\r' || s[e - 1] == '\n'))
		e--;
	if (!(w->have & bit) && number(s, e, &i, UINT32_MAX, &n) && i == e) {
		*slot = n;
		w->have |= bit;
	}
}

/* ---- free text ---- */

static size_t skip_blanks(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* After a key: blanks, then optionally '=', ':', '":' or "is", blanks and
 * one quote. A bare blank also separates (BSSID 00:11:22:33:44:55);
 * *strict tells whether a real separator was there. */
static size_t skip_separator(const char *s, size_t len, size_t i,
			     bool *strict)
{
	*strict = false;
	if (i < len && (s[i] == '"' || s[i] == '\''))
		i++;
	i = skip_blanks(s, len, i);
	if (i < len && (s[i] == '=' || s[i] == ':')) {
		i++;
		*strict = true;
	} else if (i + 2 < len && wdl_ieq(s + i, "is", 2) && s[i + 2] == ' ') {
		i += 2;
		*strict = true;
	}
	i = skip_blanks(s, len, i);
	if (i < len && (s[i] == '"' || s[i] == '\''))
		i++;
	return i;
}

/* "code" after "reason"/"status" ("reason code 0x0004"). */
static size_t skip_code_word(const char *s, size_t len, size_t i)
{
	size_t k = skip_blanks(s, len, i);
	if (k + 4 <= len && wdl_ieq(s + k, "code", 4) && word_end(s, len, k + 4))
		return k + 4;
	return i;
}

/* "802.11 status code: N" / "802.11 reason: N" at s[i] after "802". */
static size_t dot11_phrase(const char *s, size_t len, size_t i, enum kind *k)
{
	if (i + 3 > len || memcmp(s + i, ".11", 3) != 0)
		return 0;
	i = skip_blanks(s, len, i + 3);
	if (i + 6 <= len && wdl_ieq(s + i, "status", 6) && word_end(s, len, i + 6))
		*k = K_STATUS;
	else if (i + 6 <= len && wdl_ieq(s + i, "reason", 6) &&
		 word_end(s, len, i + 6))
		*k = K_REASON;
	else
		return 0;
	return skip_code_word(s, len, i + 6);
}

/* A provider value: a quoted string, or a token up to a blank or ','. */
static size_t provider_value(const char *s, size_t len, size_t i,
			     struct wdl_context *c, bool quoted)
{
	size_t k = i;
	if (quoted) {
		while (k < len && s[k] != '"')
			k++;
	} else {
		while (k < len && s[k] != ' ' && s[k] != '\t' && s[k] != ',' &&
		       s[k] != ';')
			k++;
	}
	set_provider(c, s + i, k - i, WDL_RANK_KEYED);
	return k;
}

static void set_ssid(struct wdl_context *c, const char *s, size_t len,
		     uint8_t rank)
{
	if (!len || rank <= c->ssid_rank)
		return;
	wdl_ssid_copy(c->ssid, s, len);
	c->ssid_rank = rank;
}

/* An SSID after "SSID=" (doc/report.md): up to the closing @p quote when
 * the value was quoted, inside [..] or <..>, else a token up to a blank,
 * ',', ';' or ')'. Bytes are kept as written; an empty value names none. */
static size_t ssid_value(struct wdl_context *c, const char *s, size_t len,
			 size_t i, char quote)
{
	char close = quote;
	if (!close && i < len && (s[i] == '[' || s[i] == '<'))
		close = s[i++] == '[' ? ']' : '>';
	size_t k = i;
	if (close) {
		while (k < len && s[k] != close && s[k] != '\n')
			k++;
		if (k >= len || s[k] != close)
			return i;   /* never closed: no SSID */
		set_ssid(c, s + i, k - i, WDL_RANK_KEYED);
		return k + 1;
	}
	while (k < len && s[k] != ' ' && s[k] != '\t' && s[k] != ',' &&
	       s[k] != ';' && s[k] != ')' && s[k] != '\r' && s[k] != '\n')
		k++;
	set_ssid(c, s + i, k - i, WDL_RANK_KEYED);
	return k;
}

/* After key @p k ending at s[i]: read its value. Returns where scanning
 * goes on. */
static size_t keyed_value(struct wdl_context *c, enum kind k, const char *s,
			  size_t len, size_t i)
{
	if (k == K_802) {
		size_t at = dot11_phrase(s, len, i, &k);
		if (!at)
			return i;
		i = at;
	} else if (k == K_STATUS || k == K_REASON) {
		i = skip_code_word(s, len, i);
	}
	bool strict;
	size_t v = skip_separator(s, len, i, &strict);
	uint32_t n;
	uint64_t mac;
	switch (k) {
	case K_PEER: {
		size_t used = wdl_mac_parse(s + v, len - v, true, &mac);
		if (!used)
			return i;
		set_peer(c, mac, WDL_RANK_KEYED);
		return v + used;
	}
	case K_STATUS:
	case K_REASON:
		if (!number(s, len, &v, 0xFFFF, &n))
			return i;
		set_number(c, k, n, WDL_RANK_KEYED);
		return v;
	case K_PID:
	case K_TID:
		/* "pid 4" in prose is too loose: these need a separator */
		if (!strict || !number(s, len, &v, UINT32_MAX, &n))
			return i;
		set_number(c, k, n, WDL_RANK_KEYED);
		return v;
	case K_PROVIDER:
		if (!strict)
			return i;
		return provider_value(s, len, v, c, s[v - 1] == '"');
	case K_SSID: {
		if (!strict)
			return i;
		char quote = '\0';
		if (v > 0 && (s[v - 1] == '"' || s[v - 1] == '\''))
			quote = s[v - 1];
		return ssid_value(c, s, len, v, quote);
	}
	default:
		return i;
	}
}

void wdl_context_text(struct wdl_context *c, const char *s, size_t len)
{
	bool local = false;         /* a "local" word earlier in this clause */
	size_t i = 0;
	while (i < len) {
		unsigned char ch = (unsigned char)s[i];
		if (!wdl_is_word(ch)) {
			if (ch == ',' || ch == ';' || ch == '\n')
				local = false;
			i++;
			continue;
		}
		/* a word (or a MAC address) starts here */
		uint64_t mac;
		size_t used = wdl_mac_parse(s + i, len - i, false, &mac);
		if (used) {
			if (!local)
				set_peer(c, mac, WDL_RANK_LOOSE);
			local = false;
			i += used;
			continue;
		}
		size_t j = i;
		while (j < len && wdl_is_word((unsigned char)s[j]))
			j++;
		enum kind k = classify(s + i, j - i);
		if (k == K_LOCAL) {
			local = true;
		} else if (k != K_OTHER && k != K_COMPONENT) {
			size_t next = keyed_value(c, k, s, len, j);
			if (next > j) {
				local = false;
				j = next;
			}
		}
		i = j;
	}
}

void wdl_context_eventlog_line(struct wdl_context *c, const char *s,
			       size_t len)
{
	/* wevtutil indents its fields by two spaces: "  Source: NAME" */
	if (len > 10 && memcmp(s, "  Source:", 9) == 0) {
		set_provider(c, s + 9, len - 9, WDL_RANK_HEADER);
		return;
	}
	/* "  Event ID: 8001", and the message's "Interface GUID: {...}",
	 * "Connection ID: 0x2", "SSID: x", "Reason Code: 0x38002" lines */
	const char *colon = memchr(s, ':', len < 40 ? len : 40);
	if (colon) {
		enum kind k = wlan_field(s, (size_t)(colon - s));
		if (k != K_OTHER) {
			size_t at = (size_t)(colon - s) + 1;
			wlan_value(c, k, s + at, len - at);
			return;
		}
	}
	wdl_context_text(c, s, len);
}

/* ---- tracefmt header ---- */

static bool hex32(const char *s, size_t len, size_t *i, uint32_t *out)
{
	size_t k = *i;
	uint32_t v = 0;
	while (k < len && wdl_is_hex((unsigned char)s[k]) && k - *i < 8)
		v = v * 16 + (uint32_t)wdl_hex_value((unsigned char)s[k++]);
	if (k == *i)
		return false;
	*i = k;
	*out = v;
	return true;
}

void wdl_context_wpp_head(struct wdl_context *c, const char *line,
			  size_t len, size_t prefix, size_t time_len)
{
	if (prefix) {
		/* "[cpu]PID.TID::", validated by the parser already */
		const char *rb = memchr(line, ']', prefix);
		size_t i = rb ? (size_t)(rb - line) + 1 : prefix;
		uint32_t pid, tid;
		i = skip_blanks(line, prefix, i);
		if (hex32(line, prefix, &i, &pid) && i < prefix &&
		    line[i] == '.') {
			i++;
			if (hex32(line, prefix, &i, &tid)) {
				set_number(c, K_PID, pid, WDL_RANK_HEADER);
				set_number(c, K_TID, tid, WDL_RANK_HEADER);
			}
		}
	}
	if (!time_len)
		return;
	/* after the time: an optional -seq number, then [Component] */
	size_t i = skip_blanks(line, len, prefix + time_len);
	size_t h = i;
	while (i < len && wdl_is_hex((unsigned char)line[i]))
		i++;
	if (i - h == 8 && i < len && line[i] == ' ')
		i = skip_blanks(line, len, i);
	else
		i = h;
	if (i < len && line[i] == '[') {
		const char *rb = memchr(line + i + 1, ']', len - i - 1);
		if (rb)
			set_provider(c, line + i + 1, (size_t)(rb - line) - i - 1,
				     WDL_RANK_HEADER);
	}
}

/* ---- XML ---- */

void wdl_context_xml_start(struct wdl_context *c, const char *local)
{
	c->label = strcmp(local, "EventID") == 0
			   ? K_EVENTID
			   : (uint8_t)classify(local, strlen(local));
}

void wdl_context_xml_attr(struct wdl_context *c, const char *element,
			  const char *attr, const char *value)
{
	if (!element || !attr || !value)
		return;
	if (strcmp(element, "Data") == 0 && strcmp(attr, "Name") == 0) {
		size_t n = strlen(value);
		enum kind k = wlan_field(value, n);
		c->label = (uint8_t)(k != K_OTHER ? k : classify(value, n));
	} else if (strcmp(element, "Provider") == 0 && strcmp(attr, "Name") == 0) {
		set_provider(c, value, strlen(value), WDL_RANK_HEADER);
	} else if (strcmp(element, "Provider") == 0 && strcmp(attr, "Guid") == 0) {
		char g[37];
		if (guid_value(value, strlen(value), g) &&
		    strcmp(g, WLAN_PROVIDER_GUID) == 0)
			c->wlan.have |= W_PROVIDER_GUID;
	} else if (strcmp(element, "Execution") == 0) {
		uint32_t n;
		size_t i = 0, len = strlen(value);
		enum kind k = strcmp(attr, "ProcessID") == 0 ? K_PID
			      : strcmp(attr, "ThreadID") == 0 ? K_TID : K_NONE;
		if (k != K_NONE && number(value, len, &i, UINT32_MAX, &n) &&
		    i == len)
			set_number(c, k, n, WDL_RANK_HEADER);
	}
}

void wdl_context_xml_end(struct wdl_context *c)
{
	c->label = K_NONE;
}

void wdl_context_xml_text(struct wdl_context *c, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
			   s[i] == '\n'))
		i++;
	uint32_t n;
	uint64_t mac;
	switch ((enum kind)c->label) {
	case K_PEER:
		if (wdl_mac_parse(s + i, len - i, true, &mac))
			set_peer(c, mac, WDL_RANK_FIELD);
		break;
	case K_STATUS:
	case K_REASON:
		if (number(s, len, &i, 0xFFFF, &n))
			set_number(c, (enum kind)c->label, n, WDL_RANK_FIELD);
		break;
	case K_PROVIDER:
	case K_COMPONENT:
		/* WPP's DebugData/Component and RenderingInfo/Provider */
		set_provider(c, s + i, len - i, WDL_RANK_KEYED);
		break;
	case K_SSID: {
		size_t e = len;
		while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t' ||
				 s[e - 1] == '\r' || s[e - 1] == '\n'))
			e--;
		set_ssid(c, s + i, e - i, WDL_RANK_FIELD);
		break;
	}
	case K_LOCAL:
	case K_PID:
	case K_TID:
	case K_802:
		break;
	case K_EVENTID:
	case K_W_GUID:
	case K_W_CONNID:
	case K_W_SSID:
	case K_W_PROFILE:
	case K_W_REASON:
	case K_W_FAILURE:
	case K_W_ERROR:
		wlan_value(c, (enum kind)c->label, s, len);
		break;
	default:
		wdl_context_text(c, s, len);
		break;
	}
}

const wdilog_context *wdl_context_emit(struct wdl_context *c)
{
	wdilog_context *x = &c->out;
	x->peer = NULL;
	if (c->peer_rank) {
		wdl_mac_format(c->peer, c->peer_text);
		x->peer = c->peer_text;
	}
	x->has_dot11_status = c->status_rank != 0;
	x->dot11_status = c->status_rank ? c->status : 0;
	x->has_dot11_reason = c->reason_rank != 0;
	x->dot11_reason = c->reason_rank ? c->reason : 0;
	x->provider = c->provider_rank ? c->provider : NULL;
	x->has_pid = c->pid_rank != 0;
	x->pid = c->pid_rank ? c->pid : 0;
	x->has_tid = c->tid_rank != 0;
	x->tid = c->tid_rank ? c->tid : 0;
	/* a structured SSID field (EventData, wevtutil) before free text */
	x->ssid = c->wlan.have & W_SSID && c->wlan.ssid[0] ? c->wlan.ssid
		  : c->ssid_rank ? c->ssid : NULL;
	return x;
}

/* EventIDs that are attempt signals (attempts.md "Signals"). */
static bool wlan_signal(uint32_t id)
{
	return (id >= 8000 && id <= 8003) || (id >= 11000 && id <= 11006) ||
	       id == 11010 || (id >= 12011 && id <= 12013);
}

const wdilog_wlan *wdl_context_wlan(struct wdl_context *c)
{
	struct wdl_wlan_fields *w = &c->wlan;
	if (!(w->have & W_EVENTID) || !wlan_signal(w->event_id))
		return NULL;
	if (!(w->have & W_PROVIDER_GUID) &&
	    !(c->provider_rank && wdl_ieq(c->provider, WLAN_PROVIDER,
					  sizeof(WLAN_PROVIDER)) ))
		return NULL;
	wdilog_wlan *x = &w->out;
	x->event_id = w->event_id;
	x->interface_guid = w->have & W_GUID ? w->guid : NULL;
	x->has_connection_id = w->have & W_CONNID;
	x->connection_id = w->have & W_CONNID ? w->connection_id : 0;
	x->ssid = w->have & W_SSID ? w->ssid : NULL;
	x->profile = w->have & W_PROFILE ? w->profile : NULL;
	x->bssid = NULL;
	if (c->peer_rank) {
		wdl_mac_format(c->peer, c->peer_text);
		x->bssid = c->peer_text;
	}
	x->has_reason_code = w->have & W_REASON;
	x->reason_code = w->have & W_REASON ? w->reason_code : 0;
	x->has_failure_reason = w->have & W_FAILURE;
	x->failure_reason = w->have & W_FAILURE ? w->failure_reason : 0;
	x->has_dot11_status = c->status_rank != 0;
	x->dot11_status = c->status_rank ? c->status : 0;
	x->has_error_code = w->have & W_ERROR;
	x->error_code = w->have & W_ERROR ? w->error_code : 0;
	return x;
}
