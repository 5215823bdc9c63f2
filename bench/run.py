#!/usr/bin/env python
# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Run every benchmark module bench/bench_*.py on a generated database.

Each module exposes ``run(ctx)`` and returns a list of rows::

    {"figure": str, "value": float, "unit": str, "baseline": float or None,
     "goal": str, "note": str}

``baseline`` is plain Odoo doing the same job, measured in the same run;
the harness adds the ratio value / baseline. ``ctx`` gives ``ctx.dbname``,
``ctx.registry``, ``ctx.cursor()`` (a fresh cursor: Odoo 11's cursor commits
when a ``with`` block ends normally, so a bench that writes calls
``cr.rollback()`` before leaving), ``ctx.env(cr, uid=1)``, ``ctx.log(msg)``,
``ctx.quick`` (true for a smoke run on a tiny database: benches shrink their
workloads) and ``ctx.scratch()``: a copy of the database for a benchmark that
commits (jobs, batches of transactions), dropped afterwards, so that the
generated database stays as generated and nothing has to be cleaned up
record by record. A module that fails gets one row with its error; the
others still run. This prints; it asserts nothing.
"""
import argparse
import contextlib
import datetime
import glob
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class Context(object):
    """What a benchmark module gets."""

    def __init__(self, dbname, registry, quick=False, verbose=True):
        self.dbname = dbname
        self.registry = registry
        self.quick = quick
        self.verbose = verbose
        self.started = time.time()

    def cursor(self):
        """A fresh cursor on the benchmark database."""
        return self.registry.cursor()

    def env(self, cr, uid=1, context=None):
        """An ORM environment on `cr` (superuser unless `uid` is given)."""
        from odoo import api
        return api.Environment(cr, uid, dict(context or {}))

    @contextlib.contextmanager
    def scratch(self):
        """A Context on a copy of this database, dropped when the block ends."""
        import odoo
        from odoo.service import db as db_service
        name = "%s_scratch" % self.dbname
        drop_database(name)
        started = time.time()
        db_service.exp_duplicate_database(self.dbname, name)
        scratch = Context(name, odoo.registry(name), quick=self.quick, verbose=self.verbose)
        scratch.started = self.started
        self.log("scratch copy %s ready (%.0fs)" % (name, time.time() - started))
        try:
            yield scratch
        finally:
            drop_database(name)

    def log(self, message):
        if self.verbose:
            print("  [%6.1fs] %s" % (time.time() - self.started, message), file=sys.stderr,
                  flush=True)


def drop_database(name):
    """Drop database `name` if it exists, its connections and filestore with it."""
    import odoo
    odoo.modules.registry.Registry.delete(name)
    odoo.sql_db.close_db(name)
    with contextlib.closing(odoo.sql_db.db_connect("postgres").cursor()) as cr:
        cr.autocommit(True)
        # our own sessions only: an autovacuum worker (a superuser process we
        # may not signal) is stopped by DROP DATABASE itself
        cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                   "WHERE datname = %s AND pid != pg_backend_pid() "
                   "AND usename = current_user", (name,))
        cr.execute('DROP DATABASE IF EXISTS "%s"' % name)
    shutil.rmtree(odoo.tools.config.filestore(name), ignore_errors=True)


def _fmt(value):
    if value is None:
        return ""
    if isinstance(value, float):
        if abs(value) >= 100:
            return "%.0f" % value
        if abs(value) >= 10:
            return "%.1f" % value
        return "%.3g" % value
    return str(value)


def code_commit():
    """The commit of the code that runs, marked when the tree has changes."""
    try:
        commit = subprocess.check_output(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                                         universal_newlines=True).strip()
        # the table of the previous run (this harness's own output) is no code change
        dirty = subprocess.check_output(["git", "-C", ROOT, "status", "--porcelain",
                                         "--untracked-files=no", "--", ".",
                                         ":(exclude)bench/last_run.md"],
                                        universal_newlines=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + (" + uncommitted changes" if dirty.strip() else "")


def machine_facts(registry):
    facts = [("date", datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC")),
             ("commit", code_commit())]
    facts.append(("cores", str(os.cpu_count())))
    try:
        with open("/proc/meminfo") as meminfo:
            kb = int(meminfo.readline().split()[1])
        facts.append(("memory", "%.1f GiB" % (kb / 1024.0 / 1024)))
    except (OSError, ValueError, IndexError):
        pass
    try:
        facts.append(("load average", " ".join("%.1f" % x for x in os.getloadavg())))
    except OSError:
        pass
    facts.append(("python", platform.python_version()))
    with registry.cursor() as cr:
        cr.execute("SHOW server_version")
        facts.append(("postgresql", cr.fetchone()[0]))
        cr.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        facts.append(("database", "%s (%s)" % (registry.db_name, cr.fetchone()[0])))
        cr.execute("SELECT count(*), count(ecom_channel_id) FROM sale_order")
        total, channel = cr.fetchone()
        facts.append(("sale orders", "%d (%d channel orders)" % (total, channel)))
        cr.execute("SELECT count(*) FROM stock_picking")
        facts.append(("pickings", str(cr.fetchone()[0])))
        cr.rollback()
    return facts


def run_modules(ctx, names=None):
    rows = []
    paths = sorted(glob.glob(os.path.join(HERE, "bench_*.py")))
    for path in paths:
        name = os.path.splitext(os.path.basename(path))[0]
        if names and name not in names:
            continue
        ctx.log("%s ..." % name)
        start = time.time()
        try:
            spec = importlib.util.spec_from_file_location("ecom_bench_" + name, path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            result = module.run(ctx) or []
            for row in result:
                row = dict(row)
                row.setdefault("module", name)
                rows.append(row)
        except Exception as error:   # noqa: B902 - a failing bench is reported, not fatal
            traceback.print_exc()
            rows.append({"module": name, "figure": "%s failed" % name, "value": None,
                         "unit": "", "baseline": None, "goal": "",
                         "note": "ERROR: %s" % (str(error).splitlines() or [repr(error)])[0]})
        ctx.log("%s done in %.1fs" % (name, time.time() - start))
    return rows


def table(rows):
    header = ["figure", "value", "unit", "plain Odoo", "ratio", "goal", "note"]
    lines = [header]
    for row in rows:
        value, baseline = row.get("value"), row.get("baseline")
        ratio = ""
        if value is not None and baseline:
            ratio = "%.2f" % (float(value) / float(baseline))
        lines.append([row.get("figure", ""), _fmt(value), row.get("unit", ""), _fmt(baseline),
                      ratio, row.get("goal", "") or "", row.get("note", "") or ""])
    return lines


def markdown(lines):
    out = ["| " + " | ".join(lines[0]) + " |",
           "|" + "|".join("---" for _ in lines[0]) + "|"]
    for line in lines[1:]:
        out.append("| " + " | ".join(str(c).replace("|", "/") for c in line) + " |")
    return "\n".join(out)


def plain(lines):
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(lines[0]))]
    widths[-1] = 0
    out = []
    for n, line in enumerate(lines):
        out.append("  ".join(str(c).ljust(w) for c, w in zip(line, widths)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths[:-1]) + "  ----")
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Run the benchmarks (prints, asserts nothing)")
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--quick", action="store_true",
                        help="small workloads (smoke run on a tiny database)")
    parser.add_argument("--only", nargs="*", help="module names, e.g. bench_queues")
    parser.add_argument("--output", default=os.path.join(HERE, "last_run.md"))
    args = parser.parse_args(argv)
    sys.path.insert(0, ROOT)
    import odoo
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database,
                                    "--log-level=%s" % os.environ.get("LOG_LEVEL", "warn")])
    from odoo import api
    registry = odoo.registry(args.database)
    ctx = Context(args.database, registry, quick=args.quick or bool(os.environ.get(
        "BENCH_QUICK")))
    with api.Environment.manage():
        facts = machine_facts(registry)
        rows = run_modules(ctx, args.only)
    facts.append(("finished", datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC")))
    lines = table(rows)
    head = "\n".join("%-12s %s" % (k + ":", v) for k, v in facts)
    print(head)
    print()
    print(plain(lines))
    with open(args.output, "w") as out:
        out.write("# Benchmark run\n\n")
        out.write("\n".join("- %s: %s" % fact for fact in facts))
        out.write("\n\n" + markdown(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
