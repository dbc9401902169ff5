/* Classify stage, WLAN AutoConfig side: names for WLAN_REASON_CODE values
 * (the ReasonCode of WLAN-AutoConfig events 8002, 8003, 11006), beside
 * the 802.11 names of dot11.c. A pure lookup. */
#ifndef WDL_WLAN_REASON_H
#define WDL_WLAN_REASON_H

#include <stdbool.h>
#include <stdint.h>

/* A short lower-case phrase for @p code: the documented code's meaning,
 * else the range it falls in ("MSM security (0x4xxxx)"), else NULL.
 * *exact (may be NULL) tells which. Static storage. */
const char *wdl_wlan_reason_name(uint32_t code, bool *exact);

/* True for a reason that says the connection was cancelled (by the user
 * or the host): such an attempt is aborted, not failed (attempts.md). */
bool wdl_wlan_reason_is_cancel(uint32_t code);

#endif
