"""Each addon installs alone on top of its dependencies, and with each other.

(All three together are installed by `scripts/test.sh` itself, which fails on
an ERROR line in that install's log.)

Each combination is installed into its own database copied from the template
of Odoo apps (as `make run` does), then the database is dropped. The server
log of each install must hold no ERROR and every requested addon must end
installed.
"""
import os
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

COMBINATIONS = [
    ("ecom_order_mgmt",),
    ("ecom_order_mgmt", "ecom_backorder"),
    ("ecom_order_mgmt", "ecom_returns"),
]


def _bash(script):
    """Run a bash snippet with the project's environment and helpers loaded."""
    full = 'set -euo pipefail; source scripts/env.sh; source scripts/db.sh; ' + script
    return subprocess.run(["bash", "-c", full], cwd=ROOT, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True)


@pytest.mark.slow
@pytest.mark.parametrize("addons", COMBINATIONS, ids=lambda a: "+".join(a))
def test_addon_combination_installs(addons):
    db = "ecom_install_" + "_".join(a.replace("ecom_", "") for a in addons)
    modules = ",".join(addons)
    try:
        result = _bash(
            'drop_db {db}; create_from_template {db}; '
            'odoo -d {db} -i {mods} --stop-after-init --log-level=info; '
            'psql -d {db} -Atc "select name || \'=\' || state from ir_module_module '
            'where name like \'ecom_%\' order by name"'.format(db=db, mods=modules))
        assert result.returncode == 0, result.stdout[-3000:]
        errors = [line for line in result.stdout.splitlines() if " ERROR " in line]
        assert not errors, "\n".join(errors)
        states = dict(line.split("=") for line in result.stdout.splitlines()
                      if line.startswith("ecom_") and "=" in line)
        for addon in ("ecom_order_mgmt", "ecom_backorder", "ecom_returns"):
            expected = "installed" if addon in addons else "uninstalled"
            assert states.get(addon) == expected, (addon, states)
    finally:
        _bash("drop_db {db}".format(db=db))
