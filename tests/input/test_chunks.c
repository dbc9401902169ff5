/* Chunk boundaries: every sample, read 1, 2, 3, 7, 64 and 4096 bytes at a
 * time, gives the same report as reading it whole. */
#include "check.h"
#include "run_reader.h"

static const char *const samples[] = {
	"tracefmt-default.txt", "tracefmt-crlf-utf16le.txt",
	"tracefmt-gzip.txt.gz", "tracefmt-custom-prefix.txt",
	"tracefmt-dayfirst.txt", "tracerpt.xml",
	"tracerpt-complete-no-root-end.xml", "tracerpt-truncated.xml",
	"wevtutil-events.xml", "wevtutil-events-utf16.xml", "eventlog.txt",
};

int main(void)
{
	static const size_t steps[] = { 1, 2, 3, 7, 64, 4096 };
	wdilog_options o;
	wdilog_options_init(&o);
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/%s", SAMPLES_DIR, samples[i]);
		size_t len;
		char *data = read_file(path, &len);
		CHECK(data != NULL);
		if (!data)
			continue;
		char *whole = json_of(data, len, 0, &o);
		CHECK(whole && strstr(whole, "\"events\": 0,") == NULL);
		for (size_t s = 0; s < sizeof(steps) / sizeof(steps[0]); s++) {
			char *part = json_of(data, len, steps[s], &o);
			bool same = whole && part && strcmp(whole, part) == 0;
			if (!same)
				fprintf(stderr, "%s: report differs at %zu bytes a time\n",
					samples[i], steps[s]);
			CHECK(same);
			free(part);
		}
		free(whole);
		free(data);
	}
	return check_report("chunks");
}
