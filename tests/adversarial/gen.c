/* Writes the adversarial inputs that are too big (or too binary) to keep
 * in git. Each is generated into the build directory when its test runs,
 * streamed in blocks so that the generator itself stays small.
 *
 *   gen longline OUT MIB middle|end   tracefmt text around one huge line
 *   gen bigevent OUT MIB              XML with one huge <Event> in between
 *   gen deep OUT DEPTH                XML event nested DEPTH deep, then a
 *                                     normal one
 *   gen gzbomb OUT MIB                gzip of MIB MiB of repeated lines
 *   gen gz OUT IN whole|concat|truncate|badcrc|badlen|corrupt
 *                                     gzip of file IN, altered as named
 *   gen utf16 OUT IN le|be [nobom]    UTF-8 file IN as UTF-16
 *   gen garbage OUT KIB SEED          pseudo-random bytes
 *   gen distinct OUT N                N events each with a new unknown
 *                                     name and number, and N undecoded
 *                                     events each with a new GUID
 *   gen crowd OUT line|lines|xml      one event with ~100,000 distinct
 *                                     statuses (on one line, on
 *                                     continuation lines, in XML) between
 *                                     two normal events (31 and 41)
 *   gen pad OUT IN KIB                KIB of events without a status
 *                                     (XML if IN ends in .xml), then IN:
 *                                     moves IN past the first read
 *
 * The expected counts of each are stated in cases.sh next to its test. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#define MIB (1024u * 1024u)

static FILE *out_file;

static void die(const char *what)
{
	fprintf(stderr, "gen: %s\n", what);
	exit(2);
}

static void put(const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, out_file) != n)
		die("write failed");
}

static void puts_(const char *s)
{
	put(s, strlen(s));
}

/* @p n bytes of @p c, in blocks. */
static void fill(char c, uint64_t n)
{
	static char block[64 * 1024];
	memset(block, c, sizeof(block));
	while (n) {
		size_t k = n < sizeof(block) ? (size_t)n : sizeof(block);
		put(block, k);
		n -= k;
	}
}

static unsigned long mib_arg(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (*end || v == 0)
		die("bad size");
	return v;
}

#define WPP(sec, msg) "[0]0888.0D60::10/23/2003-12:27:" sec " [wdi]" msg

/* Lines 1-2 with statuses 31 and 41; line 3 the huge line (no status that
 * could be counted: it is damaged); for "middle", lines 4-5 with 51 and
 * 15 after it. */
static void longline(unsigned long mib, int middle)
{
	puts_(WPP("40.173", "AssocStatus=31") "\r\n");
	puts_(WPP("41.000", "WdiAssocStatus: 41") "\n");
	puts_(WPP("42.000", "AssocStatus=50 "));
	fill('x', (uint64_t)mib * MIB);
	if (!middle)
		return;     /* no newline: the file ends inside the line */
	puts_("\n");
	puts_(WPP("43.000", "AssocStatus=51") "\n");
	puts_(WPP("44.000", "RoamReason is 15") "\n");
}

#define EV_OPEN "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">" \
	"<System><TimeCreated SystemTime=\"2024-03-05T08:12:44.1234567Z\"/></System>"
#define EV(status) EV_OPEN "<EventData><Data Name=\"AssocStatus\">" status \
	"</Data></EventData></Event>\r\n"

/* Events 1 (31) and 3 (51) are normal; event 2 carries MIB MiB of text
 * and a status at its start, and must be damaged. */
static void bigevent(unsigned long mib)
{
	puts_("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Events>\r\n");
	puts_(EV("31"));
	puts_(EV_OPEN "<EventData><Data Name=\"AssocStatus\">50</Data>"
	      "<Data Name=\"Blob\">");
	fill('y', (uint64_t)mib * MIB);
	puts_("</Data></EventData></Event>\r\n");
	puts_(EV("51"));
	puts_("</Events>\r\n");
}

/* Event 1 nests DEPTH elements inside UserData with a status at the
 * bottom; event 2 is normal (status 31). */
static void deep(unsigned long depth)
{
	puts_("<Events>\n" EV_OPEN "<UserData>");
	for (unsigned long i = 0; i < depth; i++)
		puts_("<n>");
	puts_("<AssocStatus>41</AssocStatus>");
	for (unsigned long i = 0; i < depth; i++)
		puts_("</n>");
	puts_("</UserData></Event>\n");
	puts_(EV("31"));
	puts_("</Events>\n");
}

/* Deflate @p n bytes from @p in onto the output as one gzip member. */
static void gzip_member(const unsigned char *in, size_t n, unsigned char **dst,
			size_t *dlen)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 9,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		die("deflateInit2");
	uLong bound = deflateBound(&z, (uLong)n);
	*dst = malloc(bound);
	if (!*dst)
		die("out of memory");
	z.next_in = (unsigned char *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = *dst;
	z.avail_out = (uInt)bound;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		die("deflate");
	*dlen = bound - z.avail_out;
	deflateEnd(&z);
}

/* MIB MiB of event lines, each a status and then 512 KiB of spaces:
 * runs of one byte are what deflate shrinks most (about 1000:1; a
 * repeated short line gets only ~300:1, its match distances cost extra
 * bits). The lines stay under the 1 MiB line limit. */
static void gzbomb(unsigned long mib)
{
	static const char head[] = WPP("40.173", "AssocStatus=31");
	static unsigned char line[512 * 1024], outb[64 * 1024];
	size_t hl = sizeof(head) - 1;
	memcpy(line, head, hl);
	memset(line + hl, ' ', sizeof(line) - hl - 1);
	line[sizeof(line) - 1] = '\n';
	z_stream z;
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 9,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		die("deflateInit2");
	uint64_t lines = (uint64_t)mib * MIB / sizeof(line), done = 0;
	for (;;) {
		if (z.avail_in == 0 && done < lines) {
			z.next_in = line;
			z.avail_in = sizeof(line);
			done++;
		}
		z.next_out = outb;
		z.avail_out = sizeof(outb);
		int rc = deflate(&z, done >= lines && z.avail_in == 0 ? Z_FINISH
								   : Z_NO_FLUSH);
		if (rc == Z_STREAM_ERROR)
			die("deflate");
		put(outb, sizeof(outb) - z.avail_out);
		if (rc == Z_STREAM_END)
			break;
	}
	deflateEnd(&z);
	fprintf(stderr, "gen: gzbomb of %llu lines\n", (unsigned long long)lines);
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot open the input");
	size_t cap = 1 << 16, n = 0;
	unsigned char *b = malloc(cap);
	size_t k;
	while (b && (k = fread(b + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap) {
			cap *= 2;
			b = realloc(b, cap);
		}
	}
	if (!b || ferror(f))
		die("cannot read the input");
	fclose(f);
	*len = n;
	return b;
}

static void gz(const char *inpath, const char *mode)
{
	size_t n, zl;
	unsigned char *in = slurp(inpath, &n), *z;
	if (strcmp(mode, "concat") == 0) {
		/* split at a line end near the middle: two complete members */
		size_t half = n / 2;
		while (half < n && in[half - 1] != '\n')
			half++;
		gzip_member(in, half, &z, &zl);
		put(z, zl);
		free(z);
		gzip_member(in + half, n - half, &z, &zl);
		put(z, zl);
		free(z);
		free(in);
		return;
	}
	gzip_member(in, n, &z, &zl);
	if (strcmp(mode, "truncate") == 0) {
		zl = zl * 2 / 3;
	} else if (strcmp(mode, "badcrc") == 0) {
		z[zl - 8] ^= 0xFF;   /* the CRC-32 in the trailer */
	} else if (strcmp(mode, "badlen") == 0) {
		z[zl - 1] ^= 0x01;   /* the length (ISIZE) in the trailer */
	} else if (strcmp(mode, "corrupt") == 0) {
		/* a stored-block-sized stretch of noise in the middle */
		for (size_t i = zl / 2; i < zl / 2 + 16 && i < zl - 8; i++)
			z[i] ^= 0xA5;
	} else if (strcmp(mode, "whole") != 0) {
		die("unknown gz mode");
	}
	put(z, zl);
	free(z);
	free(in);
}

static void unit(uint32_t u, int le)
{
	unsigned char b[2] = { (unsigned char)(le ? u : u >> 8),
			       (unsigned char)(le ? u >> 8 : u) };
	put(b, 2);
}

static void utf16(const char *inpath, int le, int bom)
{
	size_t n;
	unsigned char *d = slurp(inpath, &n);
	size_t i = 0;
	if (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
		i = 3;
	if (bom)
		unit(0xFEFF, le);
	while (i < n) {
		uint32_t cp;
		unsigned char c = d[i];
		size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (i + k > n)
			die("input is not UTF-8");
		cp = k == 1 ? c : k == 2 ? c & 0x1Fu : k == 3 ? c & 0x0Fu : c & 0x07u;
		for (size_t j = 1; j < k; j++)
			cp = cp << 6 | (d[i + j] & 0x3Fu);
		if (cp >= 0x10000) {
			cp -= 0x10000;
			unit(0xD800 + (cp >> 10), le);
			unit(0xDC00 + (cp & 0x3FF), le);
		} else {
			unit(cp, le);
		}
		i += k;
	}
	free(d);
}

static void garbage(unsigned long kib, unsigned long seed)
{
	uint64_t x = seed * 0x9E3779B97F4A7C15u + 1;
	for (unsigned long i = 0; i < kib * 1024; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		unsigned char c = (unsigned char)(x >> 24);
		put(&c, 1);
	}
}

static void distinct(unsigned long n)
{
	char line[200];
	for (unsigned long i = 0; i < n; i++) {
		snprintf(line, sizeof(line),
			 WPP("40.173", "WDI_ASSOC_STATUS_MADE_UP_%lu AssocStatus=%lu") "\n"
			 "Unknown( 76): GUID=%08lx-ccdb-3c2c-6150-28b4eacacbc4 "
			 "(No Format Information found).\n", i, 1000 + i, i);
		puts_(line);
	}
}

static void crowd(const char *kind)
{
	char v[64];
	if (strcmp(kind, "xml") == 0) {
		puts_("<Events>\n" EV("31") EV_OPEN "<UserData><Foo>");
		for (unsigned i = 0; i < 100000; i++) {
			snprintf(v, sizeof(v), "<AssocStatus>%u</AssocStatus>", i);
			puts_(v);
		}
		puts_("</Foo></UserData></Event>\n" EV("41") "</Events>\n");
		return;
	}
	bool one_line = strcmp(kind, "line") == 0;
	puts_(WPP("40.173", "AssocStatus=31") "\n");
	puts_(WPP("41.000", "crowd:"));
	/* one line stays under the 1 MiB line limit */
	for (unsigned i = 0; i < (one_line ? 55000u : 100000u); i++) {
		snprintf(v, sizeof(v), one_line ? " AssocStatus=%u" : "\n  AssocStatus=%u",
			 i);
		puts_(v);
	}
	puts_("\n" WPP("42.000", "AssocStatus=41") "\n");
}

static void pad(const char *inpath, unsigned long kib)
{
	size_t n, il = strlen(inpath);
	unsigned char *in = slurp(inpath, &n);
	bool xml = il > 4 && strcmp(inpath + il - 4, ".xml") == 0;
	const char *line = xml ? "<Event><System><EventID>1</EventID></System></Event>\n"
			       : WPP("39.000", "no status on this line") "\n";
	if (xml)
		puts_("<Events>\n");
	for (unsigned long done = 0; done < kib * 1024; done += strlen(line))
		puts_(line);
	if (xml)
		puts_("</Events>\n");
	put(in, n);
	free(in);
}

int main(int argc, char **argv)
{
	if (argc < 4)
		die("usage: gen KIND OUT ARGS... (see gen.c)");
	const char *kind = argv[1];
	out_file = fopen(argv[2], "wb");
	if (!out_file)
		die("cannot create the output");
	if (strcmp(kind, "longline") == 0 && argc == 5)
		longline(mib_arg(argv[3]), strcmp(argv[4], "middle") == 0);
	else if (strcmp(kind, "bigevent") == 0)
		bigevent(mib_arg(argv[3]));
	else if (strcmp(kind, "deep") == 0)
		deep(mib_arg(argv[3]));
	else if (strcmp(kind, "gzbomb") == 0)
		gzbomb(mib_arg(argv[3]));
	else if (strcmp(kind, "gz") == 0 && argc == 5)
		gz(argv[3], argv[4]);
	else if (strcmp(kind, "utf16") == 0 && argc >= 5)
		utf16(argv[3], strcmp(argv[4], "le") == 0,
		      !(argc == 6 && strcmp(argv[5], "nobom") == 0));
	else if (strcmp(kind, "distinct") == 0)
		distinct(mib_arg(argv[3]));
	else if (strcmp(kind, "crowd") == 0)
		crowd(argv[3]);
	else if (strcmp(kind, "pad") == 0 && argc == 5)
		pad(argv[3], mib_arg(argv[4]));
	else if (strcmp(kind, "garbage") == 0 && argc == 5)
		garbage(mib_arg(argv[3]), mib_arg(argv[4]));
	else
		die("unknown kind or wrong arguments");
	if (fclose(out_file) != 0)
		die("write failed");
	return 0;
}
