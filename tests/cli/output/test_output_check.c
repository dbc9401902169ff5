/* cli_check_outputs: two -o naming one file are a usage error, whatever
 * the spelling (issue 11, item 13); distinct files, standard output and
 * a single output are fine. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "output.h"
#include "usage.h"

static char dir[64];

static const char *in_dir(char *buf, size_t cap, const char *name)
{
	snprintf(buf, cap, "%s/%s", dir, name);
	return buf;
}

static int pair(const char *a, const char *b)
{
	struct cli_output o[2] = { { FORMAT_JSON, a, false, 0 },
				   { FORMAT_TEXT, b, false, 0 } };
	return cli_check_outputs(o, 2);
}

int main(void)
{
	char a[128], b[128], c[128], d[128];
	strcpy(dir, "/tmp/wdilog-outcheck.XXXXXX");
	if (!mkdtemp(dir))
		return 99;
	in_dir(a, sizeof(a), "a.json");
	in_dir(b, sizeof(b), "b.json");
	FILE *f = fopen(a, "w");
	if (!f)
		return 99;
	fclose(f);

	CHECK(pair(a, b) == 0);                 /* two files */
	CHECK(pair(a, "-") == 0);               /* a file and stdout */
	CHECK(pair(NULL, a) == 0);
	CHECK(pair(a, a) == EXIT_TROUBLE);      /* the same path */
	CHECK(pair(b, b) == EXIT_TROUBLE);      /* the same new path */

	/* another spelling of an existing file, and of a new one */
	snprintf(c, sizeof(c), "%s/./a.json", dir);
	CHECK(pair(a, c) == EXIT_TROUBLE);
	snprintf(c, sizeof(c), "%s/./b.json", dir);
	CHECK(pair(b, c) == EXIT_TROUBLE);

	/* a symbolic link and a hard link to it */
	in_dir(c, sizeof(c), "link.json");
	CHECK(symlink("a.json", c) == 0);
	CHECK(pair(c, a) == EXIT_TROUBLE);
	in_dir(d, sizeof(d), "hard.json");
	CHECK(link(a, d) == 0);
	CHECK(pair(a, d) == EXIT_TROUBLE);

	/* one output is never a clash */
	struct cli_output one = { FORMAT_JSON, a, false, 0 };
	CHECK(cli_check_outputs(&one, 1) == 0);

	unlink(c);
	unlink(d);
	unlink(a);
	rmdir(dir);
	return check_report("output-check");
}
