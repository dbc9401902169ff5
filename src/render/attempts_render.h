/* Render stage, attempts: the ATTEMPTS section of the text report and
 * the "attempts" member of the JSON report (each called with one line
 * from text.c and json.c), and the helpers the per-attempt outputs share. */
#ifndef WDL_ATTEMPTS_RENDER_H
#define WDL_ATTEMPTS_RENDER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <wdilog/attempts.h>
#include <wdilog/error.h>
#include <wdilog/report.h>

#include "render/json_writer.h"

/* The ATTEMPTS section, only when the inputs had WLAN-AutoConfig signals
 * (wdl_attempts_shown: a capture without any prints what it did before),
 * every line within @p width columns (wdl_text_width); @p unicode: cut
 * text is marked with an ellipsis. */
int wdl_render_attempts_text(FILE *out, const wdilog_report *rep, bool color,
			     size_t width, bool unicode, wdilog_error *err);

/* The "attempts" member, written only when wdl_attempts_shown (absent:
 * the inputs had no WLAN-AutoConfig signal). */
void wdl_render_attempts_json(struct wdl_json *j, const wdilog_report *rep);

/* The Attempts section of the HTML report (swimlane and table; only
 * when wdl_attempts_shown), its style rules and its link for the page's
 * navigation ("" when not shown). */
int wdl_render_attempts_html(FILE *out, const wdilog_report *rep,
			     wdilog_error *err);
const char *wdl_attempts_html_css(const wdilog_report *rep);
const char *wdl_attempts_html_nav(const wdilog_report *rep);

/* A duration bound in ms as "5 ms", "2 s", "10 min" (UINT64_MAX: "more
 * than 10 min") into @p buf. */
const char *wdl_att_duration_text(uint64_t ms, char *buf, size_t cap);

/* A reason in a few words: "wdi 31", "wlan 0x38002", "dot11 17", "-". */
const char *wdl_att_reason_short(wdilog_reason r, char *buf, size_t cap);

/* Its name, or NULL: the WDI status name, the WLAN_REASON_CODE phrase
 * (or range), the 802.11 status phrase. */
const char *wdl_att_reason_name(wdilog_reason r);

#endif
