/* The measurement behind doc/status-keys.md: how many status values the
 * "key, blanks, number" form would add. Reads each file (or standard
 * input) line by line, extracts with the form off and on, and prints every
 * line where it finds a value the line did not already have, then the
 * totals. Lines are scanned as text (an XML file's markup too, which
 * holds no such form), so for XML it is an upper bound.
 *
 * usage: blank_keys [-q] [FILE]...   (-q: totals only) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/extract.h"

struct totals {
	unsigned long long lines, found, hit_lines, added;
};

static bool has_code(const struct wdl_found *f, uint32_t code)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->values[i].has_code && f->values[i].code == code)
			return true;
	return false;
}

static void scan(struct wdl_keyset *ks, FILE *in, const char *name,
		 bool quiet, struct totals *t)
{
	struct wdl_found off, on;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	wdl_found_init(&off);
	wdl_found_init(&on);
	while ((n = getline(&line, &cap, in)) >= 0) {
		struct wdl_span s = { line, (size_t)n };
		t->lines++;
		wdl_found_reset(&off);
		wdl_found_reset(&on);
		ks->blank_number = false;
		wdl_extract_text(ks, s, &off);
		ks->blank_number = true;
		wdl_extract_text(ks, s, &on);
		t->found += off.n;
		unsigned added = 0;
		for (size_t i = 0; i < on.n; i++)
			if (on.values[i].has_code &&
			    !has_code(&off, on.values[i].code)) {
				added++;
				if (!quiet)
					printf("%s:%llu: +%u: %.*s", name,
					       t->lines, on.values[i].code,
					       (int)(n > 200 ? 200 : n), line);
			}
		if (added && !quiet && n > 0 && line[n - 1] != '\n')
			putchar('\n');
		t->hit_lines += added != 0;
		t->added += added;
	}
	free(line);
	wdl_found_dispose(&off);
	wdl_found_dispose(&on);
}

int main(int argc, char **argv)
{
	struct wdl_keyset ks;
	struct totals t = { 0 };
	bool quiet = argc > 1 && strcmp(argv[1], "-q") == 0;
	int first = quiet ? 2 : 1;
	if (wdl_keyset_init(&ks, NULL, NULL) != WDILOG_OK)
		return 2;
	if (first >= argc)
		scan(&ks, stdin, "-", quiet, &t);
	for (int i = first; i < argc; i++) {
		struct totals one = { 0 };
		FILE *in = fopen(argv[i], "rb");
		if (!in) {
			perror(argv[i]);
			return 2;
		}
		scan(&ks, in, argv[i], quiet, &one);
		fclose(in);
		t.lines += one.lines;
		t.found += one.found;
		t.hit_lines += one.hit_lines;
		t.added += one.added;
	}
	printf("lines %llu, values found %llu; with the form: lines with an "
	       "added value %llu, values added %llu\n",
	       t.lines, t.found, t.hit_lines, t.added);
	wdl_keyset_dispose(&ks);
	return 0;
}
