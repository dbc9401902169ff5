/* Benchmark corpus generator: deterministic tracefmt text or tracerpt XML
 * of a given size, with a known share of status lines/events. Writes the
 * corpus to stdout and the expected per-code counts ("CODE COUNT" lines,
 * plus "events N") to the file named by -e.
 *
 * usage: gen text|xml SIZE_MIB [-e EXPECTED] [-r STATUS_PER_10000] */
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

/* xorshift64*: fast, deterministic, good enough to vary the lines */
static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1Du;
}

static const char *const components[] = {
	"Microsoft-Windows-WLAN-AutoConfig", "Microsoft-Windows-NWiFi",
	"wdiwifi", "Microsoft-Windows-WLAN-Driver", "IHVVendorDriver",
};

static const char *const chatter[] = {
	"FSM Transition from State: Authenticating to State: Connected",
	"Scan completed with 14 BSS entries, 3 matching the profile",
	"Received beacon from 8A:15:14:B6:25:10 RSSI -61 channel 36",
	"Port 1 power state D0, radio on, link quality 87",
	"DisAssoc: 0x8A1514B62510 Reason: 0x4",
	"Tx queue depth 12, retries 3, rate 866 Mbps",
	"Roam candidate list refreshed: 5 candidates, best score 412",
	"OID_WDI_TASK_CONNECT completed in 412 ms",
	"Indicating NDIS_STATUS_LINK_STATE to the host, speed 1200000000",
	"Security handshake step 3 of 4 sent to peer, replay counter 2",
};

/* codes and how they are written; some only as names */
static const struct { uint32_t code; const char *fmt; } statuses[] = {
	{ 31, "Connect failed AssocStatus=0x1f (WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE)" },
	{ 41, "Association result: WdiAssocStatus: 41, Dot11Status 0" },
	{ 45, "auth exchange failed with WDI_ASSOC_STATUS_AUTH_EXCHANGE_FAILURE" },
	{ 0, "Association result AssocStatus=0 BSSID 8A:15:14:B6:25:10" },
	{ 13, "DisassociationStatus = WDI_ASSOC_STATUS_PEER_DEAUTHENTICATED" },
	{ 15, "Roam triggered RoamReason is 15" },
	{ 51, "{\"AssocStatus\":51,\"meta\":{\"provider\":\"wdi\"}}" },
	{ 5, "Host cancelled: AssocStatus=5" },
};
#define NSTATUS (sizeof(statuses) / sizeof(statuses[0]))

static uint64_t counts[NSTATUS];
static uint64_t events;

static void text_line(FILE *out, uint64_t i, unsigned ratio)
{
	unsigned s = (unsigned)(i % 60);
	unsigned ms = (unsigned)(rnd() % 1000000000u);
	fprintf(out, "[%u]%04X.%04X::11/25/2026-10:%02u:%02u.%09u [%s]",
		(unsigned)(rnd() % 4), (unsigned)(rnd() % 0xFFFF),
		(unsigned)(rnd() % 0xFFFF), (unsigned)(i / 60 % 60), s, ms,
		components[rnd() % 5]);
	events++;
	if (rnd() % 10000 < ratio) {
		unsigned k = (unsigned)(rnd() % NSTATUS);
		counts[k]++;
		fputs(statuses[k].fmt, out);
	} else {
		fputs(chatter[rnd() % 10], out);
	}
	fputs("\r\n", out);
}

static void xml_event(FILE *out, uint64_t i, unsigned ratio)
{
	unsigned s = (unsigned)(i % 60);
	bool status = rnd() % 10000 < ratio;
	unsigned k = (unsigned)(rnd() % NSTATUS);
	events++;
	fprintf(out,
		"\t<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\r\n"
		"\t\t<System>\r\n"
		"\t\t\t<Provider Name=\"%s\" Guid=\"{9580d7dd-0379-4658-9870-d5be7d52d6de}\" />\r\n"
		"\t\t\t<EventID>%u</EventID>\r\n"
		"\t\t\t<Version>0</Version>\r\n"
		"\t\t\t<Level>4</Level>\r\n"
		"\t\t\t<Task>0</Task>\r\n"
		"\t\t\t<Opcode>0</Opcode>\r\n"
		"\t\t\t<Keywords>0x8000000000000000</Keywords>\r\n"
		"\t\t\t<TimeCreated SystemTime=\"2026-11-25T10:%02u:%02u.%07uZ\" />\r\n"
		"\t\t\t<Correlation ActivityID=\"{00000000-0000-0000-0000-000000000000}\" />\r\n"
		"\t\t\t<Execution ProcessID=\"%u\" ThreadID=\"%u\" ProcessorID=\"%u\" KernelTime=\"0\" UserTime=\"0\" />\r\n"
		"\t\t\t<Channel />\r\n"
		"\t\t\t<Computer>WIN-TEST-01</Computer>\r\n"
		"\t\t</System>\r\n"
		"\t\t<DebugData>\r\n"
		"\t\t\t<SequenceNumber>%" PRIu64 "</SequenceNumber>\r\n"
		"\t\t\t<FlagsName>WDI_FLAG</FlagsName>\r\n"
		"\t\t\t<LevelName>TRACE_LEVEL_INFORMATION</LevelName>\r\n"
		"\t\t\t<Component>wdiwifi</Component>\r\n"
		"\t\t\t<SubComponent>port</SubComponent>\r\n"
		"\t\t\t<FileLine>port.cpp(412)</FileLine>\r\n"
		"\t\t\t<Function>Port::OnIndication</Function>\r\n"
		"\t\t\t<Message>%s</Message>\r\n"
		"\t\t</DebugData>\r\n"
		"\t\t<RenderingInfo Culture=\"en-US\">\r\n"
		"\t\t\t<Level>Information </Level>\r\n"
		"\t\t\t<Opcode>Info </Opcode>\r\n"
		"\t\t</RenderingInfo>\r\n"
		"\t</Event>\r\n",
		components[rnd() % 5], (unsigned)(rnd() % 200),
		(unsigned)(i / 60 % 60), s, (unsigned)(rnd() % 10000000u),
		(unsigned)(rnd() % 9000 + 100), (unsigned)(rnd() % 9000 + 100),
		(unsigned)(rnd() % 4), i,
		status ? statuses[k].fmt : chatter[rnd() % 10]);
	if (status)
		counts[k]++;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: gen text|xml SIZE_MIB [-e EXPECTED] [-r PER_10000]\n", stderr);
		return 2;
	}
	bool xml = strcmp(argv[1], "xml") == 0;
	uint64_t size = strtoull(argv[2], NULL, 10) << 20;
	const char *expected = NULL;
	unsigned ratio = xml ? 200 : 50;  /* 2% of events, 0.5% of lines */
	for (int i = 3; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "-e") == 0)
			expected = argv[i + 1];
		else if (strcmp(argv[i], "-r") == 0)
			ratio = (unsigned)strtoul(argv[i + 1], NULL, 10);
	}
	static char obuf[1 << 20];
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	if (xml)
		fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Events>\r\n", stdout);
	else
		fputs("EventTrace\r\n", stdout);
	for (uint64_t i = 0; (uint64_t)ftello(stdout) < size; i++) {
		if (xml)
			xml_event(stdout, i, ratio);
		else
			text_line(stdout, i, ratio);
	}
	if (xml)
		fputs("</Events>\r\n", stdout);
	if (fflush(stdout) != 0)
		return 1;
	if (expected) {
		FILE *e = fopen(expected, "w");
		if (!e)
			return 1;
		fprintf(e, "events %" PRIu64 "\n", events);
		for (size_t k = 0; k < NSTATUS; k++)
			fprintf(e, "%" PRIu32 " %" PRIu64 "\n", statuses[k].code, counts[k]);
		fclose(e);
	}
	return 0;
}
