"""Run some of the volume benchmarks without the `make bench` harness.

    .venv/bin/python bench/dev_run.py -c .local/odoo.conf -d ecom_perf bench_confirm

Gives the benchmarks the same ``ctx`` as bench/run.py (dbname, registry,
cursor(), log()) and prints their figures. For development; run.py is the
real entry point.
"""
import argparse
import importlib
import json
import os
import sys
import time

import odoo

HERE = os.path.dirname(os.path.abspath(__file__))


class Ctx(object):
    def __init__(self, dbname):
        self.dbname = dbname
        self.registry = odoo.registry(dbname)
        self.started = time.time()

    def cursor(self):
        return self.registry.cursor()

    def log(self, msg):
        print("[%7.1fs] %s" % (time.time() - self.started, msg), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("benches", nargs="+")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    sys.path.insert(0, HERE)
    ctx = Ctx(args.database)
    with odoo.api.Environment.manage():
        for name in args.benches:
            module = importlib.import_module(name)
            for figure in module.run(ctx):
                print(json.dumps(figure, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
