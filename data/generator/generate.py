#!/usr/bin/env python
# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Volume data for benchmarks: `make demo-data SIZE=N` (see README "Performance").

The database must already hold the three addons. The script

1. sets up through the ORM what is small: bench channels, products (10 % of
   them never in stock), a vendor;
2. bulk-inserts with SQL ``COPY`` what is big: buyers, channel orders in every
   stage with realistic time stamps, their lines, procurement groups,
   deliveries, stock moves and move lines, quants coherent with the moves
   (an initial inventory per product, done deliveries out of it, reservations
   of the deliveries in progress), backorders, custom requests, after-sales
   cases and feedback;
3. lets the ORM do what it must: SLA deadlines come from the channels'
   ``_sla_deadline``, a few after-sales cases walk the real actions (approve,
   receive, refund), and a sanity pass reads random records through the ORM,
   checks the invariants (`check_invariants`) and runs contract actions on
   generated orders inside a savepoint that is rolled back.

The bulk inserters (`Bulk`) are reused by the benchmarks to build their own
scenarios (e.g. 5,000 backorder lines) inside a transaction they roll back.
"""
import argparse
import csv
import io
import logging
import os
import random
import sys
import time
from collections import defaultdict
from datetime import datetime, timedelta

import pytz

_logger = logging.getLogger("ecom.generator")

PROVINCES = [
    # (province, cities, weight): more buyers where more people shop online
    ("广东省", ["广州市", "深圳市", "东莞市", "佛山市"], 14),
    ("浙江省", ["杭州市", "宁波市", "温州市"], 10),
    ("江苏省", ["南京市", "苏州市", "无锡市"], 10),
    ("上海市", ["上海市"], 7),
    ("北京市", ["北京市"], 6),
    ("山东省", ["济南市", "青岛市", "烟台市"], 7),
    ("四川省", ["成都市", "绵阳市"], 6),
    ("河南省", ["郑州市", "洛阳市"], 5),
    ("湖北省", ["武汉市", "宜昌市"], 5),
    ("福建省", ["福州市", "厦门市"], 5),
    ("湖南省", ["长沙市", "株洲市"], 4),
    ("河北省", ["石家庄市", "保定市"], 4),
    ("安徽省", ["合肥市", "芜湖市"], 3),
    ("陕西省", ["西安市"], 3),
    ("重庆市", ["重庆市"], 3),
    ("辽宁省", ["沈阳市", "大连市"], 3),
    ("云南省", ["昆明市"], 2),
    ("广西壮族自治区", ["南宁市", "桂林市"], 2),
    ("江西省", ["南昌市"], 2),
    ("黑龙江省", ["哈尔滨市"], 1),
    ("新疆维吾尔自治区", ["乌鲁木齐市"], 1),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍建华红梅鹏辉宇浩然欣怡子涵梓轩"
CHANNELS = [
    # code, name, platform, share, sla hours, work days
    ("BTMALL", "天猫旗舰店 (bench)", "tmall", 30, 2.0, "all"),
    ("BJD", "京东自营 (bench)", "jd", 22, 1.0, "all"),
    ("BTAOBAO", "淘宝店 (bench)", "taobao", 15, 4.0, "mon_sat"),
    ("BPDD", "拼多多 (bench)", "pinduoduo", 15, 4.0, "mon_sat"),
    ("BDOUYIN", "抖音小店 (bench)", "douyin", 12, 2.0, "all"),
    ("BWECHAT", "微信小店 (bench)", "wechat", 6, 8.0, "mon_fri"),
]
# Local hour of day (Asia/Shanghai) -> relative weight of orders received
HOURS = [3, 2, 1, 1, 1, 1, 2, 4, 6, 8, 10, 11, 10, 9, 9, 9, 8, 8, 9, 11, 13, 14, 12, 7]
WEEKDAY = [1.0, 0.95, 0.95, 1.0, 1.1, 1.3, 1.25]   # Monday .. Sunday
FULFIL = ["to_print", "printed", "picked", "packed", "checked", "shipped", "delivered"]
REVIEW = ["to_review", "to_finance", "exception", "cancel"]
# Age bucket (hours) -> stage weights
STAGE_BY_AGE = [
    (24, {"to_review": 30, "to_finance": 14, "exception": 5, "to_print": 15, "printed": 8,
          "picked": 7, "packed": 7, "checked": 6, "shipped": 8}),
    (72, {"to_review": 3, "to_finance": 2, "exception": 4, "cancel": 2, "to_print": 5,
          "printed": 2, "picked": 2, "packed": 2, "checked": 2, "shipped": 58,
          "delivered": 18}),
    (24 * 14, {"exception": 1, "cancel": 3, "shipped": 10, "delivered": 86}),
    (None, {"exception": 0.3, "cancel": 4, "delivered": 95.7}),
]
PAYMENT = [("prepaid", 85), ("cod", 10), ("cod_inspect", 3), ("instalment", 2)]
PRIORITY = [("0", 90), ("1", 7), ("2", 2.5), ("3", 0.5)]
CUSTOM_STATES = ["draft", "price_approval", "deposit_pending", "deposit_paid",
                 "procurement_approval", "purchasing", "received", "balance_pending",
                 "ready", "done", "cancel"]


def _weighted(rng, pairs):
    keys = [k for k, _w in pairs]
    weights = [w for _k, w in pairs]
    return rng.choices(keys, weights)[0]


class Bulk(object):
    """Rows for one table, written with one COPY; ids reserved from its sequence."""

    def __init__(self, cr, table, columns):
        self.cr, self.table, self.columns = cr, table, ["id"] + list(columns)
        self.rows = []

    def reserve(self, count):
        """Reserve `count` ids; return the first."""
        if count <= 0:
            return None
        self.cr.execute("SELECT nextval(%s)", ("%s_id_seq" % self.table,))
        first = self.cr.fetchone()[0]
        self.cr.execute("SELECT setval(%s, %s)", ("%s_id_seq" % self.table, first + count - 1))
        return first

    def add(self, row_id, values):
        self.rows.append((row_id,) + tuple(values))

    def flush(self):
        if not self.rows:
            return 0
        # CSV written by the C csv module: None is an unquoted empty field,
        # which COPY reads as NULL (no value here is an empty string).
        buf = io.StringIO()
        csv.writer(buf).writerows(self.rows)
        buf.seek(0)
        self.cr._obj.copy_expert('COPY %s (%s) FROM STDIN WITH (FORMAT csv)' % (
            self.table, ", ".join('"%s"' % c for c in self.columns)), buf)
        count = len(self.rows)
        self.rows = []
        return count


ORDER_COLUMNS = [
    "name", "origin", "state", "date_order", "create_date", "confirmation_date", "user_id",
    "partner_id", "partner_invoice_id", "partner_shipping_id", "pricelist_id",
    "invoice_status", "amount_untaxed", "amount_tax", "amount_total", "company_id", "team_id",
    "create_uid", "write_uid", "write_date", "picking_policy", "warehouse_id",
    "procurement_group_id", "ecom_channel_id", "ecom_platform_ref", "ecom_state",
    "ecom_state_before_exception", "ecom_buyer_name", "ecom_buyer_phone", "ecom_province",
    "ecom_city", "ecom_district", "ecom_street", "ecom_buyer_remark", "ecom_payment_mode",
    "ecom_paid_amount", "ecom_payment_state", "ecom_received_at", "ecom_order_date",
    "ecom_sla_deadline",
    "ecom_sla_done_at", "ecom_sla_breached", "ecom_cs_user_id", "ecom_cs_date",
    "ecom_finance_user_id", "ecom_finance_date", "ecom_exception_reason_id",
    "ecom_exception_date", "ecom_split_consent", "ecom_shortage"]
LINE_COLUMNS = [
    "order_id", "name", "sequence", "invoice_status", "price_unit", "price_subtotal",
    "price_tax", "price_total", "price_reduce", "price_reduce_taxinc", "price_reduce_taxexcl",
    "discount", "product_id", "product_uom_qty", "product_uom", "qty_delivered",
    "qty_to_invoice", "qty_invoiced", "salesman_id", "currency_id", "company_id",
    "order_partner_id", "is_downpayment", "state", "customer_lead", "amt_to_invoice",
    "amt_invoiced", "create_uid", "create_date", "write_uid", "write_date", "is_delivery",
    "ecom_shortage", "ecom_from_stock", "ecom_from_incoming", "ecom_from_safety",
    "ecom_short_qty"]
GROUP_COLUMNS = ["partner_id", "name", "move_type", "create_uid", "create_date", "write_uid",
                 "write_date"]
PICKING_COLUMNS = [
    "name", "origin", "move_type", "state", "group_id", "priority", "scheduled_date", "date",
    "date_done", "location_id", "location_dest_id", "picking_type_id", "partner_id",
    "company_id", "printed", "is_locked", "create_uid", "create_date", "write_uid",
    "write_date", "sale_id", "carrier_id", "carrier_tracking_ref", "weight", "weight_uom_id",
    "number_of_packages", "ecom_channel_id", "ecom_fulfil_state", "ecom_province",
    "ecom_printed_by", "ecom_printed_at", "ecom_picker_id", "ecom_picked_at", "ecom_packer_id",
    "ecom_packed_at", "ecom_package_count", "ecom_weight", "ecom_checker_id",
    "ecom_checked_at", "ecom_shipped_at", "ecom_delivered_at"]
MOVE_COLUMNS = [
    "name", "sequence", "priority", "create_date", "date", "company_id", "date_expected",
    "product_id", "ordered_qty", "product_qty", "product_uom_qty", "product_uom",
    "location_id", "location_dest_id", "partner_id", "picking_id", "state", "price_unit",
    "origin", "procure_method", "scrapped", "group_id", "propagate", "picking_type_id",
    "warehouse_id", "additional", "reference", "create_uid", "write_uid", "write_date",
    "to_refund", "sale_line_id", "weight", "weight_uom_id"]
MOVE_LINE_COLUMNS = [
    "picking_id", "move_id", "product_id", "product_uom_id", "product_qty", "product_uom_qty",
    "ordered_qty", "qty_done", "date", "location_id", "location_dest_id", "state",
    "reference", "create_uid", "create_date", "write_uid", "write_date"]


BULK_TABLES = ("sale_order", "sale_order_line", "procurement_group", "stock_picking",
               "stock_move", "stock_move_line", "stock_quant", "ecom_backorder", "ecom_return",
               "ecom_return_line", "ecom_feedback", "ecom_custom_request")


def drop_foreign_keys(cr, tables=BULK_TABLES):
    """Drop the foreign keys of `tables`; return them for `restore_foreign_keys`.

    A foreign key is checked by a trigger per inserted row (about twenty on
    sale_order); adding it back checks every row in one join, which makes
    COPY several times faster. Restore them in the same transaction: a
    failure in between then leaves the constraints as they were.
    """
    cr.execute("""SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
                    FROM pg_constraint c
                   WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)""",
               (list(tables),))
    constraints = cr.fetchall()
    for table, name, _definition in constraints:
        cr.execute('ALTER TABLE "%s" DROP CONSTRAINT "%s"' % (table, name))
    return constraints


def restore_foreign_keys(cr, constraints):
    """Add back (and so check, one join each) what `drop_foreign_keys` dropped."""
    for table, name, definition in constraints:
        cr.execute('ALTER TABLE "%s" ADD CONSTRAINT "%s" %s' % (table, name, definition))


def drop_plain_indexes(cr, tables=BULK_TABLES):
    """Drop the non-unique indexes of `tables` (those of `index=True` fields);
    return their definitions. Building an index once after the load is
    cheaper than maintaining it row by row."""
    cr.execute("""SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                    FROM pg_index i
                   WHERE i.indrelid::regclass::text = ANY(%s)
                     AND NOT i.indisunique AND NOT i.indisprimary""", (list(tables),))
    indexes = cr.fetchall()
    for name, _definition in indexes:
        cr.execute('DROP INDEX "%s"' % name)
    return indexes


def restore_indexes(cr, indexes):
    for _name, definition in indexes:
        cr.execute(definition)


class Context(object):
    """What the bulk writers need to know of the database (ids, users, products)."""

    def __init__(self, env):
        self.env = env
        self.now = datetime.utcnow().replace(microsecond=0)
        warehouse = env["stock.warehouse"].search([("company_id", "=", env.user.company_id.id)],
                                                  limit=1, order="id")
        self.warehouse = warehouse
        self.company = warehouse.company_id
        self.stock_loc = warehouse.lot_stock_id.id
        self.customer_loc = env.ref("stock.stock_location_customers").id
        self.inventory_loc = env.ref("stock.location_inventory").id
        self.out_type = warehouse.out_type_id
        self.pricelist = env["product.pricelist"].search([], limit=1, order="id")
        self.currency_id = self.pricelist.currency_id.id
        self.kg = env.ref("product.product_uom_kgm").id
        self.unit = env.ref("product.product_uom_unit").id
        self.team_id = env["crm.team"].search([], limit=1, order="id").id
        self.carrier = env["delivery.carrier"].search([], limit=1, order="id")
        users = env["res.users"].search([("login", "in", (
            "ecom_cs", "ecom_finance", "ecom_warehouse", "ecom_manager"))])
        by_login = {u.login: u.id for u in users}
        self.cs_uid = by_login.get("ecom_cs", 1)
        self.finance_uid = by_login.get("ecom_finance", 1)
        self.warehouse_uid = by_login.get("ecom_warehouse", 1)
        self.manager_uid = by_login.get("ecom_manager", 1)
        self.reasons = {r.code: r.id for r in env["ecom.exception.reason"].search([])}
        self.prefix = (self.out_type.sequence_id.prefix or "WH/OUT/")


def setup_masters(env, ctx, n_products, rng):
    """Channels, a vendor and products through the ORM (small)."""
    channels = env["ecom.channel"]
    for code, name, platform, _share, sla, days in CHANNELS:
        channel = channels.search([("code", "=", code)], limit=1)
        if not channel:
            channel = channels.create({
                "name": name, "code": code, "platform": platform,
                "warehouse_id": ctx.warehouse.id, "team_id": ctx.team_id, "sla_hours": sla,
                "work_days": days, "work_hour_start": 9.0, "work_hour_end": 22.0})
        channels |= channel
    vendor = env["res.partner"].search([("ref", "=", "BENCH-VENDOR")], limit=1) or \
        env["res.partner"].create({"name": "杭州制衣厂 (bench)", "ref": "BENCH-VENDOR",
                                   "supplier": True, "customer": False, "is_company": True})
    Template = env["product.template"]
    existing = env["product.product"].search([("default_code", "=like", "BN%")])
    products = existing
    for i in range(len(existing), n_products):
        price = round(rng.choice([19.9, 29.9, 49, 59, 79, 99, 129, 159, 199, 299, 399, 599,
                                  899]), 2)
        template = Template.with_context(tracking_disable=True).create({
            "name": "商品 %04d (bench)" % (i + 1), "default_code": "BN%04d" % (i + 1),
            "barcode": "69%011d" % (i + 1), "type": "product", "list_price": price,
            "standard_price": round(price * 0.4, 2), "weight": 0.3 + (i % 7) * 0.2,
            "taxes_id": [(6, 0, [])], "supplier_taxes_id": [(6, 0, [])],
            "invoice_policy": "order",
            "seller_ids": [(0, 0, {"name": vendor.id, "price": round(price * 0.4, 2),
                                   "delay": 7, "min_qty": 1})]})
        products |= template.product_variant_id
    return channels, products


def _ages(rng, now, count):
    """Receipt times over the last 12 months: weekly and daily patterns, a
    slow growth and the 11.11 and 6.18 shopping festivals (naive UTC).
    Small sets span fewer days, so that every stage still has orders."""
    span = 365 if count >= 20000 else max(20, min(365, count // 55))
    days = []
    weights = []
    for d in range(span):
        day = (now - timedelta(days=d)).date()
        w = WEEKDAY[day.weekday()] * (1.0 + 0.6 * (span - d) / float(span))
        if (day.month, day.day) in ((11, 11), (6, 18)):
            w *= 4
        elif (day.month == 11 and 1 <= day.day <= 12) or (day.month == 6 and 1 <= day.day <= 18):
            w *= 1.5
        days.append(day)
        weights.append(w)
    hours = list(range(24))
    result = []
    for day in rng.choices(days, weights, k=count):
        hour = rng.choices(hours, HOURS)[0]
        local = datetime(day.year, day.month, day.day, hour, rng.randrange(60),
                         rng.randrange(60))
        utc = local - timedelta(hours=8)
        if utc >= now:
            utc = now - timedelta(seconds=rng.randrange(60, 3600 * 6))
        result.append(utc)
    return result


def _stage(rng, age_hours):
    for limit, weights in STAGE_BY_AGE:
        if limit is None or age_hours < limit:
            return _weighted(rng, list(weights.items()))


def _steps(rng, start, now, count, minutes):
    """`count` increasing times after `start`, about `minutes` apart, before `now`."""
    times, t = [], start
    for i in range(count):
        room = (now - t).total_seconds() - 60 * (count - i)
        step = min(rng.uniform(0.3, 1.7) * minutes * 60, max(room / (count - i + 1), 1))
        t = t + timedelta(seconds=max(step, 1))
        times.append(t)
    return times


class OrderWriter(object):
    """Writes channel orders with lines, deliveries, moves and move lines."""

    def __init__(self, cr, ctx):
        self.cr, self.ctx = cr, ctx
        self.orders = Bulk(cr, "sale_order", ORDER_COLUMNS)
        self.lines = Bulk(cr, "sale_order_line", LINE_COLUMNS)
        self.groups = Bulk(cr, "procurement_group", GROUP_COLUMNS)
        self.pickings = Bulk(cr, "stock_picking", PICKING_COLUMNS)
        self.moves = Bulk(cr, "stock_move", MOVE_COLUMNS)
        self.move_lines = Bulk(cr, "stock_move_line", MOVE_LINE_COLUMNS)
        self.reserved = defaultdict(float)   # product id -> reserved in stock
        self.shipped = defaultdict(float)    # product id -> done out of stock

    def write(self, specs):
        """specs: dicts with keys order (values by column), lines [(product, qty, price)],
        fulfil (stage or None), times {name: datetime}, reserve (bool).

        :return: [(order id, [line ids], picking id or None, [move ids])]
        """
        ctx, uid = self.ctx, 1
        n_lines = sum(len(s["lines"]) for s in specs)
        with_picking = [s for s in specs if s["fulfil"]]
        order_id = self.orders.reserve(len(specs))
        line_id = self.lines.reserve(n_lines)
        group_id = self.groups.reserve(len(with_picking))
        picking_id = self.pickings.reserve(len(with_picking))
        n_moves = sum(len(s["lines"]) for s in with_picking)
        move_id = self.moves.reserve(n_moves)
        n_ml = sum(len(s["lines"]) for s in with_picking if s["fulfil"] != "to_print"
                   or s.get("reserve", True))
        ml_id = self.move_lines.reserve(n_ml)
        result = []
        for spec in specs:
            o = spec["order"]
            times = spec["times"]
            name = o["name"]
            gid = pid = None
            if spec["fulfil"]:
                gid, pid = group_id, picking_id
                group_id += 1
                picking_id += 1
                self.groups.add(gid, [o["partner_id"], name, o["picking_policy"], uid,
                                      times["finance"], uid, times["finance"]])
            o["procurement_group_id"] = gid
            self.orders.add(order_id, [o.get(c) for c in ORDER_COLUMNS])
            line_ids, move_ids = [], []
            confirmed = o["state"] in ("sale", "done")
            shipped = spec["fulfil"] in ("shipped", "delivered")
            reserved = spec["fulfil"] and not shipped and spec.get("reserve", True)
            for seq, (product, qty, price, shortage) in enumerate(spec["lines"], 1):
                subtotal = round(qty * price, 2)
                self.lines.add(line_id, [
                    order_id, product["name"], seq * 10,
                    "to invoice" if confirmed else "no", price, subtotal, 0.0, subtotal,
                    price, price, price, 0.0, product["id"], qty, ctx.unit,
                    qty if shipped else 0.0, qty if confirmed else 0.0, 0.0, o["user_id"],
                    ctx.currency_id, ctx.company.id, o["partner_id"], False, o["state"], 0.0,
                    subtotal if confirmed else 0.0, 0.0, uid, o["create_date"], uid,
                    o["write_date"], False, shortage,
                    qty if shortage == "stock" else 0.0, 0.0, 0.0,
                    qty if shortage == "backorder" else 0.0])
                line_ids.append(line_id)
                if spec["fulfil"]:
                    state = "done" if shipped else ("assigned" if reserved else "confirmed")
                    date = times.get("shipped") if shipped else times["finance"]
                    pname = "%sB%07d" % (ctx.prefix, pid)
                    self.moves.add(move_id, [
                        product["name"], 10, "1", times["finance"], date, ctx.company.id,
                        date, product["id"], qty, qty, qty, ctx.unit, ctx.stock_loc,
                        ctx.customer_loc, o["partner_shipping_id"], pid, state,
                        product["cost"], name, "make_to_stock", False, gid, True,
                        ctx.out_type.id, ctx.warehouse.id, False, pname, uid, uid, date,
                        False, line_id, product["weight"] * qty, ctx.kg])
                    if shipped:
                        self.move_lines.add(ml_id, [
                            pid, move_id, product["id"], ctx.unit, 0.0, 0.0, qty, qty, date,
                            ctx.stock_loc, ctx.customer_loc, "done", pname, uid, date, uid,
                            date])
                        self.shipped[product["id"]] += qty
                        ml_id += 1
                    elif reserved:
                        self.move_lines.add(ml_id, [
                            pid, move_id, product["id"], ctx.unit, qty, qty, qty, 0.0, date,
                            ctx.stock_loc, ctx.customer_loc, "assigned", pname, uid, date,
                            uid, date])
                        self.reserved[product["id"]] += qty
                        ml_id += 1
                    move_ids.append(move_id)
                    move_id += 1
                line_id += 1
            if spec["fulfil"]:
                self._picking(spec, order_id, gid, pid, shipped, reserved)
            result.append((order_id, line_ids, pid, move_ids))
            order_id += 1
        return result

    def _picking(self, spec, order_id, gid, pid, shipped, reserved):
        ctx, o, t, stage = self.ctx, spec["order"], spec["times"], spec["fulfil"]
        reached = FULFIL.index(stage)

        def at(step):
            return t.get(step) if FULFIL.index(step) <= reached else None

        def who(step, uid):
            return uid if FULFIL.index(step) <= reached else None
        state = "done" if shipped else ("assigned" if reserved else "confirmed")
        weight = round(sum(p["weight"] * q for p, q, _pr, _s in spec["lines"]), 2)
        printed = reached >= 1
        self.pickings.add(pid, [
            "%sB%07d" % (ctx.prefix, pid), o["name"], o["picking_policy"], state, gid, "1",
            t["finance"], t["finance"], t.get("shipped") if shipped else None,
            ctx.stock_loc, ctx.customer_loc, ctx.out_type.id, o["partner_shipping_id"],
            ctx.company.id, printed, True, 1, t["finance"], 1, t["finance"], order_id,
            ctx.carrier.id or None, ("SF%010d" % pid) if printed else None, weight, ctx.kg, 1,
            o["ecom_channel_id"], stage, o["ecom_province"],
            who("printed", ctx.warehouse_uid), at("printed"), who("picked", ctx.warehouse_uid),
            at("picked"), who("packed", ctx.warehouse_uid), at("packed"), 1,
            weight if reached >= 3 else 0.0, who("checked", ctx.warehouse_uid), at("checked"),
            at("shipped"), at("delivered")])

    def flush(self):
        counts = {}
        for bulk in (self.groups, self.orders, self.lines, self.pickings, self.moves,
                     self.move_lines):
            start = time.time()
            counts[bulk.table] = (bulk.flush(), round(time.time() - start, 2))
        return counts


def write_stock(cr, ctx, products, on_hand, shipped, reserved, date):
    """Initial inventory per product (done move in) and quants in stock.

    On hand ends at `on_hand[p] + reserved[p]` (never negative): the inventory
    brought in what was shipped since, what is reserved and what is free.
    """
    moves = Bulk(cr, "stock_move", MOVE_COLUMNS)
    mls = Bulk(cr, "stock_move_line", MOVE_LINE_COLUMNS)
    cr.execute("SELECT product_id, id, quantity, reserved_quantity FROM stock_quant "
               "WHERE location_id = %s AND lot_id IS NULL AND package_id IS NULL "
               "AND owner_id IS NULL", (ctx.stock_loc,))
    quants = {row[0]: row[1:] for row in cr.fetchall()}
    new_quants = Bulk(cr, "stock_quant", ["product_id", "company_id", "location_id", "quantity",
                                          "reserved_quantity", "in_date", "create_uid",
                                          "create_date", "write_uid", "write_date"])
    todo = [p for p in products
            if on_hand.get(p["id"], 0) + reserved.get(p["id"], 0) + shipped.get(p["id"], 0)]
    move_id = moves.reserve(len(todo))
    ml_id = mls.reserve(len(todo))
    quant_id = new_quants.reserve(len([p for p in todo if p["id"] not in quants]))
    for product in todo:
        pid = product["id"]
        final = on_hand.get(pid, 0) + reserved.get(pid, 0)
        incoming = final + shipped.get(pid, 0)
        ref = "INV/BENCH/%s" % product["code"]
        moves.add(move_id, [
            "Inventory (bench)", 10, "1", date, date, ctx.company.id, date, pid, incoming,
            incoming, incoming, ctx.unit, ctx.inventory_loc, ctx.stock_loc, None, None, "done",
            product["cost"], ref, "make_to_stock", False, None, True, None, ctx.warehouse.id,
            False, ref, 1, 1, date, False, None, 0.0, ctx.kg])
        mls.add(ml_id, [None, move_id, pid, ctx.unit, 0.0, 0.0, incoming, incoming, date,
                        ctx.inventory_loc, ctx.stock_loc, "done", ref, 1, date, 1, date])
        move_id += 1
        ml_id += 1
        if pid in quants:
            cr.execute("UPDATE stock_quant SET quantity = quantity + %s, "
                       "reserved_quantity = reserved_quantity + %s WHERE id = %s",
                       (final, reserved.get(pid, 0), quants[pid][0]))
        else:
            new_quants.add(quant_id, [pid, ctx.company.id, ctx.stock_loc, final,
                                      reserved.get(pid, 0), date, 1, date, 1, date])
            quant_id += 1
    moves.flush()
    mls.flush()
    new_quants.flush()


def product_rows(env, products):
    return [{"id": p.id, "name": "[%s] %s" % (p.default_code, p.name), "code": p.default_code,
             "price": p.lst_price, "cost": p.standard_price, "weight": p.weight or 0.5}
            for p in products]


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
    no_stock = prows[:max(2, len(prows) // 10)]          # never in stock: backorders
    stocked = prows[len(no_stock):]
    zipf = [1.0 / (i + 1) ** 0.8 for i in range(len(stocked))]
    channel_rows = [(c, next(x for x in CHANNELS if x[0] == c.code)) for c in channels]

    # Buyers
    n_buyers = max(50, size // 3)
    partners = Bulk(cr, "res_partner", [
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
    cr.commit()
    log("buyers: %d (%.1fs)" % (n_buyers, time.time() - t0))

    # Orders, in chunks
    writer = OrderWriter(cr, ctx)
    received = sorted(_ages(rng, ctx.now, size))
    channel_by_id = {c.id: (c, x) for c, x in channel_rows}
    deadline_cache = {}
    day_cache = {}
    chunk = 20000
    constraints = drop_foreign_keys(cr)
    indexes = drop_plain_indexes(cr)
    written = []   # (order id, stage, line ids, picking id, move ids, spec light)
    stats = defaultdict(int)
    serial = 0
    for start in range(0, size, chunk):
        specs = []
        for received_at in received[start:start + chunk]:
            serial += 1
            buyer = rng.choice(buyers)
            channel, cdef = channel_by_id[buyer[6]] if rng.random() < 0.8 else \
                channel_by_id[_weighted(rng, [(c.id, x[3]) for c, x in channel_rows])]
            age = (ctx.now - received_at).total_seconds() / 3600.0
            stage = _stage(rng, age)
            backorder = False
            if stage in ("to_print", "printed") and rng.random() < 0.35 or \
                    stage in ("shipped",) and age < 24 * 14 and rng.random() < 0.03:
                # a backorder: approved, one line has no stock, waiting
                backorder = True
                stage = "to_print"
            n_lines = _weighted(rng, [(1, 62), (2, 28), (3, 8), (4, 2)])
            chosen = rng.choices(stocked, zipf, k=n_lines)
            seen = set()
            lines = []
            for product in chosen:
                if product["id"] in seen:
                    continue
                seen.add(product["id"])
                lines.append([product, float(_weighted(rng, [(1, 75), (2, 18), (3, 7)])),
                              product["price"], None])
            if backorder:
                lines.append([rng.choice(no_stock), float(rng.choice((1, 1, 2, 5))),
                              no_stock[0]["price"], "backorder"])
            total = round(sum(q * p for _x, q, p, _s in lines), 2)
            mode = _weighted(rng, PAYMENT)
            approved = stage in FULFIL
            paid = 0.0 if mode in ("cod", "cod_inspect") and stage != "delivered" else total
            if stage == "exception" and rng.random() < 0.4:
                paid = round(total * 0.9, 2)
            pay_state = "paid" if paid >= total and total else (
                "cod" if mode in ("cod", "cod_inspect") else "partial" if paid else "unpaid")
            key = (channel.id, received_at)
            if key not in deadline_cache:
                deadline_cache[key] = channel._sla_deadline(received_at)
                # the order's day on the channel's clock (stored: the KPI pivot reads it)
                day_cache[key] = pytz.utc.localize(received_at).astimezone(
                    pytz.timezone(channel.tz or "Asia/Shanghai")).date()
            deadline = datetime.strptime(deadline_cache[key], "%Y-%m-%d %H:%M:%S")
            steps = _steps(rng, received_at, ctx.now, 8, 45 if age < 72 else 180)
            times = {"cs": steps[0], "finance": steps[1], "printed": steps[2],
                     "picked": steps[3], "packed": steps[4], "checked": steps[5],
                     "shipped": steps[6],
                     "delivered": min(steps[6] + timedelta(hours=rng.uniform(20, 96)),
                                      ctx.now - timedelta(minutes=1))}
            times = {k: v.replace(microsecond=0) for k, v in times.items()}
            reached = FULFIL.index(stage) if approved else -1
            packed_at = times["packed"] if reached >= 3 else None
            cs_done = stage in ("to_finance",) or approved
            before_exc = None
            if stage == "exception":
                before_exc = rng.choice(("to_review", "to_review", "to_finance"))
                cs_done = before_exc == "to_finance"
            remark = rng.choice((None,) * 8 + ("请尽快发货", "送人的，不要放发票", "周末送货"))
            ecom_state = "approved" if approved else stage
            state = "sale" if approved else ("cancel" if stage == "cancel" else "draft")
            order = {
                "name": "SB%07d" % serial, "origin": None, "state": state,
                "date_order": received_at, "create_date": received_at,
                "confirmation_date": times["finance"] if approved else None,
                "user_id": ctx.cs_uid, "partner_id": buyer[0], "partner_invoice_id": buyer[0],
                "partner_shipping_id": buyer[0], "pricelist_id": ctx.pricelist.id,
                "invoice_status": "to invoice" if approved else "no",
                "amount_untaxed": total, "amount_tax": 0.0, "amount_total": total,
                "company_id": ctx.company.id, "team_id": ctx.team_id,
                "write_date": times["finance"] if approved else received_at,
                "create_uid": 1, "write_uid": 1,
                "picking_policy": "one", "warehouse_id": ctx.warehouse.id,
                "ecom_channel_id": channel.id, "ecom_platform_ref": "%s%012d" % (
                    channel.code[1:3], serial),
                "ecom_state": ecom_state, "ecom_state_before_exception": before_exc,
                "ecom_buyer_name": buyer[1], "ecom_buyer_phone": buyer[2],
                "ecom_province": buyer[3], "ecom_city": buyer[4], "ecom_district": None,
                "ecom_street": buyer[5], "ecom_buyer_remark": remark,
                "ecom_payment_mode": mode, "ecom_paid_amount": paid,
                "ecom_payment_state": pay_state, "ecom_received_at": received_at,
                "ecom_order_date": day_cache[key],
                "ecom_sla_deadline": deadline, "ecom_sla_done_at": packed_at,
                "ecom_sla_breached": bool(packed_at and packed_at > deadline),
                "ecom_cs_user_id": ctx.cs_uid if cs_done else None,
                "ecom_cs_date": times["cs"] if cs_done else None,
                "ecom_finance_user_id": ctx.finance_uid if approved else None,
                "ecom_finance_date": times["finance"] if approved else None,
                "ecom_exception_reason_id": ctx.reasons.get(
                    "amount_mismatch" if paid < total else "address_incomplete")
                if stage == "exception" else None,
                "ecom_exception_date": times["cs"] if stage == "exception" else None,
                "ecom_split_consent": False,
                "ecom_shortage": ("backorder" if backorder else "stock")
                if approved or stage == "to_finance" else None,
            }
            for line in lines:
                if line[3] is None and order["ecom_shortage"]:
                    line[3] = "stock"
            stats[stage] += 1
            stats["backorder"] += backorder
            specs.append({"order": order, "lines": [tuple(x) for x in lines],
                          "fulfil": stage if approved else None, "times": times,
                          "reserve": not backorder, "backorder": backorder})
        result = writer.write(specs)
        log("copy: %s" % (writer.flush(),))
        for spec, (oid, line_ids, pid, move_ids) in zip(specs, result):
            written.append((oid, spec, line_ids, pid))
        log("orders: %d / %d (%.1fs)" % (min(start + chunk, size), size, time.time() - t0))
    cr.execute("UPDATE procurement_group g SET sale_id = o.id FROM sale_order o "
               "WHERE o.procurement_group_id = g.id AND g.sale_id IS NULL")

    # Stock: free quantity per stocked product, none for the others
    on_hand = {p["id"]: float(rng.randrange(20, 400)) for p in stocked}
    write_stock(cr, ctx, prows, on_hand, writer.shipped, writer.reserved,
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
    env.cache.invalidate()
    _orm_returns(env, ctx, written, rng, max(4, min(12, size // 20000)), log)
    cr.commit()
    log("after-sales cases walked through the ORM (%.1fs)" % (time.time() - t0))
    # fresh statistics, committed (the sanity pass after this rolls back):
    # planned on the empty tables' statistics, look-ups scan whole tables
    cr.execute("ANALYZE")
    cr.commit()
    log("generated %d orders in %.1fs: %s" % (size, time.time() - t0, ", ".join(
        "%s %d" % kv for kv in sorted(stats.items()))))
    return stats


def _write_backorders(cr, ctx, written):
    rows = Bulk(cr, "ecom_backorder", [
        "name", "order_id", "line_id", "partner_id", "channel_id", "company_id",
        "warehouse_id", "priority", "order_date", "product_id", "quantity",
        "quantity_allocated", "quantity_promised", "state", "urgent", "create_uid",
        "create_date", "write_uid", "write_date"])
    todo = []
    for oid, spec, line_ids, _pid in written:
        if spec["backorder"]:
            for line, line_id in zip(spec["lines"], line_ids):
                if line[3] == "backorder":
                    todo.append((oid, spec, line, line_id))
    bid = rows.reserve(len(todo))
    cr.execute("SELECT id, ecom_priority FROM res_partner WHERE ecom_priority != '0'")
    priority = dict(cr.fetchall())
    for oid, spec, line, line_id in todo:
        o = spec["order"]
        rows.add(bid, ["%s / %s" % (o["name"], line[0]["code"]), oid, line_id, o["partner_id"],
                       o["ecom_channel_id"], ctx.company.id, ctx.warehouse.id,
                       priority.get(o["partner_id"], "0"), o["date_order"], line[0]["id"],
                       line[1], 0.0, 0.0, "open", False, 1, spec["times"]["finance"], 1,
                       spec["times"]["finance"]])
        bid += 1
    rows.flush()


def _write_feedback_and_returns(cr, ctx, written, rng, env):
    """Feedback on ~7 % of delivered orders, after-sales cases on ~4 % (drafts
    and rejections; cases that move goods and money are made by the ORM)."""
    reasons = env["ecom.return.reason"].search([])
    feedback = Bulk(cr, "ecom_feedback", [
        "name", "kind", "contact_channel", "order_id", "channel_id", "partner_id",
        "company_id", "user_id", "deadline", "description", "resolution", "state",
        "picking_id", "create_uid", "create_date", "write_uid", "write_date"])
    cases = Bulk(cr, "ecom_return", [
        "name", "type", "state", "order_id", "partner_id", "channel_id", "company_id",
        "user_id", "evidence", "tags_intact", "packaging_intact", "before_shipment",
        "reject_reason", "create_uid", "create_date", "write_uid", "write_date"])
    case_lines = Bulk(cr, "ecom_return_line", [
        "return_id", "product_id", "quantity", "reason_id", "responsibility", "sale_line_id",
        "price_unit", "quantity_defective", "create_uid", "create_date", "write_uid",
        "write_date"])
    delivered = [w for w in written if w[1]["fulfil"] == "delivered"]
    fb = [w for w in delivered if rng.random() < 0.07]
    rc = [w for w in delivered if rng.random() < 0.04]
    fid = feedback.reserve(len(fb))
    for oid, spec, _lines, pid in fb:
        o = spec["order"]
        at = spec["times"]["delivered"]
        kind = _weighted(rng, [("question", 40), ("suggestion", 10), ("complaint", 25),
                               ("return_request", 15), ("delivery_followup", 10)])
        old = (ctx.now - at).days > 3
        state = _weighted(rng, [("resolved", 90), ("cancel", 5), ("in_progress", 5)]) \
            if old else _weighted(rng, [("new", 60), ("in_progress", 40)])
        feedback.add(fid, [
            "%s: %s" % (o["name"], kind), kind, _weighted(rng, [
                ("platform_chat", 60), ("phone", 15), ("wechat", 15), ("review", 10)]),
            oid, o["ecom_channel_id"], o["partner_id"], ctx.company.id, ctx.cs_uid,
            (at + timedelta(days=1)).date(), "买家留言", "已处理" if state == "resolved" else None,
            state, pid, 1, at, 1, at])
        fid += 1
    feedback.flush()
    cid = cases.reserve(len(rc))
    lid = case_lines.reserve(len(rc))
    for n, (oid, spec, line_ids, _pid) in enumerate(rc, 1):
        o = spec["order"]
        at = spec["times"]["delivered"] + timedelta(hours=rng.uniform(2, 100))
        at = min(at, ctx.now).replace(microsecond=0)
        state = "rejected" if rng.random() < 0.4 else "draft"
        ctype = _weighted(rng, [("return_refund", 70), ("exchange", 20), ("reissue", 10)])
        cases.add(cid, [
            "RMA/B%06d" % n, ctype, state, oid, o["partner_id"], o["ecom_channel_id"],
            ctx.company.id, ctx.cs_uid, "买家申请售后", True, True, False,
            "超过七天无理由退货期限" if state == "rejected" else None, 1, at, 1, at])
        product, qty, price, _s = spec["lines"][0]
        case_lines.add(lid, [cid, product["id"], 1.0, reasons and rng.choice(reasons.ids),
                             "customer", line_ids[0], price, 0.0, 1, at, 1, at])
        cid += 1
        lid += 1
    cases.flush()
    case_lines.flush()


def _write_custom_requests(cr, ctx, written, rng):
    """Custom-order requests, a few in each stage (0.05 % of orders, at least one each)."""
    rows = Bulk(cr, "ecom_custom_request", [
        "name", "state", "order_id", "company_id", "partner_id", "line_id", "product_id",
        "quantity", "requester_id", "feasibility", "buyer_decision", "approval_submission",
        "deposit_percent", "deposit_amount", "balance_amount", "deposit_received", "note",
        "create_uid", "create_date", "write_uid", "write_date"])
    pools = {
        "open": [w for w in written if w[1]["order"]["ecom_state"] in ("to_review",
                                                                       "to_finance")],
        "waiting": [w for w in written if w[1]["fulfil"] == "to_print"],
        "delivered": [w for w in written if w[1]["fulfil"] == "delivered"],
        "cancel": [w for w in written if w[1]["order"]["state"] == "cancel"],
    }
    per_state = max(1, len(written) // 20000)
    todo = []
    used = set()
    for state in CUSTOM_STATES:
        pool = pools["open"] if state in ("draft", "price_approval", "deposit_pending") else \
            pools["delivered"] if state == "done" else pools["cancel"] if state == "cancel" \
            else pools["waiting"]
        for w in rng.sample(pool, min(per_state, len(pool))):
            if w[0] not in used:
                used.add(w[0])
                todo.append((state, w))
    rid = rows.reserve(len(todo))
    for n, (state, (oid, spec, line_ids, _pid)) in enumerate(todo, 1):
        o = spec["order"]
        product, qty, price, _s = spec["lines"][0]
        answered = state not in ("draft",)
        deposit = round(o["amount_total"] * 0.3, 2)
        paid = state not in ("draft", "price_approval", "deposit_pending", "cancel")
        rows.add(rid, [
            "CR/B%05d" % n, state, oid, ctx.company.id, o["partner_id"], line_ids[0],
            product["id"], qty, ctx.cs_uid, "yes" if answered else "pending",
            "accepted" if answered else "pending", 0, 30.0, deposit,
            round(o["amount_total"] - deposit, 2), deposit if paid else 0.0, "定制刺绣",
            1, o["create_date"], 1, o["create_date"]])
        rid += 1
    rows.flush()


def _orm_returns(env, ctx, written, rng, count, log):
    """A few after-sales cases through the real actions: approved, received, refunded."""
    recent = [w for w in written if w[1]["fulfil"] == "delivered"
              and (ctx.now - w[1]["times"]["delivered"]).days < 5]
    Case = env["ecom.return"]
    reason = env["ecom.return.reason"].search([], limit=1)
    done = 0
    for oid, spec, _lines, _pid in rng.sample(recent, min(count, len(recent))):
        product, _qty, _price, _s = spec["lines"][0]
        try:
            with env.cr.savepoint():
                case = Case.create({
                    "order_id": oid, "type": "return_refund", "evidence": "尺码不合适",
                    "line_ids": [(0, 0, {"product_id": product["id"], "quantity": 1,
                                         "reason_id": reason.id,
                                         "responsibility": "customer"})]})
                stage = done % 4
                if stage >= 1:
                    case.action_approve()
                if stage >= 2:
                    case._ecom_demo_receive()
                if stage >= 3:
                    case.action_refund()
                done += 1
        except Exception as error:   # noqa: B902 - reported, the data stays usable
            log("after-sales case on order %s not walked: %s" % (oid, error))
    return done


# ----------------------------------------------------------------------
# Invariants (used by the sanity pass and by tests/test_generator.py)
# ----------------------------------------------------------------------
def check_invariants(env, sample=100, actions=True):
    """Problems found in the generated data (an empty list when all is well).

    Reads a random sample of generated orders and deliveries through the ORM
    (every field, computed ones included), checks the stages against the
    deliveries, amounts against lines, quants against moves, and runs contract
    actions on generated records in a savepoint that is rolled back.
    """
    cr = env.cr
    problems = []

    def sql(query, *args):
        cr.execute(query, args)
        return cr.fetchall()

    rows = sql("SELECT o.name FROM sale_order o WHERE o.name LIKE 'SB%%' AND ("
               " (o.ecom_state IN ('to_review','to_finance','exception') AND o.state != 'draft')"
               " OR (o.ecom_state = 'approved' AND o.state NOT IN ('sale','done'))"
               " OR (o.ecom_state = 'cancel' AND o.state != 'cancel')) LIMIT 5")
    if rows:
        problems.append("review stage and order state disagree: %s" % rows)
    rows = sql("SELECT o.name FROM sale_order o LEFT JOIN (SELECT sale_id, count(*) AS n"
               " FROM stock_picking WHERE sale_id IS NOT NULL GROUP BY sale_id) p"
               " ON p.sale_id = o.id WHERE o.name LIKE 'SB%%' AND ("
               " (o.ecom_state != 'approved' AND p.n IS NOT NULL)"
               " OR (o.ecom_state = 'approved' AND p.n IS NULL)) LIMIT 5")
    if rows:
        problems.append("review stage and deliveries disagree: %s" % rows)
    rows = sql("SELECT name, ecom_fulfil_state, state FROM stock_picking WHERE "
               "ecom_fulfil_state IS NOT NULL AND sale_id IS NOT NULL AND ("
               " (ecom_fulfil_state IN ('shipped','delivered') AND state != 'done')"
               " OR (ecom_fulfil_state NOT IN ('shipped','delivered') AND state = 'done')"
               " OR (ecom_fulfil_state IN ('picked','packed','checked') AND state != 'assigned')"
               ") LIMIT 5")
    if rows:
        problems.append("fulfilment stage and delivery state disagree: %s" % rows)
    rows = sql("SELECT p.name FROM stock_picking p WHERE p.sale_id IS NOT NULL AND EXISTS ("
               " SELECT 1 FROM stock_move m WHERE m.picking_id = p.id AND m.state != p.state"
               " AND m.state != 'cancel' AND p.state IN ('done','assigned')) LIMIT 5")
    if rows:
        problems.append("moves and their delivery disagree: %s" % rows)
    rows = sql("SELECT o.name, o.amount_untaxed, SUM(l.price_subtotal) FROM sale_order o "
               "JOIN sale_order_line l ON l.order_id = o.id WHERE o.name LIKE 'SB%%' "
               "GROUP BY o.id HAVING abs(o.amount_untaxed - SUM(l.price_subtotal)) > 0.005 "
               "OR abs(o.amount_total - o.amount_untaxed - o.amount_tax) > 0.005 LIMIT 5")
    if rows:
        problems.append("order amounts differ from their lines: %s" % rows)
    rows = sql("SELECT q.id, q.quantity, q.reserved_quantity FROM stock_quant q "
               "JOIN stock_location l ON l.id = q.location_id WHERE l.usage = 'internal' "
               "AND (q.quantity < 0 OR q.reserved_quantity > q.quantity + 0.0001) LIMIT 5")
    if rows:
        problems.append("negative or over-reserved quants: %s" % rows)
    rows = sql("SELECT q.product_id, q.reserved, COALESCE(ml.reserved, 0) FROM ("
               " SELECT product_id, location_id, SUM(reserved_quantity) AS reserved"
               " FROM stock_quant WHERE location_id = %s GROUP BY product_id, location_id) q"
               " LEFT JOIN (SELECT product_id, location_id, SUM(product_qty) AS reserved"
               " FROM stock_move_line WHERE state NOT IN ('done', 'cancel')"
               " GROUP BY product_id, location_id) ml ON ml.product_id = q.product_id"
               " AND ml.location_id = q.location_id"
               " WHERE abs(q.reserved - COALESCE(ml.reserved, 0)) > 0.001 LIMIT 5",
               Context(env).stock_loc)
    if rows:
        problems.append("reservations of quants and move lines differ: %s" % rows)
    rows = sql("SELECT m.product_id, SUM(CASE WHEN m.location_dest_id = %s THEN m.product_qty"
               " ELSE 0 END) - SUM(CASE WHEN m.location_id = %s THEN m.product_qty ELSE 0 END),"
               " (SELECT SUM(quantity) FROM stock_quant q WHERE q.product_id = m.product_id"
               "  AND q.location_id = %s) FROM stock_move m JOIN product_product p ON"
               " p.id = m.product_id WHERE m.state = 'done' AND p.default_code LIKE 'BN%%'"
               " AND (m.location_id = %s OR m.location_dest_id = %s) GROUP BY m.product_id",
               *([Context(env).stock_loc] * 5))
    bad = [r for r in rows if abs((r[1] or 0) - (r[2] or 0)) > 0.001]
    if bad:
        problems.append("quants differ from done moves: %s" % bad[:5])

    Order = env["sale.order"]
    ids = [r[0] for r in sql("SELECT id FROM sale_order WHERE name LIKE 'SB%%' "
                             "ORDER BY random() LIMIT %s", sample)]
    orders = Order.browse(ids)
    try:
        orders.read()
        orders.mapped("order_line").read()
        pickings = orders.mapped("picking_ids")
        pickings.read()
        pickings.mapped("move_lines").read()
        for model in ("ecom.backorder", "ecom.return", "ecom.feedback", "ecom.custom.request"):
            env[model].search([], limit=sample, order="id desc").read()
        for order in orders:
            if abs(order.amount_total - sum(order.order_line.mapped("price_total"))) > 0.005:
                problems.append("ORM total of %s differs from its lines" % order.name)
    except Exception as error:   # noqa: B902 - reported as a problem
        problems.append("the ORM cannot read generated records: %r" % error)
    if actions:
        problems.extend(_try_actions(env))
    return problems


def _try_actions(env):
    problems = []
    Order, Picking = env["sale.order"], env["stock.picking"]
    checks = [
        (Order, [("name", "=like", "SB%"), ("ecom_state", "=", "to_review"),
                 ("ecom_buyer_phone", "!=", False)], "action_ecom_cs_approve"),
        (Order, [("name", "=like", "SB%"), ("ecom_state", "=", "to_finance"),
                 ("ecom_payment_state", "=", "paid"), ("ecom_shortage", "=", "stock")],
         "action_ecom_finance_approve"),
        (Picking, [("origin", "=like", "SB%"), ("ecom_fulfil_state", "=", "printed"),
                   ("state", "=", "assigned")], "action_ecom_pick"),
        (Picking, [("origin", "=like", "SB%"), ("ecom_fulfil_state", "=", "checked"),
                   ("state", "=", "assigned")], "action_ecom_ship"),
        (Picking, [("origin", "=like", "SB%"), ("ecom_fulfil_state", "=", "shipped")],
         "action_ecom_confirm_delivered"),
    ]
    for model, domain, method in checks:
        record = model.search(domain, limit=1)
        if not record:
            continue
        env.cr.execute("SAVEPOINT generator_check")
        try:
            if method == "action_ecom_ship":
                record.action_ecom_ship(record.ecom_package_count)  # the courier's count
            else:
                getattr(record, method)()
            if method == "action_ecom_ship" and record.state != "done":
                problems.append("%s did not validate %s" % (method, record.name))
            if method == "action_ecom_finance_approve" and not record.picking_ids:
                problems.append("%s made no delivery for %s" % (method, record.name))
        except Exception as error:   # noqa: B902 - reported as a problem
            problems.append("%s on %s failed: %r" % (method, record.display_name, error))
        finally:
            env.cr.execute("ROLLBACK TO SAVEPOINT generator_check")
            env.cache.invalidate()
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
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


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))))
    sys.exit(main())
