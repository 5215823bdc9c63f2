"""Upgrading the addons (`-u`) on a database holding demo data keeps every record,
and the tests still pass on the upgraded database.

A throw-away copy of the test database (which holds the suite's demo data) is
upgraded with Odoo's command line, as `make run` and `KEEP_DB=1 scripts/test.sh`
do; the number of rows of every stored `ecom.*` model and of channel orders
is compared before and after; then a few test modules run on the upgraded
copy in a separate pytest. The copy is dropped at the end.
"""
import os
import subprocess
import sys

import pytest
from ecom_db import copy_test_db, drop_db

import odoo
from odoo.sql_db import db_connect

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = "ecom_order_mgmt,ecom_backorder,ecom_returns"
# A quick cross-section: review stages, a custom order, after-sales.
SUBSET = ["ecom_order_mgmt/tests/test_review.py",
          "ecom_returns/tests/test_returns.py::TestBeforeShipment",
          "ecom_backorder/tests/test_custom_request.py::TestCustomRequest::"
          "test_whole_chain_of_a_channel_order"]


def _counts(db):
    with db_connect(db).cursor() as cr:
        cr.execute("SELECT model FROM ir_model WHERE model LIKE 'ecom.%%' AND NOT transient "
                   "ORDER BY model")
        counts = {}
        for (model,) in cr.fetchall():
            table = model.replace(".", "_")
            cr.execute("SELECT to_regclass(%s)", (table,))
            if cr.fetchone()[0]:
                cr.execute('SELECT count(*) FROM "%s"' % table)
                counts[model] = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM sale_order WHERE ecom_channel_id IS NOT NULL")
        counts["channel orders"] = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM stock_picking WHERE ecom_fulfil_state IS NOT NULL")
        counts["channel deliveries"] = cr.fetchone()[0]
        return counts


def _bash(script):
    full = "set -euo pipefail; source scripts/env.sh; " + script
    return subprocess.run(["bash", "-c", full], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)


@pytest.mark.slow
def test_upgrade_keeps_every_record_and_the_tests_pass():
    db = copy_test_db("upgrade")
    try:
        before = _counts(db)
        assert before["channel orders"] > 0 and before["ecom.channel"] >= 2, \
            "the test database should hold the demo data"
        result = _bash("odoo -d %s -u %s --stop-after-init --log-level=warn" % (db, ADDONS))
        assert result.returncode == 0, result.stdout[-3000:]
        errors = [line for line in result.stdout.splitlines() if " ERROR " in line]
        assert not errors, "\n".join(errors)
        assert _counts(db) == before
        tests = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly",
             "--odoo-config=%s" % odoo.tools.config.rcfile,
             "--odoo-database=%s" % db] + SUBSET,
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            universal_newlines=True)
        assert tests.returncode == 0, tests.stdout[-3000:]
        assert " passed" in tests.stdout.splitlines()[-1], tests.stdout[-500:]
    finally:
        drop_db(db)
