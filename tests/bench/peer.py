#!/usr/bin/env python3
"""The Python peer in the benchmark: a straightforward regex scan that
counts WDI status values per code, the way a user might script it."""
import re
import sys

KEYS = ("AssocStatus|AssociationStatus|WdiAssocStatus|WdiAssociationStatus|"
        "DisassocStatus|DisassociationStatus|DisassociationWdiReason|"
        "RoamingReason|RoamReason")
VALUE = re.compile(r'(?i)(?<![A-Za-z0-9_])(?:' + KEYS +
                   r')(?:\s*"?\s*[=:]|\s+is\s)\s*["\']?(0x[0-9a-f]+|\d+)\b')
TOKEN = re.compile(r'(?i)(?<![A-Za-z0-9_])WDI_ASSOC_STATUS_[A-Za-z0-9_]+')


def main(path):
    counts = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            found = set()
            for m in VALUE.finditer(line):
                found.add(int(m.group(1), 0))
            for m in TOKEN.finditer(line):
                found.add(m.group(0).upper())
            for v in found:
                counts[v] = counts.get(v, 0) + 1
    print(sum(counts.values()))


if __name__ == "__main__":
    main(sys.argv[1])
