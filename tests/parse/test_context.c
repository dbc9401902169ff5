/* Context extraction (src/parse/context.c): MAC addresses in every written form,
 * normalized; 802.11 status and reason codes and their names; provider,
 * pid and tid from tracefmt heads, TraceLogging JSON, wevtutil text and
 * XML; and the same context through the reader, fast path or full. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "run_reader.h"
#include "parse/context.h"

static uint64_t mac_of(const char *s, bool bare)
{
	uint64_t m = 0;
	return wdl_mac_parse(s, strlen(s), bare, &m) ? m : UINT64_MAX;
}

static void test_mac_forms(void)
{
	CHECK_EQ_U(mac_of("8a:15:14:b6:25:10", false), 0x8A1514B62510u);
	CHECK_EQ_U(mac_of("8A:15:14:B6:25:10 rssi", false), 0x8A1514B62510u);
	CHECK_EQ_U(mac_of("8a-15-14-b6-25-10,", false), 0x8A1514B62510u);
	CHECK_EQ_U(mac_of("0x8A1514B62510", false), 0x8A1514B62510u);
	CHECK_EQ_U(mac_of("0X8a1514b62510)", false), 0x8A1514B62510u);
	/* twelve bare hex digits only where a key says it is an address */
	CHECK_EQ_U(mac_of("8A1514B62510", false), UINT64_MAX);
	CHECK_EQ_U(mac_of("8A1514B62510", true), 0x8A1514B62510u);
	/* not addresses */
	CHECK_EQ_U(mac_of("8a:15:14:b6:25:10:77", false), UINT64_MAX);
	CHECK_EQ_U(mac_of("8a:15:14:b6:25:10x", false), UINT64_MAX);
	CHECK_EQ_U(mac_of("8a:15-14:b6:25:10", false), UINT64_MAX);
	CHECK_EQ_U(mac_of("8a:15:14:b6:25", false), UINT64_MAX);
	CHECK_EQ_U(mac_of("0x8A1514B6251", false), UINT64_MAX);
	CHECK_EQ_U(mac_of("0x8A1514B625100", false), UINT64_MAX);
	CHECK_EQ_U(mac_of("12:27:40.173", false), UINT64_MAX);

	char out[18];
	wdl_mac_format(0x8A1514B62510u, out);
	CHECK_STR(out, "8a:15:14:b6:25:10");
	wdl_mac_format(0x000102030405u, out);
	CHECK_STR(out, "00:01:02:03:04:05");
}

/* The context of one line of free text, as "peer st rs provider pid tid"
 * with '-' for what is missing. */
static const char *ctx_line(const char *text)
{
	static char buf[256];
	struct wdl_context c;
	wdl_context_reset(&c);
	wdl_context_text(&c, text, strlen(text));
	const wdilog_context *x = wdl_context_emit(&c);
	char st[8] = "-", rs[8] = "-", pid[16] = "-", tid[16] = "-";
	if (x->has_dot11_status)
		snprintf(st, sizeof(st), "%u", x->dot11_status);
	if (x->has_dot11_reason)
		snprintf(rs, sizeof(rs), "%u", x->dot11_reason);
	if (x->has_pid)
		snprintf(pid, sizeof(pid), "%u", x->pid);
	if (x->has_tid)
		snprintf(tid, sizeof(tid), "%u", x->tid);
	snprintf(buf, sizeof(buf), "%s %s %s %s %s %s", x->peer ? x->peer : "-",
		 st, rs, x->provider ? x->provider : "-", pid, tid);
	return buf;
}

static void test_peer_keys(void)
{
	CHECK_STR(ctx_line("Association result: AssocStatus=0x1f bssid 00:11:22:33:44:55"),
		  "00:11:22:33:44:55 - - - - -");
	CHECK_STR(ctx_line("BSSID=8A-15-14-B6-25-10"), "8a:15:14:b6:25:10 - - - - -");
	CHECK_STR(ctx_line("PeerMac: 0x8A1514B62510"), "8a:15:14:b6:25:10 - - - - -");
	CHECK_STR(ctx_line("peer_mac=\"8a1514b62510\""), "8a:15:14:b6:25:10 - - - - -");
	CHECK_STR(ctx_line("{\"Bssid\":\"3c:28:6d:aa:bb:01\"}"), "3c:28:6d:aa:bb:01 - - - - -");
	/* an address alone is taken when no key names one */
	CHECK_STR(ctx_line("Auth attempt 1 to 00:11:22:33:44:66, algorithm open"),
		  "00:11:22:33:44:66 - - - - -");
	CHECK_STR(ctx_line("DisAssoc: 0x8A1514B62510 Reason: 0x4"),
		  "8a:15:14:b6:25:10 - 4 - - -");
	/* a keyed address wins over a loose one, before or after it */
	CHECK_STR(ctx_line("from 00:00:00:00:00:01 to BSSID 00:00:00:00:00:02"),
		  "00:00:00:00:00:02 - - - - -");
	CHECK_STR(ctx_line("Peer=00:00:00:00:00:02 seen by 00:00:00:00:00:01"),
		  "00:00:00:00:00:02 - - - - -");
	/* the adapter's own address is not the peer */
	CHECK_STR(ctx_line("Local MAC Address: A4:C3:F0:11:22:33"), "- - - - - -");
	CHECK_STR(ctx_line("LocalMac=A4:C3:F0:11:22:33, peer 00:11:22:33:44:55"),
		  "00:11:22:33:44:55 - - - - -");
	CHECK_STR(ctx_line("local A4:C3:F0:11:22:33; then 00:11:22:33:44:55"),
		  "00:11:22:33:44:55 - - - - -");
	/* the all-zero address means unknown */
	CHECK_STR(ctx_line("PeerMac=00:00:00:00:00:00"), "- - - - - -");
	/* a key with no address after it gives nothing */
	CHECK_STR(ctx_line("Peer left: DisassocStatus=14"), "- - - - - -");
	/* timestamps, GUIDs and long hex are no addresses */
	CHECK_STR(ctx_line("10/23/2003-12:27:40.173 {1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b} 0x8000000000000001"),
		  "- - - - - -");
}

static void test_dot11_codes(void)
{
	CHECK_STR(ctx_line("Association result: WdiAssocStatus: 41, Dot11Status 17"),
		  "- 17 - - - -");
	CHECK_STR(ctx_line("Dot11StatusCode=0x0d"), "- 13 - - - -");
	CHECK_STR(ctx_line("802.11 Status Code: 0"), "- 0 - - - -");
	CHECK_STR(ctx_line("802.11 reason code = 15"), "- - 15 - - -");
	CHECK_STR(ctx_line("peer 00:11:22:33:44:88 frame length 26 reason code 0x0004"),
		  "00:11:22:33:44:88 - 4 - - -");
	CHECK_STR(ctx_line("Dot11_Reason_Code: 3"), "- - 3 - - -");
	/* prose after Reason, and numbers too big for 802.11, are not codes */
	CHECK_STR(ctx_line("Reason: The network was disconnected by the access point."),
		  "- - - - - -");
	CHECK_STR(ctx_line("Reason: 229378"), "- - - - - -");
	CHECK_STR(ctx_line("Dot11Status=17abc"), "- - - - - -");
	/* the first of equal rank stays */
	CHECK_STR(ctx_line("Reason: 4, Reason: 7"), "- - 4 - - -");
	CHECK_STR(ctx_line("PHY Type: 802.11ax"), "- - - - - -");
}

static void test_dot11_names(void)
{
	CHECK_STR(wdilog_dot11_status_name(0), "success");
	CHECK(wdilog_dot11_status_name(17) != NULL);
	CHECK(strstr(wdilog_dot11_status_name(17), "full") != NULL);
	CHECK(strstr(wdilog_dot11_status_name(13), "algorithm") != NULL);
	CHECK(strstr(wdilog_dot11_status_name(53), "PMKID") != NULL);
	CHECK(wdilog_dot11_status_name(4) == NULL);     /* reserved */
	CHECK(wdilog_dot11_status_name(65535) == NULL);
	CHECK(strstr(wdilog_dot11_reason_name(4), "inactive") != NULL);
	CHECK(strstr(wdilog_dot11_reason_name(15), "4-way") != NULL);
	CHECK(strstr(wdilog_dot11_reason_name(23), "802.1X") != NULL);
	CHECK(wdilog_dot11_reason_name(0) == NULL);
	CHECK(wdilog_dot11_reason_name(40) == NULL);
	/* every name is a lower-case phrase a table cell can hold */
	for (uint32_t k = 0; k < 256; k++) {
		const char *n[2] = { wdilog_dot11_status_name(k),
				     wdilog_dot11_reason_name(k) };
		for (int j = 0; j < 2; j++)
			if (n[j])
				CHECK(strlen(n[j]) > 3 && strlen(n[j]) < 64);
	}
}

static void test_provider_and_ids(void)
{
	CHECK_STR(ctx_line("{\"AssocStatus\":31,\"meta\":{\"provider\":\"Microsoft.Windows.WiFi.Wdi\",\"pid\":3876,\"tid\":6112}}"),
		  "- - - Microsoft.Windows.WiFi.Wdi 3876 6112");
	CHECK_STR(ctx_line("ProcessID=0x10 ThreadID: 20"), "- - - - 16 20");
	/* "pid 4" in prose is too loose */
	CHECK_STR(ctx_line("tid 4 of pid 5"), "- - - - - -");

	struct wdl_context c;
	const wdilog_context *ev;
	const char *line = "[2] 0888.0D64:: 10/23/03-12:27:41.002 0000001A [wdiwifi][cx]Auth";
	size_t prefix = 16, time_len = 22;
	wdl_context_reset(&c);
	wdl_context_wpp_head(&c, line, strlen(line), prefix, time_len);
	ev = wdl_context_emit(&c);
	CHECK(ev->has_pid && ev->pid == 0x888);
	CHECK(ev->has_tid && ev->tid == 0xD64);
	CHECK_STR(ev->provider, "wdiwifi");
	/* the header outranks what the message says */
	wdl_context_text(&c, "\"provider\":\"other\",\"pid\":1", 27);
	ev = wdl_context_emit(&c);
	CHECK_STR(ev->provider, "wdiwifi");
	CHECK_EQ_U(ev->pid, 0x888);

	wdl_context_reset(&c);
	wdl_context_eventlog_line(&c, "  Source: Contoso-WiFi-Wdi", 26);
	wdl_context_eventlog_line(&c, "BSSID: 3C:28:6D:AA:BB:01", 24);
	ev = wdl_context_emit(&c);
	CHECK_STR(ev->provider, "Contoso-WiFi-Wdi");
	CHECK_STR(ev->peer, "3c:28:6d:aa:bb:01");
}

static void test_xml_hooks(void)
{
	struct wdl_context c;
	const wdilog_context *ev;
	wdl_context_reset(&c);
	wdl_context_xml_start(&c, "Provider");
	wdl_context_xml_attr(&c, "Provider", "Name", "Contoso-WiFi-Wdi");
	wdl_context_xml_end(&c);
	wdl_context_xml_start(&c, "Execution");
	wdl_context_xml_attr(&c, "Execution", "ProcessID", "2780");
	wdl_context_xml_attr(&c, "Execution", "ThreadID", "6120");
	wdl_context_xml_end(&c);
	/* the adapter's address under its own name is never the peer */
	wdl_context_xml_start(&c, "Data");
	wdl_context_xml_attr(&c, "Data", "Name", "LocalMac");
	wdl_context_xml_text(&c, "A4:C3:F0:11:22:33", 17);
	wdl_context_xml_end(&c);
	/* a message's loose address loses to a named field */
	wdl_context_xml_start(&c, "Message");
	wdl_context_xml_text(&c, "frame from 00-11-22-33-44-98, Reason: 0x4.", 42);
	wdl_context_xml_end(&c);
	wdl_context_xml_start(&c, "Data");
	wdl_context_xml_attr(&c, "Data", "Name", "PeerMac");
	wdl_context_xml_text(&c, " 00-11-22-33-44-99 ", 19);
	wdl_context_xml_end(&c);
	wdl_context_xml_start(&c, "Dot11StatusCode");
	wdl_context_xml_text(&c, "13", 2);
	wdl_context_xml_end(&c);
	wdl_context_xml_start(&c, "Component");
	wdl_context_xml_text(&c, "wdiwifi", 7);
	wdl_context_xml_end(&c);
	ev = wdl_context_emit(&c);
	CHECK_STR(ev->peer, "00:11:22:33:44:99");
	CHECK(ev->has_dot11_status && ev->dot11_status == 13);
	CHECK(ev->has_dot11_reason && ev->dot11_reason == 4);
	CHECK_STR(ev->provider, "Contoso-WiFi-Wdi");
	CHECK(ev->has_pid && ev->pid == 2780);
	CHECK(ev->has_tid && ev->tid == 6120);

	/* reset forgets everything */
	wdl_context_reset(&c);
	ev = wdl_context_emit(&c);
	CHECK(!ev->peer && !ev->provider && !ev->has_pid && !ev->has_tid &&
	      !ev->has_dot11_status && !ev->has_dot11_reason);
}

/* Every event with status of a sample, one line each with its context. */
static char *context_of(const char *sample, bool full, bool day_first)
{
	char path[512];
	size_t len;
	snprintf(path, sizeof(path), "%s/%s", SAMPLES_DIR, sample);
	char *data = read_file(path, &len);
	if (!data)
		return NULL;
	wdilog_options o;
	wdilog_options_init(&o);
	o.full_parse = full;
	o.day_first = day_first;
	wdilog_reader *r;
	if (wdilog_reader_open_memory(&r, data, len, sample, &o, NULL) < 0) {
		free(data);
		return NULL;
	}
	char *out = NULL;
	size_t outlen = 0;
	FILE *f = open_memstream(&out, &outlen);
	wdilog_event ev;
	while (wdilog_reader_next(r, &ev, NULL) == WDILOG_OK) {
		/* events without status carry no context */
		CHECK(ev.kind == WDILOG_EVENT_WITH_STATUS || !ev.context);
		if (ev.kind != WDILOG_EVENT_WITH_STATUS)
			continue;
		const wdilog_context *x = ev.context;
		CHECK(x != NULL);
		if (!x)
			continue;
		fprintf(f, "%llu %s", (unsigned long long)ev.line,
			x->peer ? x->peer : "-");
		if (x->has_dot11_status)
			fprintf(f, " st=%u", x->dot11_status);
		if (x->has_dot11_reason)
			fprintf(f, " rs=%u", x->dot11_reason);
		fprintf(f, " %s", x->provider ? x->provider : "-");
		if (x->has_pid)
			fprintf(f, " %u.%u", x->pid, x->tid);
		fputc('\n', f);
	}
	fclose(f);
	wdilog_reader_free(r);
	free(data);
	return out;
}

static void test_samples(void)
{
	/* hand-checked against the sample files */
	char *t = context_of("tracefmt-default.txt", false, false);
	CHECK(t && strstr(t, "4 00:11:22:33:44:55 wdiwifi 2184.3428\n"));
	CHECK(t && strstr(t, "12 - Microsoft.Windows.WiFi.Wdi 3876.6112\n"));
	CHECK(t && strstr(t, "18 00:11:22:33:44:77 wdiwifi 2184.3428\n"));
	CHECK(t && strstr(t, "26 00:11:22:33:44:88 wdiwifi 2184.3424\n"));
	free(t);
	t = context_of("eventlog.txt", false, false);
	CHECK(t && strstr(t, "24 3c:28:6d:aa:bb:01 st=0 Contoso-WiFi-Wdi\n"));
	CHECK(t && strstr(t, "67 3c:28:6d:aa:bb:02 Contoso-WiFi-Wdi\n"));
	free(t);
	t = context_of("tracerpt.xml", false, false);
	CHECK(t && strstr(t, "37 - wdiwifi 4.1188\n"));
	CHECK(t && strstr(t, "71 00:11:22:33:44:55 st=0 Microsoft-Windows-WiFi-Wdi-Sample 4.1188\n"));
	CHECK(t && strstr(t, "214 - st=13 Microsoft-Windows-WiFi-Wdi-Sample 4.1192\n"));
	free(t);
	t = context_of("wevtutil-events.xml", false, false);
	CHECK(t && strstr(t, "10 3c:28:6d:aa:bb:01 Contoso-WiFi-Wdi 4.7010\n"));
	free(t);

	/* the fast path finds the same context as the full rules */
	static const char *const samples[] = {
		"tracefmt-default.txt", "tracefmt-crlf-utf16le.txt",
		"tracefmt-gzip.txt.gz", "tracefmt-custom-prefix.txt",
		"tracefmt-dayfirst.txt", "tracerpt.xml",
		"tracerpt-complete-no-root-end.xml", "tracerpt-truncated.xml",
		"wevtutil-events.xml", "wevtutil-events-utf16.xml",
		"eventlog.txt",
	};
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		bool df = strcmp(samples[i], "tracefmt-dayfirst.txt") == 0;
		char *fast = context_of(samples[i], false, df);
		char *full = context_of(samples[i], true, df);
		CHECK(fast && full && strcmp(fast, full) == 0);
		CHECK(fast && *fast);
		free(fast);
		free(full);
	}
}

int main(void)
{
	test_mac_forms();
	test_peer_keys();
	test_dot11_codes();
	test_dot11_names();
	test_provider_and_ids();
	test_xml_hooks();
	test_samples();
	return check_report("context");
}
