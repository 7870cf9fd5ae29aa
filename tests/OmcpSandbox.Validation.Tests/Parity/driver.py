"""Run omcp_policy.check over cases read from stdin and print one JSON result a line.

Input is one JSON object: {"policy": {...}, "cases": [{"id": ..., "code": ...}, ...]}.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import omcp_policy  # noqa: E402 - the module sits beside this script, which the path line above makes importable


def main():
    request = json.load(sys.stdin)
    for case in request["cases"]:
        try:
            result = omcp_policy.check(case["code"], request["policy"])
        except Exception as error:  # noqa: BLE001 - a crash is reported per case so the test shows which one
            result = {"rule": "crash", "name": type(error).__name__, "line": 0, "column": 0, "message": repr(error)}
        print(json.dumps({"id": case["id"], "result": result}))


if __name__ == "__main__":
    main()
