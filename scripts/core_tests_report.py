"""Read the JUnit reports of scripts/core_tests.sh (Odoo's own tests).

    core_tests_report.py summary REPORT KNOWN   time per app, the failures;
        prints the pytest node ids of the failures KNOWN does not list to
        stdout (the rest to stderr)
    core_tests_report.py failed REPORT          the node ids that failed

KNOWN lists a test a line, `odoo.addons.<app>.tests.<module>.<Class>.<test>`,
then `# reason`; lines that start with # are comments. A reason that starts
with "SUITE:" is a failure the suite causes, accepted until it is fixed:
reported at every run, not counted. A reason that starts with "FLAKY:" is
a test that fails only sometimes without the suite (a timing on a loaded
machine): its passing is not news.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

import odoo.addons

ADDONS = os.path.dirname(odoo.addons.__file__)


def read_known(path):
    known = {}
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            test, _sep, reason = line.partition("#")
            if test.strip():
                known[test.strip()] = reason.strip()
    return known


def cases(report):
    """(test name, pytest node id, app, seconds, outcome) of each test."""
    for case in ET.parse(report).iter("testcase"):
        # pytest names the class after its path: .venv.lib....odoo.addons.stock.tests.x.Class
        classname = re.sub(r"^.*?(odoo\.addons\.)", r"\1", case.get("classname"))
        parts = classname.split(".")
        app, module, cls = parts[2], parts[-2], parts[-1]
        node = "%s::%s::%s" % (os.path.join(ADDONS, app, "tests", module + ".py"), cls,
                               case.get("name"))
        if case.find("failure") is not None or case.find("error") is not None:
            outcome = "failed"
        elif case.find("skipped") is not None:
            outcome = "skipped"
        else:
            outcome = "passed"
        yield ("%s.%s" % (classname, case.get("name")), node, app,
               float(case.get("time") or 0), outcome)


def summary(report, known_path):
    known = read_known(known_path)
    seconds, counts, outcomes = defaultdict(float), defaultdict(int), defaultdict(int)
    unknown, accepted = [], 0
    err = sys.stderr
    for test, node, app, time, outcome in cases(report):
        seconds[app] += time
        counts[app] += 1
        outcomes[outcome] += 1
        if outcome == "failed":
            if known.get(test, "").startswith("SUITE:"):
                print("FAILED, caused by the suite (accepted until fixed: %s) %s"
                      % (known[test][6:].strip(), test), file=err)
                accepted += 1
            elif test in known:
                print("failed (known: %s) %s" % (known[test].replace("FLAKY:", "flaky,"),
                                                 test), file=err)
            else:
                print("FAILED %s" % test, file=err)
                unknown.append(node)
        elif outcome == "passed" and test in known and \
                not known[test].startswith("FLAKY:"):
            print("NOTE: %s passes now: take it off %s" % (test, known_path), file=err)
    for app in sorted(seconds):
        print("  %-14s %4d tests %6.0fs" % (app, counts[app], seconds[app]), file=err)
    print("Odoo's own tests: %d passed, %d skipped; of the %d that failed, %d are known to "
          "fail without the suite, %d are caused by the suite (accepted until fixed), %d "
          "unexpected" % (outcomes["passed"], outcomes["skipped"], outcomes["failed"],
                          outcomes["failed"] - accepted - len(unknown), accepted, len(unknown)),
          file=err)
    for node in unknown:
        print(node)


def failed(report):
    for _test, node, _app, _time, outcome in cases(report):
        if outcome == "failed":
            print(node)


if __name__ == "__main__":
    if sys.argv[1] == "summary":
        summary(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "failed":
        failed(sys.argv[2])
    else:
        sys.exit(__doc__)
