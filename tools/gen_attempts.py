#!/usr/bin/env python3
"""Write a generated event-XML capture of connection attempts (one event a
line, as samples/attempts-interleaved.xml): WLAN-AutoConfig events
8000-8003, 11000-11006 with WDI association statuses between them.

    gen_attempts.py [--attempts N] [--minutes M] [--seed S] [--simple] OUT

Every result of attempts.md appears (success, failure in assoc and in
security, aborted, dropped, timeout, superseded), on two interfaces (the
second has WLAN events only, so that WDI statuses, which carry no
interface, always follow an event of the first), with sessions that roam
and end by disconnect or by a new attempt. --simple writes two events per
attempt (8000, 8002): the cheapest input with many attempts. The output
depends only on the arguments."""
import argparse
import random
import sys

NS = "http://schemas.microsoft.com/win/2004/08/events/event"
WLAN = "Microsoft-Windows-WLAN-AutoConfig"
IFACES = ["{0c9f2a47-6e0b-4f0e-9d2f-3e1b2c4d5e6f}",
          "{5a1d9e33-2b7c-4c18-a0f4-9e8d7c6b5a41}"]
SSIDS = ["Corp", "Corp", "Corp", "Guest", "Lab"]
PEERS = ["8a:15:14:b6:25:%02x" % (0x10 + k * 0x10) for k in range(6)]
EPOCH = 1709625600  # 2024-03-05T08:00:00Z


class Out:
    def __init__(self, f):
        self.f = f
        self.last_iface = None

    def stamp(self, t):
        s = int(t)
        ms = int(round((t - s) * 1000))
        if ms == 1000:
            s, ms = s + 1, 0
        s += EPOCH
        days, rest = divmod(s, 86400)
        h, rest = divmod(rest, 3600)
        m, sec = divmod(rest, 60)
        # 2024-03-05 plus whole days (a capture of a few days at most)
        return "2024-03-%02dT%02d:%02d:%02d.%03dZ" % (5 + days - 19787, h, m,
                                                      sec, ms)

    def wlan(self, t, eid, iface, conn, ssid=None, **fields):
        data = ['<Data Name="InterfaceGuid">%s</Data>' % IFACES[iface],
                '<Data Name="ConnectionId">0x%x</Data>' % conn]
        if ssid:
            data.append('<Data Name="SSID">%s</Data>' % ssid)
        for k, v in fields.items():
            data.append('<Data Name="%s">%s</Data>' % (k, v))
        self.f.write('<Event xmlns="%s"><System><Provider Name="%s"/>'
                     '<EventID>%d</EventID><TimeCreated SystemTime="%s"/>'
                     '</System><EventData>%s</EventData></Event>\n'
                     % (NS, WLAN, eid, self.stamp(t), "".join(data)))
        self.last_iface = iface

    def wdi(self, t, code, peer=None):
        data = '<Data Name="AssocStatus">%d</Data>' % code
        if peer:
            data += '<Data Name="BSSID">%s</Data>' % peer
        self.f.write('<Event xmlns="%s"><System><Provider Name="wdi"/>'
                     '<TimeCreated SystemTime="%s"/></System><EventData>%s'
                     '</EventData></Event>\n' % (NS, self.stamp(t), data))


def attempt(o, rnd, t, iface, conn, sess):
    """One attempt on @iface from time @t; returns (end time, session open
    after it, extra idle gap wanted)."""
    ssid = rnd.choice(SSIDS)
    wdi = iface == 0
    kind = rnd.choices(["success", "assoc", "security", "aborted", "dropped",
                        "timeout", "superseded"],
                       [60, 12, 8, 4, 4, 4, 3])[0]
    o.wlan(t, 8000, iface, conn, ssid)
    t += rnd.uniform(0.05, 0.4)
    peers = rnd.sample(PEERS, 3)
    if kind == "aborted":
        o.wlan(t, 8002, iface, conn, ssid, ReasonCode="0x38001")
        return t, False, 0
    if kind == "timeout":
        if wdi:
            o.wdi(t, 31, peers[0])
        else:
            o.wlan(t, 11000, iface, conn, ssid)
        return t, False, 35
    # tries that fail before the one that gets through
    for k in range(rnd.choice([0, 0, 0, 1, 2]) if wdi else 0):
        o.wdi(t, rnd.choice([41, 44, 52]), peers[k])
        t += rnd.uniform(0.2, 1.5)
    o.wlan(t, 11000, iface, conn, ssid)
    t += rnd.uniform(0.02, 0.2)
    if kind == "assoc":
        if wdi:
            o.wdi(t, 52, peers[2])
            t += 0.05
        o.wlan(t, 11002, iface, conn, ssid, Dot11StatusCode=17)
        t += rnd.uniform(0.01, 0.1)
        o.wlan(t, 8002, iface, conn, ssid, ReasonCode="0x38002")
        return t, False, 0
    if kind == "dropped":
        o.wdi(t, 62) if wdi else o.wlan(t, 8003, iface, conn, ssid,
                                         ReasonCode="0x38003")
        return t, False, 0
    if kind == "superseded":
        # a new connection id takes over: the next attempt supersedes
        return t, False, 0
    if wdi:
        o.wdi(t, 0, peers[2])
        t += rnd.uniform(0.02, 0.3)
    o.wlan(t, 11001, iface, conn, ssid)
    t += rnd.uniform(0.02, 0.2)
    o.wlan(t, 11004, iface, conn, ssid)
    t += rnd.uniform(0.1, 2.5)
    if kind == "security":
        o.wlan(t, 11006, iface, conn, ssid, ReasonCode="0x48014")
        t += rnd.uniform(0.01, 0.1)
        o.wlan(t, 8002, iface, conn, ssid, ReasonCode="0x48014")
        return t, False, 0
    o.wlan(t, 11005, iface, conn, ssid)
    t += rnd.uniform(0.01, 0.2)
    o.wlan(t, 8001, iface, conn, ssid, BSSID=peers[2])
    return t, True, 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--attempts", type=int, default=300)
    ap.add_argument("--minutes", type=float, default=60)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--simple", action="store_true")
    ap.add_argument("out")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    f = sys.stdout if a.out == "-" else open(a.out, "w", encoding="utf-8")
    o = Out(f)
    f.write("<Events>\n")
    if a.simple:
        step = a.minutes * 60 / max(a.attempts, 1)
        for k in range(a.attempts):
            t = k * step
            o.wlan(t, 8000, 0, k + 1, "Corp")
            o.wlan(t + step / 2, 8002, 0, k + 1, "Corp", ReasonCode="0x38002")
    else:
        span = a.minutes * 60
        gap = span / max(a.attempts, 1)
        t, conn = 0.0, 1
        sess = [False, False]
        for k in range(a.attempts):
            iface = 0 if rnd.random() < 0.8 else 1
            t, opened, idle = attempt(o, rnd, t, iface, conn, sess)
            conn += 1
            sess[iface] = opened
            if opened and iface == 0 and rnd.random() < 0.3:
                # a roam inside the session, its statuses after an event
                # of this interface
                t += rnd.uniform(1, gap / 2)
                o.wlan(t, 11004, 0, conn - 1, None) if o.last_iface != 0 else None
                o.wdi(t + 0.01, 10)
                o.wdi(t + 0.3, 0, rnd.choice(PEERS))
            if opened and rnd.random() < 0.5:
                t += rnd.uniform(1, gap)
                o.wlan(t, 8003, iface, conn - 1, None, ReasonCode="0x38003")
                sess[iface] = False
            t += idle + rnd.uniform(0.3, 1.7) * gap
    f.write("</Events>\n")
    if f is not sys.stdout:
        f.close()


if __name__ == "__main__":
    main()
