# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..const import PAYMENT_MODES


class EcomPaymentMode(models.Model):
    """How a buyer pays (one record per code of const.PAYMENT_MODES, in data).

    A record to point at where a choice of several modes is configured (the
    payment modes of a review rule); the orders keep the code itself
    (sale.order.ecom_payment_mode).
    """

    _name = "ecom.payment.mode"
    _description = "Payment Mode"
    _order = "id"

    code = fields.Selection(PAYMENT_MODES, required=True, readonly=True)
    name = fields.Char(required=True, translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "There is one payment mode per code."),
    ]
