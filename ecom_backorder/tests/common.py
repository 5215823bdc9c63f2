# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Custom orders (订制): the base of their tests, each step as the person whose
job it is (test_custom_request*.py)."""
from datetime import date, timedelta

from odoo import fields

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase


def day(offset):
    """The date `offset` days from today (a string, as the ORM takes it)."""
    return fields.Date.to_string(date.today() + timedelta(days=offset))


class CustomRequestCase(EcomCase):
    """A vendor, a custom product, purchasing's user, and the steps of a request."""

    @classmethod
    def setUpClass(cls):
        super(CustomRequestCase, cls).setUpClass()
        env = cls.env
        cls.users["purchase"] = env["res.users"].create({
            "name": "Test Purchasing", "login": "test_ecom_purchase",
            "email": "test_ecom_purchase@example.com",
            "groups_id": [(6, 0, [env.ref("purchase.group_purchase_user").id])]})
        cls.vendor = env["res.partner"].create({
            "name": "Test cap workshop", "supplier": True, "customer": False})
        cls.product_custom = cls._product(
            "Custom cap", "TST-CAP-CUSTOM", "6990000000042", 100.0, 0)
        cls.Request = env["ecom.custom.request"]
        # Buyer mails go to buyers with an address only.
        cls.buyer.write({"email": "buyer@example.com", "lang": "en_US"})

    # ------------------------------------------------------------------
    # Helpers: each step as the person whose job it is
    # ------------------------------------------------------------------
    @classmethod
    def _as(cls, role, records):
        # Messages are checked in English, whatever the demo users' language.
        return records.sudo(cls.users[role]).with_context(lang="en_US")

    def _plain_order(self, price=100.0, qty=2):
        """A non-channel quotation (Odoo's standard sales flow)."""
        return self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.product_custom.id,
                                   "product_uom_qty": qty, "price_unit": price})]})

    def _request(self, order=None, user="cs", **values):
        order = order or self._plain_order()
        vals = {"order_id": order.id, "line_id": order.order_line[0].id,
                "buyer_date": day(30),
                "packaging_standard": "Kraft box, one cap per box, logo label on the side"}
        vals.update(values)
        request = self._as(user, self.Request).create(vals)
        # Assertions read everything; the actions run as each person.
        return self.Request.browse(request.id)

    def _feasible(self, request, days=20, qty=None):
        self._as("purchase", request).action_record_feasibility(
            True, inbound_date=day(days), inbound_qty=qty or request.quantity,
            vendor_id=self.vendor.id, production_cycle_days=15, note="Workshop can do it")

    def _accept(self, request, accepts_inbound=False):
        self._as("cs", request).action_buyer_accept(
            15, "Black cotton twill, embroidered logo", accepts_inbound)

    def _sign(self, request):
        self._as("director", request).action_approve("Agreed")
        self._as("gm", request).action_approve()

    STEPS = ["draft", "deposit_pending", "deposit_paid", "procurement_approval",
             "purchasing", "ordered", "received", "balance_pending", "ready"]

    def _position(self, request):
        if request.state == "draft":
            return 0 if request.buyer_decision == "accepted" else -1
        if request.state == "purchasing" and request.purchase_order_id:
            return self.STEPS.index("ordered")
        return self.STEPS.index(request.state)

    def _advance(self, request, stage):
        """Take a request through the real actions from where it is up to `stage`
        ("ordered": purchasing with the purchase order placed)."""
        start = self._position(request) + 1
        for step in self.STEPS[start:self.STEPS.index(stage) + 1]:
            if step == "draft":
                self._feasible(request)
                self._accept(request)
            elif step == "deposit_pending":
                self._as("cs", request).action_submit()
                if request.state == "price_approval":
                    self._sign(request)
            elif step == "deposit_paid":
                self._as("finance", request).action_confirm_deposit()
            elif step == "procurement_approval":
                self._as("cs", request).action_submit()
            elif step == "purchasing":
                self._sign(request)
            elif step == "ordered":
                self._as("purchase", request).action_place_po()
            elif step == "received":
                if not request.purchase_order_id:
                    self._as("purchase", request).action_place_po()
                self._as("purchase", request).action_receive()
            elif step == "balance_pending":
                self._as("cs", request).action_request_balance()
            else:
                self._as("finance", request).action_confirm_balance()
        self.assertEqual(request.state, "purchasing" if stage == "ordered" else stage)
        return request
