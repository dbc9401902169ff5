/* Benchmark corpus for attempts (tools/bench.sh --attempts-only): a
 * tracefmt (WPP) text capture of SIZE_MIB with ATTEMPTS connection
 * attempts spread evenly through it, the rest driver chatter without a
 * status. WPP text carries WDI statuses only, so every attempt starts
 * inferred and a WDI 0 ends it as a success (attempts.md rule 4).
 *
 * One attempt a minute, cycling through ten shapes: six successes (0-2
 * failed tries, then WDI 0; a session with a roam now and then, ended by
 * a disconnect 50 s later), a failure by WDI 6, an abort (WDI 5), a drop
 * (WDI 7 before connected) and a failed try left alone (ended by the idle
 * rule when the next attempt comes a minute later). Writes the corpus to
 * stdout and the attempts it holds by result ("success N" ...) to
 * EXPECTED.
 *
 * usage: gen_attempts SIZE_MIB ATTEMPTS EXPECTED */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t now_ms = 1704153600000u;   /* 2024-01-02 00:00 UTC */
static uint64_t written;

static void put(const char *text)
{
	/* the calendar date once a second changes: times never go back */
	static time_t shown = -1;
	static struct tm tm;
	time_t s = (time_t)(now_ms / 1000);
	if (s != shown) {
		gmtime_r(&s, &tm);
		shown = s;
	}
	int n = printf("[%u]0888.0D%02u::%02d/%02d/%04d-%02d:%02d:%02d.%03u [wdiwifi]%s\n",
		       (unsigned)(s % 4), (unsigned)(s % 61), tm.tm_mon + 1,
		       tm.tm_mday, tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		       tm.tm_sec, (unsigned)(now_ms % 1000), text);
	if (n > 0)
		written += (uint64_t)n;
}

static void status(unsigned code, int peer)
{
	char b[96];
	if (peer >= 0)
		snprintf(b, sizeof(b), "Association result: AssocStatus=%u bssid 02:be:4c:00:%02x:%02x",
			 code, (unsigned)(peer / 256), (unsigned)(peer % 256));
	else
		snprintf(b, sizeof(b), "Connect task: AssocStatus=%u", code);
	put(b);
}

/* chatter until @p target bytes, spread over @p span_ms */
static void chatter(uint64_t target, uint64_t span_ms)
{
	static const char *const lines[] = {
		"Tx queue depth 3, rate 866 Mbps, RSSI -54 dBm, noise -92 dBm",
		"Scan complete on 36 channels, 14 BSS entries, 2 hidden networks",
		"Power save state changed to ACTIVE after 120 ms of traffic",
		"Beacon received, TSF 0x00000004b1c2d3e4, DTIM count 1 of 3",
	};
	uint64_t start = now_ms, k = 0;
	uint64_t left = target > written ? target - written : 0;
	uint64_t count = left / 110 + 1;
	while (written < target) {
		now_ms = start + span_ms * k / count;
		put(lines[k % 4]);
		k++;
	}
	now_ms = start + span_ms;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: gen_attempts SIZE_MIB ATTEMPTS EXPECTED\n");
		return 2;
	}
	uint64_t size = strtoull(argv[1], NULL, 10) << 20;
	uint64_t n = strtoull(argv[2], NULL, 10);
	uint64_t results[4] = { 0 };  /* success, failure, aborted, dropped */
	static char buf[1 << 20];
	setvbuf(stdout, buf, _IOFBF, sizeof(buf));
	puts("EventTrace");
	written = 11;
	for (uint64_t i = 0; i < n; i++) {
		uint64_t slot = now_ms;
		int peer = (int)(i % 200);   /* 200 APs: below the 256 rows listed */
		unsigned shape = (unsigned)(i % 10);
		for (unsigned t = 0; t < (shape < 6 ? shape % 3 : 1); t++) {
			now_ms += 100;
			status(t % 2 ? 41 : 31, peer + 1 + (int)t);
		}
		now_ms += 100;
		switch (shape) {
		case 6: status(6, -1); results[1]++; break;
		case 7: status(5, -1); results[2]++; break;
		case 8: status(7, -1); results[3]++; break;
		case 9: results[1]++; break;  /* the idle rule ends it */
		default:
			status(0, peer);
			results[0]++;
			chatter(size * (2 * i + 1) / (2 * n), 10000);
			if (shape % 2) {
				status(10, -1);
				now_ms += 200;
				status(0, peer + 7);
			}
			now_ms = slot + 50000;
			status(62, -1);
		}
		chatter(size * (i + 1) / n, slot + 60000 - now_ms);
		now_ms = slot + 60000;
	}
	/* the last attempt may be a lone try: a record after the idle time */
	status(62, -1);
	FILE *e = fopen(argv[3], "w");
	if (!e)
		return 1;
	fprintf(e, "success %" PRIu64 "\nfailure %" PRIu64 "\naborted %" PRIu64
		"\ndropped %" PRIu64 "\nbytes %" PRIu64 "\n",
		results[0], results[1], results[2], results[3], written);
	fclose(e);
	return fflush(stdout) == 0 ? 0 : 1;
}
