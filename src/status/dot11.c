/* Classify stage, 802.11 side: short names for the IEEE 802.11 status
 * codes (what a peer answers an authentication or association request
 * with) and reason codes (why a deauthentication or disassociation frame
 * was sent), so that a report can say why the peer refused or left. The
 * phrases are our own summaries of the meaning of each code in IEEE Std
 * 802.11; codes the standard reserves, or that this table does not carry,
 * have no name and are reported by number only. A pure lookup. */
#include <wdilog/status.h>

#include <stddef.h>

struct dot11_name {
	uint16_t code;
	const char *name;
};

static const struct dot11_name status_names[] = {
	{ 0, "success" },
	{ 1, "unspecified failure" },
	{ 2, "TDLS wakeup schedule refused, alternative offered" },
	{ 3, "TDLS wakeup schedule refused" },
	{ 5, "security disabled" },
	{ 6, "unacceptable lifetime" },
	{ 7, "not in the same BSS" },
	{ 10, "requested capabilities not supported" },
	{ 11, "reassociation refused: no association to resume" },
	{ 12, "association refused for a reason outside the standard" },
	{ 13, "authentication algorithm not supported by the peer" },
	{ 14, "authentication frame out of sequence" },
	{ 15, "shared-key challenge failed" },
	{ 16, "authentication timed out waiting for the next frame" },
	{ 17, "access point full: no more stations accepted" },
	{ 18, "basic data rates not supported by the station" },
	{ 19, "short preamble not supported by the station" },
	{ 22, "spectrum management required" },
	{ 23, "power capability not acceptable" },
	{ 24, "supported channels not acceptable" },
	{ 25, "short slot time not supported by the station" },
	{ 27, "HT not supported by the station" },
	{ 28, "R0 key holder unreachable" },
	{ 29, "PCO transition time not supported" },
	{ 30, "refused for now, try again later" },
	{ 31, "management frame protection policy violated" },
	{ 32, "unspecified QoS failure" },
	{ 33, "not enough bandwidth for the station" },
	{ 34, "poor channel conditions" },
	{ 35, "QoS not supported by the station" },
	{ 37, "request declined" },
	{ 38, "invalid parameters" },
	{ 39, "refused with suggested changes" },
	{ 40, "invalid information element" },
	{ 41, "group cipher not valid" },
	{ 42, "pairwise cipher not valid" },
	{ 43, "AKM suite not valid" },
	{ 44, "RSN element version not supported" },
	{ 45, "RSN capabilities not valid" },
	{ 46, "cipher suite refused by policy" },
	{ 47, "refused for a delay period" },
	{ 48, "direct link not allowed in this BSS" },
	{ 49, "destination station not present" },
	{ 50, "destination station not a QoS station" },
	{ 51, "listen interval too large" },
	{ 52, "fast transition action frame count not valid" },
	{ 53, "PMKID not valid" },
	{ 54, "mobility domain element not valid" },
	{ 55, "fast transition element not valid" },
	{ 56, "requested traffic classification not supported" },
	{ 57, "not enough traffic classification resources" },
	{ 58, "try another BSS" },
	{ 59, "GAS advertisement protocol not supported" },
	{ 60, "no outstanding GAS request" },
	{ 61, "no GAS response from the server" },
	{ 62, "timed out waiting for a GAS response" },
	{ 63, "GAS response larger than allowed" },
	{ 64, "refused by the home network" },
	{ 65, "advertisement server unreachable" },
	{ 67, "refused by the subscription service provider network" },
	{ 68, "refused: unauthenticated access not supported" },
	{ 72, "RSN element contents not valid" },
	{ 73, "U-APSD coexistence not supported" },
	{ 74, "requested U-APSD coexistence mode not supported" },
	{ 75, "interval not valid with U-APSD coexistence" },
	{ 76, "anti-clogging token required (SAE)" },
	{ 77, "finite cyclic group not supported (SAE)" },
	{ 78, "no alternative TBTT found" },
	{ 79, "transmission failure" },
	{ 80, "requested TCLAS not supported" },
	{ 81, "TCLAS resources exhausted" },
	{ 82, "refused, with a suggested BSS transition" },
	{ 83, "refused, with a schedule" },
	{ 84, "refused: no wakeup schedule given" },
	{ 85, "success, the peer is in power save mode" },
	{ 86, "fast session transfer pending" },
	{ 87, "performing fast session transfer" },
	{ 88, "pending a gap in the block ack window" },
	{ 89, "refused because of the U-PID setting" },
	{ 92, "refused for an external reason" },
	{ 93, "refused: access point out of memory" },
	{ 94, "refused: emergency services not supported" },
	{ 95, "query response outstanding" },
	{ 96, "refused: dependent station band" },
	{ 97, "traffic classification processing terminated" },
	{ 98, "traffic stream schedule conflict" },
	{ 99, "refused, with a suggested band and channel" },
	{ 100, "MCCA reservation conflict" },
	{ 101, "MCCA access fraction limit exceeded" },
	{ 102, "MCCA track limit exceeded" },
	{ 103, "refused by spectrum management" },
	{ 104, "VHT not supported by the station" },
	{ 105, "enablement denied" },
	{ 106, "restricted by an authorized geolocation database" },
	{ 107, "authorization withdrawn" },
	{ 126, "SAE hash-to-element required" },
	{ 127, "SAE public key required" },
};

static const struct dot11_name reason_names[] = {
	{ 1, "unspecified reason" },
	{ 2, "previous authentication no longer valid" },
	{ 3, "station is leaving (deauthenticated)" },
	{ 4, "inactive for too long" },
	{ 5, "access point cannot serve all its stations" },
	{ 6, "class 2 frame from a station not authenticated" },
	{ 7, "class 3 frame from a station not associated" },
	{ 8, "station is leaving (disassociated)" },
	{ 9, "association requested before authentication" },
	{ 10, "power capability not acceptable" },
	{ 11, "supported channels not acceptable" },
	{ 12, "BSS transition management" },
	{ 13, "invalid information element" },
	{ 14, "message integrity check failure" },
	{ 15, "4-way handshake timed out" },
	{ 16, "group key handshake timed out" },
	{ 17, "handshake element differs from the association" },
	{ 18, "group cipher not valid" },
	{ 19, "pairwise cipher not valid" },
	{ 20, "AKM suite not valid" },
	{ 21, "RSN element version not supported" },
	{ 22, "RSN capabilities not valid" },
	{ 23, "IEEE 802.1X authentication failed" },
	{ 24, "cipher suite refused by policy" },
	{ 25, "TDLS peer unreachable" },
	{ 26, "TDLS torn down, unspecified reason" },
	{ 27, "requested by the subscription service provider" },
	{ 28, "no roaming agreement with the subscription service provider" },
	{ 29, "cipher suite or AKM required by the provider not used" },
	{ 30, "not authorized in this location" },
	{ 31, "service change prevents the traffic stream" },
	{ 32, "unspecified QoS reason" },
	{ 33, "not enough bandwidth at the access point" },
	{ 34, "too many frames left unacknowledged" },
	{ 35, "transmitted outside the granted TXOP" },
	{ 36, "peer station is leaving" },
	{ 37, "peer no longer wants the stream or block ack" },
	{ 38, "stream or block ack not set up with this peer" },
	{ 39, "timed out" },
	{ 45, "PeerKey mismatch" },
	{ 46, "requested by the peer" },
	{ 47, "requested by the access point" },
	{ 48, "fast transition action frame count not valid" },
	{ 49, "PMKID not valid" },
	{ 50, "mobility domain element not valid" },
	{ 51, "fast transition element not valid" },
	{ 52, "mesh peering cancelled" },
	{ 53, "mesh peer limit reached" },
	{ 54, "mesh configuration policy violated" },
	{ 55, "mesh peering close received" },
	{ 56, "mesh peering retries exhausted" },
	{ 57, "mesh peering confirm timed out" },
	{ 58, "mesh group key not valid" },
	{ 59, "mesh parameters inconsistent" },
	{ 60, "mesh security capability not valid" },
	{ 61, "mesh path error: no proxy information" },
	{ 62, "mesh path error: no forwarding information" },
	{ 63, "mesh path error: destination unreachable" },
	{ 64, "MAC address already in the mesh BSS" },
	{ 65, "mesh channel switch for regulatory reasons" },
	{ 66, "mesh channel switch, unspecified reason" },
};

static const char *find(const struct dot11_name *t, size_t n, uint32_t code)
{
	/* both tables are sorted by code */
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t[mid].code == code)
			return t[mid].name;
		if (t[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const char *wdilog_dot11_status_name(uint32_t code)
{
	return find(status_names, sizeof(status_names) / sizeof(status_names[0]),
		    code);
}

const char *wdilog_dot11_reason_name(uint32_t code)
{
	return find(reason_names, sizeof(reason_names) / sizeof(reason_names[0]),
		    code);
}
