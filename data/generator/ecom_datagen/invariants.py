# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Invariants of the generated data (used by the sanity pass and by
tests/test_generator.py)."""
from .masters import Context


def check_invariants(env, sample=100, actions=True):
    """Problems found in the generated data (an empty list when all is well).

    Reads a random sample of generated orders and deliveries through the ORM
    (every field, computed ones included), checks the stages against the
    deliveries, amounts against lines, quants against moves, and runs contract
    actions on generated records in a savepoint that is rolled back.
    """
    cr = env.cr

    def sql(query, *args):
        cr.execute(query, args)
        return cr.fetchall()

    problems = _stage_problems(sql)
    problems += _stock_problems(sql, Context(env).stock_loc)
    problems += _orm_problems(env, sql, sample)
    if actions:
        problems.extend(_try_actions(env))
    return problems


def _stage_problems(sql):
    """Review and fulfilment stages against order states and deliveries."""
    problems = []
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
    return problems


def _stock_problems(sql, stock_loc):
    """Order amounts against lines; quants against move lines and done moves."""
    problems = []
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
               stock_loc)
    if rows:
        problems.append("reservations of quants and move lines differ: %s" % rows)
    rows = sql("SELECT m.product_id, SUM(CASE WHEN m.location_dest_id = %s THEN m.product_qty"
               " ELSE 0 END) - SUM(CASE WHEN m.location_id = %s THEN m.product_qty ELSE 0 END),"
               " (SELECT SUM(quantity) FROM stock_quant q WHERE q.product_id = m.product_id"
               "  AND q.location_id = %s) FROM stock_move m JOIN product_product p ON"
               " p.id = m.product_id WHERE m.state = 'done' AND p.default_code LIKE 'BN%%'"
               " AND (m.location_id = %s OR m.location_dest_id = %s) GROUP BY m.product_id",
               *([stock_loc] * 5))
    bad = [r for r in rows if abs((r[1] or 0) - (r[2] or 0)) > 0.001]
    if bad:
        problems.append("quants differ from done moves: %s" % bad[:5])
    return problems


def _orm_problems(env, sql, sample):
    """A random sample of generated records read through the ORM (every field)."""
    problems = []
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
    return problems


def _try_actions(env):
    """Contract actions on generated records, each in a savepoint rolled back."""
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
