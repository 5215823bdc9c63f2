# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Printed documents of SPEC 3: delivery note, shipping and receiving marks,
outbound order."""
from io import BytesIO
from unittest.mock import patch

from PyPDF2 import PdfFileReader

from odoo.tests.common import TransactionCase
from odoo.tools import config

from ..report.ecom_document_reports import (
    COLOUR_NAMES,
    SIZE_NAMES,
    attribute_value,
    format_quantity,
)
from .ecom_docs_fixtures import EcomDocsFixtures

COPY_LABELS = ("存根 Stub", "仓库 Warehouse", "财务 Finance", "客户 Customer", "物流 Logistics")


class TestPrintedDocuments(EcomDocsFixtures, TransactionCase):

    def setUp(self):
        super(TestPrintedDocuments, self).setUp()
        self._docs_setup()
        self.order = self._docs_order(
            "TM-DOCS-0001", [(self.product_a, 2), (self.product_b, 3)],
            ecom_buyer_remark="请周末送货 please deliver at the weekend")
        self.picking = self._docs_delivery(self.order, self.carrier_sf, "SF1234567890",
                                           parcels=2)

    def _report(self, xmlid):
        return self.env.ref("ecom_order_mgmt.%s" % xmlid)

    def _html(self, xmlid, records, user=None):
        report = self._report(xmlid)
        if user:
            report = report.sudo(user)
        html, kind = report.render_qweb_html(records.ids)
        self.assertEqual(kind, "html")
        return html.decode("utf-8")

    # ------------------------------------------------------------------
    def test_delivery_note_five_labelled_copies(self):
        html = self._html("action_report_ecom_delivery_note", self.picking)
        # One page per copy: each copy is its own article of the layout.
        self.assertEqual(html.count('class="ecom_copy_label"'), 5)
        self.assertEqual(html.count("ecom_delivery_note"), 5)
        positions = [html.index(label) for label in COPY_LABELS]
        self.assertEqual(positions, sorted(positions), "copies in the order of SPEC")
        # The header of the note, on each copy
        for text in (self.picking.name, self.order.name, "TM-DOCS-0001", "Docs Tmall",
                     "张三", "13800138000", "浙江省 杭州市 西湖区 文三路 90 号",
                     "SF Express docs", "SF1234567890", self.env.user.company_id.name,
                     "请周末送货"):
            self.assertGreaterEqual(html.count(text), 5, text)
        # Lines priced from the sale order lines, and their totals
        for code in ("DOCS-A1", "DOCS-B2"):
            self.assertEqual(html.count(code), 5, code)
        self.assertIn("Running shoe", html)
        self.assertIn("合计 Total", html)
        # Signature boxes
        for box in ("仓库 Warehouse</strong>", "验货 Checker", "快递员 Courier"):
            self.assertEqual(html.count(box), 5, box)

    def test_delivery_note_lines_and_totals(self):
        report_model = self.env["report.ecom_order_mgmt.report_ecom_delivery_note"]
        values = report_model.get_report_values(self.picking.ids)
        lines = values["delivery_lines"](self.picking)
        by_code = {line["code"]: line for line in lines}
        sale_lines = {line.product_id.default_code: line for line in self.order.order_line}
        self.assertEqual(by_code["DOCS-A1"]["quantity"], 2)
        # What the buyer pays per unit, and exactly the line total when the
        # whole line is delivered (no cent lost to a rounded unit price)
        self.assertAlmostEqual(by_code["DOCS-A1"]["price"],
                               sale_lines["DOCS-A1"].price_total / 2)
        self.assertAlmostEqual(by_code["DOCS-B2"]["amount"], sale_lines["DOCS-B2"].price_total)
        totals = values["delivery_totals"](lines)
        self.assertEqual(totals["quantity"], 5)
        self.assertAlmostEqual(totals["amount"], self.order.amount_total)

    def test_print_waybill_prints_the_delivery_note(self):
        # As the warehouse, who prints: the superuser would be asked for a
        # document layout first (Odoo's report_action), and get no report.
        warehouse = self.env.ref("ecom_order_mgmt.user_ecom_warehouse")
        action = self.picking.sudo(warehouse).action_ecom_print_waybill()
        self.assertEqual(self.picking.ecom_fulfil_state, "printed")
        self.assertEqual(action.get("type"), "ir.actions.report", action)
        self.assertEqual(action["report_name"], "ecom_order_mgmt.report_ecom_delivery_note")

    def test_shipping_mark_one_label_per_parcel(self):
        html = self._html("action_report_ecom_shipping_mark", self.picking)
        self.assertEqual(html.count("ecom_shipping_mark"), 2)
        self.assertIn("1/2", html)
        self.assertIn("2/2", html)
        self.assertNotIn("3/2", html)
        for text in ("张三", "13800138000", "浙江省 杭州市 西湖区 文三路 90 号", self.order.name,
                     "TM-DOCS-0001", "SF Express docs", ">SF1234567890<"):
            self.assertEqual(html.count(text), 2, text)
        # The tracking number is also a barcode on each label
        self.assertEqual(html.count("value=SF1234567890"), 2)
        # Labels print on the 100 x 150 mm label paper.
        paper = self._report("action_report_ecom_shipping_mark").paperformat_id
        self.assertEqual((paper.page_width, paper.page_height), (100, 150))

    def test_shipping_marks_of_several_deliveries_print_together(self):
        self.picking.ecom_package_count = 3
        other = self._second_delivery()
        html = self._html("action_report_ecom_shipping_mark", self.picking | other)
        self.assertEqual(html.count("ecom_shipping_mark"), 4)
        for label in ("1/3", "2/3", "3/3", "1/1"):
            self.assertIn(label, html)
        self.assertEqual(html.count("王五"), 1)
        # All labels in one document, a page each (see ecom_document_reports.py)
        self.assertEqual(html.count('class="article"'), 1)
        self.assertEqual(html.count("page-break-before: always"), 3)

    def test_receiving_mark_colour_and_size(self):
        colour = self.env["product.attribute"].create({"name": "COLOUR"})
        size = self.env["product.attribute"].create({"name": "尺码"})
        material = self.env["product.attribute"].create({"name": "Material"})
        red = self.env["product.attribute.value"].create(
            {"name": "Red 红", "attribute_id": colour.id})
        xl = self.env["product.attribute.value"].create({"name": "XL", "attribute_id": size.id})
        cotton = self.env["product.attribute.value"].create(
            {"name": "Cotton", "attribute_id": material.id})
        shirt = self.env["product.template"].create({
            "name": "Polo shirt", "type": "product", "categ_id": self.categ.id,
            "attribute_line_ids": [
                (0, 0, {"attribute_id": colour.id, "value_ids": [(6, 0, red.ids)]}),
                (0, 0, {"attribute_id": size.id, "value_ids": [(6, 0, xl.ids)]}),
            ]}).product_variant_id
        shirt.default_code = "POLO-R-XL"
        towel = self.env["product.template"].create({
            "name": "Towel", "type": "product", "categ_id": self.categ.id,
            "attribute_line_ids": [
                (0, 0, {"attribute_id": material.id, "value_ids": [(6, 0, cotton.ids)]}),
            ]}).product_variant_id
        towel.default_code = "TOWEL-C"
        self.assertEqual(attribute_value(shirt, COLOUR_NAMES), "Red 红")
        self.assertEqual(attribute_value(shirt, SIZE_NAMES), "XL")
        self.assertEqual(attribute_value(towel, COLOUR_NAMES), "")

        supplier = self.env["res.partner"].create({"name": "宁波服装厂 Ningbo Garments",
                                                   "supplier": True})
        receipt_type = self.warehouse.in_type_id
        supplier_location = self.env.ref("stock.stock_location_suppliers")
        receipt = self.env["stock.picking"].create({
            "picking_type_id": receipt_type.id, "partner_id": supplier.id,
            "location_id": supplier_location.id,
            "location_dest_id": self.stock_location.id, "origin": "PO-DOCS-1",
            "move_lines": [(0, 0, {
                "name": product.name, "product_id": product.id, "product_uom_qty": qty,
                "product_uom": product.uom_id.id, "location_id": supplier_location.id,
                "location_dest_id": self.stock_location.id,
            }) for product, qty in ((shirt, 24), (towel, 50))],
        })
        html = self._html("action_report_ecom_receiving_mark", receipt)
        self.assertEqual(html.count("ecom_receiving_mark"), 2, "one label per product")
        labels = self.env["report.ecom_order_mgmt.report_ecom_receiving_mark"]._labels(receipt)
        by_code = {label["code"]: label for label in labels}
        self.assertEqual((by_code["POLO-R-XL"]["colour"], by_code["POLO-R-XL"]["size"]),
                         ("Red 红", "XL"))
        self.assertEqual(by_code["POLO-R-XL"]["variant"], "")
        # Neither colour nor size: the variant name tells the box apart.
        self.assertEqual(by_code["TOWEL-C"]["variant"], "Cotton")
        for text in ("POLO-R-XL", "TOWEL-C", "Docs Shoes", "Polo shirt", "Red 红", "XL",
                     "Cotton", receipt.name, "PO-DOCS-1", "宁波服装厂 Ningbo Garments"):
            self.assertIn(text, html)
        for quantity in ("24", "50"):
            self.assertRegex(html, r">\s*%s\s*<span" % quantity)

    def test_outbound_order_signed_by_finance_and_logistics_heads(self):
        clerk = self.env["res.users"].create({
            "name": "仓库文员 Clerk", "login": "docs_clerk",
            "groups_id": [(6, 0, [self.env.ref("ecom_order_mgmt.group_ecom_warehouse").id])]})
        html = self._html("action_report_ecom_outbound_order", self.picking, user=clerk)
        for text in ("出库单 Outbound Order", "财务主管 Finance head", "物流主管 Logistics head",
                     "制单 Prepared by", "仓库文员 Clerk", "DOCS-A1", "DOCS-B2", "合计 Total"):
            self.assertIn(text, html)

    def _second_delivery(self):
        return self._docs_delivery(
            self._docs_order("TM-DOCS-0002", [(self.product_b, 1)], ecom_buyer_name="王五"),
            self.carrier_yto, "YT0000000002", parcels=1)

    def test_delivery_notes_of_several_deliveries_print_together(self):
        other = self._second_delivery()
        html = self._html("action_report_ecom_delivery_note", self.picking | other)
        self.assertEqual(html.count('class="ecom_copy_label"'), 10)
        self.assertEqual(html.count("王五"), 5)
        # One layout, a page per copy (see ecom_document_reports.py)
        self.assertEqual(html.count('class="article'), 1)
        self.assertEqual(html.count("page-break-before: always"), 9)

    def test_delivery_note_renders_a_real_pdf(self):
        report = self._report("action_report_ecom_delivery_note")
        pickings = self.picking | self._second_delivery()
        # Odoo renders HTML instead of PDF under test unless a report
        # directory is configured: give it one, to run wkhtmltopdf for real.
        with patch.dict(config.options, {"test_report_directory": "/tmp"}):
            pdf, kind = report.render_qweb_pdf(pickings.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # Five copies of each delivery, one page each
        self.assertEqual(PdfFileReader(BytesIO(pdf)).getNumPages(), 10)

    def test_outbound_orders_one_page_per_delivery(self):
        html = self._html("action_report_ecom_outbound_order",
                          self.picking | self._second_delivery())
        self.assertEqual(html.count("ecom_outbound_order"), 2)
        self.assertEqual(html.count('class="article'), 1)

    def test_format_quantity(self):
        self.assertEqual(format_quantity(3.0), "3")
        self.assertEqual(format_quantity(2.5), "2.5")
        self.assertEqual(format_quantity(0), "0")
