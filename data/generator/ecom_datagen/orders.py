# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The order writer (orders, lines, deliveries, moves, move lines) and the
stock (initial inventory and quants coherent with the moves)."""
import time
from collections import defaultdict

from .bulk import (
    GROUP_COLUMNS,
    LINE_COLUMNS,
    MOVE_COLUMNS,
    MOVE_LINE_COLUMNS,
    ORDER_COLUMNS,
    PICKING_COLUMNS,
    Bulk,
)
from .world import FULFIL


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
        ids = self._reserve(specs)
        return [self._write_order(spec, ids) for spec in specs]

    def _reserve(self, specs):
        """The first id of each table for `specs`, taken in turn by `_take`."""
        with_picking = [s for s in specs if s["fulfil"]]
        n_ml = sum(len(s["lines"]) for s in with_picking if s["fulfil"] != "to_print"
                   or s.get("reserve", True))
        return {
            "order": self.orders.reserve(len(specs)),
            "line": self.lines.reserve(sum(len(s["lines"]) for s in specs)),
            "group": self.groups.reserve(len(with_picking)),
            "picking": self.pickings.reserve(len(with_picking)),
            "move": self.moves.reserve(sum(len(s["lines"]) for s in with_picking)),
            "move_line": self.move_lines.reserve(n_ml),
        }

    @staticmethod
    def _take(ids, table):
        """The next reserved id of `table`."""
        value = ids[table]
        ids[table] += 1
        return value

    def _write_order(self, spec, ids):
        """One order, its lines and, past the review, its group, delivery and moves."""
        o, uid = spec["order"], 1
        gid = pid = None
        if spec["fulfil"]:
            gid, pid = self._take(ids, "group"), self._take(ids, "picking")
            self.groups.add(gid, [o["partner_id"], o["name"], o["picking_policy"], uid,
                                  spec["times"]["finance"], uid, spec["times"]["finance"]])
        o["procurement_group_id"] = gid
        order_id = self._take(ids, "order")
        self.orders.add(order_id, [o.get(c) for c in ORDER_COLUMNS])
        shipped = spec["fulfil"] in ("shipped", "delivered")
        reserved = spec["fulfil"] and not shipped and spec.get("reserve", True)
        line_ids, move_ids = [], []
        for seq, line in enumerate(spec["lines"], 1):
            line_id = self._take(ids, "line")
            self._line(spec, order_id, line_id, seq, line, shipped)
            line_ids.append(line_id)
            if spec["fulfil"]:
                move_ids.append(self._move(spec, ids, gid, pid, line_id, line, shipped,
                                           reserved))
        if spec["fulfil"]:
            self._picking(spec, order_id, gid, pid, shipped, reserved)
        return order_id, line_ids, pid, move_ids

    def _line(self, spec, order_id, line_id, seq, line, shipped):
        ctx, o, uid = self.ctx, spec["order"], 1
        product, qty, price, shortage = line
        confirmed = o["state"] in ("sale", "done")
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

    def _move(self, spec, ids, gid, pid, line_id, line, shipped, reserved):
        """The delivery move of a line and its move line (done or reserved); its id."""
        ctx, o, times, uid = self.ctx, spec["order"], spec["times"], 1
        product, qty, _price, _shortage = line
        move_id = self._take(ids, "move")
        state = "done" if shipped else ("assigned" if reserved else "confirmed")
        date = times.get("shipped") if shipped else times["finance"]
        pname = "%sB%07d" % (ctx.prefix, pid)
        self.moves.add(move_id, [
            product["name"], 10, "1", times["finance"], date, ctx.company.id,
            date, product["id"], qty, qty, qty, ctx.unit, ctx.stock_loc,
            ctx.customer_loc, o["partner_shipping_id"], pid, state,
            product["cost"], o["name"], "make_to_stock", False, gid, True,
            ctx.out_type.id, ctx.warehouse.id, False, pname, uid, uid, date,
            False, line_id, product["weight"] * qty, ctx.kg])
        if shipped:
            self.move_lines.add(self._take(ids, "move_line"), [
                pid, move_id, product["id"], ctx.unit, 0.0, 0.0, qty, qty, date,
                ctx.stock_loc, ctx.customer_loc, "done", pname, uid, date, uid,
                date])
            self.shipped[product["id"]] += qty
        elif reserved:
            self.move_lines.add(self._take(ids, "move_line"), [
                pid, move_id, product["id"], ctx.unit, qty, qty, qty, 0.0, date,
                ctx.stock_loc, ctx.customer_loc, "assigned", pname, uid, date,
                uid, date])
            self.reserved[product["id"]] += qty
        return move_id

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
