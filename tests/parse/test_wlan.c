/* Parse stage, WLAN-AutoConfig signals (attempts.md "Signals"): the
 * provider (by name or GUID) and EventID make an attempt signal with its
 * fields, from event XML (the fast path must not skip it), from EVTX's
 * rendering (the same XML walk) and from wevtutil text; the event is
 * still counted as an event without status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <wdilog/wdilog.h>

#include "check.h"

/* The fields of every event, one line each: "-" for no WLAN signal. */
static char *wlan_lines_with(const char *in, bool full, bool signals)
{
	wdilog_options o;
	wdilog_options_init(&o);
	o.full_parse = full;
	o.attempt_signals = signals;
	wdilog_reader *r;
	wdilog_error err;
	if (wdilog_reader_open_memory(&r, in, strlen(in), "t", &o, &err) < 0)
		return NULL;
	static char out[4096];
	size_t n = 0;
	wdilog_event ev;
	while (wdilog_reader_next(r, &ev, &err) == WDILOG_OK) {
		const wdilog_wlan *w = ev.wlan;
		if (!w) {
			n += (size_t)snprintf(out + n, sizeof(out) - n, "%c -\n",
					      ev.kind == WDILOG_EVENT_WITH_STATUS ? 'W' : 'N');
			continue;
		}
		n += (size_t)snprintf(out + n, sizeof(out) - n,
			"%c %u if=%s conn=%d:%u ssid=%s prof=%s bssid=%s rc=%d:%x fr=%d:%u st=%d:%u err=%d:%u t=%d\n",
			ev.kind == WDILOG_EVENT_WITH_STATUS ? 'W' : 'N',
			w->event_id, w->interface_guid ? w->interface_guid : "-",
			w->has_connection_id, w->connection_id,
			w->ssid ? w->ssid : "-", w->profile ? w->profile : "-",
			w->bssid ? w->bssid : "-", w->has_reason_code,
			w->reason_code, w->has_failure_reason, w->failure_reason,
			w->has_dot11_status, w->dot11_status, w->has_error_code,
			w->error_code, ev.time.valid);
	}
	wdilog_reader_free(r);
	return out;
}

/* Attempts asked for: WLAN-AutoConfig events are read whole. */
static char *wlan_lines(const char *in, bool full)
{
	return wlan_lines_with(in, full, true);
}

#define SYS(prov, id) "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">" \
	"<System>" prov "<EventID>" id "</EventID>" \
	"<TimeCreated SystemTime=\"2024-03-05T08:12:44.1234567Z\"/></System>"
#define NAME "<Provider Name=\"Microsoft-Windows-WLAN-AutoConfig\"/>"
#define GUID "<Provider Guid=\"{9580D7DD-0379-4658-9870-D5BE7D52D6DE}\"/>"

static void xml(void)
{
	const char in[] =
		SYS(NAME, "11002") "<EventData>"
		"<Data Name=\"InterfaceGuid\">{0C9F2A47-6E0B-4F0E-9D2F-3E1B2C4D5E6F}</Data>"
		"<Data Name=\"ConnectionId\">0x2</Data>"
		"<Data Name=\"SSID\">Lab Net</Data>"
		"<Data Name=\"ProfileName\">Lab</Data>"
		"<Data Name=\"BSSID\">8A-15-14-B6-25-10</Data>"
		"<Data Name=\"FailureReason\">The network did not answer.</Data>"
		"<Data Name=\"Dot11StatusCode\">17</Data>"
		"</EventData></Event>\n"
		SYS(GUID, "8002") "<EventData>"
		"<Data Name=\"ReasonCode\">0x38002</Data>"
		"<Data Name=\"ErrorCode\">5</Data>"
		"</EventData></Event>\n"
		/* another provider, or an EventID that is no signal: none */
		SYS("<Provider Name=\"Other\"/>", "8001") "</Event>\n"
		SYS(NAME, "4000") "</Event>\n";
	const char want[] =
		"N 11002 if=0c9f2a47-6e0b-4f0e-9d2f-3e1b2c4d5e6f conn=1:2 ssid=Lab Net prof=Lab bssid=8a:15:14:b6:25:10 rc=0:0 fr=0:0 st=1:17 err=0:0 t=1\n"
		"N 8002 if=- conn=0:0 ssid=- prof=- bssid=- rc=1:38002 fr=0:0 st=0:0 err=1:5 t=1\n"
		"N -\nN -\n";
	/* the fast path and the full parse agree */
	CHECK_STR(wlan_lines(in, false), want);
	CHECK_STR(wlan_lines(in, true), want);
	/* attempts not asked for: the XML fast path passes them over (the
	 * parser would cost eight times as much on a WLAN-AutoConfig log) */
	CHECK_STR(wlan_lines_with(in, false, false), "N -\nN -\nN -\nN -\n");
}

static void eventlog_text(void)
{
	const char in[] =
		"Event[0]:\r\n"
		"  Log Name: Microsoft-Windows-WLAN-AutoConfig/Operational\r\n"
		"  Source: Microsoft-Windows-WLAN-AutoConfig\r\n"
		"  Date: 2024-03-05T08:12:44.123\r\n"
		"  Event ID: 8003\r\n"
		"  Description: \r\n"
		"WLAN AutoConfig service has successfully disconnected.\r\n"
		"Interface GUID: {0c9f2a47-6e0b-4f0e-9d2f-3e1b2c4d5e6f}\r\n"
		"Connection ID: 0x5\r\n"
		"SSID: Lab Net\r\n"
		"Reason Code: 0x38001\r\n"
		"Event[1]:\r\n"
		"  Source: Microsoft-Windows-Kernel-General\r\n"
		"  Date: 2024-03-05T08:12:45.000\r\n"
		"  Event ID: 8001\r\n"
		"  Description: \r\n"
		"nothing here\r\n";
	CHECK_STR(wlan_lines(in, false),
		  "N 8003 if=0c9f2a47-6e0b-4f0e-9d2f-3e1b2c4d5e6f conn=1:5 ssid=Lab Net prof=- bssid=- rc=1:38001 fr=0:0 st=0:0 err=0:0 t=1\n"
		  "N -\n");
}

int main(void)
{
	xml();
	eventlog_text();
	return check_report("parse_wlan");
}
