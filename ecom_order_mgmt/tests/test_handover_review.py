# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Carrier handover: the manifest (交接清单) and the accounts review [000]."""
from io import BytesIO
from unittest.mock import patch

from PyPDF2 import PdfFileReader

from odoo.exceptions import AccessError, UserError
from odoo.tools import config

from .common import EcomCase

MANIFEST = "ecom_order_mgmt.action_report_ecom_handover_manifest"


class TestHandoverReview(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestHandoverReview, cls).setUpClass()
        cls.company = cls.env.user.company_id

    def setUp(self):
        super(TestHandoverReview, self).setUp()
        pickings = self.env["stock.picking"]
        for city in ("杭州市", "宁波市"):
            order = self._approved(ecom_city=city)
            pickings |= self._walk(self._delivery(order), "checked")
        self.pickings = pickings
        self.batch = self._as("warehouse", self.env["ecom.handover"]).create(
            {"carrier_id": self.carrier.id})
        for picking in pickings:
            self._as("warehouse", self.batch).action_scan_parcel(picking.carrier_tracking_ref)
        self._as("warehouse", self.batch).write({"carrier_count": 2})

    def test_review_is_for_finance_only(self):
        for role in ("warehouse", "cs"):
            with self.assertRaises(AccessError):
                self._as(role, self.batch).action_review()
            self.assertFalse(self._as(role, self.batch).can_review)
        self.assertTrue(self._as("finance", self.batch).can_review)
        self._as("finance", self.batch).action_review()
        self.assertEqual(self.batch.reviewed_by_id, self.users["finance"])
        self.assertIn("Reviewed by accounts", self.batch.message_ids[0].body)
        with self.assertRaises(UserError):  # once
            self._as("finance", self.batch).action_review()

    def test_close_waits_for_the_review_when_the_company_asks(self):
        self.company.ecom_handover_review = True
        warehouse = self._as("warehouse", self.batch)
        self.assertFalse(warehouse.can_close)
        with self.assertRaisesRegex(UserError, "accounts review"):
            warehouse.action_close()
        self.assertEqual(set(self.pickings.mapped("ecom_fulfil_state")), {"checked"})
        self._as("finance", self.batch).action_review()
        self.assertTrue(warehouse.can_close)
        warehouse.action_close()
        self.assertEqual(self.batch.state, "done")
        self.assertEqual(set(self.pickings.mapped("ecom_fulfil_state")), {"shipped"})

    def test_close_without_review_when_the_company_does_not_ask(self):
        self.company.ecom_handover_review = False
        self._as("warehouse", self.batch).action_close()
        self.assertEqual(self.batch.state, "done")
        self.assertFalse(self.batch.reviewed_at)

    def test_parcel_added_after_the_review_needs_a_new_review(self):
        self.company.ecom_handover_review = True
        order = self._approved()
        third = self._walk(self._delivery(order), "checked")
        self._as("finance", self.batch).action_review()
        self._as("warehouse", self.batch).action_scan_parcel(third.carrier_tracking_ref)
        self.assertFalse(self.batch.reviewed_at)
        self.assertFalse(self._as("warehouse", self.batch).can_close)

    def test_single_delivery_ship_refused_when_review_required(self):
        self.company.ecom_handover_review = True
        order = self._approved()
        picking = self._walk(self._delivery(order), "checked")
        with self.assertRaisesRegex(UserError, "reviewed by accounts"):
            self._as("warehouse", picking).action_ecom_ship(picking.ecom_package_count)

    def test_settings_page_sets_the_company_review(self):
        page = self._as("manager", self.env["ecom.settings"]).create(
            {"ecom_handover_review": True})
        page.execute()
        self.assertTrue(self.company.ecom_handover_review)

    def test_manifest_lists_the_parcels(self):
        self._as("finance", self.batch).action_review()
        report = self.env.ref(MANIFEST)
        html, _kind = report.sudo(self.users["warehouse"]).render_qweb_html(self.batch.ids)
        html = html.decode()
        for picking in self.pickings:
            self.assertIn(picking.carrier_tracking_ref, html)
            self.assertIn(picking.sale_id.name, html)
        for text in ("杭州市", "宁波市", "快递员 Courier", "仓库 Warehouse",
                     self.users["finance"].name):
            self.assertIn(text, html)
        self.assertIn('<span class="ecom_manifest_parcels">2</span>', html)
        action = self._as("warehouse", self.batch).action_print_manifest()
        self.assertEqual(action["context"]["active_ids"], self.batch.ids)
        with patch.dict(config.options, {"test_report_directory": "/tmp"}):
            pdf, kind = report.render_qweb_pdf(self.batch.ids)
        self.assertEqual(kind, "pdf")
        self.assertEqual(PdfFileReader(BytesIO(pdf)).getNumPages(), 1)
