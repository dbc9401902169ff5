/* Per-peer aggregation (src/report/peers.c): counts by phase, failures, first
 * and last, the dominant failure, the no-peer entry, the cap with its
 * overflow entry, and report order; then through the reader. */
#include "report_util.h"
#include "report/peers.h"

static wdilog_time sec(int64_t s)
{
	wdilog_time t = { .seconds = s, .valid = true };
	return t;
}

static void test_counts(void)
{
	struct wdl_peers p;
	wdl_peers_init(&p);
	wdilog_time t1 = sec(100), t2 = sec(50), t3 = sec(300), none = { 0 };
	const char *a = "8a:15:14:b6:25:10", *b = "00:11:22:33:44:55";
	CHECK(wdl_peers_add(&p, a, WDILOG_PHASE_PROBE, WDILOG_KIND_FAILURE, 4, &t1));
	CHECK(wdl_peers_add(&p, a, WDILOG_PHASE_AUTH, WDILOG_KIND_FAILURE, 9, &t2));
	CHECK(wdl_peers_add(&p, a, WDILOG_PHASE_AUTH, WDILOG_KIND_FAILURE, 9, &none));
	CHECK(wdl_peers_add(&p, a, WDILOG_PHASE_SUCCESS, WDILOG_KIND_SUCCESS, 0, &t3));
	CHECK(wdl_peers_add(&p, b, WDILOG_PHASE_GENERAL, WDILOG_KIND_BENIGN, 2, &t1));
	CHECK(wdl_peers_add(&p, NULL, WDILOG_PHASE_PROBE, WDILOG_KIND_FAILURE, 4, &t1));
	CHECK_EQ_U(p.n, 2);
	const struct wdl_peer_stat *s = &p.v[0];
	CHECK_EQ_U(s->mac, 0x8A1514B62510u);
	CHECK_EQ_U(s->statuses, 4);
	CHECK_EQ_U(s->failures, 3);
	CHECK_EQ_U(s->phases[WDILOG_PHASE_PROBE], 1);
	CHECK_EQ_U(s->phases[WDILOG_PHASE_AUTH], 2);
	CHECK_EQ_U(s->phases[WDILOG_PHASE_SUCCESS], 1);
	CHECK_EQ_U(s->first.seconds, 50);
	CHECK_EQ_U(s->last.seconds, 300);
	struct wdl_code_count top;
	CHECK(wdl_code_count_top(s->codes, s->ncodes, &top));
	CHECK_EQ_U(top.index, 9);
	CHECK_EQ_U(top.count, 2);
	/* a benign record is no failure: nothing dominant */
	CHECK_EQ_U(p.v[1].failures, 0);
	CHECK(!wdl_code_count_top(p.v[1].codes, p.v[1].ncodes, &top));
	CHECK_EQ_U(p.none.statuses, 1);
	CHECK_EQ_U(p.none.phases[WDILOG_PHASE_PROBE], 1);
	/* order: most failures first */
	const struct wdl_peer_stat **v = wdl_peers_sorted(&p);
	CHECK(v && v[0]->mac == 0x8A1514B62510u && v[1]->mac == 0x001122334455u);
	wdl_free(v);
	wdl_peers_dispose(&p);
}

static void test_dominant_ties_and_cap(void)
{
	struct wdl_code_count c[WDL_PEER_CODES];
	uint32_t n = 0;
	uint64_t other = 0;
	wdl_code_count_add(c, &n, WDL_PEER_CODES, &other, 5, 1);
	wdl_code_count_add(c, &n, WDL_PEER_CODES, &other, 6, 1);
	struct wdl_code_count top;
	CHECK(wdl_code_count_top(c, n, &top) && top.index == 5); /* first seen */
	wdl_code_count_add(c, &n, WDL_PEER_CODES, &other, 6, 1);
	CHECK(wdl_code_count_top(c, n, &top) && top.index == 6 && top.count == 2);
	for (uint32_t k = 100; k < 130; k++)
		wdl_code_count_add(c, &n, WDL_PEER_CODES, &other, k, 1);
	CHECK_EQ_U(n, WDL_PEER_CODES);
	CHECK_EQ_U(other, 30 - (WDL_PEER_CODES - 2));
}

static void test_peer_cap(void)
{
	struct wdl_peers p;
	wdl_peers_init(&p);
	wdilog_time t = sec(1);
	char mac[18];
	for (uint64_t i = 1; i <= WDL_PEERS_MAX + 500; i++) {
		wdl_mac_format(i * 0x10001u, mac);
		CHECK(wdl_peers_add(&p, mac, WDILOG_PHASE_PROBE,
				    WDILOG_KIND_FAILURE, 1, &t));
	}
	/* the first ones again still find their entries */
	wdl_mac_format(1 * 0x10001u, mac);
	wdl_peers_add(&p, mac, WDILOG_PHASE_PROBE, WDILOG_KIND_FAILURE, 1, &t);
	CHECK_EQ_U(p.n, WDL_PEERS_MAX);
	CHECK_EQ_U(p.overflow.statuses, 500);
	CHECK_EQ_U(p.v[0].statuses, 2);
	uint64_t total = p.overflow.statuses;
	for (size_t i = 0; i < p.n; i++)
		total += p.v[i].statuses;
	CHECK_EQ_U(total, WDL_PEERS_MAX + 501);
	wdl_peers_dispose(&p);
}

static void test_through_reader(void)
{
	/* the same peer written three ways; one line names none */
	const char *text =
		"[0]0888.0D60::10/23/2003-12:00:01.000 [wdiwifi]AssocStatus=31 BSSID=8A:15:14:B6:25:10\n"
		"[0]0888.0D60::10/23/2003-12:00:02.000 [wdiwifi]AssocStatus=41 peer 8a-15-14-b6-25-10\n"
		"[0]0888.0D60::10/23/2003-12:00:03.000 [wdiwifi]AssocStatus=41 to 0x8A1514B62510\n"
		"[0]0888.0D60::10/23/2003-12:00:04.000 [wdiwifi]AssocStatus=0 bssid 00:11:22:33:44:55\n"
		"[0]0888.0D60::10/23/2003-12:00:05.000 [wdiwifi]AssocStatus=13\n";
	wdilog_report *rep = report_of(text, strlen(text), "t", NULL, NULL, NULL);
	CHECK(rep && rep->peers.n == 2);
	if (!rep)
		return;
	const struct wdl_peer_stat **v = wdl_peers_sorted(&rep->peers);
	CHECK_EQ_U(v[0]->mac, 0x8A1514B62510u);
	CHECK_EQ_U(v[0]->statuses, 3);
	CHECK_EQ_U(v[0]->phases[WDILOG_PHASE_PROBE], 1);
	CHECK_EQ_U(v[0]->phases[WDILOG_PHASE_AUTH], 2);
	CHECK_EQ_U(v[0]->first.seconds % 86400, 12 * 3600 + 1);
	CHECK_EQ_U(v[0]->last.seconds % 86400, 12 * 3600 + 3);
	struct wdl_code_count top;
	CHECK(wdl_code_count_top(v[0]->codes, v[0]->ncodes, &top));
	CHECK_EQ_U(rep->codes[top.index].code, 41);
	CHECK_EQ_U(v[1]->phases[WDILOG_PHASE_SUCCESS], 1);
	CHECK_EQ_U(rep->peers.none.statuses, 1);
	CHECK_EQ_U(rep->peers.none.phases[WDILOG_PHASE_DISASSOCIATE], 1);
	wdl_free(v);
	wdilog_report_free(rep);
}

/* Index of @p c's code in @p rep, or (size_t)-1. */
static size_t code_index(const wdilog_report *rep, const struct wdl_code_stat *c)
{
	for (size_t i = 0; i < rep->ncodes; i++) {
		const struct wdl_code_stat *d = &rep->codes[i];
		if (d->has_code == c->has_code &&
		    (c->has_code ? d->code == c->code : strcmp(d->name, c->name) == 0))
			return i;
	}
	return (size_t)-1;
}

static void test_merge(void)
{
	/* the per-peer stats of two halves, merged, are those of the whole */
	size_t cap = 1 << 20, n = 0, half = 0;
	char *text = malloc(cap);
	for (unsigned i = 0; i < 600; i++) {
		if (i == 300)
			half = n;
		n += (size_t)snprintf(text + n, cap - n,
			"[0]0888.0D60::10/23/2003-12:%02u:%02u.000 [w]AssocStatus=%u%s"
			" BSSID=02:00:00:00:00:%02x\n",
			i / 60, i % 60, (unsigned[]){ 0, 31, 41, 13, 5, 51 }[i % 6],
			i % 7 ? "" : " WDI_ASSOC_STATUS_MADE_UP", i % 9);
	}
	wdilog_report *whole = report_of(text, n, "t", NULL, NULL, NULL);
	wdilog_report *a = report_of(text, half, "t", NULL, NULL, NULL);
	wdilog_report *b = report_of(text + half, n - half, "t", NULL, NULL, NULL);
	CHECK(whole && a && b);
	if (!whole || !a || !b)
		return;
	struct wdl_peers m;
	wdl_peers_init(&m);
	const wdilog_report *parts[] = { a, b };
	for (int k = 0; k < 2; k++) {
		size_t map[64];
		CHECK(parts[k]->ncodes <= 64);
		for (size_t i = 0; i < parts[k]->ncodes; i++)
			map[i] = code_index(whole, &parts[k]->codes[i]);
		bool inexact = false;
		CHECK(wdl_peers_merge(&m, &parts[k]->peers, map, &inexact));
		CHECK(!inexact);    /* no cap reached: exact */
	}
	CHECK_EQ_U(m.n, whole->peers.n);
	const struct wdl_peer_stat **x = wdl_peers_sorted(&m);
	const struct wdl_peer_stat **y = wdl_peers_sorted(&whole->peers);
	for (size_t i = 0; i < m.n && i < whole->peers.n; i++) {
		CHECK(same_peer(x[i], y[i]));
		struct wdl_code_count tx, ty;
		CHECK(wdl_code_count_top(x[i]->codes, x[i]->ncodes, &tx) ==
		      wdl_code_count_top(y[i]->codes, y[i]->ncodes, &ty));
		CHECK(tx.index == ty.index && tx.count == ty.count);
	}
	CHECK(same_peer(&m.none, &whole->peers.none));
	wdl_free(x);
	wdl_free(y);
	wdl_peers_dispose(&m);
	wdilog_report_free(whole);
	wdilog_report_free(a);
	wdilog_report_free(b);
	free(text);
}

int main(void)
{
	test_counts();
	test_dominant_ties_and_cap();
	test_peer_cap();
	test_through_reader();
	test_merge();
	return check_report("peers");
}
