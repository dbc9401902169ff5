#!/usr/bin/env python3
"""Check wdilog JSON reports against the formats.md section 6 contract,
without jsonschema: every required member present with the right type, and
the counts consistent with each other.

    contract.py REPORT.json...    exit 0 when every report passes
"""
import json
import re
import sys

TOTALS = ("events", "with_status", "without_status", "undecoded", "damaged",
          "statuses", "failures", "benign", "successes", "unknown", "malformed")
PHASES = ("success", "general", "probe", "auth", "assoc", "disassociate", "unknown")
KINDS = ("success", "failure", "benign", "unknown")
CODE = ("code", "name", "phase", "kind", "count", "first", "last")
INPUT = ("path", "format", "encoding", "events", "statuses", "damaged")
FORMATS = ("wpp-text", "event-xml", "eventlog-text", "plain-text")
ENCODINGS = ("utf-8", "utf-16le", "utf-16be", "windows-1252")
GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?(Z|[+-]\d\d:\d\d)?")


def is_count(v):
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def check(r):
    """Yield one message per broken rule."""
    if r.get("schema") != "wdilog/1":
        yield "schema is %r" % r.get("schema")
    t = r.get("totals", {})
    for k in TOTALS:
        if not is_count(t.get(k)):
            yield "totals.%s missing or not a count" % k
    if any(not is_count(t.get(k)) for k in TOTALS):
        return
    parts = t["with_status"] + t["without_status"] + t["undecoded"] + t["damaged"]
    if t["events"] != parts:
        yield "events %d != with_status + without_status + undecoded + damaged = %d" % (
            t["events"], parts)
    kinds = t["failures"] + t["benign"] + t["successes"] + t["unknown"]
    if t["statuses"] != kinds:
        yield "statuses %d != failures + benign + successes + unknown = %d" % (
            t["statuses"], kinds)
    if t["with_status"] > t["statuses"]:
        yield "more events with status than status records"

    ph = r.get("phases", {})
    for p in PHASES:
        e = ph.get(p)
        if not isinstance(e, dict):
            yield "phases.%s missing" % p
            continue
        for k in ("statuses", "failures"):
            if not is_count(e.get(k)):
                yield "phases.%s.%s missing or not a count" % (p, k)
        for k in ("first", "last"):
            if k not in e or not (e[k] is None or TIME.fullmatch(e[k])):
                yield "phases.%s.%s missing or not a time" % (p, k)
        if e.get("statuses") and (e.get("first") is None) != (e.get("last") is None):
            yield "phases.%s has only one of first/last" % p
    if set(ph) - set(PHASES):
        yield "unknown phases %s" % sorted(set(ph) - set(PHASES))
    if all(isinstance(ph.get(p), dict) for p in PHASES):
        if sum(ph[p].get("statuses", 0) for p in PHASES) != t["statuses"]:
            yield "phase statuses do not sum to totals.statuses"
        if sum(ph[p].get("failures", 0) for p in PHASES) != t["failures"]:
            yield "phase failures do not sum to totals.failures"
        if ph["unknown"].get("statuses") != t["unknown"]:
            yield "phases.unknown.statuses != totals.unknown"

    codes = r.get("codes")
    if not isinstance(codes, list):
        yield "codes missing"
        codes = []
    for i, c in enumerate(codes):
        missing = [k for k in CODE if k not in c]
        if missing:
            yield "codes[%d] lacks %s" % (i, missing)
            continue
        if c["code"] is None and c["name"] is None:
            yield "codes[%d] has neither code nor name" % i
        if c["code"] is not None and not is_count(c["code"]):
            yield "codes[%d].code is not a number" % i
        if c["phase"] not in PHASES or c["kind"] not in KINDS:
            yield "codes[%d] phase/kind %r/%r" % (i, c["phase"], c["kind"])
        if not is_count(c["count"]) or c["count"] == 0:
            yield "codes[%d].count is not a positive count" % i
    if codes and sum(c.get("count", 0) for c in codes) != t["statuses"]:
        yield "codes counts do not sum to totals.statuses"
    if not codes and t["statuses"]:
        yield "statuses but no codes"

    guids = r.get("undecoded_guids")
    if not isinstance(guids, list):
        yield "undecoded_guids missing"
        guids = []
    for g in guids:
        if not GUID.fullmatch(str(g.get("guid"))) or not is_count(g.get("count")):
            yield "bad undecoded_guids entry %r" % g
    if sum(g.get("count", 0) for g in guids) > t["undecoded"]:
        yield "undecoded_guids count more than totals.undecoded"

    inputs = r.get("inputs")
    if not isinstance(inputs, list):
        yield "inputs missing"
        return
    for i, e in enumerate(inputs):
        missing = [k for k in INPUT if k not in e]
        if missing:
            yield "inputs[%d] lacks %s" % (i, missing)
            continue
        unread = e.get("error") is not None
        if e["format"] not in FORMATS and not (unread and e["format"] == "none"):
            yield "inputs[%d].format %r" % (i, e["format"])
        if e["encoding"] not in ENCODINGS and not (unread and e["encoding"] == "none"):
            yield "inputs[%d].encoding %r" % (i, e["encoding"])
    for k in ("events", "statuses", "damaged"):
        if sum(e.get(k, 0) for e in inputs) != t[k]:
            yield "inputs' %s do not sum to totals.%s" % (k, k)


def main(paths):
    bad = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
        problems = list(check(report))
        for p in problems:
            print("%s: %s" % (path, p))
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
