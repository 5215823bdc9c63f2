# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Generation as a whole: `generate()` in steps, and the command line (`main()`)."""
import argparse
import os
import random
import time
from datetime import timedelta

from . import DESCRIPTION
from .aftersales import (
    _orm_returns,
    _write_backorders,
    _write_custom_requests,
    _write_feedback_and_returns,
)
from .bulk import Bulk, drop_foreign_keys, drop_plain_indexes, restore_foreign_keys, restore_indexes
from .invariants import check_invariants
from .masters import Context, product_rows, setup_masters
from .orders import OrderWriter, write_stock
from .specs import OrderSpecs, _ages
from .world import CHANNELS, GIVEN, PRIORITY, PROVINCES, SURNAMES, _weighted

CHUNK = 20000   # orders written by one COPY per table


def generate(env, size, seed=42, log=print):
    """Fill the database of `env` with `size` channel orders and their world."""
    rng = random.Random(seed)
    cr = env.cr
    ctx = Context(env)
    t0 = time.time()
    n_products = max(20, min(500, size // 300))
    channels, products = setup_masters(env, ctx, n_products, rng)
    cr.commit()
    log("masters: %d channels, %d products (%.1fs)" % (len(channels), len(products),
                                                       time.time() - t0))
    prows = product_rows(env, products)
    channel_rows = [(c, next(x for x in CHANNELS if x[0] == c.code)) for c in channels]
    n_buyers = max(50, size // 3)
    buyers = _write_buyers(env, ctx, n_buyers, channel_rows, rng)
    cr.commit()
    log("buyers: %d (%.1fs)" % (n_buyers, time.time() - t0))
    specs = OrderSpecs(ctx, rng, buyers, channel_rows, prows)
    written = _bulk_load(env, ctx, specs, size, log, t0)
    env.cache.invalidate()
    _orm_returns(env, ctx, written, rng, max(4, min(12, size // 20000)), log)
    cr.commit()
    log("after-sales cases walked through the ORM (%.1fs)" % (time.time() - t0))
    # fresh statistics, committed (the sanity pass after this rolls back):
    # planned on the empty tables' statistics, look-ups scan whole tables
    cr.execute("ANALYZE")
    cr.commit()
    log("generated %d orders in %.1fs: %s" % (size, time.time() - t0, ", ".join(
        "%s %d" % kv for kv in sorted(specs.stats.items()))))
    return specs.stats


def _write_buyers(env, ctx, n_buyers, channel_rows, rng):
    """Buyers (bulk); return (id, name, phone, province, city, street, channel id) of each."""
    partners = Bulk(env.cr, "res_partner", [
        "name", "display_name", "active", "customer", "supplier", "employee", "is_company",
        "type", "lang", "tz", "phone", "street", "city", "country_id", "company_id", "color",
        "partner_share", "invoice_warn", "picking_warn", "sale_warn", "purchase_warn",
        "ecom_channel_id", "ecom_priority", "commercial_partner_id", "message_bounce",
        "opt_out", "create_uid", "create_date", "write_uid", "write_date"])
    first = partners.reserve(n_buyers)
    cn = env.ref("base.cn").id
    buyers = []
    province_pairs = [((p, c), w) for p, c, w in PROVINCES]
    for i in range(n_buyers):
        pid = first + i
        name = rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))
        province, cities = _weighted(rng, province_pairs)
        city = rng.choice(cities)
        street = "%s路%d号%d室" % (rng.choice("中山人民解放建设和平东风"), rng.randrange(1, 999),
                                rng.randrange(101, 2999))
        phone = "1%d%09d" % (rng.choice((3, 5, 7, 8, 9)), rng.randrange(10 ** 9))
        channel = _weighted(rng, [(c.id, x[3]) for c, x in channel_rows])
        created = ctx.now - timedelta(days=400)
        partners.add(pid, [name, name, True, True, False, False, False, "contact", "zh_CN",
                           "Asia/Shanghai", phone, street, city, cn, ctx.company.id, 0, True,
                           "no-message", "no-message", "no-message", "no-message", channel,
                           _weighted(rng, PRIORITY), pid, 0, False, 1, created, 1, created])
        buyers.append((pid, name, phone, province, city, street, channel))
    partners.flush()
    return buyers


def _bulk_load(env, ctx, specs, size, log, t0):
    """Orders, stock, backorders, after-sales cases, feedback and custom requests
    by COPY, without foreign keys and plain indexes meanwhile; return what
    `_write_orders` returns."""
    cr, rng = env.cr, specs.rng
    writer = OrderWriter(cr, ctx)
    received = sorted(_ages(rng, ctx.now, size))
    constraints = drop_foreign_keys(cr)
    indexes = drop_plain_indexes(cr)
    written = _write_orders(writer, specs, received, log, t0)
    cr.execute("UPDATE procurement_group g SET sale_id = o.id FROM sale_order o "
               "WHERE o.procurement_group_id = g.id AND g.sale_id IS NULL")

    # Stock: free quantity per stocked product, none for the others
    on_hand = {p["id"]: float(rng.randrange(20, 400)) for p in specs.stocked}
    write_stock(cr, ctx, specs.products, on_hand, writer.shipped, writer.reserved,
                ctx.now - timedelta(days=380))
    log("stock (%.1fs)" % (time.time() - t0))

    _write_backorders(cr, ctx, written)
    _write_feedback_and_returns(cr, ctx, written, rng, env)
    _write_custom_requests(cr, ctx, written, rng)
    start = time.time()
    restore_indexes(cr, indexes)
    log("indexes built (%.1fs)" % (time.time() - start))
    restore_foreign_keys(cr, constraints)
    log("foreign keys checked (%.1fs)" % (time.time() - start))
    cr.commit()
    log("backorders, returns, feedback, custom requests (%.1fs)" % (time.time() - t0))
    return written


def _write_orders(writer, specs, received, log, t0):
    """The orders received at `received`, by chunks; return
    [(order id, spec, line ids, picking id)]."""
    size = len(received)
    written = []
    for start in range(0, size, CHUNK):
        chunk = [specs.make(received_at) for received_at in received[start:start + CHUNK]]
        result = writer.write(chunk)
        log("copy: %s" % (writer.flush(),))
        for spec, (oid, line_ids, pid, _move_ids) in zip(chunk, result):
            written.append((oid, spec, line_ids, pid))
        log("orders: %d / %d (%.1fs)" % (min(start + CHUNK, size), size, time.time() - t0))
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=DESCRIPTION)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--size", type=int, default=300000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    import odoo
    from odoo import SUPERUSER_ID, api
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database,
                                    "--log-level=%s" % os.environ.get("LOG_LEVEL", "warn")])
    start = time.time()

    def log(message):
        print("[%6.1fs] %s" % (time.time() - start, message), flush=True)
    registry = odoo.registry(args.database)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        cr.execute("SELECT count(*) FROM sale_order WHERE name LIKE 'SB%%'")
        if cr.fetchone()[0]:
            log("database %s already holds generated orders: nothing done" % args.database)
            return 1
        generate(env, args.size, args.seed, log)
        gen_time = time.time() - start
        problems = check_invariants(env)
        cr.rollback()
        for problem in problems:
            log("PROBLEM: %s" % problem)
        log("sanity pass: %s" % ("%d problem(s)" % len(problems) if problems else "ok"))
        log("generation took %.1fs (%.1f min) for %d orders; with the sanity pass %.1fs"
            % (gen_time, gen_time / 60, args.size, time.time() - start))
    return 1 if problems else 0
