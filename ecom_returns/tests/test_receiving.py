# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Receiving a return parcel (issue 18 item 2): good, defective and missing
units, where each goes, and a refund that follows what was received."""
from io import BytesIO
from unittest.mock import patch

from PyPDF2 import PdfFileReader

from odoo.exceptions import AccessError, UserError
from odoo.tools import config

from .test_returns import ReturnsCase


class TestReceiving(ReturnsCase):

    def _approved_case(self, lines, order_lines=None):
        order = self._delivered(order_lines or [(ln[0], ln[1]) for ln in lines])
        case = self._case(order, "return_refund", lines)
        self._as("manager", case).action_approve()
        return case

    def _on_hand(self, product):
        """What the product page shows: on hand, in every warehouse and in ours."""
        product.invalidate_cache()
        return (product.qty_available, product.virtual_available,
                product.with_context(warehouse=self.warehouse.id).qty_available)

    # ------------------------------------------------------------------
    def test_defective_units_do_not_increase_saleable_stock(self):
        order = self._delivered([(self.product_a, 3)])
        before = self._on_hand(self.product_a)
        case = self._case(order, "return_refund", [(self.product_a, 3, "company")])
        self._as("manager", case).action_approve()
        self._receive(case, {self.product_a: 2})
        self.assertEqual(case.state, "received")
        # one good unit is back on sale, the two defective ones are not
        self.assertEqual(self._on_hand(self.product_a), tuple(q + 1 for q in before))
        self.assertEqual(self._qty(self.product_a, self.defective_location), 2)

    def test_missing_units_are_not_refunded(self):
        case = self._approved_case([(self.product_a, 3, "company")])
        picking = case.return_picking_id
        # The parcel holds two of the three units; the warehouse validates
        # the receipt with Odoo's own buttons (and keeps a backorder).
        picking.move_line_ids.qty_done = 2
        self._as("warehouse", self.env["stock.backorder.confirmation"]).create(
            {"pick_ids": [(4, picking.id)]}).process()
        self.assertEqual(case.state, "received")
        line = case.line_ids
        self.assertEqual((line.quantity_received, line.quantity_missing), (2, 1))
        # the missing unit is not waited for
        backorder = self.env["stock.picking"].search([("backorder_id", "=", picking.id)])
        self.assertEqual(backorder.state, "cancel")
        self.assertIn("1 unit(s) missing", case.activity_ids.summary)
        self.assertAlmostEqual(case.refund_preview, 200.0, places=2)
        self._as("finance", case).action_refund()
        self.assertAlmostEqual(case.refund_invoice_id.amount_total, 200.0, places=2)
        self.assertEqual(case.refund_invoice_id.invoice_line_ids.quantity, 2)

    def test_receive_splits_each_line_and_the_refund_follows(self):
        order = self._delivered([(self.product_a, 3), (self.product_d, 3)])
        case = self._case(order, "return_refund", [(self.product_a, 3, "customer"),
                                                   (self.product_d, 3, "company")])
        self._as("manager", case).action_approve()
        stock = {p: self._qty(p, self.stock_location) for p in (self.product_a, self.product_d)}
        shirts, socks = case.line_ids
        self._as("warehouse", case).action_receive([
            # one shirt missing, one damaged by the buyer (who is responsible)
            {"line_id": shirts.id, "good": 1, "defective": 1},
            # one pair of socks with a quality defect
            {"line_id": socks.id, "good": 2, "defective": 1}])
        self.assertEqual(case.state, "received")
        self.assertEqual(case.return_picking_id.state, "done")
        self.assertEqual(self._qty(self.product_a, self.stock_location),
                         stock[self.product_a] + 1)
        self.assertEqual(self._qty(self.product_a, self.defective_location), 1)
        self.assertEqual(self._qty(self.product_d, self.stock_location),
                         stock[self.product_d] + 2)
        self.assertEqual(self._qty(self.product_d, self.defective_location), 1)
        self.assertEqual(self._qty(self.product_a, self.returns_location), 0)
        self.assertEqual(
            [(ln.quantity_received, ln.quantity_defective, ln.quantity_missing,
              ln.quantity_withheld, ln.quantity_accepted) for ln in (shirts, socks)],
            [(2, 1, 1, 1, 1), (3, 1, 0, 0, 3)])
        activity = case.activity_ids
        self.assertEqual(activity.user_id, self.users["manager"])
        self.assertIn("2 defective unit(s) returned", activity.summary)
        self.assertIn("not refunded nor replaced", activity.note)
        # 1 shirt (100) and 3 pairs of socks (99.99); the company pays the shipping
        self.assertAlmostEqual(case.refund_preview, 199.99, places=2)
        self._as("finance", case).action_refund()
        self.assertAlmostEqual(case.refund_invoice_id.amount_total, 199.99, places=2)

    def test_nothing_refundable_closes_the_case(self):
        case = self._approved_case([(self.product_a, 1, "customer")])
        self._as("warehouse", case).action_receive([
            {"line_id": case.line_ids.id, "good": 0, "defective": 1}])
        self.assertEqual(case.state, "done")
        self.assertFalse(case.refund_invoice_id)
        self.assertEqual(self._qty(self.product_a, self.defective_location), 1)
        self.assertTrue(case.activity_ids)

    def test_wrong_counts_roles_and_stages_are_refused(self):
        case = self._approved_case([(self.product_a, 2, "company")])
        line = case.line_ids
        wh = self._as("warehouse", case).with_context(lang="en_US")
        for counts, message in (([{"line_id": line.id, "good": 2, "defective": 1}],
                                 "3 counted, but the case announced 2"),
                                ([{"line_id": line.id, "good": -1, "defective": 0}],
                                 "cannot be negative"),
                                ([{"line_id": line.id, "good": 0, "defective": 0}],
                                 "Nothing of the case"),
                                ([{"line_id": line.id + 1000, "good": 1}], "line_id"),
                                ([{"line_id": line.id, "good": "two"}], "numbers")):
            with self.assertRaisesRegex(UserError, message), self.env.cr.savepoint():
                wh.action_receive(counts)
        for role in ("cs", "finance"):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                self._as(role, case).action_receive()
            self.assertFalse(self._as(role, case).can_receive)
        self.assertTrue(self._as("warehouse", case).can_receive)
        self.assertEqual((case.state, case.return_picking_id.state),
                         ("waiting_return", "assigned"))
        self.assertEqual((line.quantity_received, line.quantity_defective), (0, 0))
        wh.action_receive()  # everything arrived, nothing defective
        self.assertEqual(line.quantity_received, 2)
        with self.assertRaisesRegex(UserError, "only a case waiting"):
            wh.action_receive()

    def test_received_lines_are_fixed(self):
        case = self._approved_case([(self.product_a, 2, "company")])
        line = case.line_ids
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self._as("warehouse", line).write({"quantity_received": 2})
        # before receipt the expected defective units may still be noted
        self._as("warehouse", line).quantity_defective = 1
        self._as("warehouse", case).action_receive()
        for role, values in (("cs", {"quantity": 1}), ("warehouse", {"quantity_defective": 0}),
                             ("cs", {"responsibility": "customer"})):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                self._as(role, line).write(values)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self._as("cs", self.env["ecom.return.line"]).create({
                "return_id": case.id, "product_id": self.product_a.id, "quantity": 1})
        self._as("cs", line).note = "Box crushed"
        self.assertEqual((line.quantity, line.quantity_defective, line.quantity_received),
                         (2, 1, 2))

    def test_the_receiving_screen_scans_good_and_defective_units(self):
        case = self._approved_case([(self.product_a, 2, "company"),
                                    (self.product_b, 1, "company")])
        action = self._as("warehouse", case).action_open_receive_wizard()
        wizard = self._as("warehouse", self.env[action["res_model"]]).browse(action["res_id"])
        wizard = wizard.with_context(lang="en_US")

        def scan(code, scan_as="good"):
            wizard.write({"code": code, "scan_as": scan_as})
            wizard.action_scan()
            return wizard.last_ok, wizard.last_result

        shirt, coat = self.product_a.display_name, self.product_c.display_name
        self.assertEqual(scan(self.product_a.barcode),
                         (True, "%s: Good (1 of 2 counted)" % shirt))
        self.assertEqual(scan(self.product_a.default_code, "defective"),
                         (True, "%s: Defective (2 of 2 counted)" % shirt))
        self.assertEqual(scan(self.product_a.barcode),
                         (False, "Too many %s: the case announced 2." % shirt))
        self.assertEqual(scan(self.product_c.barcode),
                         (False, "%s is not in case %s." % (coat, case.name)))
        self.assertEqual(scan("NO-SUCH-CODE"),
                         (False, "NO-SUCH-CODE is not in case %s." % case.name))
        shirts, shirt_m = wizard.line_ids
        self.assertEqual((shirts.good, shirts.defective, shirts.missing), (1, 1, 0))
        self.assertEqual((shirt_m.good, shirt_m.defective, shirt_m.missing), (0, 0, 1))
        wizard.action_confirm()
        self.assertEqual(case.state, "received")
        self.assertEqual(case.line_ids.mapped("quantity_received"), [2, 0])
        self.assertEqual(self._qty(self.product_a, self.defective_location), 1)
        self.assertAlmostEqual(case.refund_preview, 200.0, places=2)

    def test_all_as_announced_takes_the_expected_defective_units(self):
        case = self._approved_case([(self.product_a, 2, "company")])
        self._as("warehouse", case.line_ids).quantity_defective = 1
        action = self._as("warehouse", case).action_open_receive_wizard()
        wizard = self._as("warehouse", self.env[action["res_model"]]).browse(action["res_id"])
        wizard.action_fill()
        self.assertEqual((wizard.line_ids.good, wizard.line_ids.defective), (1, 1))
        wizard.action_confirm()
        self.assertEqual(self._qty(self.product_a, self.defective_location), 1)

    # ------------------------------------------------------------------
    def test_the_defective_location_is_outside_the_saleable_stock(self):
        location = self.defective_location
        inside = self.env["stock.location"].search([
            ("id", "child_of", self.warehouse.view_location_id.id)])
        self.assertNotIn(location, inside)
        self.assertTrue(location.scrap_location)
        self.assertNotEqual(location.usage, "internal")
        self.assertEqual(self.returns_location.location_id, self.warehouse.view_location_id)

    def test_an_older_defective_location_is_moved_out_of_stock(self):
        warehouse = self.env["stock.warehouse"].create({"name": "Old WH", "code": "OLDWH"})
        old = self.env["stock.location"].create({
            "name": "Defective", "usage": "internal",
            "location_id": warehouse.view_location_id.id})
        warehouse.ecom_defective_location_id = old
        self.env["stock.quant"]._update_available_quantity(self.product_b, old, 4)
        self.assertEqual(self.product_b.with_context(warehouse=warehouse.id).qty_available, 4)
        self.env["stock.warehouse"]._ecom_init_return_locations()
        self.assertEqual(warehouse.ecom_defective_location_id, old)
        self.assertTrue(old.scrap_location)
        self.product_b.invalidate_cache()
        self.assertEqual(self.product_b.with_context(warehouse=warehouse.id).qty_available, 0)


class TestReturnSlip(ReturnsCase):
    """The return / exchange slip the information clerk prints (issue 22 item 4)."""

    def _slip_case(self):
        order = self._delivered([(self.product_a, 2), (self.product_b, 1)])
        case = self._case(order, "exchange", [(self.product_a, 2, "company", self.product_c)],
                          evidence="One sleeve torn")
        self._as("cs", case.line_ids).quantity_defective = 1
        self._as("manager", case).action_approve()
        return case

    def test_the_slip_says_what_comes_back_from_whom_and_where_it_goes(self):
        case = self._slip_case()
        order = case.order_id
        report = self.env.ref("ecom_returns.action_report_ecom_return_slip")
        html, kind = report.sudo(self.users["cs"]).render_qweb_html(case.ids)
        self.assertEqual(kind, "html")
        html = html.decode("utf-8")
        for text in ("换货单 Exchange Slip", case.name, order.name, order.ecom_platform_ref,
                     "王小明", "13800138000", "文三路 90 号", "TST-SHIRT-S", "6990000000011",
                     "Test coat", "One sleeve torn", case.return_picking_id.name,
                     self.returns_location.display_name, self.stock_location.display_name,
                     self.defective_location.display_name, self.users["manager"].name):
            self.assertIn(text, html)
        # 2 back: 1 expected good, 1 defective; the shirt M stays with the buyer
        self.assertIn('<td class="text-right ecom_slip_good"><span>1</span></td>', html)
        self.assertIn('<td class="text-right ecom_slip_defective"><span>1</span></td>', html)
        self.assertNotIn("TST-SHIRT-M", html)

    def test_the_slip_renders_a_pdf_page_per_case(self):
        cases = self._slip_case() | self._slip_case()
        report = self.env.ref("ecom_returns.action_report_ecom_return_slip")
        with patch.dict(config.options, {"test_report_directory": "/tmp"}):
            pdf, kind = report.render_qweb_pdf(cases.ids)
        self.assertEqual(kind, "pdf")
        # one page per case (what is on it: the HTML test above)
        self.assertEqual(PdfFileReader(BytesIO(pdf)).getNumPages(), 2)
