/* wdilog — one input, read as a stream of events. */
#ifndef WDILOG_READER_H
#define WDILOG_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <wdilog/common.h>
#include <wdilog/error.h>
#include <wdilog/options.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wdilog_reader wdilog_reader;

/* A point in time as the input wrote it. Times without a zone are local
 * wall-clock times and compare as written; zoned times compare in UTC. */
typedef struct wdilog_time {
	int64_t seconds;            /* the written date and time as if UTC */
	uint32_t nanos;             /* fraction of the second */
	uint8_t digits;             /* fraction digits written (0-9) */
	bool valid;                 /* false: the event had no readable time */
	bool zoned;                 /* a zone (Z or an offset) was written */
	int16_t offset_minutes;     /* the written offset east of UTC */
} wdilog_time;

/* One distinct status value found in an event. A known name is stored as
 * its number; an unknown WDI_ASSOC_STATUS_* name has has_code false. */
typedef struct wdilog_status_value {
	uint32_t code;              /* valid when has_code */
	bool has_code;
	const char *name;           /* unknown name, upper case; NUL-ended;
				       NULL when has_code */
} wdilog_status_value;

/* What an event with status said besides its statuses (doc/report.md has
 * the rules). A string is NULL, a has_ flag false, when the event did not
 * carry that item. */
typedef struct wdilog_context {
	const char *peer;           /* peer or BSSID MAC, normalized to
				       "8a:15:14:b6:25:10" */
	bool has_dot11_status;
	uint16_t dot11_status;      /* IEEE 802.11 status code beside the
				       status (wdilog_dot11_status_name) */
	bool has_dot11_reason;
	uint16_t dot11_reason;      /* IEEE 802.11 reason code
				       (wdilog_dot11_reason_name) */
	const char *provider;       /* event provider or WPP component */
	bool has_pid;
	uint32_t pid;               /* process id */
	bool has_tid;
	uint32_t tid;               /* thread id */
	const char *ssid;           /* SSID the event named (UTF-8, as
				       written; doc/report.md), or NULL */
} wdilog_context;

/* The fields of a WLAN-AutoConfig event (provider
 * Microsoft-Windows-WLAN-AutoConfig, EventIDs 8000-8003, 11000-11006,
 * 11010, 12011-12013; attempts.md). Codes, never the localised text. A
 * string is NULL, a has_ flag false, when the event did not carry it. */
typedef struct wdilog_wlan {
	uint32_t event_id;
	const char *interface_guid; /* lower case, no braces */
	bool has_connection_id;
	uint32_t connection_id;
	const char *ssid;
	const char *profile;        /* ProfileName */
	const char *bssid;          /* normalized as wdilog_context.peer */
	bool has_reason_code;
	uint32_t reason_code;       /* a WLAN_REASON_CODE */
	bool has_failure_reason;
	uint32_t failure_reason;    /* when written as a number */
	bool has_dot11_status;
	uint16_t dot11_status;
	bool has_error_code;
	uint32_t error_code;
} wdilog_wlan;

typedef enum wdilog_event_kind {
	WDILOG_EVENT_WITHOUT_STATUS,
	WDILOG_EVENT_WITH_STATUS,
	WDILOG_EVENT_UNDECODED,
	WDILOG_EVENT_DAMAGED
} wdilog_event_kind;

/* One event: a text record, an <Event> element or an Event[N]: block.
 * Every pointer is owned by the reader and valid until its next call. */
typedef struct wdilog_event {
	wdilog_event_kind kind;
	uint64_t line;              /* first line of the event, 1-based */
	uint64_t offset;            /* byte offset of its start (decoded) */
	wdilog_time time;           /* parsed only for events with status */
	const wdilog_status_value *statuses; /* distinct values, input order */
	size_t nstatuses;           /* 0 unless kind is WITH_STATUS */
	size_t nmalformed;          /* status keys with unreadable values */
	const char *guid;           /* undecoded: the missing TMF's GUID in
				       lower case, or NULL if none is known */
	const wdilog_context *context; /* for WITH_STATUS events, never NULL;
				       NULL for the others. Found only for
				       events with status, so reading the
				       rest costs nothing. */
	const wdilog_wlan *wlan;    /* a WLAN-AutoConfig event's fields, or
				       NULL; such an event is counted as
				       any other (it carries no status) */
} wdilog_event;

/* Supplies raw bytes: store up to @p cap bytes in @p buf, set *got (0 at
 * end of input) and return WDILOG_OK, or return a negative status. */
typedef int (*wdilog_read_fn)(void *ctx, void *buf, size_t cap, size_t *got,
			      wdilog_error *err);

/* Open a file by path; "-" is standard input. gzip, the encoding and the
 * format are detected from the content. @p opts may be NULL for defaults;
 * the struct is copied, what it points to is borrowed (wdilog_options).
 * @p path is copied. Returns WDILOG_OK with *out set to a reader the
 * caller frees with wdilog_reader_free, or a negative status with *err
 * saying why (WDILOG_EIO: cannot open it, or a directory; WDILOG_ENOMEM),
 * and then no reader to free. The same holds for the other opens. */
WDILOG_API int wdilog_reader_open_path(wdilog_reader **out, const char *path,
				       const wdilog_options *opts,
				       wdilog_error *err);

/* Read an open descriptor (not closed by the reader: the caller keeps
 * owning it); @p name is used in diagnostics and copied. Returns as
 * wdilog_reader_open_path. */
WDILOG_API int wdilog_reader_open_fd(wdilog_reader **out, int fd,
				     const char *name,
				     const wdilog_options *opts,
				     wdilog_error *err);

/* Read @p len bytes at @p data (borrowed until wdilog_reader_free);
 * @p name is copied. Returns as wdilog_reader_open_path. */
WDILOG_API int wdilog_reader_open_memory(wdilog_reader **out, const void *data,
					 size_t len, const char *name,
					 const wdilog_options *opts,
					 wdilog_error *err);

/* Read through a callback; @p ctx is passed to it and borrowed until
 * wdilog_reader_free; @p name is copied. Returns as
 * wdilog_reader_open_path. */
WDILOG_API int wdilog_reader_open_callback(wdilog_reader **out,
					   wdilog_read_fn read, void *ctx,
					   const char *name,
					   const wdilog_options *opts,
					   wdilog_error *err);

/* Next event. Returns WDILOG_OK with *ev filled, WDILOG_DONE at the end,
 * or a negative status when the input cannot be read any further (what was
 * returned before stays valid and counted). Malformed and damaged input is
 * not a failure: it goes to the diagnostic callback and into the event. */
WDILOG_API int wdilog_reader_next(wdilog_reader *r, wdilog_event *ev,
				  wdilog_error *err);

/* "wpp-text", "event-xml", "eventlog-text" or "plain-text" (static
 * storage). Final once wdilog_reader_next returned WDILOG_DONE; never
 * NULL. */
WDILOG_API const char *wdilog_reader_format(const wdilog_reader *r);

/* "utf-8", "utf-16le", "utf-16be" or "windows-1252" (static storage);
 * never NULL. */
WDILOG_API const char *wdilog_reader_encoding(const wdilog_reader *r);

/* True if the input is a JSON report written by wdilog itself rather than
 * a trace (reading it as a trace would count its code names). Reads the
 * start of the input if nothing was read yet. */
WDILOG_API bool wdilog_reader_is_report(wdilog_reader *r);

/* True when the input was gzip-compressed. */
WDILOG_API bool wdilog_reader_gzip(const wdilog_reader *r);

/* The name given at open (path or "-"); owned by the reader, valid until
 * wdilog_reader_free. */
WDILOG_API const char *wdilog_reader_name(const wdilog_reader *r);

/* Close and free; NULL does nothing. */
WDILOG_API void wdilog_reader_free(wdilog_reader *r);

#ifdef __cplusplus
}
#endif
#endif
