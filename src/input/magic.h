/* Input stage, binary formats: what a file is when it is not text, told
 * by its first bytes, and what to tell the user to do with it. */
#ifndef WDL_MAGIC_H
#define WDL_MAGIC_H

#include <stddef.h>

enum wdl_binary {
	WDL_BINARY_NONE = 0,        /* no magic matched: text, as far as the
				       first bytes tell */
	WDL_BINARY_EVTX,
	WDL_BINARY_ETL,
	WDL_BINARY_ZIP,
	WDL_BINARY_CAB,
	WDL_BINARY_PE,
	WDL_BINARY_ELF,
	WDL_BINARY_7Z,
	WDL_BINARY_XZ,
	WDL_BINARY_BZIP2,
	WDL_BINARY_ZSTD,
	WDL_BINARY_PCAP,
	WDL_BINARY_PCAPNG,
	WDL_BINARY_GZIP             /* gzip nested deeper than is inflated */
};

/* How many leading bytes wdl_binary_sniff wants to see (fewer are fine at
 * the end of a short input). */
#define WDL_MAGIC_BYTES 64u

/* The binary format @p p[0, n) starts with, or WDL_BINARY_NONE. */
enum wdl_binary wdl_binary_sniff(const unsigned char *p, size_t n);

/* Its name for messages ("EVTX event log"), NULL for WDL_BINARY_NONE. */
const char *wdl_binary_name(enum wdl_binary b);

/* What to do instead, one phrase naming the tool that converts it
 * ("export it as XML with ..."); NULL for WDL_BINARY_NONE. */
const char *wdl_binary_advice(enum wdl_binary b);

#endif
