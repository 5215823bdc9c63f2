# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""11.0.1.0.0 → 11.0.2.0.0: the payment modes of the review rules.

Up to 11.0.1.0.0 a review rule kept its payment modes in the Char
``payment_modes`` ("cod, cod_inspect"; empty for every mode). From 11.0.2.0.0
they are the Many2many ``payment_mode_ids`` to ``ecom.payment.mode`` (one
record per code, loaded from data before this script runs) and
``payment_modes`` is computed from it. Odoo keeps the old column when the
field stops being stored: its text becomes the rule's tags here. The column
is left as it was (a second run adds nothing).
"""
import logging

from odoo import SUPERUSER_ID, api
from odoo.tools.sql import column_exists

_logger = logging.getLogger(__name__)


def _codes(text):
    return sorted({code.strip() for code in (text or "").split(",") if code.strip()})


def migrate(cr, version):
    if not version or not column_exists(cr, "ecom_review_rule", "payment_modes"):
        return
    env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
    modes = {mode.code: mode.id for mode in env["ecom.payment.mode"].search([])}
    field = env["ecom.review.rule"]._fields["payment_mode_ids"]
    cr.execute("SELECT id, payment_modes FROM ecom_review_rule "
               "WHERE COALESCE(TRIM(payment_modes), '') != ''")
    migrated = 0
    for rule_id, text in cr.fetchall():
        codes = _codes(text)
        unknown = [code for code in codes if code not in modes]
        if unknown:
            # 11.0.1.0.0 refused unknown codes: only a hand-edited row gets here.
            _logger.warning("Review rule %s: unknown payment modes %s dropped.",
                            rule_id, ", ".join(unknown))
        for code in codes:
            if code in modes:
                cr.execute(
                    'INSERT INTO "{rel}" ("{col1}", "{col2}") VALUES (%s, %s) '
                    'ON CONFLICT DO NOTHING'.format(
                        rel=field.relation, col1=field.column1, col2=field.column2),
                    (rule_id, modes[code]))
        migrated += 1
    env["ecom.review.rule"].invalidate_cache()
    _logger.info("Payment modes of %d review rules moved to payment_mode_ids.", migrated)
