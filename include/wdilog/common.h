/* wdilog — visibility macro shared by the public headers. */
#ifndef WDILOG_COMMON_H
#define WDILOG_COMMON_H

#if defined(__GNUC__)
#define WDILOG_API __attribute__((visibility("default")))
#else
#define WDILOG_API
#endif

#endif
