"""Upgrading from the previous release keeps what people did with it.

The previous release is the commit tagged `11.0.1.0.0`; CI clones may lack
tags, so the commit is also recorded in tests/RELEASE (the tag, when
present, must point at it). Its three addons are exported from git
(`git archive`) into a temporary directory and installed, with their demo
data, into a fresh database made from the suite's template, with the same
virtualenv and Odoo. The release's own code then makes documents
(tests/upgrade_release_data.py): orders in every review stage, deliveries
at several fulfilment stages, a custom request with a price change signed by
the director and the general manager, its deposit received and its
procurement request signed by the director, a return received and refunded,
review rules restricted to payment modes (the release's comma-separated
`payment_modes`). What those documents hold is read (tests/
upgrade_release_state.py: states, amounts, sign-offs, links, payment modes)
and every column of the suite's tables is dumped; then the working tree's
addons are upgraded (`-u`, which runs ecom_*/migrations/) and

- every value of every column that existed before is unchanged (the
  columns whose meaning changed are listed in MIGRATED, with the reason);
- the documents read the same through the new code, and each review rule's
  payment modes are now `ecom.payment.mode` tags (payment_mode_ids);
- no stored computed field of the suite is stale (each is recomputed and
  compared: a field whose meaning changed without a migration fails here);
- the work goes on: the general manager signs the procurement request,
  finance passes the COD order, the packed delivery is checked and shipped,
  and new orders are decided by the migrated rules according to their
  payment modes;
- the dependencies the new manifests add (e.g. `resource`) are installed by
  `-u`; neither the install, the upgrade nor the scripts log an ERROR, other
  than Odoo 11's "Unmet dependencies" of its first pass over the installed
  modules, which names those added dependencies only.

Shown to fail: without ecom_order_mgmt/migrations/11.0.2.0.0 the rules
lose their payment modes (the "Release COD only" rule reads as every mode,
and a COD order is decided by another rule).

The installed release is kept as a template database named after the
release commit and the suite's template (`ecom_rel_<digest>`), so that
only the first run pays for its install; everything else is dropped.
"""
import ast
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile

import pytest
from ecom_db import drop_db
from ecom_db import test_db_name as _test_db_name

from odoo.sql_db import close_db, db_connect
from odoo.tools import config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.dirname(os.path.abspath(__file__))
TAG = "11.0.1.0.0"
ADDONS = ["ecom_order_mgmt", "ecom_backorder", "ecom_returns"]
# Columns the upgrade rewrites on purpose: (table, column): why.
MIGRATED = {}
# Columns the ORM maintains by itself on every write.
BOOKKEEPING = {"write_date", "write_uid", "__last_update"}
# Columns the clock moves: (table, column): (old, new, column of the moment).
# An open order whose SLA deadline has passed is flagged late by the cron, and
# by every recompute of the deadlines, which the upgrade runs as it rewrites
# the shipped holiday calendar; a slow run sees a deadline pass meanwhile.
CLOCK = {("sale_order", "ecom_sla_breached"): ("false", "true", "ecom_sla_deadline")}


def _run(args, stdin=None, env=None):
    return subprocess.run(args, cwd=ROOT, stdin=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True,
                          env=dict(os.environ, **(env or {})))


def _bash(script, **kw):
    return _run(["bash", "-c", "set -euo pipefail; source scripts/env.sh; "
                 "source scripts/db.sh; " + script], **kw)


def _ok(result, what, allowed=None):
    assert result.returncode == 0, "%s failed:\n%s" % (what, result.stdout[-4000:])
    errors = [line for line in result.stdout.splitlines() if " ERROR " in line
              and not (allowed and allowed.search(line))]
    assert not errors, "%s logged errors:\n%s" % (what, "\n".join(errors[:20]))
    return result.stdout


def release_commit():
    """The previous release's commit: tests/RELEASE, checked against the tag."""
    with open(os.path.join(HERE, "RELEASE")) as handle:
        recorded = handle.read().split()[0]
    tagged = _run(["git", "rev-parse", "-q", "--verify", TAG + "^{commit}"])
    if tagged.returncode == 0:
        assert tagged.stdout.strip() == recorded, "tag %s is %s but tests/RELEASE " \
            "records %s" % (TAG, tagged.stdout.strip(), recorded)
    present = _run(["git", "cat-file", "-e", recorded + "^{commit}"])
    assert present.returncode == 0, (
        "commit %s of release %s is not in this clone (a shallow clone?): fetch it, "
        "e.g. git fetch --unshallow or git fetch origin %s" % (recorded, TAG, recorded))
    return recorded


def _odoo(db, args, addons_path=None, stdin=None, env=None):
    path = " --addons-path=%s" % addons_path if addons_path else ""
    return _bash("odoo %s -d %s%s --log-level=warn" % (args, db, path), stdin=stdin,
                 env=env)


def _shell(db, script, addons_path=None, env=None):
    with open(os.path.join(HERE, script)) as handle:
        return _odoo(db, "shell --no-http", addons_path, stdin=handle, env=env)


def _dependencies(addons_dir):
    """{addon: set of its dependencies} from the manifests under `addons_dir`."""
    found = {}
    for addon in ADDONS:
        with open(os.path.join(addons_dir, addon, "__manifest__.py")) as handle:
            found[addon] = set(ast.literal_eval(handle.read()).get("depends", []))
    return found


def _new_dependencies(release_path):
    """Dependencies the working tree's manifests add to the release's (Odoo
    installs them during -u) and the pattern of the ERROR lines Odoo 11 logs
    for them: its first pass over the installed modules finds them missing
    ("Unmet dependencies"), before -u installs them and loads every module."""
    old, new = _dependencies(release_path), _dependencies(ROOT)
    added = set().union(*(new[addon] - old[addon] for addon in ADDONS)) - set(ADDONS)
    names = "|".join(sorted(added | set(ADDONS)))
    return added, re.compile(r"odoo\.modules\.graph: module (%s): Unmet dependencies: "
                             r"(%s)(, (%s))*$" % (names, names, names))


def _marked(output, mark):
    for line in output.splitlines():
        if line.startswith(mark + "="):
            return json.loads(line[len(mark) + 1:])
    raise AssertionError("no %s in the output:\n%s" % (mark, output[-4000:]))


def _exists(db):
    with db_connect("postgres").cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (db,))
        return bool(cr.fetchone())


def _release_template(commit, release_dir):
    """A database with the release installed (built once per release and template)."""
    template = _bash("template_name").stdout.strip()
    assert template.startswith("ecom_tpl_"), template
    name = "ecom_rel_" + hashlib.sha1(("%s %s" % (commit, template)).encode()).hexdigest()[:10]
    if _exists(name):
        return name
    building = name + "_tmp"
    _ok(_bash('drop_db "%s"; create_from_template "%s"' % (building, building)),
        "creating the release database")
    _ok(_odoo(building, "-i %s --stop-after-init" % ",".join(ADDONS), release_dir),
        "installing release %s" % commit[:10])
    close_db(building)
    with db_connect("postgres").cursor() as cr:
        cr.autocommit(True)
        cr.execute('ALTER DATABASE "%s" RENAME TO "%s"' % (building, name))
    if os.path.isdir(config.filestore(building)):
        # a filestore left by an interrupted run is not this database's
        shutil.rmtree(config.filestore(name), ignore_errors=True)
        os.rename(config.filestore(building), config.filestore(name))
    return name


def _copy(template, name):
    drop_db(name)
    with db_connect("postgres").cursor() as cr:
        cr.autocommit(True)
        cr.execute('CREATE DATABASE "%s" TEMPLATE "%s"' % (name, template))
    shutil.rmtree(config.filestore(name), ignore_errors=True)
    if os.path.isdir(config.filestore(template)):
        shutil.copytree(config.filestore(template), config.filestore(name))


def _dump(db):
    """{(table, column): {id: value}} of the suite's tables and ecom_ columns,
    and the database's UTC time as text (the same format as the values)."""
    close_db(db)
    dump = {}
    with db_connect(db).cursor() as cr:
        cr.execute("SELECT (now() AT TIME ZONE 'UTC')::timestamp(0)::text")
        now = cr.fetchone()[0]
        # tables only: the reports are SQL views computed from them (and now())
        cr.execute("""SELECT c.table_name, c.column_name FROM information_schema.columns c
                        JOIN information_schema.columns i
                          ON i.table_name = c.table_name AND i.column_name = 'id'
                        JOIN information_schema.tables t
                          ON t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
                       WHERE c.table_schema = 'public'
                         AND (c.table_name LIKE 'ecom\\_%%' OR c.column_name LIKE 'ecom\\_%%')
                       ORDER BY 1, 2""")
        columns = {}
        for table, column in cr.fetchall():
            columns.setdefault(table, []).append(column)
        for table, names in columns.items():
            names = [name for name in names if name not in BOOKKEEPING]
            cr.execute('SELECT id, %s FROM "%s"' % (
                ", ".join('"%s"::text' % name for name in names), table))
            for row in cr.fetchall():
                for name, value in zip(names, row[1:]):
                    dump.setdefault((table, name), {})[row[0]] = value
    close_db(db)
    return dump, now


def _clock_moved(key, record_id, old, new, after, now):
    """Whether the change is the clock's: the moment it waits for has passed."""
    if key not in CLOCK or CLOCK[key][:2] != (old, new):
        return False
    moment = after.get((key[0], CLOCK[key][2]), {}).get(record_id)
    return bool(moment) and moment < now


def _changed(before, after, now):
    changes = []
    for key, values in sorted(before.items()):
        if key in MIGRATED:
            continue
        if key not in after:
            if key[1] != "id":
                changes.append("%s.%s: column gone" % key)
            continue
        for record_id, value in sorted(values.items()):
            new = after[key].get(record_id, "<row gone>")
            if new != value and not _clock_moved(key, record_id, value, new, after, now):
                changes.append("%s.%s id %s: %r -> %r" % (key + (record_id, value, new)))
    return changes


@pytest.fixture(scope="module")
def release_dir():
    commit = release_commit()
    path = tempfile.mkdtemp(prefix="ecom_release_")
    archive = subprocess.Popen(["git", "archive", commit] + ADDONS, cwd=ROOT,
                               stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", path], stdin=archive.stdout, check=True)
    assert archive.wait() == 0, "git archive %s failed" % commit
    try:
        yield commit, path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@pytest.mark.slow
def test_upgrade_from_the_previous_release(release_dir):
    commit, path = release_dir
    db = "%s_release" % _test_db_name()
    _copy(_release_template(commit, path), db)
    try:
        made = _ok(_shell(db, "upgrade_release_data.py", path), "the release's documents")
        data = _marked(made, "RELEASE_DATA")
        env = {"RELEASE_DATA": json.dumps(data)}
        before = _marked(_ok(_shell(db, "upgrade_release_state.py", path, env), "reading"),
                         "RELEASE_STATE")
        columns, _now = _dump(db)

        added, unmet = _new_dependencies(path)
        upgrade = _ok(_odoo(db, "-u %s --stop-after-init "
                                "--log-handler=odoo.modules.migration:INFO" % ",".join(ADDONS)),
                      "-u", unmet)
        assert "module ecom_order_mgmt: Running migration [11.0.2.0.0>] post-migration" \
            in upgrade, upgrade[-3000:]
        state = _ok(_shell(db, "upgrade_release_state.py", env=dict(
            env, RECOMPUTE="1", CONTINUE="1")), "reading after the upgrade")

        changes = _changed(columns, *_dump(db))
        assert not changes, "the upgrade changed %d values:\n%s" % (
            len(changes), "\n".join(changes[:40]))
        after = _marked(state, "RELEASE_STATE")
        assert after == before, json.dumps({"before": before, "after": after}, indent=1)
        for name, codes in data["modes"].items():
            assert after["rules"][name]["codes"] == codes, (name, after["rules"][name])
        assert _marked(state, "RELEASE_STALE") == [], "stored computed fields left stale"
        assert _marked(state, "RELEASE_CONTINUED") == {
            "request": "purchasing", "cod order": ["approved", 1],
            "packed delivery": ["shipped", "done"],
            "decided by": {"cod": ["Release COD only", "to_finance"],
                           "cod_inspect": ["Release COD only", "to_finance"],
                           "prepaid": ["Release prepaid", "to_finance"],
                           "instalment": ["Release any mode", "to_finance"]}}
        with db_connect(db).cursor() as cr:
            cr.execute("SELECT name, latest_version FROM ir_module_module "
                       "WHERE name IN %s ORDER BY name", (tuple(ADDONS),))
            versions = dict(cr.fetchall())
            cr.execute("SELECT name, state FROM ir_module_module WHERE name IN %s",
                       (tuple(added) or ("-",),))
            dependencies = dict(cr.fetchall())
        close_db(db)
        assert set(versions.values()) == {"11.0.2.0.0"}, versions
        assert dependencies == {name: "installed" for name in added}, dependencies
    finally:
        drop_db(db)
        shutil.rmtree(config.filestore(db), ignore_errors=True)
