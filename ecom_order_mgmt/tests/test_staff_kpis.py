# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Staff KPIs of issue 22 item 7 (seed 004): exceptions raised per user and
scan errors per packer, counted on known actions of two users each, in the
pivot and the XLSX export; who may read them."""
from io import BytesIO

from openpyxl import load_workbook

from odoo.exceptions import AccessError

from .common import EcomCase


class TestStaffKpis(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestStaffKpis, cls).setUpClass()
        env = cls.env
        cls.packer_2 = env["res.users"].with_context(no_reset_password=True).create({
            "name": "Second packer", "login": "test_staff_packer_2",
            "email": "packer2@example.com",
            "groups_id": [(6, 0, [env.ref("ecom_order_mgmt.group_ecom_warehouse").id])]})
        cls.cs_2 = env["res.users"].with_context(no_reset_password=True).create({
            "name": "Second CS", "login": "test_staff_cs_2", "email": "cs2@example.com",
            "groups_id": [(6, 0, [env.ref("ecom_order_mgmt.group_ecom_cs").id])]})

    def _scan(self, user, picking, code, quantity=1):
        """One scan through the scanner dialog, as `user`: the next screen."""
        wizard = self.env["ecom.scan.wizard"].sudo(user).create({
            "picking_id": picking.id, "code": code, "quantity": quantity})
        action = wizard.action_scan()
        return self.env["ecom.scan.wizard"].sudo(user).browse(action["res_id"])

    def _packed(self, lines):
        return self._walk(self._delivery(self._approved(lines)), "packed")

    def _staff(self, domain):
        groups = self.env["ecom.staff.report"].sudo(self.users["manager"]).read_group(
            domain, ["exception_count", "scan_error_count", "review_count", "user_id"],
            ["user_id"])
        return {g["user_id"][0]: (g["exception_count"], g["scan_error_count"],
                                  g["review_count"]) for g in groups}

    # ------------------------------------------------------------------
    def test_wrong_scans_are_counted_per_packer(self):
        packer_1 = self.users["warehouse"]
        one = self._packed([(self.product_a, 2)])
        two = self._packed([(self.product_b, 1)])
        # packer 1: unknown code, a product not in the delivery, one too many
        screen = self._scan(packer_1, one, "NO-SUCH-CODE")
        self.assertFalse(screen.last_ok)
        self.assertIn("Unknown code NO-SUCH-CODE", screen.last_result)
        self.assertIn("not in delivery", self._scan(packer_1, one, self.product_b.barcode)
                      .last_result)
        self.assertTrue(self._scan(packer_1, one, self.product_a.barcode, 2).last_ok)
        self.assertIn("Too many", self._scan(packer_1, one, self.product_a.default_code)
                      .last_result)
        # packer 2: one wrong scan, one good one
        self._scan(self.packer_2, two, "6990000000011")
        self.assertTrue(self._scan(self.packer_2, two, self.product_b.barcode).last_ok)
        # not wrong scans: no code, a wrong quantity, a delivery already checked
        self._scan(self.packer_2, two, "   ")
        self._scan(self.packer_2, two, self.product_b.barcode, 0)
        self._as("warehouse", one).action_ecom_check()
        self.assertFalse(self._scan(packer_1, one, "NO-SUCH-CODE").last_ok)

        # the refused scans were not counted as scans: the check passed
        self.assertEqual(one.ecom_fulfil_state, "checked")
        self.assertEqual(sum(one.ecom_scan_ids.mapped("quantity")), 2)
        errors = self.env["ecom.scan.error"].search(
            [("picking_id", "in", (one | two).ids)], order="id")
        self.assertEqual(
            [(e.user_id, e.picking_id, e.kind, e.code, e.product_id, e.quantity,
              e.expected_qty) for e in errors],
            [(packer_1, one, "unknown", "NO-SUCH-CODE", self.env["product.product"], 1, 0),
             (packer_1, one, "unexpected", self.product_b.barcode, self.product_b, 1, 0),
             (packer_1, one, "over", "TST-SHIRT-S", self.product_a, 1, 2),
             (self.packer_2, two, "unexpected", "6990000000011", self.product_a, 1, 0)])
        self.assertEqual(errors[0].expected, "[TST-SHIRT-S] Test shirt S × 2")
        self.assertIn("Too many", errors[2].message)
        self.assertEqual(errors.mapped("sale_id"), (one | two).mapped("sale_id"))

        got = self._staff([("picking_id", "in", (one | two).ids)])
        self.assertEqual(got, {packer_1.id: (0, 3, 0), self.packer_2.id: (0, 1, 0)})

    def test_exceptions_raised_per_user(self):
        cs_1 = self.users["cs"]
        orders = [self._order() for _i in range(4)]
        reason = self.env.ref("ecom_order_mgmt.exception_risk")
        # CS 1: two orders from the dialog, then one again after it was resumed
        wizard = self.env["ecom.exception.wizard"].sudo(cs_1).with_context(
            active_model="sale.order", active_ids=[orders[0].id, orders[1].id]).create(
            {"reason_id": reason.id, "note": "Call the buyer"})
        wizard.action_confirm()
        self._as("cs", orders[0]).action_ecom_resume()
        self._as("cs", orders[0]).action_ecom_set_exception(reason.code)
        # CS 2: one order, over the API
        orders[2].sudo(self.cs_2).action_ecom_set_exception(reason.code)
        # the automatic review rules and the system raise exceptions of nobody's
        orders[3]._ecom_do_set_exception(reason)
        system = self._order()
        system.action_ecom_set_exception(reason.code)
        self.assertEqual(system.ecom_state, "exception")
        self.assertFalse(self.env["ecom.exception.log"].search([("order_id", "=", system.id)]))
        ids = [order.id for order in orders]

        got = self._staff([("order_id", "in", ids), ("step", "=", "exception")])
        self.assertEqual(got, {cs_1.id: (3, 0, 0), self.cs_2.id: (1, 0, 0)})
        logs = self.env["ecom.exception.log"].search([("order_id", "in", ids)])
        self.assertEqual(sorted(logs.mapped(lambda log: (log.order_id.id, log.user_id.id))),
                         sorted([(ids[0], cs_1.id), (ids[0], cs_1.id), (ids[1], cs_1.id),
                                 (ids[2], self.cs_2.id)]))
        self.assertEqual(logs.mapped("reason_id"), reason)
        # reviews and exceptions side by side: the reviews' rows are unchanged
        self._as("cs", orders[1]).action_ecom_resume()
        self._as("cs", orders[1]).action_ecom_cs_approve()
        got = self._staff([("order_id", "in", ids)])
        self.assertEqual(got[cs_1.id], (3, 0, 1))

    def test_xlsx_export_has_both_measures(self):
        packed = self._packed([(self.product_a, 1)])
        self._scan(self.packer_2, packed, "NO-SUCH-CODE")
        self._scan(self.packer_2, packed, "NO-SUCH-CODE-2")
        order = self._order()
        order.sudo(self.cs_2).action_ecom_set_exception(
            "risk")
        wizard = self.env["ecom.kpi.export"].sudo(self.users["manager"]).create({
            "report_model": "ecom.staff.report",
            "filter_domain": repr(["|", ("picking_id", "=", packed.id),
                                   ("order_id", "=", order.id)])})
        report = self.env.ref("ecom_order_mgmt.action_report_ecom_kpi_xlsx")
        content, _kind = report.sudo(self.users["manager"]).render(wizard.ids, {})
        sheet = load_workbook(BytesIO(content)).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        header = next(row for row in rows if "Scan Errors" in row)
        col_user, col_exc, col_scan = (header.index(title) for title in (
            "Reviewer", "Exceptions Raised", "Scan Errors"))
        body = rows[rows.index(header) + 1:-1]
        self.assertEqual(sorted((row[col_user], row[col_exc], row[col_scan]) for row in body),
                         [("Second CS", 1, 0), ("Second packer", 0, 1),
                          ("Second packer", 0, 1)])

    def test_only_the_manager_reads_the_staff_figures(self):
        self._scan(self.packer_2, self._packed([(self.product_a, 1)]), "NO-SUCH-CODE")
        self._order().sudo(self.cs_2).action_ecom_set_exception(
            "risk")
        for model in ("ecom.staff.report", "ecom.scan.error", "ecom.exception.log"):
            self.assertTrue(self.env[model].sudo(self.users["manager"]).search([]))
            for role in ("cs", "finance", "warehouse"):
                with self.assertRaises(AccessError, msg="%s as %s" % (model, role)):
                    self.env[model].sudo(self.users[role]).search([])
            # the people counted cannot change or delete their own figures
            for user in (self.packer_2, self.cs_2, self.users["manager"]):
                Model = self.env[model].sudo(user)
                for operation in ("write", "unlink", "create"):
                    self.assertFalse(Model.check_access_rights(operation, False),
                                     "%s %s as %s" % (model, operation, user.login))
