/* wdilog — count and classify WDI association statuses in decoded Windows
 * Wi-Fi driver traces. The one header to include. */
#ifndef WDILOG_WDILOG_H
#define WDILOG_WDILOG_H

#include <wdilog/attempts.h>
#include <wdilog/common.h>
#include <wdilog/error.h>
#include <wdilog/gate.h>
#include <wdilog/options.h>
#include <wdilog/reader.h>
#include <wdilog/report.h>
#include <wdilog/status.h>
#include <wdilog/walk.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version, "MAJOR.MINOR.PATCH"; static storage. */
WDILOG_API const char *wdilog_version(void);

#ifdef __cplusplus
}
#endif
#endif
