#!/usr/bin/env python
"""Show that the tests can fail: break one guarded rule at a time, on a copy
of the code, and check that the tests written for it fail.

For each mutation below, the working tree (addons, tests, data) is copied to
a temporary directory, one exact piece of code is replaced there (the script
stops if that code is not found exactly once: the mutation must follow the
code), and pytest runs the mutation's tests against the copy
(``--odoo-addons-path`` points Odoo at it; the database is not changed: the
mutations are Python only). A mutation is *caught* when its tests fail; one
that survives is a hole in the tests. First, the same tests (those of the
mutations chosen) run on an unmutated copy and must pass (else "caught"
would mean nothing).

    .venv/bin/python tests/mutation_check.py --database ecom_test [--only refund_cap]

It takes a few minutes per mutation (each runs its tests once); it is not
part of `make test`. Exit status 0 when the baseline passes and every
mutation is caught. The property tests run with ECOM_PROPERTY_EXAMPLES
(default 100) examples here too.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COPIED = ["ecom_order_mgmt", "ecom_backorder", "ecom_returns", "tests", "data",
          "conftest.py", "setup.cfg"]
PROPS = "tests/test_properties.py"
MATRIX = "tests/test_access_matrix.py::TestAccessMatrix::test_action_matrix"

# name: (what it breaks, file, code, broken code, tests that must fail)
MUTATIONS = {
    "guard_widened": (
        "ecom.guard.mixin action table: finance may pass the CS review",
        "ecom_order_mgmt/models/sale_order.py",
        '"cs_approve": ecom_action(\n                [CS], ["to_review"]',
        '"cs_approve": ecom_action(\n                [CS, FINANCE], ["to_review"]',
        [MATRIX, PROPS + "::TestOrderLifecycle"]),
    "guard_group_removed": (
        "ecom.guard.mixin action table: the warehouse group removed from picking",
        "ecom_order_mgmt/models/stock_picking.py",
        '"pick": ("printed", "picked", (WAREHOUSE,)),',
        '"pick": ("printed", "picked", ()),',
        [PROPS + "::TestOrderLifecycle", "ecom_order_mgmt/tests/test_fulfilment.py"]),
    "refund_cap": (
        "refund cap: a refund no longer limited to what is left of the payment",
        "ecom_returns/tools/refund.py",
        "return Refund(goods, fee, cap, min(amount, cap), capped)",
        "return Refund(goods, fee, cap, amount, capped)",
        [PROPS + "::TestPureProperties", PROPS + "::TestReturnQuantities",
         "ecom_returns/tests/test_returns.py"]),
    "deposit_rounding": (
        "deposit split: the deposit rounded half-even instead of half-up",
        "ecom_backorder/tools/deposit.py",
        "deposit = (total * percent / Decimal(100)).quantize(unit, rounding=ROUND_HALF_UP)",
        "deposit = (total * percent / Decimal(100)).quantize(unit, rounding='ROUND_HALF_EVEN')",
        [PROPS + "::TestPureProperties", "ecom_backorder/tests/test_tools.py"]),
    "deposit_balance": (
        "deposit split: the balance rounded on its own (deposit + balance may miss the "
        "total by a cent)",
        "ecom_backorder/tools/deposit.py",
        "return deposit, total - deposit",
        "return deposit, (total * (100 - percent) / Decimal(100)).quantize(\n"
        "        unit, rounding=ROUND_HALF_UP)",
        [PROPS + "::TestCustomRequestLifecycle",
         "ecom_backorder/tests/test_custom_request.py"]),
    "scan_short": (
        "scan comparison: a parcel one unit short passes the check",
        "ecom_order_mgmt/tools/scan.py",
        "elif count < quantity:",
        "elif count < quantity - 1:",
        [PROPS + "::TestOrderLifecycle", "ecom_order_mgmt/tests/test_tools_scan.py",
         "ecom_order_mgmt/tests/test_fulfilment.py"]),
}


def _copy(target):
    for name in COPIED:
        source = os.path.join(ROOT, name)
        if os.path.isdir(source):
            shutil.copytree(source, os.path.join(target, name), ignore=shutil.ignore_patterns(
                "__pycache__", "*.pyc", ".pytest_cache"))
        else:
            shutil.copy2(source, target)


def _mutate(target, path, code, broken):
    path = os.path.join(target, path)
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    found = text.count(code)
    if found != 1:
        sys.exit("%s: the code to mutate is found %d times (update MUTATIONS):\n%s" % (
            path, found, code))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace(code, broken))


def _pytest(target, args, tests):
    command = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
               "--odoo-config=%s" % args.config, "--odoo-database=%s" % args.database,
               "--odoo-addons-path=%s" % target] + tests
    started = time.time()
    result = subprocess.run(command, cwd=target, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, universal_newlines=True)
    tail = [line for line in result.stdout.splitlines() if line.strip()][-1:]
    return result.returncode, time.time() - started, tail[0] if tail else "", result.stdout


def _run(name, args, mutation=None):
    target = tempfile.mkdtemp(prefix="ecom_mutant_%s_" % name)
    try:
        _copy(target)
        tests = sorted({test for name in (args.only or MUTATIONS)
                        for test in MUTATIONS[name][4]}) if mutation is None else mutation[4]
        if mutation is not None:
            _mutate(target, *mutation[1:4])
        return _pytest(target, args, tests)
    finally:
        shutil.rmtree(target, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", "-d", required=True,
                        help="a database with the suite and its demo data (e.g. make "
                             "test's ecom_test)")
    parser.add_argument("--config", "-c", default=os.path.join(ROOT, ".local", "odoo.conf"))
    parser.add_argument("--only", nargs="*", choices=sorted(MUTATIONS))
    parser.add_argument("--no-baseline", action="store_true",
                        help="skip the unmutated run (when it was just made)")
    args = parser.parse_args()
    args.config = os.path.abspath(args.config)  # pytest runs in the copy
    ok = True
    if not args.no_baseline:
        code, seconds, summary, output = _run("baseline", args)
        print("baseline (no mutation): %s in %.0fs: %s" % (
            "passes" if code == 0 else "FAILS", seconds, summary), flush=True)
        if code != 0:
            print(output[-5000:])
            return 1
    for name in args.only or sorted(MUTATIONS):
        mutation = MUTATIONS[name]
        code, seconds, summary, output = _run(name, args, mutation)
        caught = code == 1  # tests failed (2+: pytest itself could not run them)
        ok = ok and caught
        print("%-20s %-8s %4.0fs  %s\n    %s" % (
            name, "caught" if caught else ("SURVIVED" if code == 0 else "ERROR %d" % code),
            seconds, mutation[0], summary), flush=True)
        if not caught:
            print(output[-3000:])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
