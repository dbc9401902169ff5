/* The event being built by a parser: its distinct statuses, its kind
 * flags, time and position. Shared by the text and XML parsers so both
 * hand out events the same way. */
#ifndef WDL_EVENT_H
#define WDL_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include <wdilog/reader.h>

#include "parse/context.h"
#include "parse/extract.h"

struct wdl_event_acc {
	struct wdl_found found;
	uint64_t line;
	uint64_t offset;
	bool damaged;
	bool undecoded;
	wdilog_time time;
	char guid[37];              /* lower case; empty if none */
	struct wdl_context ctx;     /* peer, 802.11 codes, provider, ids */
};

void wdl_event_acc_init(struct wdl_event_acc *a);
void wdl_event_acc_dispose(struct wdl_event_acc *a);
void wdl_event_acc_start(struct wdl_event_acc *a, uint64_t line,
			 uint64_t offset);

/* Fill @p ev from @p a, applying the precedence damaged > undecoded > with
 * status > without status. Pointers in @p ev borrow from @p a (the
 * peer's text is formatted into it). Returns WDILOG_OK, or WDILOG_ENOMEM
 * (with @p err filled; it may be NULL) instead of an event that lost
 * status values to a failed allocation. Every parser hands out its events
 * through here. */
int wdl_event_acc_emit(struct wdl_event_acc *a, wdilog_event *ev,
		       wdilog_error *err);

/* Recognize tracefmt's text for an undecodable event,
 * "Unknown( 76): GUID=ac5ec775-... (No Format Information found).", at the
 * start of @p text (after white space). Copies the GUID, lower case, into
 * @p guid (37 bytes; empty if none is written). */
bool wdl_unknown_message(const char *text, size_t len, char *guid);

#endif
