/* Context stage: what surrounds a status in its event. The peer or BSSID
 * (a MAC address, normalized), the IEEE 802.11 status and reason codes
 * written beside the status, the provider or WPP component, and the
 * process and thread ids. The parsers feed it only the text of events
 * that carry (or may carry) a status, so the fast path never pays for it. */
#ifndef WDL_CONTEXT_H
#define WDL_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/reader.h>

/* Longest provider or component name kept; longer ones are cut. Real
 * provider names are under 64 bytes. */
#define WDL_PROVIDER_MAX 95
/* Longest word looked up as a context key (after dropping '_'); the
 * keys are short, so a longer word is no key. */
#define WDL_CTX_WORD_MAX 31

/* How sure a value is. A value only replaces one of lower rank, so the
 * first of the best kind wins whatever order the parser feeds text in. */
enum wdl_ctx_rank {
	WDL_RANK_NONE = 0,
	WDL_RANK_LOOSE,             /* found in free text without a key */
	WDL_RANK_KEYED,             /* after a key in free text (BSSID=...) */
	WDL_RANK_FIELD,             /* a structured field (Data Name=Bssid) */
	WDL_RANK_HEADER             /* the event's header (prefix, System) */
};

/* Longest SSID or profile name kept (an SSID is at most 32 bytes). */
#define WDL_WLAN_TEXT_MAX 64
/* Longest SSID kept, in bytes: an SSID is at most 32 bytes, but escaped
 * or hex forms written by a driver are longer. */
#define WDL_SSID_MAX WDL_WLAN_TEXT_MAX

/* Copy @p len bytes of @p s into @p out (WDL_SSID_MAX + 1 bytes), cut to
 * fit on a UTF-8 character boundary (never half a character). */
void wdl_ssid_copy(char *out, const char *s, size_t len);

/* The fields of a WLAN-AutoConfig event (attempts.md "Signals"), kept
 * beside the context. have is a bit per field, cleared with the ranks. */
struct wdl_wlan_fields {
	uint16_t have;
	uint32_t event_id;
	uint32_t connection_id, reason_code, failure_reason, error_code;
	char guid[37];              /* lower case, no braces */
	char ssid[WDL_WLAN_TEXT_MAX + 1];
	char profile[WDL_WLAN_TEXT_MAX + 1];
	wdilog_wlan out;            /* what emit hands out */
};

struct wdl_context {
	/* The ranks (0: no value) and the XML label share one word, so that
	 * the reset done for every event of the input is one store. */
	union {
		struct {
			uint8_t peer_rank;
			uint8_t status_rank;
			uint8_t reason_rank;
			uint8_t provider_rank;
			uint8_t pid_rank;
			uint8_t tid_rank;
			uint8_t label;      /* XML: what the coming text is (a
					       private enum in context.c) */
			uint8_t ssid_rank;
		};
		uint64_t state;
	};
	uint64_t peer;              /* 48-bit MAC, valid when peer_rank */
	uint16_t status;            /* 802.11 status code from the peer */
	uint16_t reason;            /* 802.11 reason code */
	uint32_t pid, tid;
	char provider[WDL_PROVIDER_MAX + 1];
	char peer_text[18];         /* "8a:15:14:b6:25:10", made on emit */
	char ssid[WDL_WLAN_TEXT_MAX + 1]; /* valid when ssid_rank */
	wdilog_context out;         /* what emit hands out */
	struct wdl_wlan_fields wlan;
};

/* Forget everything; two stores, as it is called for every event. */
static inline void wdl_context_reset(struct wdl_context *c)
{
	c->state = 0;
	c->wlan.have = 0;
}

/* Free text: a text line or an XML text node with no context label. Finds
 * MAC addresses (after a peer key, or alone), 802.11 status and reason
 * codes after their keys, and TraceLogging "provider"/"pid"/"tid". */
void wdl_context_text(struct wdl_context *c, const char *s, size_t len);

/* A wevtutil /f:text line: its "  Source:" field names the provider;
 * anything else is free text. */
void wdl_context_eventlog_line(struct wdl_context *c, const char *s,
			       size_t len);

/* The head of a tracefmt record: @p prefix bytes of "[cpu]PID.TID::"
 * (0 if none), then the time (@p time_len bytes, 0 if unknown), then
 * optionally a sequence number and "[Component]". */
void wdl_context_wpp_head(struct wdl_context *c, const char *line,
			  size_t len, size_t prefix, size_t time_len);

/* XML hooks, called from the libxml2 walk of a parsed event: an element
 * starts (its local name becomes the label), one of its attributes, an
 * element ends (the label is dropped), a text node. */
void wdl_context_xml_start(struct wdl_context *c, const char *local);
void wdl_context_xml_attr(struct wdl_context *c, const char *element,
			  const char *attr, const char *value);
void wdl_context_xml_end(struct wdl_context *c);
void wdl_context_xml_text(struct wdl_context *c, const char *s, size_t len);

/* The context as handed out with an event; points into @p c and stays
 * valid until @p c changes. */
const wdilog_context *wdl_context_emit(struct wdl_context *c);

/* The WLAN-AutoConfig fields of the event, or NULL when it is not one
 * (provider by name or GUID, and an EventID of attempts.md). Points into
 * @p c and stays valid until @p c changes. */
const wdilog_wlan *wdl_context_wlan(struct wdl_context *c);

/* Parse a MAC address at the start of @p s: "8a:15:14:b6:25:10",
 * "8A-15-14-B6-25-10", "0x8A1514B62510" or, when @p bare_hex, twelve hex
 * digits. It must end at a non-word character. Returns the bytes used (0
 * if none) and the address in *mac. */
size_t wdl_mac_parse(const char *s, size_t len, bool bare_hex, uint64_t *mac);

/* "8a:15:14:b6:25:10" into @p out (18 bytes, NUL-ended). */
void wdl_mac_format(uint64_t mac, char out[18]);

#endif
