/* wdilog — WDI_ASSOC_STATUS values and their classification by phase. */
#ifndef WDILOG_STATUS_H
#define WDILOG_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Phases of a connection attempt (formats.md section 5). The order is the
 * order reports list them in. */
typedef enum wdilog_phase {
	WDILOG_PHASE_SUCCESS,
	WDILOG_PHASE_GENERAL,
	WDILOG_PHASE_PROBE,
	WDILOG_PHASE_AUTH,
	WDILOG_PHASE_ASSOC,
	WDILOG_PHASE_DISASSOCIATE,
	WDILOG_PHASE_UNKNOWN,
	WDILOG_PHASE_COUNT
} wdilog_phase;

typedef enum wdilog_kind {
	WDILOG_KIND_SUCCESS,
	WDILOG_KIND_FAILURE,
	WDILOG_KIND_BENIGN,
	WDILOG_KIND_UNKNOWN,
	WDILOG_KIND_COUNT
} wdilog_kind;

/* "probe", "auth", ... (static storage); NULL for an out-of-range value. */
WDILOG_API const char *wdilog_phase_name(wdilog_phase phase);
/* "failure", "benign", ... (static storage); NULL for an out-of-range
 * value. */
WDILOG_API const char *wdilog_kind_name(wdilog_kind kind);

/* The seed's name of a known code ("WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE"),
 * or NULL for a number outside the enum. Static storage. */
WDILOG_API const char *wdilog_status_code_name(uint32_t code);

/* One sentence describing a known code, or NULL. Static storage. */
WDILOG_API const char *wdilog_status_code_description(uint32_t code);

/* Phase and kind of a number, stored in the caller's *phase and *kind;
 * unknown numbers give the unknown phase/kind. */
WDILOG_API void wdilog_status_classify(uint32_t code, wdilog_phase *phase,
				       wdilog_kind *kind);

/* Look a name up, case-insensitively, with or without the
 * WDI_ASSOC_STATUS_ prefix, accepting both spellings of 40 and 50.
 * Returns true and sets *code for a known name. */
WDILOG_API bool wdilog_status_lookup(const char *name, size_t len,
				     uint32_t *code);

/* A short lower-case phrase for an IEEE 802.11 status code (the status a
 * peer answers an authentication or association request with), or NULL
 * for a code the table does not know. Static storage. */
WDILOG_API const char *wdilog_dot11_status_name(uint32_t code);

/* The same for an IEEE 802.11 reason code (carried by deauthentication
 * and disassociation frames): static storage, or NULL. */
WDILOG_API const char *wdilog_dot11_reason_name(uint32_t code);

/* Parse a phase name (@p len bytes, not necessarily NUL-ended); returns
 * true and sets *phase for a phase name, false if @p name is not one. */
WDILOG_API bool wdilog_phase_parse(const char *name, size_t len,
				   wdilog_phase *phase);

#ifdef __cplusplus
}
#endif
#endif
