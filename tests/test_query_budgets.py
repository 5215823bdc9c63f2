# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Query budgets of the bulk paths: linearity guarded without timing (issue 23).

Each test runs one bulk path as the user who runs it in production, with an
empty cache as a request starts, on 1, N and 5N new units of the same kind
(after a warm-up run that fills the registry's caches), and counts the SQL
queries (``cr.sql_log_count``) and the rows they return or write. It fails

- when the queries per unit beyond the first at 5N exceed those at N by
  more than 10 % (`GROWTH`): work that grows with the batch (a search per
  record over the records before it) shows here long before it shows in a
  benchmark; counted beyond the first unit, so that the fixed cost of a call
  does not hide it. The same for the rows (a prefetch shared by the whole
  batch keeps the number of queries and makes each read more rows);
- when the queries per unit at 5N exceed the path's budget below: a path
  gone per record is linear too, and is caught by its budget.

Checked to fail (2026-12-04, queries per unit at 5N against the budget):
the same paths run one unit per call: automatic review 758 (650), finance
approval 662 (640), allocation 126 (13.5), returns 1,488 (1,160), the CS
queue read row by row 3.1 (0.5); ``with_prefetch()`` taken out of
``_ecom_do_finance_approve`` (the batch's orders share one prefetch): the
same 608 queries per order, but rows per order beyond the first 613 at 3
and 813 at 15, caught by the rows; with the performance layer switched off
(``BULK_LAYER=0 scripts/test.sh``: system parameter
``ecom_order_mgmt.bulk_layer``): the import, 243 per order (11.5), also
failing on the growth (211 then 237 per order beyond the first: ``create()``
per order shares one prefetch), and the allocation, 157 (13.5). Not caught,
because not bulk to begin with: the CS bulk review passes each order in a
savepoint of its own (65 queries per order; one call per order costs 67);
the layer off cost the reviews 11 queries per order (Odoo's reservation
per delivery) and changed nothing to returns and the queue page, before the
layer expanded the record rules' company tree once (bulk/rule_domain.py,
2026-12-05): off, every path now also pays Odoo's expansion per query, about
150 queries per reviewed order. Queries
and rows only: the time is the benchmarks' job (``bench/``).
"""
import csv
import io

from lxml import etree

from odoo.tools.safe_eval import safe_eval

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase
from odoo.addons.ecom_order_mgmt.tools.order_import import schema

# Queries per unit beyond the first at 5N may exceed those at N by this
# factor at most (+ SLACK: a path whose cost does not depend on N at all,
# such as a list's page, may move by a query either way).
GROWTH = 1.10
SLACK = 0.1
# The same for the rows the queries return or write, per unit.
ROW_SLACK = 1

# Queries per unit at 5N, at most: the counts measured on 2026-12-04 (in
# brackets) + about 5 % (the counts do not move from run to run; the same
# path run per record costs 9-400 % more: see the module doc). Issue 23's
# goals are lower (a return case <= 400 queries; review + confirm no more
# than plain action_confirm, about 500 per 3-line order here, + a stated
# budget for the review): lower these as the paths get there.
BUDGET_IMPORT = 8.5           # per order of 2 lines, every 2nd buyer new (8.0 at 25;
#                               11.5 before the stored computes were written in bulk)
# Since issue 20 an approval also invoices the order and books its payment
# (Odoo's invoice, validation, payment, reconciliation): the two paths that
# approve cost about twice what they did (622 and 608 before it). The
# batch's invoices made at once (2026-12-05): 1323 -> 1304 and 1308 -> 1289.
# The multi-company rules' company tree expanded once per cached rule domain
# (bulk/rule_domain.py, 2026-12-05): 1311 -> 1175, 1297 -> 1168 and, the
# CS bulk review, 66.5 -> 35.8 (one res_company query less per query the
# reviewer's record rules filter). The automatic invoices neither followed
# by the buyer nor noted with their origin link (account_invoice.py,
# 2026-12-05): 1175 -> 1066, 1168 -> 1059, a return case 1594 -> 1544; and
# paid without sale's "Invoice ... paid" note on the order: 1040 and 1033.
# The invoice dated at its creation, and each order's pending recomputations
# written one batch per field whatever the context that marked them
# (bulk/recompute_together.py, 2026-12-05): 997 and 990. Recomputed every
# 5 orders (RECOMPUTE_EVERY) and without account's partner onchange again
# (2026-12-05, 15:45 UTC): 927 and 919. The partner's chat notification
# formatted only for a partner (bulk/notify.py): 914 and 906. The scan
# errors' order and company copied at their creation instead of stored
# related fields of the delivery (2026-12-05, 21:40 UTC): 904.5 and 897.3;
# the delivery's channel, province and expedited flag computed together, one
# UPDATE where three related fields took three (22:00 UTC): 896.5 and 889.3.
# The batch's deliveries reserved through the bulk reservation instead of
# Odoo's action_assign per delivery (2026-12-06): 817.1 and 809.9.
BUDGET_AUTO_REVIEW = 860      # per 3-line order: reviews, confirm, reserve, invoice, pay (817.1)
BUDGET_CS_BULK_REVIEW = 38    # per order, the CS list's bulk review (35.8 at 15)
BUDGET_FINANCE_APPROVE = 850   # per 3-line order: confirm, reserve, invoice, pay (809.9 at 15)
# What the review adds to plain Odoo (issue 23): both reviews + confirm +
# reserve of orders of a channel invoicing at shipment, less plain
# action_confirm of the same orders without a channel (one with_prefetch()
# per order), per 3-line order, both as the finance user, 15 orders a call.
# Negative since the batch's deliveries are reserved through the bulk
# reservation (2026-12-06): the suite costs at least 70 queries per order
# less than plain Odoo (-80.3: 394.8 against 475.1; with the performance
# layer off, Odoo reserves each delivery and this fails).
# Before: -0.3 on 2026-12-05 (474.7 against 475.1; 482.7 against 483.1 before the
# delivery's three fields were computed together, 491.7 against 492.1
# before the scan errors' change, 507.7 against 508.1 before the chat
# notification's;
# 25 before the rules' company
# tree was expanded once, measured at 5 orders a call).
BUDGET_REVIEW_OVER_CONFIRM = -70
BUDGET_ALLOCATION = 13.5      # per backorder line, preview + commit (12.6 at 10)
BUDGET_RETURN = 1270          # per case: approve, receive, refund as Odoo's credit note
#                               of the order's invoice, paid back (1206.4 at 10, 2026-12-06,
#                               the credit note and its payment made without tracking
#                               nor the buyer's subscription, as the approval's invoices;
#                               1376 on 2026-12-05 22:00 UTC; 1544 earlier that day;
#                               1594 before the automatic invoices were made quieter;
#                               1880 before the credit note was created with its lines, 1100
#                               before issue 20). Odoo's own part is most of it: see
#                               docs/performance.md (a case <= 400 is out of reach with Odoo's
#                               credit note and payment)
BUDGET_CS_QUEUE = 0.5         # per row of the CS queue's first page (0.33 at 40)

# Values of an imported line, as a platform's export gives them.
IMPORT_ROW = {"province": "浙江省", "city": "杭州市", "district": "西湖区",
              "quantity": "1", "unit_price": "10.00", "paid_amount": "20.00",
              "payment_mode": "支付宝", "remark": "", "order_time": "2026-11-20 10:00:00"}
MAIL_QUIET = {"tracking_disable": True, "mail_create_nolog": True,
              "mail_create_nosubscribe": True, "mail_notrack": True}


class QueryBudgetCase(EcomCase):
    """Counting helpers and orders written for the bulk paths."""

    @classmethod
    def setUpClass(cls):
        super(QueryBudgetCase, cls).setUpClass()
        # the budgets are the performance layer's: on, whatever the run's
        # switch (BULK_LAYER=0 runs the rest of the suite through the plain
        # ORM; what these paths cost then is said in the docstring above)
        # (absent, as a default run leaves it: the layer's own default)
        cls.env["ir.config_parameter"].sudo().search(
            [("key", "=", "ecom_order_mgmt.bulk_layer")]).unlink()
        # stock for every batch: a unit short of stock takes the backorder
        # path, another path with another cost
        cls.item_a = cls._product("Budget shirt", "QB-SHIRT", "6990000009012", 100.0, 10000)
        cls.item_b = cls._product("Budget socks", "QB-SOCKS", "6990000009029", 50.0, 10000)
        cls.lines = [(cls.item_a, 1), (cls.item_b, 2), (cls.item_a, 1)]
        cls._serial = [0]

    def _next(self):
        self._serial[0] += 1
        return self._serial[0]

    def _orders(self, count, lines=None, **values):
        """`count` paid channel orders waiting for CS review (written in bulk:
        the orders an import gives)."""
        lines = lines or self.lines
        vals_list = []
        for _i in range(count):
            amount = sum(product.list_price * qty for product, qty in lines)
            vals = {
                "partner_id": self.buyer.id, "partner_invoice_id": self.buyer.id,
                "partner_shipping_id": self.buyer.id,
                "pricelist_id": self.env.ref("product.list0").id,
                "ecom_channel_id": self.channel.id,
                "ecom_platform_ref": "QB%06d" % self._next(),
                "ecom_buyer_name": "王小明", "ecom_buyer_phone": "13800138000",
                "ecom_province": "浙江省", "ecom_city": "杭州市", "ecom_district": "西湖区",
                "ecom_street": "文三路 90 号", "ecom_payment_mode": "prepaid",
                "ecom_paid_amount": amount,
                "order_line": [(0, 0, {
                    "product_id": product.id, "name": product.name, "product_uom_qty": qty,
                    "product_uom": product.uom_id.id, "price_unit": product.list_price,
                    "tax_id": [(6, 0, [])]}) for product, qty in lines]}
            vals.update(values)
            vals_list.append(vals)
        return self.env["sale.order"].with_context(**MAIL_QUIET)._ecom_create_many(vals_list)

    def _queries(self, run, units):
        """(SQL queries, rows they returned or wrote) of run(units), started
        with an empty cache."""
        cr = self.env.cr
        self.env.cache.invalidate()
        real_execute, rows = cr.execute, [0]

        def counting(query, params=None, log_exceptions=None):
            result = real_execute(query, params, log_exceptions)
            rows[0] += max(cr.rowcount, 0)
            return result

        before = cr.sql_log_count
        cr.execute = counting
        try:
            run(units)
        finally:
            del cr.execute
        return cr.sql_log_count - before, rows[0]

    def _assert_linear(self, prepare, run, n, budget, unit):
        """prepare(k) gives k new units, run(units) is the path; see the
        module doc. Returns (queries per unit at 5n, queries per unit beyond
        the first at n, the same at 5n)."""
        run(prepare(1))  # warm-up: the registry's caches
        one, one_rows = self._queries(run, prepare(1))
        small, small_rows = self._queries(run, prepare(n))
        large, large_rows = self._queries(run, prepare(5 * n))
        # beyond the first unit: the fixed cost of a call does not hide growth
        small_each = (small - one) / float(n - 1)
        large_each = (large - one) / float(5 * n - 1)
        rows_small = (small_rows - one_rows) / float(n - 1)
        rows_large = (large_rows - one_rows) / float(5 * n - 1)
        per_unit = large / float(5 * n)
        figures = "%d queries for 1 %s, %d for %d, %d for %d: %.1f per %s at %d (budget " \
                  "%s), %.2f per %s beyond the first at %d, %.2f at %d; rows %d, %d, %d: " \
                  "%.1f per %s beyond the first at %d, %.1f at %d" % (
                      one, unit, small, n, large, 5 * n, per_unit, unit, 5 * n, budget,
                      small_each, unit, n, large_each, 5 * n, one_rows, small_rows,
                      large_rows, rows_small, unit, n, rows_large, 5 * n)
        print("\n%s: %s" % (self.id(), figures))
        self.assertLessEqual(large_each, small_each * GROWTH + SLACK,
                             "queries grow with the batch: " + figures)
        # a prefetch shared by the batch keeps the number of queries and
        # makes each read more rows: the rows show it
        self.assertLessEqual(rows_large, rows_small * GROWTH + ROW_SLACK,
                             "rows read grow with the batch: " + figures)
        self.assertLessEqual(per_unit, budget, "over budget: " + figures)
        return per_unit, small_each, large_each


class TestImportAndReviewBudgets(QueryBudgetCase):

    @classmethod
    def setUpClass(cls):
        super(TestImportAndReviewBudgets, cls).setUpClass()
        cls.env["ecom.review.rule"].create({
            "name": "Query budgets: pass paid orders", "sequence": -100,
            "channel_ids": [(6, 0, cls.channel.ids)], "require_paid": True,
            "require_address_complete": True, "outcome": "pass_both"})

    def _export(self, orders):
        """CSV bytes of a platform export of `orders` orders of 2 lines; every
        2nd order by a buyer not seen before (each export its own)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        keys = [column.key for column in schema.COLUMNS]
        writer.writerow([schema.COLUMN_BY_KEY[key].label for key in keys])
        for _i in range(orders):
            serial = self._next()
            buyer = serial - serial % 2
            for product in (self.item_a, self.item_b):
                values = dict(IMPORT_ROW, channel_code=self.channel.code,
                              platform_ref="QBI%06d" % serial, buyer_name="买家%d" % buyer,
                              phone="137%08d" % buyer, street="文三路%d号" % serial,
                              product_code=product.default_code)
                writer.writerow([values.get(key, "") for key in keys])
        return out.getvalue().encode("utf-8")

    def test_import_through_the_wizard(self):
        importer = self._as("cs", self.env["ecom.order.import"]).with_context(
            ecom_import_direct=True)
        results = []

        def run(content):
            results.append(importer.import_file(content, "orders.csv"))

        # units: orders of 2 lines
        self._assert_linear(self._export, run, 5, BUDGET_IMPORT, "order")
        self.assertEqual([r["lines"] for r in results], [2, 2, 10, 50])

    def test_automatic_review(self):
        def run(orders):
            self._as("finance", orders).action_ecom_apply_review_rules()

        orders = []
        self._assert_linear(lambda k: orders.append(self._orders(k)) or orders[-1], run, 3,
                            BUDGET_AUTO_REVIEW, "order")
        for batch in orders:
            self.assertEqual(set(batch.mapped("ecom_state")), {"approved"})
            self.assertEqual(set(batch.mapped("picking_ids.state")), {"assigned"})

    def test_bulk_cs_review(self):
        orders = []

        def run(batch):
            self._as("cs", batch).action_ecom_bulk_review()

        self._assert_linear(lambda k: orders.append(self._orders(k)) or orders[-1], run, 3,
                            BUDGET_CS_BULK_REVIEW, "order")
        for batch in orders:
            self.assertEqual(set(batch.mapped("ecom_state")), {"to_finance"})

    def test_finance_approval_confirms_and_reserves(self):
        orders = []

        def prepare(count):
            batch = self._orders(count)
            self._as("cs", batch).action_ecom_cs_approve()
            orders.append(batch)
            return batch

        def run(batch):
            self._as("finance", batch).action_ecom_finance_approve()

        self._assert_linear(prepare, run, 3, BUDGET_FINANCE_APPROVE, "order")
        for batch in orders:
            self.assertEqual(set(batch.mapped("state")), {"sale"})
            self.assertEqual(set(batch.mapped("picking_ids.state")), {"assigned"})

    def _plain_orders(self, count):
        """`count` quotations of the same lines, buyer and warehouse, no channel."""
        return self.env["sale.order"].with_context(**MAIL_QUIET)._ecom_create_many([{
            "partner_id": self.buyer.id, "partner_invoice_id": self.buyer.id,
            "partner_shipping_id": self.buyer.id, "warehouse_id": self.warehouse.id,
            "pricelist_id": self.env.ref("product.list0").id,
            "order_line": [(0, 0, {
                "product_id": product.id, "name": product.name, "product_uom_qty": qty,
                "product_uom": product.uom_id.id, "price_unit": product.list_price,
                "tax_id": [(6, 0, [])]}) for product, qty in self.lines]}
            for _i in range(count)])

    def test_review_costs_plain_confirm_plus_its_budget(self):
        at_shipment = self.env["ecom.channel"].create({
            "name": "Budget shop (invoiced at shipment)", "code": "QBSHIP",
            "platform": "tmall", "warehouse_id": self.warehouse.id, "work_days": "all",
            "invoice_policy": "shipment"})
        self.env["ecom.review.rule"].create({
            "name": "Query budgets: pass paid orders at shipment", "sequence": -100,
            "channel_ids": [(6, 0, at_shipment.ids)], "require_paid": True,
            "require_address_complete": True, "outcome": "pass_both"})

        def review(orders):
            self._as("finance", orders).action_ecom_apply_review_rules()

        def plain(orders):
            for order in self._as("finance", orders):
                order.with_prefetch().action_confirm()

        per_order, count, batches = {}, 15, []
        for name, run, make in (
                ("review", review, lambda k: self._orders(k, ecom_channel_id=at_shipment.id)),
                ("plain", plain, self._plain_orders)):
            run(make(1))  # warm-up: the registry's caches
            batches.append(make(count))
            per_order[name] = self._queries(run, batches[-1])[0] / float(count)
        added = per_order["review"] - per_order["plain"]
        print("\n%s: review + confirm + reserve %.1f queries per order, plain action_confirm "
              "%.1f: the review adds %.1f (budget %s)" % (
                  self.id(), per_order["review"], per_order["plain"], added,
                  BUDGET_REVIEW_OVER_CONFIRM))
        self.assertEqual(set(batches[0].mapped("ecom_state")), {"approved"})
        self.assertEqual(set(batches[1].mapped("state")), {"sale"})
        for batch in batches:
            self.assertEqual(set(batch.mapped("picking_ids.state")), {"assigned"})
        self.assertLessEqual(added, BUDGET_REVIEW_OVER_CONFIRM)

    def test_cs_queue_first_page(self):
        # what the web client asks for the CS queue's kanban: search_read with
        # the action's domain and default filter, the view's fields and the
        # page's size, then search_count when the page is full
        self._orders(40)
        action = self.env.ref("ecom_order_mgmt.action_ecom_order_cs")
        arch = etree.fromstring(self.env.ref("ecom_order_mgmt.view_ecom_order_search").arch_db)
        needs_mine = arch.find(".//filter[@name='needs_my_review']").get("domain")
        domain = safe_eval(action.domain) + safe_eval(needs_mine) + [
            ("ecom_channel_id", "=", self.channel.id)]
        Order = self._as("cs", self.env["sale.order"])
        view = Order.fields_view_get(
            view_id=self.env.ref("ecom_order_mgmt.view_ecom_order_kanban").id,
            view_type="kanban")
        names = [name for name in view["fields"] if name in Order._fields]
        pages = []

        def run(limit):
            rows = Order.search_read(domain, names, limit=limit)
            if len(rows) == limit:
                Order.search_count(domain)
            pages.append(len(rows))

        self._assert_linear(lambda k: k, run, 8, BUDGET_CS_QUEUE, "row")
        self.assertEqual(pages, [1, 1, 8, 40])


class TestAllocationBudget(QueryBudgetCase):

    @classmethod
    def setUpClass(cls):
        super(TestAllocationBudget, cls).setUpClass()
        vendor = cls.env["res.partner"].create({"name": "Budget vendor", "supplier": True})
        cls.env["product.supplierinfo"].create({
            "name": vendor.id, "product_tmpl_id": cls.product_out.product_tmpl_id.id,
            "price": 10.0, "delay": 3})

    def test_backorder_allocation(self):
        def prepare(count):
            orders = self._orders(count, lines=[(self.product_out, 2)])
            self._as("cs", orders).action_ecom_cs_approve()
            self._as("finance", orders).action_ecom_finance_approve()
            backorders = orders.mapped("ecom_backorder_ids")
            self.assertEqual(len(backorders), count)
            self.env["stock.quant"]._update_available_quantity(
                self.product_out, self.stock_location, 2.0 * count)
            return backorders

        done = []

        def run(backorders):
            wizard = self._as("manager", self.env["ecom.backorder.allocation"]).create(
                {"backorder_ids": [(6, 0, backorders.ids)]})
            wizard.action_preview()
            wizard.action_commit()
            done.append(backorders)

        self._assert_linear(prepare, run, 2, BUDGET_ALLOCATION, "backorder")
        for backorders in done:
            self.assertEqual(set(backorders.mapped("state")), {"allocated"})


class TestReturnBudget(QueryBudgetCase):

    @classmethod
    def setUpClass(cls):
        super(TestReturnBudget, cls).setUpClass()
        cls.env.user.company_id.write({
            "ecom_return_days": 7, "ecom_return_shipping_fee": 10.0,
            "ecom_return_customer_fault_payer": "buyer",
            "ecom_return_supervisor_id": cls.users["manager"].id})
        cls.warehouse._ecom_ensure_return_locations()

    def _cases(self, count):
        """`count` cases opened by CS on delivered orders, one unit returned each."""
        orders = self._orders(count, lines=[(self.item_a, 1), (self.item_b, 1)])
        self._as("cs", orders).action_ecom_cs_approve()
        self._as("finance", orders).action_ecom_finance_approve()
        Case = self._as("cs", self.env["ecom.return"])
        cases = Case.browse()
        for order in orders:
            self._walk(self._delivery(order), "delivered")
            cases |= Case.create({
                "order_id": order.id, "type": "return_refund",
                "line_ids": [(0, 0, {"product_id": self.item_a.id, "quantity": 1,
                                     "responsibility": "customer"})]})
        return cases

    def test_return_approve_receive_refund(self):
        done = []

        def run(cases):
            # each step by its role, over the whole selection (as bench_returns)
            self._as("manager", cases).action_approve()
            pickings = self._as("warehouse", cases).mapped("return_picking_id")
            self._as("warehouse", self.env["stock.immediate.transfer"]).create(
                {"pick_ids": [(6, 0, pickings.ids)]}).process()
            self._as("finance", cases).action_refund()
            done.append(cases)

        self._assert_linear(self._cases, run, 2, BUDGET_RETURN, "case")
        for cases in done:
            self.assertEqual(set(cases.mapped("state")), {"done"})
            # Odoo's credit note of the invoice, paid back to the buyer
            self.assertEqual(set(cases.mapped("refund_invoice_id.state")), {"paid"})
