/* Classify stage: the WDI_ASSOC_STATUS table (seed document plus the
 * WiFiCx additions in formats.md section 1) and the phase/kind of each
 * code (formats.md section 5). A pure lookup; no state. */
#include <wdilog/status.h>

#include <stddef.h>
#include <string.h>

#include "status/names.h"
#include "util/span.h"

#define PREFIX WDL_STATUS_PREFIX
#define PREFIX_LEN WDL_STATUS_PREFIX_LEN

struct code_entry {
	uint32_t code;
	const char *name;        /* without the prefix */
	wdilog_phase phase;
	wdilog_kind kind;
	const char *description; /* our own summary of the seed's text */
};

#define F WDILOG_KIND_FAILURE
#define B WDILOG_KIND_BENIGN

static const struct code_entry codes[] = {
	{ 0, "SUCCESS", WDILOG_PHASE_SUCCESS, WDILOG_KIND_SUCCESS,
	  "The operation succeeded." },
	{ 1, "FAILURE", WDILOG_PHASE_GENERAL, F,
	  "Failed, and no more specific code applies." },
	{ 2, "UNREACHABLE", WDILOG_PHASE_GENERAL, F,
	  "The peer could not be reached." },
	{ 3, "RADIO_OFF", WDILOG_PHASE_GENERAL, F,
	  "The radio is switched off." },
	{ 4, "PHY_DISABLED", WDILOG_PHASE_GENERAL, F,
	  "The PHY is disabled (WiFiCx)." },
	{ 5, "ABORTED", WDILOG_PHASE_GENERAL, B,
	  "Cancelled at the host's request." },
	{ 6, "CANDIDATE_LIST_EXHAUSTED", WDILOG_PHASE_GENERAL, F,
	  "No candidate access point could be joined." },
	{ 7, "DISASSOCIATED_BY_HOST", WDILOG_PHASE_DISASSOCIATE, B,
	  "The host asked the port to disassociate." },
	{ 10, "ROAMING_BETTER_AP_FOUND", WDILOG_PHASE_DISASSOCIATE, B,
	  "Left the link because a better access point was found." },
	{ 11, "ROAMING_ASSOCIATION_LOST", WDILOG_PHASE_DISASSOCIATE, F,
	  "The link with the peer was lost." },
	{ 13, "PEER_DEAUTHENTICATED", WDILOG_PHASE_DISASSOCIATE, F,
	  "The peer sent a deauthentication frame." },
	{ 14, "PEER_DISASSOCIATED", WDILOG_PHASE_DISASSOCIATE, F,
	  "The peer sent a disassociation frame." },
	{ 15, "ROAMING_LOW_LINK_QUALITY", WDILOG_PHASE_DISASSOCIATE, F,
	  "Link quality to the peer is low." },
	{ 30, "PROBE_TX_FAILURE", WDILOG_PHASE_PROBE, F,
	  "A probe request could not be sent." },
	{ 31, "NO_BEACON_PROBE_RESPONSE", WDILOG_PHASE_PROBE, F,
	  "No beacon or probe response came from the peer." },
	{ 40, "AUTH_REQUEST_TX_NO_ACK", WDILOG_PHASE_AUTH, F,
	  "The authentication request was never acknowledged." },
	{ 41, "NO_AUTH_RESPONSE", WDILOG_PHASE_AUTH, F,
	  "No authentication response after the request was sent." },
	{ 42, "AUTH_RESPONSE_CAPABILITY_MISMATCH", WDILOG_PHASE_AUTH, F,
	  "Authentication response rejected: capability mismatch." },
	{ 43, "BAD_AUTH_RESPONSE", WDILOG_PHASE_AUTH, F,
	  "Authentication response rejected for its content." },
	{ 44, "AUTH_FAILED_BY_PEER", WDILOG_PHASE_AUTH, F,
	  "The peer refused the authentication." },
	{ 45, "AUTH_EXCHANGE_FAILURE", WDILOG_PHASE_AUTH, F,
	  "The authentication exchange did not complete." },
	{ 50, "ASSOC_REQUEST_TX_NO_ACK", WDILOG_PHASE_ASSOC, F,
	  "The association request was never acknowledged." },
	{ 51, "NO_ASSOC_RESPONSE", WDILOG_PHASE_ASSOC, F,
	  "No association response after the request was sent." },
	{ 52, "ASSOC_RESPONSE_CAPABILITY_MISMATCH", WDILOG_PHASE_ASSOC, F,
	  "Association response rejected: capability mismatch." },
	{ 53, "BAD_ASSOC_RESPONSE", WDILOG_PHASE_ASSOC, F,
	  "Association response rejected for its content." },
	{ 54, "ASSOC_FAILED_BY_PEER", WDILOG_PHASE_ASSOC, F,
	  "The peer refused the association." },
	{ 55, "ASSOC_EXCHANGE_FAILURE", WDILOG_PHASE_ASSOC, F,
	  "The association exchange did not complete." },
	{ 60, "DISASSOCIATE_BY_DEVICE_RESET", WDILOG_PHASE_DISASSOCIATE, F,
	  "Disassociated because the device was reset." },
	{ 61, "DISASSOCIATE_UNABLE_TO_MAINTAIN", WDILOG_PHASE_DISASSOCIATE, F,
	  "The port could not keep the connection up." },
	{ 62, "DISASSOCIATE_NOT_VISIBLE", WDILOG_PHASE_DISASSOCIATE, F,
	  "The peer is no longer heard." },
	{ 63, "DISASSOCIATE_NEEDED_REASSOC", WDILOG_PHASE_DISASSOCIATE, F,
	  "The port needs to reassociate with the peer." },
};

#undef F
#undef B

/* WiFiCx spells 40 and 50 without TX_; both are accepted, the seed's
 * spelling is reported. */
static const struct {
	const char *name;
	uint32_t code;
} aliases[] = {
	{ "AUTH_REQUEST_NO_ACK", 40 },
	{ "ASSOC_REQUEST_NO_ACK", 50 },
};

#define NCODES (sizeof(codes) / sizeof(codes[0]))

/* Full names with the prefix, built once per process on first use would
 * need state; instead keep them as literals beside the table. */
static const char *const full_names[] = {
	PREFIX "SUCCESS", PREFIX "FAILURE", PREFIX "UNREACHABLE",
	PREFIX "RADIO_OFF", PREFIX "PHY_DISABLED", PREFIX "ABORTED",
	PREFIX "CANDIDATE_LIST_EXHAUSTED", PREFIX "DISASSOCIATED_BY_HOST",
	PREFIX "ROAMING_BETTER_AP_FOUND", PREFIX "ROAMING_ASSOCIATION_LOST",
	PREFIX "PEER_DEAUTHENTICATED", PREFIX "PEER_DISASSOCIATED",
	PREFIX "ROAMING_LOW_LINK_QUALITY", PREFIX "PROBE_TX_FAILURE",
	PREFIX "NO_BEACON_PROBE_RESPONSE", PREFIX "AUTH_REQUEST_TX_NO_ACK",
	PREFIX "NO_AUTH_RESPONSE", PREFIX "AUTH_RESPONSE_CAPABILITY_MISMATCH",
	PREFIX "BAD_AUTH_RESPONSE", PREFIX "AUTH_FAILED_BY_PEER",
	PREFIX "AUTH_EXCHANGE_FAILURE", PREFIX "ASSOC_REQUEST_TX_NO_ACK",
	PREFIX "NO_ASSOC_RESPONSE", PREFIX "ASSOC_RESPONSE_CAPABILITY_MISMATCH",
	PREFIX "BAD_ASSOC_RESPONSE", PREFIX "ASSOC_FAILED_BY_PEER",
	PREFIX "ASSOC_EXCHANGE_FAILURE", PREFIX "DISASSOCIATE_BY_DEVICE_RESET",
	PREFIX "DISASSOCIATE_UNABLE_TO_MAINTAIN",
	PREFIX "DISASSOCIATE_NOT_VISIBLE", PREFIX "DISASSOCIATE_NEEDED_REASSOC",
};

_Static_assert(sizeof(full_names) / sizeof(full_names[0]) == NCODES,
	       "full_names must match codes");

static const struct code_entry *find_code(uint32_t code)
{
	for (size_t i = 0; i < NCODES; i++)
		if (codes[i].code == code)
			return &codes[i];
	return NULL;
}

static const char *const phase_names[WDILOG_PHASE_COUNT] = {
	"success", "general", "probe", "auth", "assoc", "disassociate",
	"unknown",
};

static const char *const kind_names[WDILOG_KIND_COUNT] = {
	"success", "failure", "benign", "unknown",
};

const char *wdilog_phase_name(wdilog_phase phase)
{
	return (unsigned)phase < WDILOG_PHASE_COUNT ? phase_names[phase] : NULL;
}

const char *wdilog_kind_name(wdilog_kind kind)
{
	return (unsigned)kind < WDILOG_KIND_COUNT ? kind_names[kind] : NULL;
}

bool wdilog_phase_parse(const char *name, size_t len, wdilog_phase *phase)
{
	for (int i = 0; i < WDILOG_PHASE_COUNT; i++) {
		if (strlen(phase_names[i]) == len &&
		    wdl_ieq(name, phase_names[i], len)) {
			*phase = (wdilog_phase)i;
			return true;
		}
	}
	return false;
}

const char *wdilog_status_code_name(uint32_t code)
{
	const struct code_entry *e = find_code(code);
	return e ? full_names[e - codes] : NULL;
}

const char *wdilog_status_code_description(uint32_t code)
{
	const struct code_entry *e = find_code(code);
	return e ? e->description : NULL;
}

void wdilog_status_classify(uint32_t code, wdilog_phase *phase,
			    wdilog_kind *kind)
{
	const struct code_entry *e = find_code(code);
	if (phase)
		*phase = e ? e->phase : WDILOG_PHASE_UNKNOWN;
	if (kind)
		*kind = e ? e->kind : WDILOG_KIND_UNKNOWN;
}

bool wdilog_status_lookup(const char *name, size_t len, uint32_t *code)
{
	if (len > PREFIX_LEN && wdl_ieq(name, PREFIX, PREFIX_LEN)) {
		name += PREFIX_LEN;
		len -= PREFIX_LEN;
	}
	for (size_t i = 0; i < NCODES; i++) {
		if (strlen(codes[i].name) == len &&
		    wdl_ieq(name, codes[i].name, len)) {
			*code = codes[i].code;
			return true;
		}
	}
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (strlen(aliases[i].name) == len &&
		    wdl_ieq(name, aliases[i].name, len)) {
			*code = aliases[i].code;
			return true;
		}
	}
	return false;
}
