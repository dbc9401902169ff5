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
 * 3b), summed over such lines; false if the input has none. Final once
 * the reader returned WDILOG_DONE. */
bool wdl_reader_events_lost(const wdilog_reader *r, uint64_t *lost);

#endif
