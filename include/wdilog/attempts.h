/* wdilog — connection attempts and sessions (doc/attempts.md): the story
 * of each connect, built from WDI statuses and WLAN-AutoConfig events by
 * the rule of attempts.md. Every attempt and session is handed to a
 * callback as it ends (never held by the report); the report keeps only
 * figures that merge exactly. */
#ifndef WDILOG_ATTEMPTS_H
#define WDILOG_ATTEMPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <wdilog/common.h>
#include <wdilog/reader.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wdilog_report wdilog_report;

/* Defaults of wdilog_options.attempt_idle_ms and retry_window_ms. */
#define WDILOG_ATTEMPT_IDLE_MS 30000u
#define WDILOG_RETRY_WINDOW_MS 60000u

typedef enum wdilog_attempt_result {
	WDILOG_ATTEMPT_SUCCESS,
	WDILOG_ATTEMPT_FAILURE,
	WDILOG_ATTEMPT_ABORTED,
	WDILOG_ATTEMPT_DROPPED,
	WDILOG_ATTEMPT_SUPERSEDED,
	WDILOG_ATTEMPT_TIMEOUT,
	WDILOG_ATTEMPT_INCOMPLETE,
	WDILOG_ATTEMPT_RESULT_COUNT
} wdilog_attempt_result;

/* Phases of a connect, in order. */
typedef enum wdilog_attempt_phase {
	WDILOG_AP_START,
	WDILOG_AP_PROBE,
	WDILOG_AP_AUTH,
	WDILOG_AP_ASSOC,
	WDILOG_AP_SECURITY,
	WDILOG_AP_CONNECTED,
	WDILOG_AP_COUNT
} wdilog_attempt_phase;

typedef enum wdilog_reason_kind {
	WDILOG_REASON_NONE,
	WDILOG_REASON_WDI,          /* a WDI_ASSOC_STATUS code */
	WDILOG_REASON_WLAN,         /* a WLAN_REASON_CODE */
	WDILOG_REASON_DOT11         /* an IEEE 802.11 status code */
} wdilog_reason_kind;

typedef struct wdilog_reason {
	wdilog_reason_kind kind;
	uint32_t code;
} wdilog_reason;

/* BSSIDs kept per attempt; the tries of the rest are counted. */
#define WDILOG_ATTEMPT_TRIES 8

/* The records of one BSSID within an attempt. */
typedef struct wdilog_try {
	char peer[18];              /* "8a:15:14:b6:25:10" */
	uint32_t code;              /* last WDI code */
	bool has_dot11_status;
	uint16_t dot11_status;      /* last 802.11 status beside it */
	uint64_t count;             /* WDI records of this BSSID */
} wdilog_try;

typedef struct wdilog_attempt {
	const char *input;
	const char *interface;      /* GUID, or NULL: the input's default */
	wdilog_time start, end;
	bool start_inferred;        /* no 8000: opened by another record */
	wdilog_attempt_result result;
	wdilog_attempt_phase furthest_phase;
	bool has_failing_phase;     /* result failure only */
	wdilog_attempt_phase failing_phase;
	wdilog_reason reason;
	const char *ssid;           /* SSID (or profile name), or NULL */
	const char *bssid;          /* of the winning try, or NULL */
	bool has_connection_id;
	uint32_t connection_id;
	wdilog_try tries[WDILOG_ATTEMPT_TRIES];
	size_t ntries;
	uint64_t tries_other;       /* records of BSSIDs past the first 8 */
	uint64_t chain;             /* the retry chain's number (1-based) on
				       its interface */
	uint64_t line;              /* the record that ended it (0: none) */
	uint64_t first_line;        /* the record that opened it (0: none) */
} wdilog_attempt;

typedef enum wdilog_session_end {
	WDILOG_SESSION_DISCONNECT,  /* 8003 or a disconnect status */
	WDILOG_SESSION_NEW_ATTEMPT, /* a new attempt on the interface */
	WDILOG_SESSION_OPEN         /* the input ended with it open */
} wdilog_session_end;

typedef struct wdilog_session {
	const char *input;
	const char *interface;
	wdilog_time start, end;
	const char *ssid;
	const char *bssid;          /* the BSSID at its end (after roams) */
	wdilog_session_end how;
	wdilog_reason reason;       /* of a disconnect */
	uint64_t roams, roam_successes, roam_failures;
	uint64_t line;              /* the record that ended it (0: none) */
} wdilog_session;

/* Called for every attempt (@p s NULL) and session (@p a NULL) as it
 * ends, in that order. Pointers are valid during the call only. A
 * negative return stops the read with that status. */
typedef int (*wdilog_attempt_fn)(const wdilog_attempt *a,
				 const wdilog_session *s, void *payload);

WDILOG_API void wdilog_report_on_attempt(wdilog_report *rep,
					 wdilog_attempt_fn fn, void *payload);

/* "success", "failure", ... and "start", "probe", ... (static). */
WDILOG_API const char *wdilog_attempt_result_name(wdilog_attempt_result r);
WDILOG_API const char *wdilog_attempt_phase_name(wdilog_attempt_phase p);

/* One JSON line (with its newline) for an attempt or session, the
 * --attempts stream. Returns WDILOG_OK or WDILOG_EIO. */
WDILOG_API int wdilog_attempt_render_json(const wdilog_attempt *a,
					  const wdilog_session *s, FILE *out);

/* One line of the --by attempt table (sessions give none); with
 * @p header, the table's heading line first. */
WDILOG_API int wdilog_attempt_render_line(const wdilog_attempt *a, FILE *out,
					  bool header);

/* Attempts ended so far, and how many of them succeeded. */
WDILOG_API uint64_t wdilog_report_attempts(const wdilog_report *rep,
					   uint64_t *successes);

#ifdef __cplusplus
}
#endif
#endif
