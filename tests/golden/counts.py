#!/usr/bin/env python3
"""Check one sample's report against the hand counts in its counts.txt.

Usage: counts.py WDILOG SOURCE_ROOT COUNTS_FILE SAMPLE   (SAMPLE in samples/)
The numbers come from a person counting the file (REAL-EXPORTS.md says
how), never from a run of wdilog; the counts file says what each field
means.
"""
import json
import os
import subprocess
import sys


def spec_of(counts, sample):
    with open(counts, encoding="utf-8") as f:
        for line in f:
            if line.startswith(sample + ":"):
                return line.split(":", 1)[1].split()
    sys.exit("%s: no line for %s" % (counts, sample))


def as_text(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ",".join(as_text(x) for x in v)
    return str(v)


def main():
    wdilog, root, counts, sample = sys.argv[1:5]
    wdilog = os.path.abspath(wdilog)
    fields = spec_of(counts, sample)
    path = os.path.join("samples", sample)
    opts = [f.split("=", 1)[1] for f in fields if f.startswith("option=")]
    run = subprocess.run([wdilog, "--format", "json"] + opts + [path],
                         cwd=root, capture_output=True)
    rep = json.loads(run.stdout.decode("utf-8")) if run.stdout else {}
    err = run.stderr.decode("utf-8", "replace")
    inp = rep.get("inputs", [{}])[0]
    codes = {c["code"]: c for c in rep.get("codes", [])}
    in_codes = {c["code"]: c for c in inp.get("codes", [])}
    events = None
    bad = 0
    want_rc = "0"

    def check(what, got, want):
        nonlocal bad
        if as_text(got) == want:
            print("ok - %s %s" % (what, want))
        else:
            print("not ok - %s: got %s, want %s" % (what, as_text(got), want))
            bad += 1

    for f in fields:
        key, _, want = f.partition("=")
        # loss: only marks the loss members (doc/report.md); each is
        # checked like any other, and one missing from the report fails
        if key.startswith("loss:"):
            key = key[5:]
        if key == "option":
            continue
        if key == "rc":
            want_rc = want
        elif key in ("strict", "max-damaged-0"):
            gate = ["--strict"] if key == "strict" else ["--max-damaged", "0"]
            g = subprocess.run([wdilog, "-q"] + gate + opts + [path],
                               cwd=root, capture_output=True)
            check("exit status with " + " ".join(gate), g.returncode, want)
        elif key == "nowarn":
            check("stderr", err.strip() or None, "null")
        elif key == "warn":
            check("stderr holds " + want, want in err, "true")
        elif key.startswith("totals."):
            check(key, rep.get("totals", {}).get(key[7:], "absent"), want)
        elif key.startswith(("code.", "first.", "last.", "lines.")):
            what, n = key.split(".")
            n = int(n)
            if what == "lines":
                got = in_codes.get(n, {}).get("lines", "absent")
            else:
                got = codes.get(n, {}).get(what if what != "code" else "count",
                                           "absent")
            check(key, got, want)
        elif key.startswith("event."):
            _, line, member = key.split(".")
            if events is None:
                ev = subprocess.run([wdilog, "--events"] + opts + [path],
                                    cwd=root, capture_output=True)
                events = [json.loads(x) for x in
                          ev.stdout.decode("utf-8").splitlines() if x]
            rec = [e for e in events if e["line"] == int(line)]
            check(key, rec[0].get(member, "absent") if rec else "no record",
                  want)
        else:
            check(key, inp.get(key, "absent"), want)
    check("exit status", run.returncode, want_rc)
    if bad:
        sys.stdout.write("stderr was:\n" + err)
    print("%d failed" % bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
