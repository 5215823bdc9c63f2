"""The volume-data generator makes a database the ORM accepts, and the
benchmark harness runs on it.

`make demo-data SIZE=200` on a throw-away copy of the test database (the
addons already installed: `FROM_DB`, which saves an install), then the
invariants of the generated data are checked through the ORM
(data/generator/generate.py `check_invariants`: every stage agrees with the
deliveries, amounts with the lines, quants with the moves, no negative stock,
contract actions work on generated records), and
`bench/run.py --quick` must print one row per benchmark, none failed.
"""
import os
import subprocess

import pytest
from ecom_db import copy_test_db, drop_db

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CHECK = """
import sys
sys.path.insert(0, "data/generator")
import generate
from odoo import api, SUPERUSER_ID
import odoo
registry = odoo.registry("{db}")
with api.Environment.manage(), registry.cursor() as cr:
    env = api.Environment(cr, SUPERUSER_ID, {{}})
    cr.execute("select count(*) from sale_order where name like 'SB%'")
    print("ORDERS", cr.fetchone()[0])
    cr.execute("select ecom_state, count(*) from sale_order where name like 'SB%' group by 1")
    print("STAGES", dict(cr.fetchall()))
    for problem in generate.check_invariants(env, sample=200):
        print("PROBLEM", problem)
    cr.rollback()
"""


def _bash(script):
    full = 'set -euo pipefail; source scripts/env.sh; source scripts/db.sh; ' + script
    return subprocess.run(["bash", "-c", full], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)


@pytest.mark.slow
def test_generated_database_is_sound_and_benchmarks_run():
    source = copy_test_db("generator_src")
    db = source[:-len("_src")]
    try:
        result = _bash("FROM_DB={src} BENCH_DB={db} SIZE=200 scripts/demo_data.sh".format(
            src=source, db=db))
        assert result.returncode == 0, result.stdout[-3000:]
        assert "sanity pass: ok" in result.stdout, result.stdout[-3000:]

        result = _bash('odoo shell -d {db} --log-level=warn <<"PY"\n{code}\nPY'.format(
            db=db, code=CHECK.format(db=db)))
        assert result.returncode == 0, result.stdout[-3000:]
        out = result.stdout.splitlines()
        orders = [int(line.split()[1]) for line in out if line.startswith("ORDERS")]
        assert orders == [200], result.stdout[-3000:]
        stages = eval(next(line[7:] for line in out if line.startswith("STAGES")))
        assert stages.get("approved", 0) > 100, stages   # most orders are past review
        assert [line for line in out if line.startswith("PROBLEM")] == []

        result = _bash('BENCH_DB={db} scripts/bench.sh --quick --output /tmp/{db}.md'.format(
            db=db))
        assert result.returncode == 0, result.stdout[-3000:]
        table = result.stdout[result.stdout.index("figure"):]
        modules = [name[:-3] for name in os.listdir(os.path.join(ROOT, "bench"))
                   if name.startswith("bench_") and name.endswith(".py")]
        assert modules
        for module in modules:
            assert "%s failed" % module not in table, table
        assert "ERROR" not in table, table
        for figure in ("CS review queue", "Order KPI pivot", "SLA cron", "Allocation",
                       "Returns"):
            assert figure in table, table
    finally:
        drop_db(db)
        drop_db(source)
