/* Aggregate stage, the attempt list: kept only when attempts are shown,
 * bounded by its cap with the rest counted, and a merge in input order
 * gives the list of one pass (what -j N relies on). */
#include <string.h>

#include "check.h"
#include "report/attempts_list.h"

static wdilog_attempt attempt(const char *input, int64_t t, uint64_t line,
			      wdilog_attempt_result r)
{
	wdilog_attempt a = { .input = input, .result = r, .line = line,
			     .ssid = "Lab", .ntries = 2, .tries_other = 3 };
	a.start = (wdilog_time){ .seconds = t, .valid = true };
	a.end = (wdilog_time){ .seconds = t + 1, .valid = true };
	strcpy(a.tries[0].peer, "8a:15:14:b6:25:10");
	a.tries[0].count = 2;
	a.tries[1].count = 1;
	return a;
}

static void kept_only_when_shown(void)
{
	struct wdl_att_list l;
	wdl_att_list_init(&l, NULL);
	CHECK(!l.keep);
	wdl_att_list_dispose(&l);
	wdilog_options o = { .attempts_in_report = true };
	wdl_att_list_init(&l, &o);
	CHECK(l.keep);
	CHECK_EQ_U(l.cap, WDL_ATT_LIST_MAX);
	wdl_att_list_dispose(&l);
}

static void copies_an_attempt(void)
{
	wdilog_options o = { .attempts_in_report = true };
	struct wdl_att_list l;
	wdl_att_list_init(&l, &o);
	wdilog_attempt a = attempt("x.xml", 100, 7, WDILOG_ATTEMPT_FAILURE);
	CHECK(wdl_att_list_add(&l, &a, NULL));
	CHECK_EQ_U(l.natt, 1);
	CHECK_STR(wdl_att_list_input(&l, l.att[0].input), "x.xml");
	CHECK_STR(l.att[0].ssid, "Lab");
	CHECK_STR(l.att[0].first_peer, "8a:15:14:b6:25:10");
	CHECK_EQ_U(l.att[0].tries, 6);      /* 2 + 1 + 3 past the 8 */
	CHECK_EQ_U(l.att[0].bssids, 2);
	CHECK_EQ_U(l.att[0].line, 7);
	CHECK(wdl_att_item_failed(&l.att[0]));
	CHECK_EQ_U(wdl_att_item_ms(&l.att[0].start, &l.att[0].end), 1000);
	wdl_att_list_dispose(&l);
}

static void cap_counts_the_rest(void)
{
	wdilog_options o = { .attempts_in_report = true };
	struct wdl_att_list l;
	wdl_att_list_init(&l, &o);
	l.cap = 3;
	for (int k = 0; k < 5; k++) {
		wdilog_attempt a = attempt("x.xml", k, (uint64_t)k + 1,
					   WDILOG_ATTEMPT_SUCCESS);
		CHECK(wdl_att_list_add(&l, &a, NULL));
	}
	wdilog_session s = { .input = "x.xml" };
	CHECK(wdl_att_list_add(&l, NULL, &s));
	CHECK_EQ_U(l.natt, 3);
	CHECK_EQ_U(l.att_unlisted, 2);
	CHECK_EQ_U(l.att[2].line, 3);       /* the first ones are kept */
	CHECK_EQ_U(l.nsess, 1);
	CHECK_EQ_U(l.sess_unlisted, 0);
	wdl_att_list_dispose(&l);
}

/* Two inputs in one list, and the same inputs in two lists merged in
 * input order: the same items, names and counts. */
static void merge_is_one_pass(void)
{
	wdilog_options o = { .attempts_in_report = true };
	struct wdl_att_list one, a, b;
	wdl_att_list_init(&one, &o);
	wdl_att_list_init(&a, &o);
	wdl_att_list_init(&b, &o);
	one.cap = a.cap = b.cap = 4;
	for (int k = 0; k < 6; k++) {
		wdilog_attempt x = attempt(k < 3 ? "a.xml" : "b.xml", k,
					   (uint64_t)k + 1, WDILOG_ATTEMPT_TIMEOUT);
		CHECK(wdl_att_list_add(&one, &x, NULL));
		CHECK(wdl_att_list_add(k < 3 ? &a : &b, &x, NULL));
	}
	struct wdl_att_list m;
	wdl_att_list_init(&m, &o);
	m.cap = 4;
	CHECK(wdl_att_list_merge(&m, &a, false));
	CHECK(wdl_att_list_merge(&m, &b, false));
	CHECK_EQ_U(m.natt, one.natt);
	CHECK_EQ_U(m.att_unlisted, one.att_unlisted);
	CHECK_EQ_U(m.att_unlisted, 2);
	for (size_t k = 0; k < m.natt && k < one.natt; k++) {
		CHECK_EQ_U(m.att[k].line, one.att[k].line);
		CHECK_STR(wdl_att_list_input(&m, m.att[k].input),
			  wdl_att_list_input(&one, one.att[k].input));
	}
	/* a later part of one file continues its input */
	struct wdl_att_list p;
	wdl_att_list_init(&p, &o);
	wdilog_attempt x = attempt("b.xml", 9, 9, WDILOG_ATTEMPT_SUCCESS);
	CHECK(wdl_att_list_add(&p, &x, NULL));
	size_t names = m.nnames;
	m.cap = 10;
	CHECK(wdl_att_list_merge(&m, &p, true));
	CHECK_EQ_U(m.nnames, names);
	wdl_att_list_dispose(&p);
	wdl_att_list_dispose(&m);
	wdl_att_list_dispose(&a);
	wdl_att_list_dispose(&b);
	wdl_att_list_dispose(&one);
}

/* Jobs bounded by the room the main list had when each started, merged
 * in input order with their arrays taken where they can be: the list of
 * one pass. Job b starts before a is merged (room 6), c after a and b
 * (room 1: it has 3, one fits, exactly), d once the list is full (room
 * 0). The first merge moves a's arrays instead of copying them. */
static void bounded_jobs_are_one_pass(void)
{
	wdilog_options o = { .attempts_in_report = true };
	static const char *const inputs[] = { "a.xml", "b.xml", "c.xml", "d.xml" };
	static const size_t count[] = { 2, 3, 3, 2 };
	struct wdl_att_list one, m, job[4];
	wdl_att_list_init(&one, &o);
	wdl_att_list_init(&m, &o);
	one.cap = m.cap = 6;
	size_t room_att, room_sess;
	uint64_t line = 1;
	for (size_t j = 0; j < 4; j++) {
		wdl_att_list_init(&job[j], &o);
		/* a and b start together; c after both are merged, d after c */
		if (j == 0 || j == 2 || j == 3) {
			if (j == 2) {
				CHECK(wdl_att_list_take(&m, &job[0], false));
				CHECK(wdl_att_list_take(&m, &job[1], false));
			}
			if (j == 3)
				CHECK(wdl_att_list_take(&m, &job[2], false));
			wdl_att_list_room(&m, &room_att, &room_sess);
		}
		CHECK_EQ_U(room_att, j < 2 ? 6 : j == 2 ? 1 : 0);
		wdl_att_list_bound(&job[j], room_att, room_sess);
		for (size_t k = 0; k < count[j]; k++, line++) {
			wdilog_attempt x = attempt(inputs[j], (int64_t)line, line,
						   WDILOG_ATTEMPT_FAILURE);
			wdilog_session se = { .input = inputs[j], .line = line };
			CHECK(wdl_att_list_add(&one, &x, NULL));
			CHECK(wdl_att_list_add(&one, NULL, &se));
			CHECK(wdl_att_list_add(&job[j], &x, NULL));
			CHECK(wdl_att_list_add(&job[j], NULL, &se));
		}
	}
	CHECK_EQ_U(job[2].natt, 1);         /* kept what fitted */
	CHECK_EQ_U(job[2].att_unlisted, 2);
	CHECK_EQ_U(job[3].natt, 0);
	CHECK(wdl_att_list_take(&m, &job[3], false));
	CHECK_EQ_U(m.natt, one.natt);
	CHECK_EQ_U(m.nsess, one.nsess);
	CHECK_EQ_U(m.att_unlisted, one.att_unlisted);
	CHECK_EQ_U(m.sess_unlisted, one.sess_unlisted);
	CHECK_EQ_U(m.att_unlisted, 4);
	for (size_t k = 0; k < m.natt && k < one.natt; k++) {
		CHECK_EQ_U(m.att[k].line, one.att[k].line);
		CHECK_EQ_U(m.sess[k].line, one.sess[k].line);
		CHECK_STR(wdl_att_list_input(&m, m.att[k].input),
			  wdl_att_list_input(&one, one.att[k].input));
		CHECK_STR(wdl_att_list_input(&m, m.sess[k].input),
			  wdl_att_list_input(&one, one.sess[k].input));
	}
	/* the first job's arrays were moved: it holds none of its items */
	CHECK(job[0].natt == 0 && job[0].nsess == 0);
	for (size_t j = 0; j < 4; j++)
		wdl_att_list_dispose(&job[j]);
	wdl_att_list_dispose(&m);
	wdl_att_list_dispose(&one);
}

/* A moved array's items name the main list's inputs: the main list
 * already names an input (a session of it) when a job's attempts of
 * another input are moved in, so the job's input 0 becomes the main's 1. */
static void moved_items_name_their_inputs(void)
{
	wdilog_options o = { .attempts_in_report = true };
	struct wdl_att_list m, job;
	wdl_att_list_init(&m, &o);
	wdl_att_list_init(&job, &o);
	wdilog_session se = { .input = "first.xml", .line = 1 };
	CHECK(wdl_att_list_add(&m, NULL, &se));
	wdilog_attempt x = attempt("second.xml", 5, 2, WDILOG_ATTEMPT_SUCCESS);
	CHECK(wdl_att_list_add(&job, &x, NULL));
	CHECK(wdl_att_list_add(&job, &x, NULL));
	const struct wdl_att_item *moved = job.att;
	CHECK(wdl_att_list_take(&m, &job, false));
	CHECK(m.att == moved);              /* moved, not copied */
	CHECK_EQ_U(m.natt, 2);
	CHECK_EQ_U(m.nnames, 2);
	for (size_t k = 0; k < m.natt; k++)
		CHECK_STR(wdl_att_list_input(&m, m.att[k].input), "second.xml");
	CHECK_STR(wdl_att_list_input(&m, m.sess[0].input), "first.xml");
	wdl_att_list_dispose(&job);
	wdl_att_list_dispose(&m);
}

int main(void)
{
	kept_only_when_shown();
	copies_an_attempt();
	cap_counts_the_rest();
	merge_is_one_pass();
	bounded_jobs_are_one_pass();
	moved_items_name_their_inputs();
	return check_report("attempts_list");
}
