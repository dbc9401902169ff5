/* The library's version, set by the build from meson's project version. */
#include <wdilog/wdilog.h>

#ifndef WDILOG_VERSION_STRING
#error "the build defines WDILOG_VERSION_STRING"
#endif

const char *wdilog_version(void)
{
	return WDILOG_VERSION_STRING;
}
