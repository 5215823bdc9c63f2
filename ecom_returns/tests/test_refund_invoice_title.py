# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The buyer's invoice header (发票抬头 / 税号) on the after-sales documents of
an order (issue 20): a credit note (红字发票) and an exchange's invoice of
the difference name the buyer as the order's invoice did, printed."""
from .test_refund_accounting import RefundCase

TITLE, TAX_ID = "杭州某某科技有限公司", "91330100MA2AXXXX1X"


class TestAfterSalesInvoiceHeader(RefundCase):

    def _html(self, invoice):
        html = self.env.ref("account.account_invoices").render_qweb_html(invoice.ids)[0]
        return html.decode() if isinstance(html, bytes) else html

    def _assert_header(self, document, order):
        document = document.sudo()
        self.assertEqual((document.ecom_invoice_title, document.ecom_invoice_tax_id,
                          document.ecom_platform_ref, document.ecom_channel_id),
                         (TITLE, TAX_ID, order.ecom_platform_ref, self.channel))
        html = self._html(document)
        for text in (TITLE, TAX_ID, order.ecom_platform_ref):
            self.assertIn(text, html)

    def test_credit_note_names_the_buyer_as_the_invoice_did(self):
        order = self._delivered([(self.product_a, 2)], ecom_invoice_title=TITLE,
                                ecom_invoice_tax_id=TAX_ID)
        case = self._returned(order, [(self.product_a, 1, "company")])
        self._as("finance", case).action_refund()
        self._assert_header(case.refund_invoice_id, order)

    def test_exchange_difference_invoice_names_the_buyer(self):
        order = self._approved([(self.product_a, 1)], ecom_invoice_title=TITLE,
                               ecom_invoice_tax_id=TAX_ID)
        case = self._case(order, "exchange", [(self.product_a, 1, "company", self.product_c)])
        self._as("manager", case).action_approve()
        self._as("finance", case).action_refund()
        self.assertEqual(case.charge_invoice_id.amount_total, 30.0)
        self._assert_header(case.charge_invoice_id, order)
