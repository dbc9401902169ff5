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
	case WDL_FORMAT_EVTX: return "evtx";
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

size_t wdl_wpp_prefix_lead(const char *s, size_t len, size_t *lead)
{
	size_t i = 0;
	/* blanks first: a line number may be right-aligned ("  676 [2]...") */
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	size_t d = i;
	while (i < len && wdl_is_digit((unsigned char)s[i]))
		i++;
	size_t digits = i - d;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	size_t n = 0;
	if (!digits || i > d + digits)  /* a line number needs a blank after it */
		n = wdl_wpp_prefix(s + i, len - i);
	*lead = n ? i : 0;
	return n;
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

/* Event Viewer's "XML View" marks a foldable element with "- " before
 * its '<'. Returns where the line's content starts. */
static size_t content_start(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i + 1 < len && s[i] == '-' && s[i + 1] == ' ') {
		size_t k = i + 1;
		while (k < len && (s[k] == ' ' || s[k] == '\t'))
			k++;
		if (k < len && s[k] == '<')
			i = k;
	}
	return i;
}

/* Does an XML document or event start at s? An <Event or <Events tag
 * (with any namespace prefix), an XML declaration, a comment or a
 * DOCTYPE; not just any '<'. */
static bool xml_start(const char *s, size_t len)
{
	if (len < 2 || s[0] != '<')
		return false;
	if (s[1] == '?')
		return len >= 5 && memcmp(s, "<?xml", 5) == 0;
	if (s[1] == '!')
		return (len >= 4 && memcmp(s, "<!--", 4) == 0) ||
		       (len >= 9 && memcmp(s, "<!DOCTYPE", 9) == 0);
	size_t i = 1, k = 1;
	while (k < len && k < 32 && wdl_is_word((unsigned char)s[k]))
		k++;
	if (k < len && s[k] == ':' && k > i)
		i = k + 1;
	if (len < i + 5 || memcmp(s + i, "Event", 5) != 0)
		return false;
	i += 5;
	if (i < len && s[i] == 's')
		i++;
	return i == len || s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
	       s[i] == '>' || s[i] == '/';
}

static bool name_start(char ch)
{
	unsigned char u = (unsigned char)ch;
	return wdl_is_word(u) && !wdl_is_digit(u);
}

/* Is there an <Event tag (any namespace prefix) in s[0, len)? Lets a
 * line with another root element, or a whole document on one line,
 * count as XML. */
static bool has_event_tag(const char *s, size_t len)
{
	for (size_t at = 1; at + 5 <= len;) {
		const char *e = memmem(s + at, len - at, "Event", 5);
		if (!e)
			return false;
		if (e[-1] == '<' || e[-1] == ':')
			return true;
		at = (size_t)(e - s) + 5;
	}
	return false;
}

enum wdl_format wdl_detect(const char *buf, size_t len,
			   struct wdl_detection *d)
{
	struct wdl_detection tmp;
	if (!d)
		d = &tmp;
	memset(d, 0, sizeof(*d));
	d->format = WDL_FORMAT_PLAIN_TEXT;
	size_t i = 0;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
			   buf[i] == '\n'))
		i++;
	if (i < len && buf[i] == '{') {
		/* a report wdilog wrote: read back as a trace it would count its
		 * own code names, so callers skip it instead */
		size_t look = len - i < 256 ? len - i : 256;
		if (memmem(buf + i, look, "\"schema\": \"wdilog/", 18)) {
			d->format = WDL_FORMAT_WDILOG_REPORT;
			return d->format;
		}
	}
	uint64_t lines = 0, nonblank = 0;
	size_t first_at = 0, first_len = 0;
	for (size_t at = 0; at < len;) {
		const char *s = buf + at;
		const char *nl = memchr(s, '\n', len - at);
		size_t n = nl ? (size_t)(nl - s) : len - at;
		size_t lead = content_start(s, n), wpp_lead;
		enum wdl_format f = WDL_FORMAT_PLAIN_TEXT;
		bool evidence = true;
		const char *c = s + lead;
		size_t cn = n - lead;
		if (xml_start(c, cn) ||
		    (cn >= 2 && c[0] == '<' && name_start(c[1]) &&
		     has_event_tag(c, len - at - lead)))
			f = WDL_FORMAT_EVENT_XML;
		else if (wdl_eventlog_block_start(s + lead, n - lead))
			f = WDL_FORMAT_EVENTLOG_TEXT;
		else if (!wdl_wpp_prefix_lead(s, n, &wpp_lead) &&
			 !(n >= 8 && memcmp(s, "Unknown(", 8) == 0))
			evidence = false;
		if (evidence) {
			if (f != WDL_FORMAT_PLAIN_TEXT && nonblank) {
				d->skip = at;
				d->skip_lines = lines;
				d->preamble_lines = nonblank;
				d->first_at = first_at;
				d->first_len = first_len;
			}
			d->format = f;
			return f;
		}
		size_t t = n;
		while (t > lead && (s[t - 1] == '\r' || s[t - 1] == ' ' ||
				    s[t - 1] == '\t'))
			t--;
		if (t > lead) {
			if (!nonblank) {
				first_at = at;
				first_len = t;
			}
			if (++nonblank > WDL_PREAMBLE_MAX_LINES)
				break;  /* too much text before any event */
		}
		if (!nl)
			break;
		lines++;
		at += n + 1;
	}
	return d->format;
}
