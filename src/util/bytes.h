/* Little-endian integers read from a byte buffer, for the binary formats
 * (EVTX, binary XML, file magic). The caller checks the bounds. */
#ifndef WDL_BYTES_H
#define WDL_BYTES_H

#include <stdint.h>

static inline uint16_t wdl_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t wdl_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t wdl_le64(const uint8_t *p)
{
	return (uint64_t)wdl_le32(p) | (uint64_t)wdl_le32(p + 4) << 32;
}

#endif
