/* Filling the caller's wdilog_error, and raising diagnostics. */
#ifndef WDL_ERROR_H
#define WDL_ERROR_H

#include <stdint.h>

#include <wdilog/error.h>
#include <wdilog/options.h>

#if defined(__GNUC__)
#define WDL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define WDL_PRINTF(f, a)
/* The text of a macro's value, for messages that quote a limit: the
 * message then cannot drift from the limit. */
#define WDL_STR(x) WDL_STR_(x)
#define WDL_STR_(x) #x

#endif

/* Fill @p err (may be NULL) and return @p code, so a failure is one line at
 * the call site: return wdl_fail(err, WDILOG_EIO, "...", ...); */
int wdl_fail(wdilog_error *err, int code, const char *fmt, ...)
	WDL_PRINTF(3, 4);

/* wdl_fail for out-of-memory; never allocates. */
int wdl_fail_oom(wdilog_error *err);

/* Send one diagnostic of @p kind to the options' callback, if any. */
void wdl_diag(const wdilog_options *opts, int kind, const char *input,
	      uint64_t line, uint64_t offset, const char *fmt, ...)
	WDL_PRINTF(6, 7);

/* The text of a macro's value, for messages that quote a limit: the
 * message then cannot drift from the limit. */
#define WDL_STR(x) WDL_STR_(x)
#define WDL_STR_(x) #x

#endif
