#!/usr/bin/env python3
"""Validate JSON documents against a JSON Schema (draft 2020-12).

    validate.py SCHEMA DOC.json...      exit 0 when every document is valid
    validate.py --invalid SCHEMA DOC... exit 0 when every document is INVALID
"""
import json
import sys

import jsonschema


def main(args):
    want_valid = True
    if args and args[0] == "--invalid":
        want_valid = False
        args = args[1:]
    with open(args[0], encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    bad = 0
    for path in args[1:]:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        if want_valid and errors:
            bad += 1
            print("FAIL: %s is not valid" % path)
            for e in errors[:5]:
                where = "/".join(str(p) for p in e.path)
                print("    /%s: %s" % (where, e.message))
        elif not want_valid and not errors:
            bad += 1
            print("FAIL: %s is valid, but should not be" % path)
        else:
            print("ok: %s is %s" % (path, "valid" if want_valid else "invalid"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
