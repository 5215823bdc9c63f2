# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The switch of the performance layer: one system parameter, read here only.

``ecom_order_mgmt.bulk_layer`` is on when absent; "0", "False", "off" or
"no" (any case) switch it off. Off, every piece of ``bulk/`` takes the plain
ORM path (create() per record, Odoo's own reservation, plain reads), so
that a stock or data bug can be bisected between the layer and the
business code. The indexes stay either way: they do not change results.
"""

PARAM = "ecom_order_mgmt.bulk_layer"
OFF_VALUES = ("0", "false", "off", "no")


def bulk_layer_on(env):
    """Whether the performance layer is on in the database of `env`."""
    value = env["ir.config_parameter"].sudo().get_param(PARAM, "1")
    return str(value).strip().lower() not in OFF_VALUES
