/* Read values out of a wdilog JSON report for the shell tests, and check
 * the report's arithmetic.
 *
 *   report_get FILE PATH...   print each value on its own line
 *   report_get --check FILE   check the "nothing lost" identities
 *
 * A PATH is dot-separated members: a name, an array index, '#' for an
 * array's length, or NAME=VALUE to pick the first array element whose
 * member NAME equals VALUE (a number or a string), e.g.
 * totals.events, inputs.0.error, codes.#, codes.code=31.count.
 * Strings print as they are, null as "null", a missing member as
 * "missing". --check holds that, in the totals and in every input,
 * events = with_status + without_status + undecoded + damaged; that the
 * inputs add up to the totals; that statuses add up by kind, by phase and
 * by code. It exits 1 naming the first identity that fails. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static json_t *select_elem(json_t *arr, const char *key, const char *want)
{
	size_t i;
	json_t *el;
	json_array_foreach(arr, i, el) {
		json_t *v = json_object_get(el, key);
		if (json_is_integer(v)) {
			char buf[32];
			snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
				 json_integer_value(v));
			if (strcmp(buf, want) == 0)
				return el;
		} else if (json_is_string(v) &&
			   strcmp(json_string_value(v), want) == 0) {
			return el;
		}
	}
	return NULL;
}

static void print_path(json_t *root, const char *path)
{
	char *copy = strdup(path);
	json_t *cur = root;
	char *save = NULL;
	if (!copy) {
		fputs("report_get: out of memory\n", stderr);
		exit(2);
	}
	/* strtok_r is fine here: this is a test tool, not src/ */
	for (char *part = strtok_r(copy, ".", &save); part && cur;
	     part = strtok_r(NULL, ".", &save)) {
		char *eq = strchr(part, '=');
		if (strcmp(part, "#") == 0) {
			printf("%zu\n", json_array_size(cur));
			free(copy);
			return;
		} else if (eq && json_is_array(cur)) {
			*eq = '\0';
			cur = select_elem(cur, part, eq + 1);
		} else if (json_is_array(cur)) {
			char *end;
			unsigned long idx = strtoul(part, &end, 10);
			cur = *end ? NULL : json_array_get(cur, idx);
		} else {
			cur = json_object_get(cur, part);
		}
	}
	free(copy);
	if (!cur)
		puts("missing");
	else if (json_is_null(cur))
		puts("null");
	else if (json_is_integer(cur))
		printf("%" JSON_INTEGER_FORMAT "\n", json_integer_value(cur));
	else if (json_is_string(cur))
		puts(json_string_value(cur));
	else if (json_is_boolean(cur))
		puts(json_is_true(cur) ? "true" : "false");
	else
		puts("(container)");
}

static int failed;

static json_int_t num(json_t *obj, const char *key, const char *where)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_integer(v)) {
		printf("report_get: %s.%s is missing or not a number\n", where,
		       key);
		failed = 1;
		return 0;
	}
	return json_integer_value(v);
}

static void identity(json_t *obj, const char *where)
{
	json_int_t ev = num(obj, "events", where);
	json_int_t sum = num(obj, "with_status", where) +
			 num(obj, "without_status", where) +
			 num(obj, "undecoded", where) + num(obj, "damaged", where);
	if (ev != sum) {
		printf("report_get: %s: events %" JSON_INTEGER_FORMAT " != "
		       "with + without + undecoded + damaged = %"
		       JSON_INTEGER_FORMAT "\n", where, ev, sum);
		failed = 1;
	}
}

static void expect_eq(json_int_t a, json_int_t b, const char *what)
{
	if (a != b) {
		printf("report_get: %s: %" JSON_INTEGER_FORMAT " != %"
		       JSON_INTEGER_FORMAT "\n", what, a, b);
		failed = 1;
	}
}

static int check(json_t *root)
{
	json_t *tot = json_object_get(root, "totals");
	identity(tot, "totals");
	json_int_t statuses = num(tot, "statuses", "totals");
	expect_eq(statuses, num(tot, "failures", "totals") +
			    num(tot, "benign", "totals") +
			    num(tot, "successes", "totals") +
			    num(tot, "unknown", "totals"),
		  "statuses vs failures + benign + successes + unknown");

	json_int_t ev = 0, st = 0, dmg = 0, und = 0, with = 0, without = 0;
	size_t i;
	json_t *in;
	json_array_foreach(json_object_get(root, "inputs"), i, in) {
		char where[32];
		snprintf(where, sizeof(where), "inputs.%zu", i);
		identity(in, where);
		ev += num(in, "events", where);
		st += num(in, "statuses", where);
		dmg += num(in, "damaged", where);
		und += num(in, "undecoded", where);
		with += num(in, "with_status", where);
		without += num(in, "without_status", where);
	}
	expect_eq(ev, num(tot, "events", "totals"), "inputs' events vs totals");
	expect_eq(st, statuses, "inputs' statuses vs totals");
	expect_eq(dmg, num(tot, "damaged", "totals"), "inputs' damaged vs totals");
	expect_eq(und, num(tot, "undecoded", "totals"),
		  "inputs' undecoded vs totals");
	expect_eq(with, num(tot, "with_status", "totals"),
		  "inputs' with_status vs totals");
	expect_eq(without, num(tot, "without_status", "totals"),
		  "inputs' without_status vs totals");

	json_int_t by_phase = 0, by_code = 0;
	const char *name;
	json_t *ph;
	json_object_foreach(json_object_get(root, "phases"), name, ph)
		by_phase += num(ph, "statuses", name);
	expect_eq(by_phase, statuses, "phases' statuses vs totals");
	json_t *c;
	json_array_foreach(json_object_get(root, "codes"), i, c)
		by_code += num(c, "count", "codes");
	expect_eq(by_code, statuses, "codes' counts vs totals");

	json_t *u = json_object_get(root, "undecoded_guids");
	json_int_t guids = 0;
	json_array_foreach(u, i, c)
		guids += num(c, "count", "undecoded_guids");
	if (guids > num(tot, "undecoded", "totals")) {
		printf("report_get: more GUID counts than undecoded events\n");
		failed = 1;
	}
	return failed;
}

int main(int argc, char **argv)
{
	int do_check = argc == 3 && strcmp(argv[1], "--check") == 0;
	if (argc < 3) {
		fputs("usage: report_get FILE PATH... | report_get --check FILE\n",
		      stderr);
		return 2;
	}
	json_error_t jerr;
	json_t *root = json_load_file(do_check ? argv[2] : argv[1], 0, &jerr);
	if (!root) {
		printf("report_get: not JSON: %s (line %d)\n", jerr.text,
		       jerr.line);
		return 1;
	}
	int rc = 0;
	if (do_check)
		rc = check(root);
	else
		for (int i = 2; i < argc; i++)
			print_path(root, argv[i]);
	json_decref(root);
	return rc;
}
