# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The buyer's invoice header (发票抬头 / 税号) from the platform's export to
the printed invoice (issue 20): imported on the order, carried by the
invoice Odoo makes of the order at finance approval, printed by Odoo's
invoice report (rendered as HTML)."""
from .test_order_import_platforms import PlatformImportCase

# What the Tmall/Taobao sample's first order asks for (data/samples/
# platform_samples.py, columns 发票抬头 and 纳税人识别号 of its order report).
TITLE, TAX_ID = "杭州示例科技有限公司", "91330106MA2B3C4D5E"


class TestInvoiceTitleFromImport(PlatformImportCase):

    def setUp(self):
        super(TestInvoiceTitleFromImport, self).setUp()
        channel = self.channels["TB01"]
        if not channel.journal_id:
            account = self.env["account.account"].create({
                "code": "1012T9", "name": "Test Tmall clearing", "reconcile": True,
                "user_type_id": self.env.ref("account.data_account_type_liquidity").id})
            channel.journal_id = self.env["account.journal"].create({
                "name": "Test Tmall pay", "code": "TTMP", "type": "bank",
                "default_debit_account_id": account.id,
                "default_credit_account_id": account.id})
        channel.invoice_policy = "approval"

    def _html(self, invoice):
        html = self.env.ref("account.account_invoices").render_qweb_html(invoice.ids)[0]
        return html.decode() if isinstance(html, bytes) else html

    def test_imported_invoice_header_is_printed_on_the_invoice(self):
        summary = self._import("taobao_orders.csv", "taobao_items.csv")
        orders = self._orders(summary)
        order = orders["3851026120100011"]
        self.assertEqual((order.ecom_invoice_title, order.ecom_invoice_tax_id),
                         (TITLE, TAX_ID))
        finance = self.env.ref("ecom_order_mgmt.user_ecom_finance")
        order.sudo(self.cs_user).action_ecom_cs_approve()
        order.sudo(finance).action_ecom_finance_approve()
        invoice = order.invoice_ids
        self.assertEqual((invoice.type, invoice.state), ("out_invoice", "paid"))
        self.assertEqual((invoice.ecom_invoice_title, invoice.ecom_invoice_tax_id),
                         (TITLE, TAX_ID))
        html = self._html(invoice)
        self.assertIn(TITLE, html)
        self.assertIn(TAX_ID, html)
        self.assertIn("3851026120100011", html)
        # an order whose buyer asked for no invoice header prints none
        other = orders["3851026120100022"]
        self.assertFalse(other.ecom_invoice_title or other.ecom_invoice_tax_id)
        other.sudo(self.cs_user).action_ecom_cs_approve()
        other.sudo(finance).action_ecom_finance_approve()
        self.assertNotIn("Invoice Title:", self._html(other.invoice_ids))
