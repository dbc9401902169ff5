/* Event assembly shared by both parsers. */
#include "parse/event.h"

#include <string.h>

#include "util/error.h"
#include "util/span.h"

void wdl_event_acc_init(struct wdl_event_acc *a)
{
	memset(a, 0, sizeof(*a));
	wdl_found_init(&a->found);
}

void wdl_event_acc_dispose(struct wdl_event_acc *a)
{
	wdl_found_dispose(&a->found);
}

void wdl_event_acc_start(struct wdl_event_acc *a, uint64_t line,
			 uint64_t offset)
{
	wdl_found_reset(&a->found);
	a->line = line;
	a->offset = offset;
	a->damaged = false;
	a->undecoded = false;
	a->time.valid = false;
	a->guid[0] = '\0';
	wdl_context_reset(&a->ctx);
}

/* Field by field: this runs once per event of the input, and a memset of
 * the whole struct compiles to a "rep stos" whose start-up cost showed in
 * profiles of a 1 GiB run. */
static void clear(wdilog_event *ev)
{
	ev->kind = WDILOG_EVENT_WITHOUT_STATUS;
	ev->time = (wdilog_time){ 0 };
	ev->statuses = NULL;
	ev->nstatuses = 0;
	ev->nmalformed = 0;
	ev->guid = NULL;
	ev->context = NULL;
	ev->wlan = NULL;
}

int wdl_event_acc_emit(struct wdl_event_acc *a, wdilog_event *ev,
		       wdilog_error *err)
{
	clear(ev);
	ev->line = a->line;
	ev->offset = a->offset;
	if (a->damaged) {
		ev->kind = WDILOG_EVENT_DAMAGED;
		return WDILOG_OK;
	}
	if (a->undecoded) {
		ev->kind = WDILOG_EVENT_UNDECODED;
		ev->guid = a->guid[0] ? a->guid : NULL;
		return WDILOG_OK;
	}
	ev->nmalformed = a->found.nmalformed;
	if (a->found.n) {
		ev->kind = WDILOG_EVENT_WITH_STATUS;
		ev->statuses = a->found.values;
		ev->nstatuses = a->found.n;
		ev->time = a->time;
		ev->context = wdl_context_emit(&a->ctx);
	} else {
		ev->kind = WDILOG_EVENT_WITHOUT_STATUS;
	}
	/* a WLAN-AutoConfig event: an attempt signal, with its time */
	if (a->ctx.wlan.have && (ev->wlan = wdl_context_wlan(&a->ctx)))
		ev->time = a->time;
	/* an event that lost values to a failed allocation must end the run,
	 * not quietly change the counts */
	return a->found.failed ? wdl_fail_oom(err) : WDILOG_OK;
}

static bool is_guid_char(unsigned char c)
{
	return wdl_hex_value(c) >= 0 || c == '-';
}

bool wdl_unknown_message(const char *text, size_t len, char *guid)
{
	size_t i = 0;
	guid[0] = '\0';
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
			   text[i] == '\n'))
		i++;
	if (len - i < 8 || memcmp(text + i, "Unknown(", 8) != 0)
		return false;
	i += 8;
	while (i < len && text[i] == ' ')
		i++;
	if (i >= len || !wdl_is_digit((unsigned char)text[i]))
		return false;
	while (i < len && wdl_is_digit((unsigned char)text[i]))
		i++;
	if (i + 1 >= len || text[i] != ')' || text[i + 1] != ':')
		return false;
	/* the GUID follows "GUID=" on the same line */
	for (size_t k = i; k + 5 + 36 <= len; k++) {
		if (text[k] == '\n')
			break;
		if (memcmp(text + k, "GUID=", 5) != 0)
			continue;
		const char *g = text + k + 5;
		size_t n = 0;
		while (n < 36 && is_guid_char((unsigned char)g[n]))
			n++;
		if (n == 36) {
			for (size_t j = 0; j < 36; j++)
				guid[j] = (char)wdl_lower((unsigned char)g[j]);
			guid[36] = '\0';
		}
		break;
	}
	return true;
}
