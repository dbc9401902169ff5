/* Errors are values: this file only formats them into caller-owned
 * structs. Nothing here prints or exits. */
#include "util/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The attribute tells clang the format is checked at our callers (its
 * -Wformat-nonliteral, part of -Wformat=2, errors out otherwise). */
static WDL_PRINTF(3, 0) void format_message(char *dst, size_t cap,
					    const char *fmt, va_list ap)
{
	int n = vsnprintf(dst, cap, fmt, ap);
	if (n < 0)
		snprintf(dst, cap, "(unprintable message)");
}

int wdl_fail(wdilog_error *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err->code = code;
		format_message(err->message, sizeof(err->message), fmt, ap);
		va_end(ap);
	}
	return code;
}

int wdl_fail_oom(wdilog_error *err)
{
	if (err) {
		err->code = WDILOG_ENOMEM;
		memcpy(err->message, "out of memory", sizeof("out of memory"));
	}
	return WDILOG_ENOMEM;
}

void wdl_diag(const wdilog_options *opts, int kind, const char *input,
	      uint64_t line, uint64_t offset, const char *fmt, ...)
{
	if (!opts || !opts->diag)
		return;
	wdilog_error d = { .code = kind, .input = input, .line = line,
			   .offset = offset };
	va_list ap;
	va_start(ap, fmt);
	format_message(d.message, sizeof(d.message), fmt, ap);
	va_end(ap);
	opts->diag(&d, opts->diag_payload);
}

const char *wdilog_status_name(int status)
{
	switch (status) {
	case WDILOG_OK: return "OK";
	case WDILOG_DONE: return "DONE";
	case WDILOG_ERR: return "ERR";
	case WDILOG_ENOMEM: return "ENOMEM";
	case WDILOG_EIO: return "EIO";
	case WDILOG_EFORMAT: return "EFORMAT";
	case WDILOG_EINVAL: return "EINVAL";
	default: return "UNKNOWN";
	}
}
