/* wdilog — status codes and the caller-owned error struct. */
#ifndef WDILOG_ERROR_H
#define WDILOG_ERROR_H

#include <stdint.h>

#include <wdilog/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Every library call returns one of these. Below zero the call failed and
 * the run cannot go on for that input; a bad record is never a failure
 * (it is counted and passed to the diagnostic callback instead). */
typedef enum wdilog_status {
	WDILOG_OK = 0,
	WDILOG_DONE = 1,       /* clean end of iteration, not an error */
	WDILOG_ERR = -1,       /* generic; details in wdilog_error.message */
	WDILOG_ENOMEM = -2,
	WDILOG_EIO = -3,       /* open/read/write failed */
	WDILOG_EFORMAT = -4,   /* input unusable as a whole */
	WDILOG_EINVAL = -5     /* bad argument or option value */
} wdilog_status;

/* What a diagnostic is about; passed with every diagnostic callback. */
typedef enum wdilog_diag_kind {
	WDILOG_DIAG_MALFORMED = 1,  /* a status key with no readable value */
	WDILOG_DIAG_DAMAGED = 2,    /* an event that could not be read whole */
	WDILOG_DIAG_WARNING = 3     /* anything else worth knowing */
} wdilog_diag_kind;

/* Caller-owned. The message is fixed-size so that even out-of-memory can be
 * reported without allocating. */
typedef struct wdilog_error {
	int code;              /* a wdilog_status, or a wdilog_diag_kind */
	char message[256];     /* one line, lower case, no trailing period */
	const char *input;     /* path or "-", borrowed; NULL if none */
	uint64_t line;         /* 1-based line in the decoded input, 0 if none */
	uint64_t offset;       /* byte offset in the decoded input */
} wdilog_error;

/* Called once per diagnostic; @p diag is valid only during the call. */
typedef void (*wdilog_diag_fn)(const wdilog_error *diag, void *payload);

/* A short constant name for a status ("ENOMEM"), in static storage;
 * never NULL. */
WDILOG_API const char *wdilog_status_name(int status);

#ifdef __cplusplus
}
#endif
#endif
