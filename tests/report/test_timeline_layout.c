/* The timeline's drawing: long empty stretches between busy buckets fold
 * into one break each, short ones and the ends do not; widths read in
 * units people use. */
#include <string.h>

#include "check.h"
#include "report/timeline.h"

static const char *dur(uint64_t s)
{
	static char buf[32];
	wdl_duration_text(s, buf, sizeof(buf));
	return buf;
}

static void durations(void)
{
	CHECK_STR(dur(0), "0 s");
	CHECK_STR(dur(1), "1 s");
	CHECK_STR(dur(45), "45 s");
	CHECK_STR(dur(1800), "30 min");
	CHECK_STR(dur(5400), "1 h 30 min");
	CHECK_STR(dur(3600), "1 h");
	CHECK_STR(dur(86400), "1 day");
	CHECK_STR(dur(2 * 86400 + 3 * 3600 + 59), "2 days 3 h");
	CHECK_STR(dur(3601), "1 h");      /* the two largest units only */
}

static void two_captures_days_apart(void)
{
	struct wdl_timeline t;
	wdl_timeline_init(&t, 1800);
	/* three busy hours, two days of nothing, three busy hours */
	for (int64_t s = 0; s < 3 * 3600; s += 600)
		wdl_timeline_add(&t, s, false, WDILOG_PHASE_SUCCESS);
	for (int64_t s = 2 * 86400; s < 2 * 86400 + 3 * 3600; s += 600)
		wdl_timeline_add(&t, s, false, WDILOG_PHASE_PROBE);
	struct wdl_timeline_layout l;
	wdl_timeline_layout(&t, &l);
	CHECK_EQ_U(l.nbreaks, 1);
	CHECK_EQ_U(l.nslots, 6 + 1 + 6);
	CHECK_EQ_U(l.breaks[0].slot, 6);
	CHECK_EQ_U(l.breaks[0].from, 6);
	CHECK_EQ_U(l.breaks[0].to, 96);
	CHECK(l.slot[5] == 5 && l.slot[6] == -1 && l.slot[95] == -1);
	CHECK(l.slot[96] == 7 && l.slot[t.n - 1] == 12);
}

static void short_gaps_stay(void)
{
	struct wdl_timeline t;
	/* the pauses of a one-minute capture are drawn as they are */
	wdl_timeline_init(&t, 1);
	wdl_timeline_add(&t, 0, false, WDILOG_PHASE_PROBE);
	wdl_timeline_add(&t, 30, false, WDILOG_PHASE_PROBE);
	struct wdl_timeline_layout l;
	wdl_timeline_layout(&t, &l);
	CHECK_EQ_U(l.nbreaks, 0);
	CHECK_EQ_U(l.nslots, 31);
	/* five-minute buckets: four empty ones are 20 minutes */
	wdl_timeline_init(&t, 300);
	wdl_timeline_add(&t, 0, false, WDILOG_PHASE_PROBE);
	wdl_timeline_add(&t, WDL_TIMELINE_GAP * 300, false, WDILOG_PHASE_PROBE);
	wdl_timeline_layout(&t, &l);
	CHECK_EQ_U(l.nbreaks, 0);        /* GAP - 1 empty buckets: drawn */
	CHECK_EQ_U(l.nslots, t.n);
	wdl_timeline_add(&t, (2 * WDL_TIMELINE_GAP + 1) * 300, false,
			 WDILOG_PHASE_PROBE);
	wdl_timeline_layout(&t, &l);
	CHECK_EQ_U(l.nbreaks, 1);        /* GAP empty buckets: one break */
	CHECK_EQ_U(l.nslots, WDL_TIMELINE_GAP + 1 + 1 + 1);
}

int main(void)
{
	durations();
	two_captures_days_apart();
	short_gaps_stay();
	return check_report("timeline_layout");
}
