# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Queues, KPI pivot and SLA cron on the generated database.

Each list figure is what the web client asks when a user opens the screen:
``search_read`` with the action's domain and default filter, the fields of
the view, the view's page size and the model's order, then ``search_count``
when the page is full (as /web/dataset/search_read does), as the user of
the role (record rules apply), with an empty cache. The median of several
runs after one warm-up is reported.

Baselines compare like with like (issue 23): a list's is the same screen
(same domain, fields, page size and user) read by the plain ORM, the
performance layer switched off (``ecom_order_mgmt.bulk_layer`` = 0 inside
the benchmark's transaction, rolled back). The KPI pivot has no plain Odoo
report doing the same work: no ratio; the Sales Analysis pivot is noted for
scale only.
"""
import contextlib
import statistics
import time
from datetime import datetime, timedelta

from lxml import etree

from odoo import api
from odoo.tools.safe_eval import safe_eval

RUNS = 7


def _timed(fn, runs=RUNS):
    fn()   # warm-up (plans, registry caches)
    times = []
    for _i in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000.0


def _view_fields(env, model, view_ref, view_type):
    view_id = env.ref(view_ref).id if view_ref else None
    arch = env[model].fields_view_get(view_id=view_id, view_type=view_type)["arch"]
    root = etree.fromstring(arch)
    names = []
    for node in root.iter("field"):
        name = node.get("name")
        if name and name not in names and name in env[model]._fields:
            names.append(name)
    return names, root.get("default_group_by")


def _search_filter(env, search_ref, name):
    arch = env.ref(search_ref).arch_db
    node = etree.fromstring(arch).find(".//filter[@name='%s']" % name)
    return safe_eval(node.get("domain"), {"datetime": datetime})


def _fresh(env):
    """A new environment with empty cache and prefetch, as a new request has."""
    api.Environment.reset()
    return api.Environment(env.cr, env.uid, dict(env.context))


def _first_page(env, model, domain, fields, limit, order=None):
    """What /web/dataset/search_read does for the first page."""
    def page():
        records = _fresh(env)[model].search_read(domain, fields, limit=limit, order=order)
        if len(records) == limit:
            _fresh(env)[model].search_count(domain)
        return records
    return page


@contextlib.contextmanager
def _layer_off(env):
    """The performance layer switched off for the block (rolled back after)."""
    from odoo.addons.ecom_order_mgmt.bulk.switch import PARAM
    params = env["ir.config_parameter"].sudo()
    saved = params.get_param(PARAM)
    params.set_param(PARAM, "0")
    try:
        yield
    finally:
        params.set_param(PARAM, saved or False)


def _users(env):
    logins = ("ecom_cs", "ecom_finance", "ecom_warehouse")
    users = env["res.users"].search([("login", "in", logins)])
    by_login = {u.login: u.id for u in users}
    return {k: by_login.get("ecom_" + k, 1) for k in ("cs", "finance", "warehouse")}


def run(ctx):
    rows = []
    with ctx.cursor() as cr:
        env = ctx.env(cr)
        users = _users(env)
        cr.execute("""SELECT ecom_channel_id FROM sale_order WHERE ecom_state = 'to_review'
                      GROUP BY 1 ORDER BY count(*) DESC LIMIT 1""")
        channel = (cr.fetchone() or [False])[0]
        cr.execute("SELECT count(*) FROM sale_order WHERE ecom_channel_id IS NOT NULL")
        n_orders = cr.fetchone()[0]
        rows.extend(_queues(ctx, env, users, channel, n_orders))
        rows.extend(_pivot(ctx, env, n_orders))
        rows.extend(_sla(ctx, env, n_orders))
        rows.extend(_dashboard(ctx, env, n_orders))
        cr.rollback()
    return rows


def _queues(ctx, env, users, channel, n_orders):
    rows = []
    tree_fields, _g = _view_fields(env, "sale.order", "ecom_order_mgmt.view_ecom_order_tree",
                                   "tree")
    action = env.ref("ecom_order_mgmt.action_ecom_order_cs")
    domain = safe_eval(action.domain) + _search_filter(
        env, "ecom_order_mgmt.view_ecom_order_search", "to_review") + [
        ("ecom_channel_id", "=", channel)]
    cs_env = env(user=users["cs"])
    page = _first_page(cs_env, "sale.order", domain, tree_fields, 80)
    value = _timed(page)
    with _layer_off(env):
        baseline = _timed(page)
    count = env["sale.order"].search_count(domain)
    rows.append({
        "figure": "CS review queue, first page (stage + channel, 80 rows)",
        "value": value, "unit": "ms", "baseline": baseline, "goal": "< 150 ms",
        "note": "%d orders in the filtered queue, %d channel orders; plain Odoo: the same "
                "page read by the plain ORM (performance layer off)" % (count, n_orders)})

    action = env.ref("ecom_order_mgmt.action_ecom_order_finance")
    domain = safe_eval(action.domain) + _search_filter(
        env, "ecom_order_mgmt.view_ecom_order_search", "to_finance")
    fin_env = env(user=users["finance"])
    page = _first_page(fin_env, "sale.order", domain, tree_fields, 80)
    value = _timed(page)
    with _layer_off(env):
        baseline = _timed(page)
    rows.append({
        "figure": "Finance review queue, first page (80 rows)", "value": value, "unit": "ms",
        "baseline": baseline, "goal": "", "note": "%d orders waiting; plain Odoo: the same "
        "page, performance layer off" % env["sale.order"].search_count(domain)})
    rows.append(_delivery_kanban(env, users))
    return rows


def _delivery_kanban(env, users):
    """The warehouse's delivery kanban, first page (grouped as the view is)."""
    action = env.ref("ecom_order_mgmt.action_ecom_delivery")
    domain = safe_eval(action.domain) + _search_filter(
        env, "ecom_order_mgmt.view_ecom_picking_search", "in_progress")
    kanban_fields, group_by = _view_fields(env, "stock.picking",
                                           "ecom_order_mgmt.view_ecom_picking_kanban", "kanban")
    wh_env = env(user=users["warehouse"])

    def kanban(env_, domain_, fields_, group_by_):
        if not group_by_:
            return _first_page(env_, "stock.picking", domain_, fields_, 40)

        def grouped():
            pickings = _fresh(env_)["stock.picking"]
            groups = pickings.read_group(domain_, [group_by_], [group_by_])
            for group in groups:
                _fresh(env_)["stock.picking"].search_read(group["__domain"], fields_,
                                                          limit=40)
        return grouped
    page = kanban(wh_env, domain, kanban_fields, group_by)
    value = _timed(page)
    with _layer_off(env):
        baseline = _timed(page)
    return {
        "figure": "Delivery kanban, first page (warehouse, in progress)", "value": value,
        "unit": "ms", "baseline": baseline, "goal": "",
        "note": "%d deliveries in progress%s; plain Odoo: the same page, performance layer "
                "off" % (env["stock.picking"].search_count(domain),
                         ", grouped by %s" % group_by if group_by else "")}


def _pivot_calls(model, domain, measure, row, col):
    """The read_group calls of a pivot with `row` in rows and `col` in columns."""
    def pivot():
        for groupby in ([], [row], [col], [row, col]):
            names = [measure] + [g.split(":")[0] for g in groupby]
            _fresh(model.env)[model._name].read_group(domain, names, groupby, lazy=False)
    return pivot


def _pivot(ctx, env, n_orders):
    since = (datetime.utcnow() - timedelta(days=365)).strftime("%Y-%m-%d %H:%M:%S")
    report = env.registry.get("ecom.order.report")
    if report is not None:
        model = env["ecom.order.report"]
        fields_ = model._fields
        channel = next(n for n, f in fields_.items()
                       if f.type == "many2one" and f.comodel_name == "ecom.channel")
        # the report's own date column (not the magic __last_update)
        date = "date" if "date" in fields_ else next(
            n for n, f in sorted(fields_.items())
            if f.type in ("date", "datetime") and f.store and "date" in n
            and not n.startswith("__"))
        measure = "amount_total" if "amount_total" in fields_ else next(
            n for n, f in fields_.items() if f.type in ("monetary", "float") and "amount" in n)
        domain = [(date, ">=", since)]
        source = "ecom.order.report (%s, %s:month, %s)" % (channel, date, measure)
    else:
        model = env["sale.order"]
        channel, date, measure = "ecom_channel_id", "date_order", "amount_total"
        domain = [("ecom_channel_id", "!=", False), ("date_order", ">=", since)]
        source = "read_group on sale.order (ecom.order.report not in this database)"
    value = _timed(_pivot_calls(model, domain, measure, channel, date + ":month"), runs=3)
    sale_report = env["sale.report"]
    baseline = _timed(_pivot_calls(sale_report, [("date", ">=", since)], "price_total",
                                   "team_id", "date:month"), runs=3)
    # sale.report is another view over other rows: not the same work, no ratio
    return [{
        "figure": "Order KPI pivot: orders and GMV by channel by month, one year",
        "value": value, "unit": "ms", "baseline": None, "goal": "< 1000 ms",
        "note": "%s, 4 read_group calls as the pivot makes them; for scale only (other "
                "report, other work, no ratio): Sales Analysis (sale.report) by team by "
                "month took %.0f ms" % (source, baseline)}]


def _sla(ctx, env, n_orders):
    cr = env.cr
    cr.execute("""SELECT count(*) FROM sale_order WHERE ecom_channel_id IS NOT NULL
                  AND ecom_sla_done_at IS NULL
                  AND ecom_state IN ('to_review', 'to_finance', 'approved', 'exception')""")
    open_orders = cr.fetchone()[0]
    cr.execute("SAVEPOINT bench_sla")
    start = time.perf_counter()
    flagged = env["sale.order"]._cron_ecom_sla_breach()
    value = time.perf_counter() - start
    cr.execute("ROLLBACK TO SAVEPOINT bench_sla")
    return [{
        "figure": "SLA cron over all open orders", "value": value * 1000.0, "unit": "ms",
        "baseline": None, "goal": "< 10000 ms",
        "note": "%d open orders, %d flagged breached (rolled back)" % (open_orders, flagged)}]


def _dashboard(ctx, env, n_orders):
    """The E-commerce dashboard as the manager opens it: every card's figures
    and graphs (what the kanban reads), empty cache."""
    if env.registry.get("ecom.dashboard") is None:
        return []
    manager = env["res.users"].search([("login", "=", "ecom_manager")], limit=1)
    names = ["name", "is_company", "company_id", "kanban_dashboard", "kanban_graph_orders",
             "kanban_graph_gmv"]

    def board():
        _fresh(env(user=manager.id or 1))["ecom.dashboard"].search_read([], names)
    value = _timed(board, runs=5)

    def journals():
        _fresh(env)["account.journal"].search_read(
            [("show_on_dashboard", "=", True)], ["kanban_dashboard", "kanban_dashboard_graph"])
    baseline = _timed(journals, runs=5) if env.registry.get("account.journal") else None
    cards = env["ecom.dashboard"].search_count([])
    scale = "" if baseline is None else "; for scale only (other board, other work, no " \
        "ratio): Odoo's accounting dashboard, its journals' cards, took %.0f ms" % baseline
    return [{
        "figure": "E-commerce dashboard, all cards (manager)", "value": value, "unit": "ms",
        "baseline": None, "goal": "< 1000 ms",
        "note": "%d cards, %d channel orders%s" % (cards, n_orders, scale)}]
