/* Binary formats by their magic bytes. A trace is text or XML; anything
 * here would otherwise be read as lines of garbage and counted as
 * thousands of damaged events. */
#include "input/magic.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

struct magic {
	enum wdl_binary kind;
	const char *name;
	const char *advice;
};

static const struct magic kinds[] = {
	{ WDL_BINARY_EVTX, "EVTX event log",
	  "export it as XML with 'wevtutil qe FILE /lf:true /f:xml' (Windows) or 'evtxexport -f xml FILE'" },
	{ WDL_BINARY_ETL, "ETL trace (Event Tracing for Windows, binary)",
	  "convert it to text with 'netsh trace convert FILE' or 'tracefmt FILE', or to XML with 'tracerpt FILE -of XML'" },
	{ WDL_BINARY_ZIP, "ZIP archive", "unpack it and give the logs inside" },
	{ WDL_BINARY_CAB, "CAB archive",
	  "unpack it with 'expand' (Windows) or 'cabextract' and give the logs inside" },
	{ WDL_BINARY_PE, "Windows executable or driver (PE)", "it is not a trace" },
	{ WDL_BINARY_ELF, "ELF executable", "it is not a trace" },
	{ WDL_BINARY_7Z, "7-Zip archive", "unpack it and give the logs inside" },
	{ WDL_BINARY_XZ, "xz-compressed file", "decompress it with 'xz -d' (only gzip is read as it is)" },
	{ WDL_BINARY_BZIP2, "bzip2-compressed file", "decompress it with 'bunzip2' (only gzip is read as it is)" },
	{ WDL_BINARY_ZSTD, "zstd-compressed file", "decompress it with 'zstd -d' (only gzip is read as it is)" },
	{ WDL_BINARY_PCAP, "pcap packet capture", "it is not a driver trace" },
	{ WDL_BINARY_PCAPNG, "pcapng packet capture",
	  "it is not a driver trace ('netsh trace' writes .etl; convert that with 'netsh trace convert')" },
	{ WDL_BINARY_GZIP, "gzip nested too deep", "decompress it with 'gzip -d' until text remains" },
};

static bool starts(const unsigned char *p, size_t n, const char *magic,
		   size_t len)
{
	return n >= len && memcmp(p, magic, len) == 0;
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* An ETL file has no magic string: it is a run of equal buffers, each
 * opening with a header whose first words are the buffer's size (a
 * multiple of 1 KiB, 64 KiB typically) and the offsets of its used part
 * (past the 72-byte header, within the buffer). Text cannot look like
 * that: it would start with a NUL byte and NULs at fixed places. */
static bool etl_buffer(const unsigned char *p, size_t n)
{
	if (n < 16)
		return false;
	uint32_t size = le32(p), saved = le32(p + 4), current = le32(p + 8);
	return size >= 1024 && size <= 64u * 1024 * 1024 && size % 1024 == 0 &&
	       saved >= 0x48 && saved <= size && current >= 0x48 &&
	       current <= size;
}

/* "MZ" alone starts words of text; a PE file's DOS header has NULs in
 * fixed places and points to "PE\0\0" (a 64-byte header is enough to see
 * the NULs; the pointer is checked when it is in view). */
static bool pe_image(const unsigned char *p, size_t n)
{
	if (n < 64 || p[0] != 'M' || p[1] != 'Z')
		return false;
	uint32_t pe = le32(p + 60);
	if (pe + 4 <= n)
		return memcmp(p + pe, "PE\0\0", 4) == 0;
	/* e_cparhdr (the header size in 16-byte paragraphs) is 4 in every
	 * linker's stub, and its high byte is NUL */
	return p[9] == 0 && memchr(p, 0, 64) != NULL;
}

enum wdl_binary wdl_binary_sniff(const unsigned char *p, size_t n)
{
	if (starts(p, n, "ElfFile\0", 8))
		return WDL_BINARY_EVTX;
	if (starts(p, n, "PK\3\4", 4) || starts(p, n, "PK\5\6", 4) ||
	    starts(p, n, "PK\7\10", 4))
		return WDL_BINARY_ZIP;
	if (starts(p, n, "MSCF\0\0\0\0", 8))
		return WDL_BINARY_CAB;
	if (starts(p, n, "\177ELF", 4))
		return WDL_BINARY_ELF;
	if (starts(p, n, "7z\274\257\047\034", 6))
		return WDL_BINARY_7Z;
	if (starts(p, n, "\3757zXZ\0", 6))
		return WDL_BINARY_XZ;
	if (starts(p, n, "BZh", 3) && n >= 10 && p[3] >= '1' && p[3] <= '9' &&
	    memcmp(p + 4, "1AY&SY", 6) == 0)
		return WDL_BINARY_BZIP2;
	if (starts(p, n, "\050\265\057\375", 4))
		return WDL_BINARY_ZSTD;
	if (starts(p, n, "\324\303\262\241", 4) ||
	    starts(p, n, "\241\262\303\324", 4) ||
	    starts(p, n, "\115\074\262\241", 4) ||
	    starts(p, n, "\241\262\074\115", 4))
		return WDL_BINARY_PCAP;
	if (starts(p, n, "\n\r\r\n", 4) && n >= 12 &&
	    (memcmp(p + 8, "\115\074\053\032", 4) == 0 ||
	     memcmp(p + 8, "\032\053\074\115", 4) == 0))
		return WDL_BINARY_PCAPNG;
	if (starts(p, n, "\037\213", 2))
		return WDL_BINARY_GZIP;
	if (pe_image(p, n))
		return WDL_BINARY_PE;
	if (etl_buffer(p, n))
		return WDL_BINARY_ETL;
	return WDL_BINARY_NONE;
}

static const struct magic *find(enum wdl_binary b)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].kind == b)
			return &kinds[i];
	return NULL;
}

const char *wdl_binary_name(enum wdl_binary b)
{
	const struct magic *m = find(b);
	return m ? m->name : NULL;
}

const char *wdl_binary_advice(enum wdl_binary b)
{
	const struct magic *m = find(b);
	return m ? m->advice : NULL;
}
