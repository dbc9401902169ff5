/* EVTX throughput: writes an EVTX file of about N MiB with the test writer
 * (WLAN-AutoConfig-like records, one in 50 with a status), then reads it
 * from memory twice: rendering only (the EVTX reader) and to events (the
 * reader plus the XML event rules). Prints MB/s for both; with a path,
 * also saves the file (to compare with evtxexport). With --write-only it
 * only writes the file and prints "records N, with status M" (the counts
 * tools/bench.sh checks wdilog and evtxexport against).
 *
 *   bench_evtx [MiB=64] [out.evtx [--write-only]] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <wdilog/wdilog.h>

#include "evtx_writer.h"
#include "parse/evtx.h"
#include "parse/evtx_event.h"
#include "parse/extract.h"

#define NS "http://schemas.microsoft.com/win/2004/08/events/event"

static const char T_EVENT[] =
	"<Event xmlns=\"" NS "\"><System><Provider Name=\"%0\" Guid=\"%1\"/>"
	"<EventID>%2</EventID><Version>%3</Version><Level>%4</Level>"
	"<Task>%5</Task><Opcode>%6</Opcode><Keywords>%7</Keywords>"
	"<TimeCreated SystemTime=\"%8\"/><EventRecordID>%9</EventRecordID>"
	"<Correlation ActivityID=\"%?10\"/>"
	"<Execution ProcessID=\"%11\" ThreadID=\"%12\"/>"
	"<Channel>Microsoft-Windows-WLAN-AutoConfig/Operational</Channel>"
	"<Computer>%13</Computer><Security UserID=\"%?14\"/></System>"
	"<EventData><Data Name=\"InterfaceGuid\">%15</Data>"
	"<Data Name=\"InterfaceDescription\">%16</Data>"
	"<Data Name=\"ConnectionMode\">%17</Data><Data Name=\"ProfileName\">%18</Data>"
	"<Data Name=\"SSID\">%19</Data><Data Name=\"BSSType\">%20</Data>"
	"<Data Name=\"%21\">%22</Data><Data Name=\"ConnectionId\">%23</Data>"
	"</EventData></Event>";

struct mem {
	const unsigned char *p;
	size_t len, pos;
};

static int mem_read(void *ctx, void *buf, size_t cap, size_t *got,
		    wdilog_error *err)
{
	struct mem *m = ctx;
	(void)err;
	size_t n = m->len - m->pos;
	if (n > cap)
		n = cap;
	if (n > 65536)
		n = 65536;
	memcpy(buf, m->p + m->pos, n);
	m->pos += n;
	*got = n;
	return WDILOG_OK;
}

/* CPU time of this thread: the machine running the tests is shared, and
 * wall time would measure the other jobs too. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	size_t mib = argc > 1 ? strtoul(argv[1], NULL, 10) : 64;
	bool write_only = argc > 3 && strcmp(argv[3], "--write-only") == 0;
	size_t with_status = 0;
	static const unsigned char guid[16] = { 0xDD, 0xD7, 0x80, 0x95, 0x79,
						3, 0x58, 0x46, 0x98, 0x70,
						0xD5, 0xBE, 0x7D, 0x52, 0xD6,
						0xDE };
	static const unsigned char sid[12] = { 1, 1, 0, 0, 0, 0, 0, 5, 18, 0,
					       0, 0 };
	struct ew *w = ew_new();
	struct ew_val v[24];
	uint64_t id = 1;
	while (ew_nchunks(w) * 65536 < mib * 1024 * 1024) {
		v[0] = ew_str("Microsoft-Windows-WLAN-AutoConfig");
		v[1] = ew_raw(0x0F, guid, 16);
		v[2] = ew_int(0x06, 8000 + id % 12);
		v[3] = ew_int(0x04, 0);
		v[4] = ew_int(0x04, 4);
		v[5] = ew_int(0x06, 11000);
		v[6] = ew_int(0x04, 1);
		v[7] = ew_int(0x15, 0x8000000000000000ull);
		v[8] = ew_int(0x11, 132223104000000000ull + id * 12345678u);
		v[9] = ew_int(0x0A, id);
		v[10] = id % 3 ? ew_raw(0x0F, guid, 16) : ew_null();
		v[11] = ew_int(0x08, 1234);
		v[12] = ew_int(0x08, 5678 + id % 7);
		v[13] = ew_str("DESKTOP-TEST42");
		v[14] = ew_raw(0x13, sid, 12);
		v[15] = ew_raw(0x0F, guid, 16);
		v[16] = ew_str("Intel(R) Wi-Fi 6 AX201 160MHz");
		v[17] = ew_str("Automatic connection with a profile");
		v[18] = ew_str("CorpNet");
		v[19] = ew_str("CorpNet");
		v[20] = ew_str("Infrastructure");
		bool status = id % 50 == 0;
		with_status += status;
		v[21] = ew_str(status ? "AssocStatus" : "Reason");
		v[22] = status ? ew_int(0x08, id % 40) : ew_str("The operation was successful.");
		v[23] = ew_int(0x08, (uint32_t)(id / 3));
		ew_record(w, 1, T_EVENT, v, 24);
		id++;
	}
	size_t len;
	unsigned char *f = ew_file(w, 0, &len);
	ew_free(w);
	if (argc > 2) {
		FILE *out = fopen(argv[2], "wb");
		if (!out || fwrite(f, 1, len, out) != len || fclose(out) != 0) {
			fprintf(stderr, "cannot write %s\n", argv[2]);
			return 1;
		}
	}
	if (write_only) {
		printf("records %llu, with status %zu\n",
		       (unsigned long long)(id - 1), with_status);
		free(f);
		return 0;
	}

	/* rendering only */
	struct mem m = { f, len, 0 };
	struct wdl_evtx *e;
	wdilog_error err = { 0 };
	if (wdl_evtx_open(&e, mem_read, &m, NULL, 0, NULL, "bench", &err) < 0)
		return 1;
	double t0 = now();
	struct wdl_evtx_record rec;
	size_t n = 0, bytes = 0;
	while (wdl_evtx_next(e, &rec, &err) == WDILOG_OK) {
		n++;
		bytes += rec.xml_len;
	}
	double t1 = now();
	wdl_evtx_free(e);
	printf("file %.1f MiB, %zu records, %.1f MiB of XML\n",
	       (double)len / 1048576.0, n, (double)bytes / 1048576.0);
	printf("render: %.3f s CPU, %.0f MB/s\n", t1 - t0,
	       (double)len / 1e6 / (t1 - t0));

	/* to events */
	wdilog_options opts;
	wdilog_options_init(&opts);
	struct wdl_keyset ks;
	if (wdl_keyset_init(&ks, &opts, &err) < 0)
		return 1;
	m.pos = 0;
	struct wdl_evtx_parser *p;
	if (wdl_evtx_parser_open(&p, mem_read, &m, NULL, 0, &ks, &opts, "bench",
				 &err) < 0)
		return 1;
	t0 = now();
	wdilog_event ev;
	size_t with = 0, events = 0;
	while (wdl_evtx_parser_next(p, &ev, &err) == WDILOG_OK) {
		events++;
		with += ev.kind == WDILOG_EVENT_WITH_STATUS;
	}
	t1 = now();
	printf("events: %zu (%zu with status), %.3f s CPU, %.0f MB/s\n", events,
	       with, t1 - t0, (double)len / 1e6 / (t1 - t0));
	wdl_evtx_parser_free(p);
	wdl_keyset_dispose(&ks);
	free(f);
	return 0;
}
