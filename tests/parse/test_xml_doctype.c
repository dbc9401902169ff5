/* Parse stage, XML framing: a comment or processing instruction inside a
 * DOCTYPE's internal subset may hold an apostrophe, a quote or a '['
 * (xmllint accepts it); the framer must not take them for markup and
 * swallow the events after it (issue 11 item 8). */
#include "check.h"
#include "run_reader.h"

static void expect(const char *input, const char *want)
{
	const char *format = NULL;
	char *got = events_of(input, strlen(input), NULL, &format);
	if (!got || strcmp(got, want) != 0)
		fprintf(stderr, "input:\n%s\ngot:\n%s", input,
			got ? got : "(null)");
	CHECK_STR(got, want);
	free(got);
}

#define EV(code) "<Event><EventData><Data Name=\"AssocStatus\">" code \
		 "</Data></EventData></Event>\n"

int main(void)
{
	expect("<?xml version=\"1.0\"?>\n"
	       "<!DOCTYPE Events [\n"
	       "  <!-- it's here: one apostrophe -->\n"
	       "  <!ELEMENT Events ANY>\n"
	       "]>\n"
	       "<Events>\n" EV("31") EV("41") EV("50") "</Events>\n",
	       "W7 m=0 31\nW8 m=0 41\nW9 m=0 50\n");
	expect("<!DOCTYPE Events [\n"
	       "  <!-- an open [ bracket -->\n"
	       "  <?pi don't \"mind\" [ ?>\n"
	       "]>\n"
	       "<Events>\n" EV("31") EV("41") EV("50") "</Events>\n",
	       "W6 m=0 31\nW7 m=0 41\nW8 m=0 50\n");
	return check_report("xml_doctype");
}
