#!/usr/bin/env python
# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Where the SQL queries of a return case go (issue 23).

Generated orders delivered within the return window (a database made by
``make demo-data``), invoiced and paid first as an approval would (not
counted), go through one path, after a warm-up case, with an empty cache:

- ``suite``: bench_returns' walk, each step by its demo user: CS opens one
  case per order (one unit of its first line), the manager approves them,
  the warehouse validates their return receipts, finance refunds them;
- ``plain``: bench_returns' plain Odoo baseline on other such orders, by
  the same users: return wizard, receipt, credit note of the order's
  invoice posted and paid back.

Every ``cursor.execute`` is counted against the innermost phase running
(PHASES) and grouped by its text, as bench/profile_queries.py does. All is
rolled back: use a copy of the benchmark database all the same.

    .venv/bin/python bench/profile_returns.py -c .local/odoo-test.conf -d ecom_bench20_copy \
        [--mode suite|plain] [--cases 10] [--top 20]
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import bench_returns  # noqa: E402
from profile_queries import QueryLog  # noqa: E402

# (model, method, phase): the innermost running gets the query
PHASES = [
    ("ecom.return", "create", "case create"),
    ("ecom.return", "action_approve", "approve"),
    ("ecom.return", "_ecom_create_return_pickings", "return picking"),
    ("stock.picking", "action_confirm", "picking confirm"),
    ("stock.picking", "action_assign", "picking assign"),
    ("stock.immediate.transfer", "process", "receive"),
    ("stock.picking", "action_done", "picking done"),
    ("ecom.return", "_ecom_after_receipt", "after receipt"),
    ("ecom.return", "action_refund", "refund"),
    ("account.invoice", "refund", "credit note create"),
    ("account.invoice", "create", "credit note create"),
    ("account.invoice", "compute_taxes", "compute taxes"),
    ("account.invoice", "action_invoice_open", "action_invoice_open"),
    ("account.payment", "create", "payment create"),
    ("account.payment", "post", "payment post"),
    ("ecom.return", "_ecom_notify_buyer", "buyer mail"),
    ("mail.thread", "message_post", "chatter"),
    ("ecom.return", "recompute", "recompute"),
    ("account.invoice", "recompute", "recompute"),
]


def _run(env, args, log):
    wanted = args.cases + 1
    orders = bench_returns._orders(env, 3 * wanted)
    orders.filtered(lambda o: not o.invoice_ids)._ecom_invoice_and_pay()
    orders = orders.browse(orders.filtered(lambda o: o._ecom_money().payments).ids[:wanted])
    if len(orders) < wanted:
        raise SystemExit("%d orders fit, %d wanted: a bigger database" % (len(orders), wanted))
    envs = bench_returns.users(env)
    reason = env["ecom.return.reason"].search([], limit=1)

    def run(batch):
        if args.mode == "suite":
            bench_returns.walk(envs, batch, reason)
        else:
            bench_returns.plain(envs, batch)

    run(orders[:1])  # warm-up: the registry's caches
    env.cache.invalidate()
    log.on = True
    run(orders[1:])
    log.on = False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--mode", default="suite", choices=["suite", "plain"])
    parser.add_argument("--cases", type=int, default=10)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    sys.path.insert(0, os.path.dirname(HERE))
    import odoo
    from odoo import SUPERUSER_ID, api
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database,
                                    "--log-level=warn"])
    registry = odoo.registry(args.database)
    log = QueryLog(PHASES)
    log.install(registry)
    with api.Environment.manage(), registry.cursor() as cr:
        try:
            _run(api.Environment(cr, SUPERUSER_ID, {}), args, log)
        finally:
            cr.rollback()
    log.report(args.cases, args.top, unit="case")


if __name__ == "__main__":
    main()
