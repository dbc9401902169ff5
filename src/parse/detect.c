/* Detect stage. Looks only at the start of the decoded input; the text
 * parser finishes the wpp-text / plain-text decision itself because a
 * file's first default-prefix line may come late. */
#include "parse/detect.h"

#include <string.h>

#include "util/span.h"

const char *wdl_format_name(enum wdl_format f)
{
	switch (f) {
	case WDL_FORMAT_EVENT_XML: return "event-xml";
	case WDL_FORMAT_EVENTLOG_TEXT: return "eventlog-text";
	case WDL_FORMAT_PLAIN_TEXT: return "plain-text";
	case WDL_FORMAT_WDILOG_REPORT: return "wdilog-report";
	case WDL_FORMAT_WPP_TEXT: break;
	}
	return "wpp-text";
}

size_t wdl_wpp_prefix(const char *s, size_t len)
{
	if (len == 0 || s[0] != '[')
		return 0;
	size_t i = 1, d = i;
	while (i < len && wdl_is_digit((unsigned char)s[i]))
		i++;
	if (i == d || i >= len || s[i] != ']')
		return 0;
	i++;
	while (i < len && s[i] == ' ')
		i++;
	size_t h = i;
	while (i < len && wdl_is_hex((unsigned char)s[i]))
		i++;
	if (i == h || i >= len || s[i] != '.')
		return 0;
	i++;
	h = i;
	while (i < len && wdl_is_hex((unsigned char)s[i]))
		i++;
	if (i == h || i + 1 >= len || s[i] != ':' || s[i + 1] != ':')
		return 0;
	i += 2;
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

bool wdl_eventlog_block_start(const char *s, size_t len)
{
	if (len < 9 || memcmp(s, "Event[", 6) != 0)
		return false;
	size_t i = 6;
	while (i < len && wdl_is_digit((unsigned char)s[i]))
		i++;
	return i > 6 && i + 1 < len && s[i] == ']' && s[i + 1] == ':';
}

enum wdl_format wdl_detect(const char *buf, size_t len)
{
	size_t i = 0;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
			   buf[i] == '\n'))
		i++;
	if (i < len && buf[i] == '{') {
		/* a report wdilog wrote: read back as a trace it would count its
		 * own code names, so callers skip it instead */
		size_t look = len - i < 256 ? len - i : 256;
		if (memmem(buf + i, look, "\"schema\": \"wdilog/", 18))
			return WDL_FORMAT_WDILOG_REPORT;
	}
	if (i < len && buf[i] == '<')
		return WDL_FORMAT_EVENT_XML;
	if (wdl_eventlog_block_start(buf + i, len - i))
		return WDL_FORMAT_EVENTLOG_TEXT;
	return WDL_FORMAT_PLAIN_TEXT;
}
