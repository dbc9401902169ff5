/* The "attempts" member read back (src/report/attempts_load.c): a report
 * rendered, loaded and rendered again writes the same member; two shards
 * of the attempts sample merged equal one run over both; rows past their
 * cap merge into the "other" row and load back from it; every broken sum
 * or type is refused with the member named; reports grouped with other
 * parameters do not merge. */
#include <wdilog/wdilog.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "harness/check.h"
#include "report/report.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 16);
	*len = buf ? fread(buf, 1, (1 << 16) - 1, f) : 0;
	if (buf)
		buf[*len] = '\0';
	fclose(f);
	return buf;
}

static wdilog_options attempt_options(void)
{
	wdilog_options o;
	wdilog_options_init(&o);
	o.attempts_in_report = true;
	return o;
}

/* Read @p text (as input @p name) into @p rep. */
static void read_into(wdilog_report *rep, const char *text, size_t len,
		      const char *name)
{
	wdilog_options o = attempt_options();
	wdilog_reader *r = NULL;
	wdilog_error err = { 0 };
	CHECK(wdilog_reader_open_memory(&r, text, len, name, &o, &err) == WDILOG_OK);
	CHECK(wdilog_report_read(rep, r, &err) == WDILOG_OK);
	wdilog_reader_free(r);
}

static wdilog_report *fresh(void)
{
	wdilog_options o = attempt_options();
	wdilog_report *rep = NULL;
	wdilog_error err = { 0 };
	CHECK(wdilog_report_new(&rep, &o, &err) == WDILOG_OK);
	return rep;
}

static char *json_of(const wdilog_report *rep)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	wdilog_error err = { 0 };
	CHECK(f && wdilog_report_render_json(rep, f, &err) == WDILOG_OK);
	fclose(f);
	return buf;
}

/* The "attempts" member of a JSON report, as compact JSON (malloc'd). */
static char *member_of(const char *json)
{
	json_t *root = json_loads(json, 0, NULL);
	json_t *a = json_object_get(root, "attempts");
	char *s = a ? json_dumps(a, JSON_SORT_KEYS | JSON_COMPACT) : NULL;
	json_decref(root);
	return s;
}

static wdilog_report *load(const char *json, wdilog_error *err)
{
	wdilog_report *rep = NULL;
	wdilog_options o;
	wdilog_options_init(&o);
	memset(err, 0, sizeof(*err));
	if (wdilog_report_load_json_memory(&rep, json, strlen(json), "r.json", &o,
					   err) < 0)
		return NULL;
	return rep;
}

/* The sample, and its two shards: the first attempt (a failure), and
 * the rest (a success, its session, an incomplete attempt). */
static char *sample, *shard_a, *shard_b;
static size_t sample_len;

static void make_shards(void)
{
	sample = slurp(SAMPLES_DIR "/attempts-interleaved.xml", &sample_len);
	CHECK(sample != NULL);
	if (!sample)
		exit(1);
	/* line 1 is <Events>; lines 2-4 the first attempt */
	const char *p = sample;
	for (int line = 0; line < 4 && p; line++)
		p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
	CHECK(p != NULL);
	size_t head = (size_t)(p - sample);
	shard_a = malloc(head + 16);
	shard_b = malloc(sample_len + 16);
	snprintf(shard_a, head + 16, "%.*s</Events>\n", (int)head, sample);
	snprintf(shard_b, sample_len + 16, "<Events>\n%s", p);
}

static void test_round_trip(void)
{
	wdilog_report *rep = fresh();
	read_into(rep, sample, sample_len, "sample.xml");
	char *j1 = json_of(rep);
	wdilog_error err;
	wdilog_report *back = load(j1, &err);
	CHECK_MSG(back != NULL, "load: %s", err.message);
	if (!back)
		return;
	char *j2 = json_of(back);
	char *m1 = member_of(j1), *m2 = member_of(j2);
	CHECK(m1 != NULL);
	CHECK_STR(m2, m1);
	/* the figures themselves, not only their words */
	const struct wdl_att_figs *a = wdl_attempts_of(rep), *b = wdl_attempts_of(back);
	CHECK(memcmp(a->by_result, b->by_result, sizeof(a->by_result)) == 0);
	CHECK(memcmp(&a->ttc, &b->ttc, sizeof(a->ttc)) == 0);
	CHECK_EQ_U(b->chains_first_try, a->chains_first_try);
	CHECK_EQ_U(b->chains_eventual, a->chains_eventual);
	CHECK_EQ_U(b->npeers, a->npeers);
	CHECK_EQ_U(b->nssids, 2);
	CHECK(b->show && !b->per_part);
	free(m1);
	free(m2);
	free(j1);
	free(j2);
	wdilog_report_free(back);
	wdilog_report_free(rep);
}

static void test_merge_of_shards(void)
{
	/* one run over both shards */
	wdilog_report *one = fresh();
	read_into(one, shard_a, strlen(shard_a), "a.xml");
	read_into(one, shard_b, strlen(shard_b), "b.xml");
	/* a run per shard, written, loaded and merged */
	wdilog_report *ra = fresh(), *rb = fresh(), *merged = fresh();
	read_into(ra, shard_a, strlen(shard_a), "a.xml");
	read_into(rb, shard_b, strlen(shard_b), "b.xml");
	char *ja = json_of(ra), *jb = json_of(rb), *jone = json_of(one);
	wdilog_error err;
	wdilog_report *la = load(ja, &err), *lb = load(jb, &err);
	CHECK(la && lb);
	if (!la || !lb)
		return;
	CHECK(wdilog_report_merge(merged, la, &err) == WDILOG_OK);
	CHECK(wdilog_report_merge(merged, lb, &err) == WDILOG_OK);
	char *jm = json_of(merged);
	char *mone = member_of(jone), *mm = member_of(jm);
	CHECK(mone && strstr(mone, "\"failure\":1"));
	CHECK_STR(mm, mone);
	/* each shard alone has a different member: the merge adds */
	char *ma = member_of(ja);
	CHECK(ma && mone && strcmp(ma, mone) != 0);
	free(ma);
	free(mone);
	free(mm);
	free(ja);
	free(jb);
	free(jone);
	free(jm);
	wdilog_report_free(la);
	wdilog_report_free(lb);
	wdilog_report_free(ra);
	wdilog_report_free(rb);
	wdilog_report_free(one);
	wdilog_report_free(merged);
}

/* Figures with @p n SSIDs named PREFIX0.., one successful attempt each. */
static void ssid_figures(wdilog_report *rep, const char *prefix, int n)
{
	struct wdl_att_figs *f = &rep->attempts.figs;
	for (int i = 0; i < n; i++) {
		struct wdl_att_ssid_row *r = &f->ssids[f->nssids++];
		snprintf(r->ssid, sizeof(r->ssid), "%s%d", prefix, i);
		r->attempts = 1;
		r->by_result[WDILOG_ATTEMPT_SUCCESS] = 1;
	}
	f->by_result[WDILOG_ATTEMPT_SUCCESS] = (uint64_t)n;
	f->show = true;
}

static void test_caps(void)
{
	/* 40 + 40 SSIDs, 10 of them shared: 64 rows and 6 in "other" */
	wdilog_report *a = fresh(), *b = fresh();
	ssid_figures(a, "net", 40);
	ssid_figures(b, "net", 10);
	struct wdl_att_figs *fb = &b->attempts.figs;
	for (int i = 0; i < 30; i++) {
		struct wdl_att_ssid_row *r = &fb->ssids[fb->nssids++];
		snprintf(r->ssid, sizeof(r->ssid), "lab%d", i);
		r->attempts = 1;
		r->by_result[WDILOG_ATTEMPT_SUCCESS] = 1;
	}
	fb->by_result[WDILOG_ATTEMPT_SUCCESS] = 40;
	wdilog_error err;
	CHECK(wdilog_report_merge(a, b, &err) == WDILOG_OK);
	const struct wdl_att_figs *f = wdl_attempts_of(a);
	CHECK_EQ_U(f->nssids, 64);
	CHECK_EQ_U(f->ssids[0].attempts, 2);
	CHECK_EQ_U(f->ssids[WDL_ATT_SSIDS].attempts, 6);
	CHECK_EQ_U(f->by_result[WDILOG_ATTEMPT_SUCCESS], 80);
	/* written and loaded, the "(other)" row is the other row again */
	char *j = json_of(a);
	CHECK(strstr(j, "\"ssid\": \"(other)\"") != NULL);
	wdilog_report *back = load(j, &err);
	CHECK_MSG(back != NULL, "load: %s", err.message);
	if (back) {
		const struct wdl_att_figs *g = wdl_attempts_of(back);
		CHECK_EQ_U(g->nssids, 64);
		CHECK_EQ_U(g->ssids[WDL_ATT_SSIDS].attempts, 6);
		char *j2 = json_of(back);
		char *m1 = member_of(j), *m2 = member_of(j2);
		CHECK_STR(m2, m1);
		free(m1);
		free(m2);
		free(j2);
		wdilog_report_free(back);
	}
	free(j);
	wdilog_report_free(a);
	wdilog_report_free(b);
}

/* Load the sample's JSON with @p path (dot-separated, [N] for arrays)
 * set to the JSON value @p value: it must be refused naming @p member. */
static void refused(const char *path, const char *value, const char *member)
{
	wdilog_report *rep = fresh();
	read_into(rep, sample, sample_len, "sample.xml");
	char *j = json_of(rep);
	json_t *root = json_loads(j, 0, NULL);
	json_t *at = root, *parent = NULL;
	char key[64] = "";
	size_t idx = (size_t)-1;
	const char *p = path;
	while (*p) {
		parent = at;
		if (*p == '[') {
			idx = strtoul(p + 1, (char **)&p, 10);
			p++;
			key[0] = '\0';
			at = json_array_get(parent, idx);
		} else {
			size_t n = strcspn(p, ".[");
			snprintf(key, sizeof(key), "%.*s", (int)n, p);
			p += n;
			at = json_object_get(parent, key);
		}
		if (*p == '.')
			p++;
	}
	json_t *v = json_loads(value, JSON_DECODE_ANY, NULL);
	CHECK_MSG(parent && v, "%s: no such member or bad value", path);
	if (key[0])
		json_object_set_new(parent, key, v);
	else if (json_is_array(parent))
		json_array_set_new(parent, idx, v);
	char *edited = json_dumps(root, 0);
	wdilog_error err;
	wdilog_report *back = load(edited, &err);
	CHECK_MSG(!back, "%s = %s was loaded", path, value);
	CHECK_MSG(strstr(err.message, member) != NULL,
		  "%s = %s: '%s' does not name %s", path, value, err.message,
		  member);
	wdilog_report_free(back);
	free(edited);
	json_decref(root);
	free(j);
	wdilog_report_free(rep);
}

static void test_refused(void)
{
	/* the unedited report loads (the edits below are what breaks it) */
	refused("attempts", "[]", "member 'attempts' is not an object");
	refused("attempts.by_result.success", "-1", "attempts.by_result.success' is not a count");
	refused("attempts.by_result.timeout", "1", "attempts.success_rate.attempts' does not match");
	refused("attempts.by_result.aborted", "1", "attempts.ssids' do not add up");
	refused("attempts.success_rate.attempts", "0.9", "attempts.success_rate.attempts");
	refused("attempts.success_rate.eventual_chains", "5", "attempts.success_rate.eventual_chains");
	refused("attempts.success_rate", "null", "attempts.success_rate' is not an object");
	refused("attempts.time_to_connect.buckets[0]", "1", "attempts.time_to_connect.count' does not match");
	refused("attempts.time_to_connect.p50_ms", "7", "attempts.time_to_connect.p50_ms");
	refused("attempts.time_to_connect.bucket_upper_ms[0]", "3", "attempts.time_to_connect.bucket_upper_ms");
	refused("attempts.time_to_connect.buckets", "[1]", "attempts.time_to_connect.buckets");
	refused("attempts.by_failing_phase.assoc", "1", "attempts.by_failing_phase");
	refused("attempts.by_reason[0].count", "2", "attempts.by_reason' counts more");
	refused("attempts.by_reason[0].reason", "{\"wdi\": 1, \"wlan\": 2}", "attempts.by_reason[0].reason");
	refused("attempts.by_reason", "[{\"reason\": \"other\", \"count\": 0}]",
		"attempts.by_reason[0].reason' is an empty");
	refused("attempts.by_reason", "[{\"reason\": \"other\", \"count\": 1}, "
		"{\"reason\": {\"wdi\": 1}, \"count\": 0}]",
		"attempts.by_reason' has a row after its \"other\" row");
	refused("attempts.ssids[0].attempts", "3", "attempts.ssids[0].attempts");
	refused("attempts.ssids[1].ssid", "\"Lab\"", "attempts.ssids[1].ssid' names an SSID twice");
	refused("attempts.peers[0].failed", "9", "attempts.peers[0].");
	refused("attempts.peers[0].peer", "\"\"", "attempts.peers[0].peer");
	refused("attempts.sessions.count", "2", "attempts.sessions.count");
	refused("attempts.sessions.roam_successes", "1", "attempts.sessions.roams");
	refused("attempts.sessions.disconnects_by_reason", "[]", "attempts.sessions.disconnects_by_reason");
	refused("attempts.parameters.idle_ms", "0", "attempts.parameters");
	refused("attempts.exact", "1", "attempts.exact");
}

static void test_parameters(void)
{
	wdilog_report *rep = fresh();
	read_into(rep, sample, sample_len, "sample.xml");
	char *j = json_of(rep);
	json_t *root = json_loads(j, 0, NULL);
	json_object_set_new(json_object_get(json_object_get(root, "attempts"),
					    "parameters"),
			    "idle_ms", json_integer(10000));
	char *other = json_dumps(root, 0);
	wdilog_error err;
	wdilog_report *a = load(j, &err), *b = load(other, &err);
	CHECK(a && b);
	if (a && b) {
		/* an empty report takes the parameters of what it merges */
		wdilog_report *m = fresh();
		CHECK(wdilog_report_merge(m, b, &err) == WDILOG_OK);
		CHECK_EQ_U(wdl_attempts_of(m)->idle_ms, 10000);
		/* other parameters: refused, and nothing changed */
		CHECK(wdilog_report_merge(m, a, &err) == WDILOG_EFORMAT);
		CHECK(strstr(err.message, "another idle time or retry window") != NULL);
		CHECK_EQ_U(wdl_attempts_of(m)->by_result[WDILOG_ATTEMPT_SUCCESS], 1);
		CHECK_EQ_U(m->totals.events, b->totals.events);
		/* the same ones merge */
		CHECK(wdilog_report_merge(m, b, &err) == WDILOG_OK);
		CHECK_EQ_U(wdl_attempts_of(m)->by_result[WDILOG_ATTEMPT_SUCCESS], 2);
		wdilog_report_free(m);
	}
	wdilog_report_free(a);
	wdilog_report_free(b);
	free(other);
	json_decref(root);
	free(j);
	wdilog_report_free(rep);
}

int main(void)
{
	make_shards();
	test_round_trip();
	test_merge_of_shards();
	test_caps();
	test_refused();
	test_parameters();
	free(sample);
	free(shard_a);
	free(shard_b);
	return check_report("attempts_load");
}
