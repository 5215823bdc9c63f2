"""Properties that hold whatever people do, in whatever order.

Pure functions take many generated examples. The ORM properties play random
sequences of contract actions by random roles (refusals are part of the game)
and check after every step that each document only moved along a transition
of SPEC, and that money and goods add up. Each ORM example runs in a savepoint
rolled back afterwards; `derandomize=True` and `database=None` keep CI
reproducible and write no example database.
"""
import unittest
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.ecom_backorder.tools.deposit import split_deposit
from odoo.addons.ecom_order_mgmt.tests.common import EcomCase
from odoo.addons.ecom_returns.tools.refund import money, refund_amount

PURE = settings(max_examples=400, deadline=None, derandomize=True, database=None)
ORM = settings(max_examples=8, deadline=None, derandomize=True, database=None,
               suppress_health_check=list(HealthCheck))

ROLES = ["cs", "finance", "warehouse", "manager", "director", "gm"]

# Allowed moves of SPEC (from, to); staying put is always allowed.
ORDER_MOVES = {
    ("to_review", "to_finance"), ("to_finance", "approved"),
    ("to_review", "exception"), ("to_finance", "exception"),
    ("exception", "to_review"), ("exception", "to_finance"),
    ("to_review", "cancel"), ("to_finance", "cancel"),
}
FULFIL = ["to_print", "printed", "picked", "packed", "checked", "shipped", "delivered"]
PICKING_MOVES = set(zip(FULFIL, FULFIL[1:]))
REQUEST_MOVES = {
    ("draft", "price_approval"), ("draft", "deposit_pending"),
    ("price_approval", "deposit_pending"), ("price_approval", "draft"),
    ("deposit_pending", "deposit_paid"), ("deposit_paid", "procurement_approval"),
    ("procurement_approval", "purchasing"), ("procurement_approval", "deposit_paid"),
    ("draft", "cancel"), ("price_approval", "cancel"), ("deposit_pending", "cancel"),
}
CASE_MOVES = {("draft", "approved"), ("draft", "rejected"), ("approved", "done"),
              ("approved", "waiting_return"), ("waiting_return", "received"),
              ("received", "done")}

amounts = st.decimals(min_value=0, max_value=Decimal("9999999.99"), places=2)


class TestPureProperties(unittest.TestCase):
    """No database needed: the arithmetic of deposits and refunds."""

    @PURE
    @given(total=amounts, percent=st.decimals(min_value=0, max_value=100, places=2))
    def test_deposit_plus_balance_is_the_total(self, total, percent):
        deposit, balance = split_deposit(total, percent)
        self.assertEqual(deposit + balance, total)
        self.assertTrue(Decimal(0) <= deposit <= total)
        self.assertEqual(deposit.as_tuple().exponent, -2)

    @PURE
    @given(percent=st.one_of(st.decimals(max_value=Decimal("-0.01"), places=2,
                                         allow_nan=False),
                             st.decimals(min_value=Decimal("100.01"), places=2,
                                         allow_nan=False)))
    def test_deposit_outside_0_100_is_refused(self, percent):
        with self.assertRaises(ValueError):
            split_deposit(100, percent)

    @PURE
    @given(paid=amounts,
           cases=st.lists(st.tuples(
               st.lists(st.tuples(st.integers(1, 5), amounts), min_size=1, max_size=3),
               st.decimals(min_value=0, max_value=50, places=2)), max_size=5))
    def test_refunds_never_exceed_what_was_paid(self, paid, cases):
        refunded = Decimal("0.00")
        for lines, fee in cases:
            result = refund_amount(lines, fee, paid, refunded)
            self.assertTrue(Decimal(0) <= result.amount <= result.cap)
            refunded += result.amount
        self.assertLessEqual(refunded, money(paid))


class PropertyCase(EcomCase):

    @contextmanager
    def _example(self):
        """One generated example: run it, then undo it (database and cache)."""
        self.env.cr.execute("SAVEPOINT property_example")
        try:
            yield
        finally:
            self.env.cr.execute("ROLLBACK TO SAVEPOINT property_example")
            self.env.clear()

    def _try(self, call):
        try:
            with self.env.cr.savepoint():
                call()
            return True
        except (AccessError, UserError, ValidationError):
            return False


class TestOrderLifecycle(PropertyCase):

    def _act(self, order, role, action):
        rec = lambda records: self._as(role, records).with_context(lang="en_US")  # noqa
        picking = self._delivery(order)
        if action == "cs":
            return self._try(lambda: rec(order).action_ecom_cs_approve())
        if action == "finance":
            return self._try(lambda: rec(order).action_ecom_finance_approve())
        if action == "exception":
            return self._try(lambda: rec(order).action_ecom_set_exception("risk"))
        if action == "resume":
            return self._try(lambda: rec(order).action_ecom_resume())
        if action == "cancel":
            return self._try(lambda: rec(order).action_ecom_cancel())
        if not picking:
            return False
        if action == "print":
            picking.write({"carrier_id": self.carrier.id, "carrier_tracking_ref": "SF1"})
            return self._try(lambda: rec(picking).action_ecom_print_waybill())
        if action == "check":
            def scan_and_check():
                for move in picking.move_lines:
                    rec(picking).action_ecom_scan(move.product_id.barcode,
                                                  int(move.product_qty))
                rec(picking).action_ecom_check()
            return self._try(scan_and_check)
        if action == "ship":
            # with the courier's count of parcels
            return self._try(lambda: rec(picking).action_ecom_ship(picking.ecom_package_count))
        method = {"pick": "action_ecom_pick", "pack": "action_ecom_pack",
                  "deliver": "action_ecom_confirm_delivered"}
        return self._try(lambda: getattr(rec(picking), method[action])())

    @ORM
    @given(steps=st.lists(st.tuples(
        st.integers(0, 1), st.sampled_from(ROLES),
        st.sampled_from(["cs", "finance", "exception", "resume", "cancel", "print",
                         "pick", "pack", "check", "ship", "deliver"])),
        min_size=1, max_size=8))
    def test_orders_and_deliveries_move_only_along_the_spec(self, steps):
        with self._example():
            orders = [self._order([(self.product_a, 1)]), self._order([(self.product_b, 2)])]
            for index, role, action in steps:
                order = orders[index]
                picking = self._delivery(order)
                before = (order.ecom_state, picking.ecom_fulfil_state)
                done = self._act(order, role, action)
                picking = self._delivery(order)
                after = (order.ecom_state, picking.ecom_fulfil_state)
                if before[0] != after[0]:
                    self.assertIn((before[0], after[0]), ORDER_MOVES, (role, action))
                if before[1] and before[1] != after[1]:
                    self.assertIn((before[1], after[1]), PICKING_MOVES, (role, action))
                if picking:
                    self.assertEqual(order.ecom_state, "approved",
                                     "a delivery exists only for approved orders")
                if not done:
                    self.assertEqual(before, after, "a refused action changes nothing")


def _day(offset):
    return fields.Date.to_string(date.today() + timedelta(days=offset))


class TestCustomRequestLifecycle(PropertyCase):

    @classmethod
    def setUpClass(cls):
        super(TestCustomRequestLifecycle, cls).setUpClass()
        cls.vendor = cls.env["res.partner"].create({"name": "Prop vendor", "supplier": True})

    @ORM
    @given(price=st.decimals(min_value=1, max_value=5000, places=2),
           qty=st.integers(1, 7), price_change=st.booleans(),
           steps=st.lists(st.tuples(st.sampled_from(ROLES + ["purchase"]), st.sampled_from(
               ["submit", "approve", "reject", "deposit", "cancel"])), max_size=8))
    def test_requests_move_only_along_the_spec_and_money_adds_up(
            self, price, qty, price_change, steps):
        with self._example():
            order = self.env["sale.order"].create({
                "partner_id": self.buyer.id,
                "order_line": [(0, 0, {"product_id": self.product_out.id,
                                       "product_uom_qty": qty, "price_unit": float(price)})]})
            request = self.env["ecom.custom.request"].create({
                "order_id": order.id, "line_id": order.order_line.id, "buyer_date": _day(30),
                "packaging_standard": "Box", "price_change": price_change,
                "new_price_unit": float(price) + 1 if price_change else 0.0})
            request.action_record_feasibility(True, inbound_date=_day(20), inbound_qty=qty,
                                              vendor_id=self.vendor.id)
            request.action_buyer_accept(10, "Cotton")
            for role, action in steps:
                user = self.users.get(role) or self.env.user
                mine = request.sudo(user).with_context(lang="en_US")
                before = request.state
                call = {"submit": lambda: mine.action_submit(),
                        "approve": lambda: mine.action_approve(),
                        "reject": lambda: mine.action_reject("No"),
                        "deposit": lambda: mine.action_confirm_deposit(),
                        "cancel": lambda: mine.action_cancel("Buyer left")}[action]
                self._try(call)
                request.invalidate_cache()
                if request.state != before:
                    self.assertIn((before, request.state), REQUEST_MOVES, (role, action))
                total = Decimal(str(request.order_id.amount_total)).quantize(Decimal("0.01"))
                self.assertEqual(money(request.deposit_amount) + money(request.balance_amount),
                                 total)
                if request.state in ("deposit_pending", "price_approval"):
                    self.assertFalse(request.deposit_received)


class TestReturnQuantities(PropertyCase):
    """Goods taken back never exceed what was delivered; refunds never exceed
    what was paid."""

    @classmethod
    def setUpClass(cls):
        super(TestReturnQuantities, cls).setUpClass()
        env = cls.env
        env.user.company_id.ecom_return_days = 30
        cls.warehouse._ecom_ensure_return_locations()
        cls.returns = cls.warehouse.ecom_return_location_id | \
            cls.warehouse.ecom_defective_location_id
        order = cls._order([(cls.product_a, 3)])
        order.action_ecom_cs_approve()
        order.action_ecom_finance_approve()
        picking = order.picking_ids
        picking.write({"carrier_id": cls.carrier.id, "carrier_tracking_ref": "SF9"})
        for method in ("action_ecom_print_waybill", "action_ecom_pick", "action_ecom_pack"):
            getattr(picking, method)()
        picking.action_ecom_scan(cls.product_a.barcode, 3)
        picking.action_ecom_check()
        picking.action_ecom_ship(picking.ecom_package_count)
        picking.action_ecom_confirm_delivered()
        cls.delivered = order

    def _returned_stock(self):
        moves = self.env["stock.move"].search([
            ("product_id", "=", self.product_a.id), ("state", "=", "done"),
            ("location_dest_id", "in", self.returns.ids)])
        return sum(moves.mapped("product_qty"))

    @ORM
    @given(cases=st.lists(st.tuples(st.integers(-1, 4), st.booleans(), st.booleans()),
                          min_size=1, max_size=4))
    def test_returned_goods_and_refunds_stay_within_delivery_and_payment(self, cases):
        order = self.delivered
        with self._example():
            for qty, receive, refund in cases:
                created = []
                self._try(lambda: created.append(self._as("cs", self.env["ecom.return"]).create({
                    "order_id": order.id, "type": "return_refund",
                    "line_ids": [(0, 0, {"product_id": self.product_a.id, "quantity": qty,
                                         "responsibility": "company"})]})))
                if not created:
                    continue
                case = self.env["ecom.return"].browse(created[0].id)
                self._try(lambda: self._as("manager", case).action_approve())
                if receive and case.return_picking_id:
                    picking = case.return_picking_id
                    for line in picking.move_line_ids:
                        line.qty_done = line.product_uom_qty
                    self._try(lambda: self._as("warehouse", picking).button_validate())
                if refund:
                    self._try(lambda: self._as("finance", case).action_refund())
                self.assertLessEqual(self._returned_stock(), 3)
                open_cases = self.env["ecom.return"].search([
                    ("order_id", "=", order.id), ("state", "not in", ("rejected", "draft"))])
                self.assertLessEqual(sum(open_cases.mapped("line_ids.quantity")), 3)
                refunds = self.env["account.invoice"].search([
                    ("type", "=", "out_refund"), ("origin", "like", order.name)])
                self.assertLessEqual(sum(refunds.mapped("amount_total")),
                                     order.ecom_paid_amount + 0.001)
