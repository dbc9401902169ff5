/* Classify stage, WLAN_REASON_CODE names. The codes are grouped in ranges
 * of 0x10000 by the component that reports them (the auto-configuration
 * policy, the media-specific module, its security part, 802.1X, ...), and
 * within a range the second half (0x8000 and up) holds the connect-time
 * reasons. The phrases are our own summaries of the documented meaning;
 * a code the table lacks is named by its range. */
#include "status/wlan_reason.h"

#include <stddef.h>

struct reason_name {
	uint32_t code;
	const char *name;
};

/* Sorted by code. */
static const struct reason_name names[] = {
	{ 0x00000, "success" },
	{ 0x10001, "unknown reason" },
	{ 0x20001, "network not compatible" },
	{ 0x20002, "profile not compatible" },
	{ 0x28001, "no automatic connection" },
	{ 0x28002, "network not visible" },
	{ 0x28003, "denied by group policy" },
	{ 0x28004, "denied by the user" },
	{ 0x28005, "BSS type not allowed" },
	{ 0x28006, "network in the failed list" },
	{ 0x28007, "network in the blocked list" },
	{ 0x28008, "SSID list too long" },
	{ 0x28009, "connect call failed" },
	{ 0x2800a, "scan call failed" },
	{ 0x2800b, "network not available" },
	{ 0x2800c, "profile changed or deleted" },
	{ 0x2800d, "key mismatch" },
	{ 0x2800e, "user did not respond" },
	{ 0x30001, "security not supported by the OS" },
	{ 0x30002, "security settings not supported" },
	{ 0x30003, "BSS type does not match" },
	{ 0x30004, "PHY type does not match" },
	{ 0x30005, "data rates do not match" },
	{ 0x38001, "cancelled by the user" },
	{ 0x38002, "association failed" },
	{ 0x38003, "association timed out" },
	{ 0x38004, "pre-security failure" },
	{ 0x38005, "security could not start" },
	{ 0x38006, "security failed" },
	{ 0x38007, "security timed out" },
	{ 0x38008, "roaming failed" },
	{ 0x38009, "security failed while roaming" },
	{ 0x3800a, "ad hoc security failed" },
	{ 0x3800b, "the driver disconnected" },
	{ 0x3800c, "a driver operation failed" },
	{ 0x3800d, "IHV service not available" },
	{ 0x3800e, "IHV service not responding" },
	{ 0x3800f, "disconnect timed out" },
	{ 0x38010, "internal failure" },
	{ 0x38011, "user interface request timed out" },
	{ 0x38012, "too many security attempts" },
	{ 0x38013, "access point failed to start" },
	{ 0x38014, "no visible access point" },
	{ 0x48002, "authentication did not start in time" },
	{ 0x48003, "authentication did not succeed in time" },
	{ 0x48004, "key exchange did not start in time" },
	{ 0x48005, "key exchange did not succeed in time" },
	{ 0x48011, "security cancelled" },
	{ 0x48014, "pre-shared key mismatch suspected" },
};

struct reason_range {
	uint32_t base;              /* a multiple of 0x10000 */
	const char *name;
};

static const struct reason_range ranges[] = {
	{ 0x10000, "general (0x1xxxx)" },
	{ 0x20000, "auto-config policy (0x2xxxx)" },
	{ 0x30000, "auto-config (0x3xxxx)" },
	{ 0x40000, "MSM security (0x4xxxx)" },
	{ 0x50000, "802.1X (0x5xxxx)" },
	{ 0x60000, "wired auto-config (0x6xxxx)" },
	{ 0x70000, "wired MSM (0x7xxxx)" },
	{ 0x80000, "profile (0x8xxxx)" },
	{ 0x90000, "IHV (0x9xxxx)" },
};

const char *wdl_wlan_reason_name(uint32_t code, bool *exact)
{
	size_t lo = 0, hi = sizeof(names) / sizeof(names[0]);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (names[mid].code == code) {
			if (exact)
				*exact = true;
			return names[mid].name;
		}
		if (names[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (exact)
		*exact = false;
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if ((code & ~0xffffu) == ranges[i].base)
			return ranges[i].name;
	return NULL;
}

bool wdl_wlan_reason_is_cancel(uint32_t code)
{
	return code == 0x38001 || code == 0x48011;
}
