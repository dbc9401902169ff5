/* Names the status table shares with every stage that matches or shows a
 * status: the token prefix, the words for a number outside the enum, and
 * how many codes are indexed directly. One place, so that a message that
 * quotes one of them cannot drift from the code that uses it. */
#ifndef WDL_STATUS_NAMES_H
#define WDL_STATUS_NAMES_H

#include <stddef.h>
#include <string.h>

/* Every WDI association status name starts with it. */
#define WDL_STATUS_PREFIX "WDI_ASSOC_STATUS_"
#define WDL_STATUS_PREFIX_LEN (sizeof(WDL_STATUS_PREFIX) - 1)

/* Shown for a status number the enum does not name. */
#define WDL_NOT_IN_ENUM "(not in the enum)"

/* Codes below this are looked up in a direct table, not a hash: the
 * enum's values are small. */
#define WDL_DIRECT_CODES 64

/* @p name without its WDL_STATUS_PREFIX, for tables where the prefix is
 * noise; the whole name when it has no prefix or nothing after it. */
static inline const char *wdl_status_short_name(const char *name)
{
	if (strncmp(name, WDL_STATUS_PREFIX, WDL_STATUS_PREFIX_LEN) == 0 &&
	    name[WDL_STATUS_PREFIX_LEN])
		return name + WDL_STATUS_PREFIX_LEN;
	return name;
}

#endif
