# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Receiving check of purchase receipts (入库验收, [000]).

"收货组根据采购单核对数量、包装…待确定数量后在收货单上签字确认": each unit
of an incoming receipt is scanned against what the receipt announces (good
or damaged); the check records the differences line by line (short, over,
wrong item, damaged) on the receipt; validating it receives the units
counted good, tells purchasing the differences and keeps the rest as Odoo's
backorder. A receipt being checked is never validated silently by Odoo's
own Validate button. The receiving note is printed for signature.
"""
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

from ..const import WAREHOUSE
from ..tools.receiving import DAMAGED, WRONG, quantities_to_receive, receiving_differences
from ..tools.report_action import downloadable
from ..tools.scan import OVER, SHORT
from .ecom_guard_mixin import ecom_action

RECEIVE_ACTIONS = ("receive_scan", "receive_check", "receive_validate")
REPORT_NOTE = "ecom_order_mgmt.action_report_ecom_receiving_note"
KINDS = [(SHORT, "Short"), (OVER, "Over"), (WRONG, "Wrong item"), (DAMAGED, "Damaged")]


class EcomPickingScan(models.Model):
    _inherit = "ecom.picking.scan"

    damaged = fields.Boolean(help="Scanned at a receipt as damaged (not received).")


class EcomReceiptDifference(models.Model):
    """One line where a receipt differs from the purchase (验收差异)."""

    _name = "ecom.receipt.difference"
    _description = "Receiving Difference"
    _order = "picking_id, id"

    picking_id = fields.Many2one("stock.picking", required=True, index=True,
                                 ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True)
    kind = fields.Selection(KINDS, required=True)
    expected = fields.Integer(string="Announced")
    good = fields.Integer(string="Counted Good")
    damaged = fields.Integer(string="Damaged")


class StockPicking(models.Model):
    _inherit = "stock.picking"

    ecom_receipt_difference_ids = fields.One2many(
        "ecom.receipt.difference", "picking_id", string="Receiving Differences",
        readonly=True, copy=False)
    ecom_receipt_checked_by = fields.Many2one("res.users", string="Receipt Checked By",
                                              readonly=True, copy=False)
    ecom_receipt_checked_at = fields.Datetime(string="Receipt Checked At", readonly=True,
                                              copy=False)
    can_ecom_receive_scan = fields.Boolean(compute="_compute_ecom_can")
    can_ecom_receive_check = fields.Boolean(compute="_compute_ecom_can")
    can_ecom_receive_validate = fields.Boolean(compute="_compute_ecom_can")
    ecom_channel_warehouse = fields.Boolean(
        string="E-commerce Warehouse", compute="_compute_ecom_channel_warehouse",
        search="_search_ecom_channel_warehouse",
        help="The transfer is of the warehouse of a sales channel (its queue of receipts "
             "under E-commerce).")

    @api.model
    def _ecom_channel_warehouses(self):
        # every channel's, whoever asks: the queue is the warehouse's
        return self.env["ecom.channel"].sudo().search([]).mapped("warehouse_id")

    @api.depends("picking_type_id.warehouse_id")
    def _compute_ecom_channel_warehouse(self):
        warehouses = self._ecom_channel_warehouses()
        for picking in self:
            picking.ecom_channel_warehouse = picking.picking_type_id.warehouse_id in warehouses

    def _search_ecom_channel_warehouse(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(_("Search the e-commerce warehouse with = or != only."))
        inside = (operator == "=") == bool(value)
        return [("picking_type_id.warehouse_id", "in" if inside else "not in",
                 self._ecom_channel_warehouses().ids)]

    @api.model
    def _ecom_actions(self):
        actions = super(StockPicking, self)._ecom_actions()
        label = _("Receiving check")
        for action in RECEIVE_ACTIONS:
            actions[action] = ecom_action([WAREHOUSE], label=label)
        return actions

    def _ecom_why_not(self, action):
        if action not in RECEIVE_ACTIONS:
            return super(StockPicking, self)._ecom_why_not(action)
        self.ensure_one()
        if not self._ecom_is_allowed(self._ecom_action_table()[action].groups):
            return _("You are not allowed to do this.")
        if self.picking_type_code != "incoming":
            return _("%s is not a receipt.") % self.name
        if self.state != "assigned":
            return _("Receipt %s is not ready to receive.") % self.name
        if action == "receive_validate" and not self.ecom_receipt_checked_at:
            return _("Check receipt %s before validating it.") % self.name
        return None

    # ------------------------------------------------------------------
    @api.multi
    def action_ecom_receive_scan(self, code, qty=1, damaged=False):
        """One scan at the receiving check: a unit received, good or damaged.

        An item the receipt does not announce is recorded (a wrong item), an
        unknown code is refused. Scanning again reopens the check.
        """
        self.ensure_one()
        self._ecom_ensure("receive_scan")
        code = (code or "").strip()
        if not isinstance(qty, int) or qty <= 0:
            raise UserError(_("The scanned quantity must be a positive whole number."))
        product = self.env["product.product"].search(
            ["|", ("barcode", "=", code), ("default_code", "=", code)], limit=1) if code \
            else None
        if not product:
            raise UserError(_("Unknown code %s: no product has this barcode or reference.")
                            % code)
        self.env["ecom.picking.scan"].create({
            "picking_id": self.id, "product_id": product.id, "code": code,
            "quantity": qty, "damaged": bool(damaged)})
        self._ecom_receipt_reopen()
        return True

    def _ecom_receipt_reopen(self):
        if self.ecom_receipt_checked_at:
            self.ecom_receipt_difference_ids.unlink()
            self.write({"ecom_receipt_checked_by": False, "ecom_receipt_checked_at": False})

    def _ecom_receipt_counts(self):
        """({product: announced}, {product: good}, {product: damaged})."""
        expected, good, damaged = defaultdict(int), defaultdict(int), defaultdict(int)
        for move in self.move_lines.filtered(lambda m: m.state != "cancel"):
            quantity = move.product_uom._compute_quantity(move.product_uom_qty,
                                                          move.product_id.uom_id)
            expected[move.product_id.id] += int(round(quantity))
        for scan in self.ecom_scan_ids:
            (damaged if scan.damaged else good)[scan.product_id.id] += scan.quantity
        return dict(expected), dict(good), dict(damaged)

    @api.multi
    def action_ecom_receive_check(self):
        """Record the differences of the scans with the receipt, line by line."""
        self._ecom_ensure("receive_check")
        for picking in self:
            if not picking.ecom_scan_ids:
                raise UserError(_("Receipt %s: scan the received units first.")
                                % picking.name)
            lines = receiving_differences(*picking._ecom_receipt_counts())
            picking.ecom_receipt_difference_ids.unlink()
            picking.write({
                "ecom_receipt_difference_ids": [(0, 0, {
                    "product_id": line.key, "kind": line.kind, "expected": line.expected,
                    "good": line.good, "damaged": line.damaged}) for line in lines],
                "ecom_receipt_checked_by": self.env.uid,
                "ecom_receipt_checked_at": fields.Datetime.now()})
            picking.message_post(body=picking._ecom_receipt_summary())
        return True

    def _ecom_receipt_summary(self):
        if not self.ecom_receipt_difference_ids:
            return _("Receiving check: the receipt matches the purchase.")
        kinds = dict(self.env["ecom.receipt.difference"]._fields["kind"]._description_selection(
            self.env))
        return _("Receiving check, differences: %s") % "; ".join(
            "%s %s (%s %d, %s %d, %s %d)" % (
                kinds[line.kind], line.product_id.display_name, _("announced"),
                line.expected, _("good"), line.good, _("damaged"), line.damaged)
            for line in self.ecom_receipt_difference_ids)

    @api.multi
    def action_ecom_receive_validate(self):
        """Receive the units counted good; the rest stays as Odoo's backorder.

        Purchasing is told the differences (an activity on the receipt for
        whoever placed the purchase, when there is one).
        """
        self._ecom_ensure("receive_validate")
        for picking in self:
            expected, good, _damaged = picking._ecom_receipt_counts()
            todo = quantities_to_receive(expected, good)
            for move in picking.move_lines.filtered(lambda m: m.state != "cancel"):
                quantity = todo.pop(move.product_id.id, 0)
                move.move_line_ids.write({"qty_done": 0})
                if move.move_line_ids:
                    move.move_line_ids[0].qty_done = quantity
            if picking.ecom_receipt_difference_ids:
                picking._ecom_receipt_notify_purchasing()
            picking.with_context(ecom_receipt_validate=True)._ecom_receipt_done()
        return True

    def _ecom_receipt_done(self):
        if not any(self.move_line_ids.mapped("qty_done")):
            # nothing good came: the receipt waits as it is
            raise UserError(_("Receipt %s: no unit was received in good condition.")
                            % self.name)
        if self._check_backorder():
            wizard = self.env["stock.backorder.confirmation"].create(
                {"pick_ids": [(4, self.id)]})
            wizard.process()
        else:
            self.action_done()

    def _ecom_receipt_notify_purchasing(self):
        purchase = self["purchase_id"] if "purchase_id" in self._fields else None
        # (Odoo 11's purchase order has no responsible: whoever placed it)
        user = purchase and purchase.create_uid or self.env.user
        self.env["mail.activity"].sudo().create({
            "res_model_id": self.env["ir.model"]._get(self._name).id, "res_id": self.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "summary": _("Receiving differences of %s") % self.name,
            "note": "<p>%s</p>" % html_escape(self._ecom_receipt_summary()),
            "user_id": user.id})

    @api.multi
    def button_validate(self):
        # A receipt under the receiving check is validated with its counts.
        checked = self.filtered(lambda p: p.picking_type_code == "incoming"
                                and (p.ecom_scan_ids or p.ecom_receipt_difference_ids))
        if checked and not self.env.context.get("ecom_receipt_validate"):
            raise UserError(_(
                "Receipt %s is being checked: validate it with Validate Counted, which "
                "receives the units counted and keeps the rest as a backorder.")
                % ", ".join(checked.mapped("name")))
        return super(StockPicking, self).button_validate()

    @api.multi
    def action_ecom_print_receiving_note(self):
        """The receiving note (收货单) to sign."""
        return downloadable(self.env.ref(REPORT_NOTE).report_action(self, config=False),
                            self._name, self.ids)

    # The delivery's scanner (ecom.scan.wizard) serves receipts too.
    @api.multi
    def action_ecom_scan(self, code, qty=1):
        if self.picking_type_code == "incoming":
            return self.action_ecom_receive_scan(
                code, qty, damaged=self.env.context.get("ecom_scan_damaged", False))
        return super(StockPicking, self).action_ecom_scan(code, qty)

    @api.multi
    def action_ecom_open_scanner(self):
        if self.picking_type_code == "incoming":
            self._ecom_ensure("receive_scan")
            return {
                "type": "ir.actions.act_window", "name": _("Scan"),
                "res_model": "ecom.scan.wizard", "view_mode": "form", "target": "new",
                "context": {"default_picking_id": self.id},
            }
        return super(StockPicking, self).action_ecom_open_scanner()
