/* Is an output safe for where it goes?
 *
 *   safe_check terminal FILE   valid UTF-8; no C0 control but newline, no
 *                              DEL, no C1 control (U+0080-U+009F): nothing
 *                              that can move a cursor or start a sequence
 *   safe_check ansi FILE       as terminal, but ESC may start an SGR
 *                              sequence (ESC [ digits and ; m): colour
 *   safe_check json FILE       parses as JSON, and no raw C0, DEL or C1
 *                              control (they must be \u escapes: a JSON
 *                              report is often read with cat)
 *   safe_check xml FILE        well-formed XML 1.0 (libxml2, no network,
 *                              no entities), so no forbidden character
 *                              even as a reference
 *   safe_check html FILE       valid UTF-8 without controls, and none of
 *                              the markup the hostile inputs carry
 *                              (<x-evil, <script, onerror=, "evil, 'evil)
 *
 * Exits 0 if safe, 1 naming the first problem, 2 on a usage error. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <libxml/parser.h>

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		exit(2);
	}
	size_t cap = 1 << 16, n = 0, k;
	unsigned char *b = malloc(cap + 1);
	while (b && (k = fread(b + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap) {
			cap *= 2;
			b = realloc(b, cap + 1);
		}
	}
	if (!b || ferror(f)) {
		fprintf(stderr, "%s: cannot read\n", path);
		exit(2);
	}
	fclose(f);
	b[n] = '\0';
	*len = n;
	return b;
}

static size_t utf8_len(const unsigned char *p, size_t avail)
{
	unsigned char c = p[0];
	size_t n;
	unsigned v, min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2, v = c & 0x1Fu, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3, v = c & 0x0Fu, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4, v = c & 0x07u, min = 0x10000;
	else
		return 0;
	if (n > avail)
		return 0;
	for (size_t k = 1; k < n; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (p[k] & 0x3Fu);
	}
	return v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF) ? 0 : n;
}

static int bad(const char *path, size_t at, const char *what, unsigned c)
{
	printf("safe_check: %s: byte %zu: %s (0x%02x)\n", path, at, what, c);
	return 1;
}

/* Length of an SGR sequence at p (ESC [ [0-9;]* m), or 0. */
static size_t sgr_len(const unsigned char *p, size_t n)
{
	size_t k = 2;
	if (n < 3 || p[0] != 0x1b || p[1] != '[')
		return 0;
	while (k < n && ((p[k] >= '0' && p[k] <= '9') || p[k] == ';'))
		k++;
	return k < n && p[k] == 'm' ? k + 1 : 0;
}

static int terminal(const char *path, const unsigned char *p, size_t n,
		    bool colour)
{
	for (size_t i = 0; i < n;) {
		size_t k = utf8_len(p + i, n - i);
		size_t sgr = colour ? sgr_len(p + i, n - i) : 0;
		if (sgr) {
			i += sgr;
			continue;
		}
		if (!k)
			return bad(path, i, "not UTF-8", p[i]);
		if (k == 1 && ((p[i] < 0x20 && p[i] != '\n') || p[i] == 0x7f))
			return bad(path, i, "control character", p[i]);
		if (k == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0)
			return bad(path, i, "C1 control", p[i + 1]);
		i += k;
	}
	return 0;
}

static int json(const char *path, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if ((p[i] < 0x20 && p[i] != '\n') || p[i] == 0x7f)
			return bad(path, i, "raw control byte", p[i]);
		if (p[i] == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 &&
		    p[i + 1] < 0xA0)
			return bad(path, i, "raw C1 control", p[i + 1]);
	}
	json_error_t err;
	json_t *root = json_loadb((const char *)p, n, 0, &err);
	if (!root) {
		printf("safe_check: %s: not JSON: %s (line %d)\n", path, err.text,
		       err.line);
		return 1;
	}
	json_decref(root);
	return 0;
}

static int xml(const char *path, const unsigned char *p, size_t n)
{
	xmlDocPtr doc = xmlReadMemory((const char *)p, (int)n, path, NULL,
				      XML_PARSE_NONET | XML_PARSE_NOERROR |
				      XML_PARSE_NOWARNING);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		printf("safe_check: %s: not well-formed XML: %s", path,
		       e && e->message ? e->message : "?\n");
		return 1;
	}
	xmlFreeDoc(doc);
	return 0;
}

/* Markup an output must never contain raw: the hostile inputs use it. */
/* The hostile inputs' own markup, unescaped. The HTML report has a script
 * of its own, so the marker is the injected file name's, not any <script>;
 * an escaped onerror=&quot;... is inert text (the tag and the quote are
 * what the other markers catch). */
static const char *const markers[] = { "<x-evil", "<script>.txt", "\"evil",
				       "'evil" };

/* Markdown: a quote outside a tag is plain text, and a tag needs a '<'
 * (which the renderer escapes), so only the tag markers apply. */
static int html_markers(const char *path, const unsigned char *p, size_t n,
			size_t nmarkers)
{
	int rc = terminal(path, p, n, false);
	if (rc)
		return rc;
	for (size_t m = 0; m < nmarkers; m++) {
		const char *hit = strstr((const char *)p, markers[m]);
		if (hit)
			return bad(path, (size_t)(hit - (const char *)p),
				   "hostile markup unescaped", (unsigned char)*hit);
	}
	return 0;
}

static int html(const char *path, const unsigned char *p, size_t n)
{
	return html_markers(path, p, n, sizeof(markers) / sizeof(markers[0]));
}

static int markdown(const char *path, const unsigned char *p, size_t n)
{
	return html_markers(path, p, n, 2);   /* <x-evil and <script>.txt */
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: safe_check terminal|ansi|json|xml|html|markdown FILE\n", stderr);
		return 2;
	}
	size_t n;
	unsigned char *p = slurp(argv[2], &n);
	int rc;
	if (strcmp(argv[1], "terminal") == 0)
		rc = terminal(argv[2], p, n, false);
	else if (strcmp(argv[1], "markdown") == 0)
		rc = markdown(argv[2], p, n);
	else if (strcmp(argv[1], "ansi") == 0)
		rc = terminal(argv[2], p, n, true);
	else if (strcmp(argv[1], "json") == 0)
		rc = json(argv[2], p, n);
	else if (strcmp(argv[1], "xml") == 0)
		rc = xml(argv[2], p, n);
	else if (strcmp(argv[1], "html") == 0)
		rc = html(argv[2], p, n);
	else
		rc = 2;
	free(p);
	return rc;
}
