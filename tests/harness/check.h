/* The one C test harness: a CHECK records a failure with its location and
 * goes on; main() returns check_report(). Each test program is one meson
 * test; cases are functions named for what they check. CHECK_MSG says in
 * its own words (printf format) what failed, for checks whose condition
 * alone would not. */
#ifndef WDILOG_TEST_CHECK_H
#define WDILOG_TEST_CHECK_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int check_failures;
static int check_count;

#define CHECK(cond)                                                       \
	do {                                                              \
		check_count++;                                            \
		if (!(cond)) {                                            \
			check_failures++;                                 \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n",      \
				__FILE__, __LINE__, #cond);               \
		}                                                         \
	} while (0)

#define CHECK_EQ_U(a, b)                                                  \
	do {                                                              \
		unsigned long long a_ = (unsigned long long)(a);          \
		unsigned long long b_ = (unsigned long long)(b);          \
		check_count++;                                            \
		if (a_ != b_) {                                           \
			check_failures++;                                 \
			fprintf(stderr, "%s:%d: %s == %llu, expected %llu\n", \
				__FILE__, __LINE__, #a, a_, b_);          \
		}                                                         \
	} while (0)

#define CHECK_STR(a, b)                                                   \
	do {                                                              \
		const char *a_ = (a), *b_ = (b);                          \
		check_count++;                                            \
		if (!a_ || !b_ || strcmp(a_, b_) != 0) {                  \
			check_failures++;                                 \
			fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", \
				__FILE__, __LINE__, #a, a_ ? a_ : "(null)", \
				b_ ? b_ : "(null)");                      \
		}                                                         \
	} while (0)

static inline void check_failed_at(const char *file, int line,
				   const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static inline void check_failed_at(const char *file, int line,
				   const char *fmt, ...)
{
	va_list ap;
	check_failures++;
	fprintf(stderr, "%s:%d: CHECK failed: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* CHECK_MSG(cond, fmt, ...): the message is printed only on failure. */
#define CHECK_MSG(cond, ...)                                              \
	do {                                                              \
		check_count++;                                            \
		if (!(cond))                                              \
			check_failed_at(__FILE__, __LINE__, __VA_ARGS__); \
	} while (0)

static inline int check_report(const char *name)
{
	fprintf(stderr, "%s: %d checks, %d failed\n", name, check_count,
		check_failures);
	return check_failures ? 1 : 0;
}

#endif
