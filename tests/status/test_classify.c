/* Classify stage: formats.md section 5's table, code by code. */
#include <wdilog/status.h>

#include "check.h"

struct row {
	uint32_t code;
	wdilog_phase phase;
	wdilog_kind kind;
};

static const struct row table[] = {
	{ 0, WDILOG_PHASE_SUCCESS, WDILOG_KIND_SUCCESS },
	{ 1, WDILOG_PHASE_GENERAL, WDILOG_KIND_FAILURE },
	{ 2, WDILOG_PHASE_GENERAL, WDILOG_KIND_FAILURE },
	{ 3, WDILOG_PHASE_GENERAL, WDILOG_KIND_FAILURE },
	{ 4, WDILOG_PHASE_GENERAL, WDILOG_KIND_FAILURE },
	{ 5, WDILOG_PHASE_GENERAL, WDILOG_KIND_BENIGN },
	{ 6, WDILOG_PHASE_GENERAL, WDILOG_KIND_FAILURE },
	{ 7, WDILOG_PHASE_DISASSOCIATE, WDILOG_KIND_BENIGN },
	{ 10, WDILOG_PHASE_DISASSOCIATE, WDILOG_KIND_BENIGN },
	{ 11, WDILOG_PHASE_DISASSOCIATE, WDILOG_KIND_FAILURE },
	{ 13, WDILOG_PHASE_DISASSOCIATE, WDILOG_KIND_FAILURE },
	{ 14, WDILOG_PHASE_DISASSOCIATE, WDILOG_KIND_FAILURE },
	{ 15, WDILOG_PHASE_DISASSOCIATE, WDILOG_KIND_FAILURE },
	{ 30, WDILOG_PHASE_PROBE, WDILOG_KIND_FAILURE },
	{ 31, WDILOG_PHASE_PROBE, WDILOG_KIND_FAILURE },
	{ 40, WDILOG_PHASE_AUTH, WDILOG_KIND_FAILURE },
	{ 41, WDILOG_PHASE_AUTH, WDILOG_KIND_FAILURE },
	{ 42, WDILOG_PHASE_AUTH, WDILOG_KIND_FAILURE },
	{ 43, WDILOG_PHASE_AUTH, WDILOG_KIND_FAILURE },
	{ 44, WDILOG_PHASE_AUTH, WDILOG_KIND_FAILURE },
	{ 45, WDILOG_PHASE_AUTH, WDILOG_KIND_FAILURE },
	{ 50, WDILOG_PHASE_ASSOC, WDILOG_KIND_FAILURE },
	{ 51, WDILOG_PHASE_ASSOC, WDILOG_KIND_FAILURE },
	{ 52, WDILOG_PHASE_ASSOC, WDILOG_KIND_FAILURE },
	{ 53, WDILOG_PHASE_ASSOC, WDILOG_KIND_FAILURE },
	{ 54, WDILOG_PHASE_ASSOC, WDILOG_KIND_FAILURE },
	{ 55, WDILOG_PHASE_ASSOC, WDILOG_KIND_FAILURE },
	{ 60, WDILOG_PHASE_DISASSOCIATE, WDILOG_KIND_FAILURE },
	{ 61, WDILOG_PHASE_DISASSOCIATE, WDILOG_KIND_FAILURE },
	{ 62, WDILOG_PHASE_DISASSOCIATE, WDILOG_KIND_FAILURE },
	{ 63, WDILOG_PHASE_DISASSOCIATE, WDILOG_KIND_FAILURE },
	/* outside the enum */
	{ 8, WDILOG_PHASE_UNKNOWN, WDILOG_KIND_UNKNOWN },
	{ 12, WDILOG_PHASE_UNKNOWN, WDILOG_KIND_UNKNOWN },
	{ 46, WDILOG_PHASE_UNKNOWN, WDILOG_KIND_UNKNOWN },
	{ 64, WDILOG_PHASE_UNKNOWN, WDILOG_KIND_UNKNOWN },
	{ 99, WDILOG_PHASE_UNKNOWN, WDILOG_KIND_UNKNOWN },
	{ 0xFFFFFFFFu, WDILOG_PHASE_UNKNOWN, WDILOG_KIND_UNKNOWN },
};

static void every_code(void)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		wdilog_phase p;
		wdilog_kind k;
		wdilog_status_classify(table[i].code, &p, &k);
		if (p != table[i].phase || k != table[i].kind)
			fprintf(stderr, "code %u: phase %s kind %s\n", table[i].code,
				wdilog_phase_name(p), wdilog_kind_name(k));
		CHECK(p == table[i].phase && k == table[i].kind);
		bool known = table[i].phase != WDILOG_PHASE_UNKNOWN;
		CHECK((wdilog_status_code_name(table[i].code) != NULL) == known);
		CHECK((wdilog_status_code_description(table[i].code) != NULL) == known);
	}
}

static void names(void)
{
	uint32_t c = 0;
	CHECK_STR(wdilog_status_code_name(31), "WDI_ASSOC_STATUS_NO_BEACON_PROBE_RESPONSE");
	CHECK_STR(wdilog_status_code_name(4), "WDI_ASSOC_STATUS_PHY_DISABLED");
	/* the seed's spelling is reported for 40 and 50 */
	CHECK_STR(wdilog_status_code_name(40), "WDI_ASSOC_STATUS_AUTH_REQUEST_TX_NO_ACK");
	CHECK_STR(wdilog_status_code_name(50), "WDI_ASSOC_STATUS_ASSOC_REQUEST_TX_NO_ACK");
	CHECK(wdilog_status_lookup("AUTH_REQUEST_NO_ACK", 19, &c) && c == 40);
	CHECK(wdilog_status_lookup("wdi_assoc_status_assoc_request_no_ack", 37, &c) && c == 50);
	CHECK(wdilog_status_lookup("Success", 7, &c) && c == 0);
	CHECK(!wdilog_status_lookup("WDI_ASSOC_STATUS_", 17, &c));
	CHECK(!wdilog_status_lookup("MADE_UP", 7, &c));
	wdilog_phase p;
	CHECK(wdilog_phase_parse("Disassociate", 12, &p) && p == WDILOG_PHASE_DISASSOCIATE);
	CHECK(!wdilog_phase_parse("disassoc", 8, &p));
	CHECK_STR(wdilog_phase_name(WDILOG_PHASE_UNKNOWN), "unknown");
	CHECK(wdilog_phase_name(WDILOG_PHASE_COUNT) == NULL);
}

int main(void)
{
	every_code();
	names();
	return check_report("classify");
}
