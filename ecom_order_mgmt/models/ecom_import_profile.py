# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Import profiles: the layout of a platform's own order export, as data.

A profile says which column of the export holds which field of an order
(its column lines), which columns tell the export apart (the signature),
which of the platform's order statuses are imported, and whether the
export's amounts must add up. The suite ships one for the Tmall/Taobao
report pair, Pinduoduo, JD and Douyin (data/ecom_import_profile_data.xml);
a manager copies one and remaps its columns when a platform changes its
layout, without code. The import wizard turns the active profiles into
layouts (tools/order_import/layout.py) and recognises each file by them.
"""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..const import PAYMENT_MODES
from ..tools import order_import
from .ecom_channel import PLATFORMS

PARTS = [("orders", "Order file"), ("items", "Item report")]
FIELD_KEYS = [(col.key, col.label) for col in order_import.COLUMNS
              + order_import.PLATFORM_COLUMNS]
# Fields a column of the item report of a pair may fill.
ITEM_KEYS = ("platform_ref", "product_code", "product_ref", "product_title", "spec",
             "quantity", "unit_price", "shop")


class EcomImportProfile(models.Model):
    """The layout of one kind of platform export (订单导出模板)."""

    _name = "ecom.import.profile"
    _description = "Order Import Profile"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short technical name, unique.")
    sequence = fields.Integer(
        default=10, help="Of two profiles with the same signature, the first is used.")
    active = fields.Boolean(default=True)
    platform = fields.Selection(PLATFORMS, required=True, default="other")
    column_ids = fields.One2many("ecom.import.profile.column", "profile_id",
                                 string="Columns", copy=True)
    import_statuses = fields.Text(
        string="Statuses to Import",
        help="The platform's order statuses of orders paid and waiting to ship, one per "
             "line, as the export writes them. Orders in any other status are skipped "
             "and counted per status. Empty: every order is imported.")
    after_sale_ok = fields.Text(
        string="Harmless After-sale Statuses",
        help="After-sale statuses (售后状态) that do not stop an order, one per line; an "
             "order with any other after-sale status is skipped.")
    payment_mode = fields.Selection(
        PAYMENT_MODES, string="Payment Mode", required=True, default="prepaid",
        help="The payment mode of the orders of an export without a payment column.")
    check_amounts = fields.Boolean(
        string="Amounts Must Add Up", default=True,
        help="Goods, freight, discounts and the amount paid must agree; the freight and "
             "a discount become order lines so that the order total is what the buyer "
             "paid. An order whose amounts do not add up is refused.")
    has_item_report = fields.Boolean(
        compute="_compute_has_item_report", string="Order + Item Report",
        help="The export comes as two files: the orders, and their items.")
    note = fields.Text()

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of an import profile must be unique."),
    ]

    @api.depends("column_ids.part")
    def _compute_has_item_report(self):
        for profile in self:
            profile.has_item_report = "items" in profile.column_ids.mapped("part")

    @api.constrains("column_ids")
    def _check_columns(self):
        for profile in self:
            for part in set(profile.column_ids.mapped("part")) | {"orders"}:
                columns = profile.column_ids.filtered(lambda c: c.part == part)
                label = dict(PARTS)[part]
                if "platform_ref" not in columns.mapped("field_key"):
                    raise ValidationError(_(
                        "Profile %s: the %s needs a column for the order number.") % (
                        profile.name, label))
                if not columns.filtered("signature"):
                    raise ValidationError(_(
                        "Profile %s: mark the columns that tell the %s apart "
                        "(Signature).") % (profile.name, label))
            bad = profile.column_ids.filtered(
                lambda c: c.part == "items" and c.field_key not in ITEM_KEYS)
            if bad:
                raise ValidationError(_(
                    "Profile %s: the item report holds items only, not %s.") % (
                    profile.name, ", ".join(bad.mapped("header"))))

    @api.multi
    def copy(self, default=None):
        self.ensure_one()
        default = dict(default or {})
        if "code" not in default:
            codes = set(self.with_context(active_test=False).search(
                [("code", "=like", self.code + "_%")]).mapped("code"))
            number = 1
            while "%s_%d" % (self.code, number) in codes:
                number += 1
            default["code"] = "%s_%d" % (self.code, number)
        default.setdefault("name", _("%s (copy)") % self.name)
        return super(EcomImportProfile, self).copy(default)

    @api.multi
    def action_try_file(self):
        """Open Import Orders with this profile, to preview a file read with it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Import Orders"),
            "res_model": "ecom.order.import",
            "view_mode": "form",
            "target": "new",
            "context": {"default_profile_id": self.id},
        }

    def _ecom_layout(self):
        """The tools Layout of this profile (its item report's as ``items``)."""
        self.ensure_one()
        rules = order_import.PlatformRules(
            order_import.status_keys(self.import_statuses) if self.import_statuses else None,
            order_import.status_keys(self.after_sale_ok), self.payment_mode,
            self.check_amounts)
        items = None
        if self.has_item_report:
            items = self._ecom_part_layout("items", rules)
        return self._ecom_part_layout("orders", rules, items)

    def _ecom_part_layout(self, part, rules, items=None):
        columns = self.column_ids.filtered(lambda c: c.part == part).sorted(
            lambda c: (c.sequence, c.id))
        headers, signature = {}, {}
        for column in columns:
            headers.setdefault(column.field_key, []).append(column.header)
            if column.signature:
                signature.setdefault(column.field_key, []).append(column.header)
        required = [key for key in headers
                    if columns.filtered(lambda c: c.field_key == key and c.required)]
        return order_import.Layout(
            self.name, headers, required=required, signature=list(signature.values()),
            strict=False, rules=rules, items=items, code=str(self.id))


class EcomImportProfileColumn(models.Model):
    """One column of a platform's export and the field of the order it fills."""

    _name = "ecom.import.profile.column"
    _description = "Order Import Profile Column"
    _order = "profile_id, part, sequence, id"

    profile_id = fields.Many2one("ecom.import.profile", required=True, ondelete="cascade",
                                 index=True)
    sequence = fields.Integer(
        default=10, help="Columns of one field are tried in this order: the first whose "
                         "cell is not empty fills it.")
    part = fields.Selection(PARTS, required=True, default="orders", string="File")
    header = fields.Char(
        required=True, string="Column Name",
        help="The column's name in the export's header row (spaces, width and a "
             "trailing (元) do not matter).")
    field_key = fields.Selection(FIELD_KEYS, required=True, string="Field")
    required = fields.Boolean(help="The file must have this column.")
    signature = fields.Boolean(
        help="Part of the signature: a file is of this profile when its header has "
             "every signature column.")
