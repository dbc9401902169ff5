/* What a reader counted beside its events, for the report layer. Not in
 * the public header yet (see the parse-side notes in the change that
 * added it): the report reads them through these calls. */
#ifndef WDL_READER_COUNTS_H
#define WDL_READER_COUNTS_H

#include <stdbool.h>
#include <stdint.h>

#include <wdilog/reader.h>

/* Non-blank lines passed over before the first event of an XML or
 * eventlog-text export (a banner, a console prompt; formats.md 3a), named
 * in one warning. Known once the first wdilog_reader_next call returned. */
uint64_t wdl_reader_preamble_lines(const wdilog_reader *r);

/* Events read whole only after a byte that breaks the format was taken
 * as text (a raw '&' or control character in XML; formats.md 3a): counted
 * as ordinary events, and here. The first is named in a warning. */
uint64_t wdl_reader_repaired(const wdilog_reader *r);

/* Events the capture says it lost (tracefmt's "Processing completed ...
 * EventsLost: N" line, FmtSum.txt's "Total Events  Lost N"; formats.md
 * 3b), summed over such lines; false if the input has none. An EVTX file
 * whose header flags could be read says 0 when it is neither dirty nor
 * full, and nothing (false) when it is: it cannot say how many, which
 * wdl_reader_lost_uncounted tells. Final once the reader returned
 * WDILOG_DONE. */
bool wdl_reader_events_lost(const wdilog_reader *r, uint64_t *lost);

/* True when the input was cut short: a gzip stream (at any depth) with no
 * trailer, or an EVTX file that ends inside a chunk or before the chunks
 * its header counts. Final once the reader returned WDILOG_DONE. */
bool wdl_reader_truncated(const wdilog_reader *r);

/* True when the capture says it lost events without saying how many: an
 * EVTX file header flagged dirty (not closed cleanly) or full (formats.md
 * 3b; doc/evtx.md, "Loss the file reports"). */
bool wdl_reader_lost_uncounted(const wdilog_reader *r);

/* wdilog_reader_next for a caller that only counts events without
 * status: such an event with nothing else to it (no value, nothing
 * malformed, not damaged or undecoded, no WLAN signal) may be left out
 * and counted in *plain instead, which is set on every return and counts
 * those before the event handed out (or before the end or the error).
 * Every other event is handed out as wdilog_reader_next does. */
int wdl_reader_next_counted(wdilog_reader *r, wdilog_event *ev,
			    uint64_t *plain, wdilog_error *err);

#endif
