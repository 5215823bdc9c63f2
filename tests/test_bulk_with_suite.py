"""With every addon of the suite installed, imports still take the bulk path.

An addon overriding ``create()`` of an order, a line or a buyer that the
bulk layer (`ecom_order_mgmt/bulk/`) does not know of sends every imported
record back through ``create()`` one by one: correct, but the import's speed
is lost without any test of a single addon noticing. This one runs with the
three addons in one registry, as production does.
"""
from odoo.tests.common import TransactionCase

BULK_MODELS = ("sale.order", "sale.order.line", "res.partner")


class TestBulkWithSuite(TransactionCase):

    def test_import_models_are_created_in_bulk(self):
        for name in BULK_MODELS:
            model = self.env[name].with_context(tracking_disable=True)
            self.assertIsNone(model._ecom_bulk_unsupported(), name)

    def test_an_exchange_order_still_goes_through_create(self):
        # values the bulk path cannot check are sent through create()
        order = self.env["sale.order"]
        self.assertFalse(order._ecom_bulk_values_ok({"ecom_exchange_case_id": 1}))
