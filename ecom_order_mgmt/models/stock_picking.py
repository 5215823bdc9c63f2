# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import OrderedDict, defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.job import job

from ..const import CS, WAREHOUSE
from ..tools.report_action import downloadable
from ..tools.scan import OVER, SHORT, UNEXPECTED, UNKNOWN, compare_scans
from .ecom_guard_mixin import ecom_action

FULFIL_STATES = [
    ("to_print", "To Print"),
    ("printed", "Waybill Printed"),
    ("picked", "Picked"),
    ("packed", "Packed"),
    ("checked", "Checked"),
    ("shipped", "Shipped"),
    ("delivered", "Delivered"),
]
MAIL_SHIPPED = "ecom_order_mgmt.mail_template_ecom_order_shipped"
# Reservations queued by background confirmations run here, one at a time
# (capacity 1 in the job runner's configuration: README, Background jobs).
RESERVATION_CHANNEL = "root.ecom_reservation"
RESERVATION_PRIORITY = 5  # queue_job's default is 10; lower runs first

# action: (stage it starts from, stage it leads to, groups allowed)
TRANSITIONS = {
    "print_waybill": ("to_print", "printed", (WAREHOUSE,)),
    "pick": ("printed", "picked", (WAREHOUSE,)),
    "pack": ("picked", "packed", (WAREHOUSE,)),
    "scan": ("packed", "packed", (WAREHOUSE,)),
    "check": ("packed", "checked", (WAREHOUSE,)),
    # shipped on its own: the courier's count is given with it (a handover
    # batch of the delivery alone, closed at once)
    "ship": ("checked", "shipped", (WAREHOUSE,)),
    # shipped by the handover batch it was scanned into, when the batch closes
    "hand_over": ("checked", "shipped", (WAREHOUSE,)),
    "confirm_delivered": ("shipped", "delivered", (WAREHOUSE, CS)),
}
# Steps that handle the goods: the delivery must be fully reserved.
GOODS_STEPS = ("pick", "pack", "scan", "check", "ship", "hand_over")
# The fulfilment record: only the actions write these (ecom.guard.mixin).
FULFIL_FIELDS = ("ecom_fulfil_state", "ecom_printed_by", "ecom_printed_at", "ecom_picker_id",
                 "ecom_picked_at", "ecom_packer_id", "ecom_packed_at", "ecom_checker_id",
                 "ecom_checked_at", "ecom_shipped_at", "ecom_delivered_at", "ecom_handover_id")


class WrongScan(Exception):
    """A wrong scan refused at the packing check (internal: the caller gets a
    UserError with `message`); `values` are its ecom.scan.error values."""

    def __init__(self, message, values):
        super(WrongScan, self).__init__(message)
        self.message, self.values = message, values


class ReservationBatch(object):
    """Deliveries to reserve at the end of a batch of confirmations.

    Passed in the context (``ecom_reservation_batch``): an object, which a
    client's JSON context cannot carry.
    """

    def __init__(self):
        self.picking_ids = []

    def add(self, pickings):
        self.picking_ids.extend(pickings.ids)

    def _pop_ids(self, env):
        """The collected ids, each once, in order, without those rolled back
        since (an order of a bulk review that failed after confirming)."""
        ids = list(OrderedDict.fromkeys(self.picking_ids))
        self.picking_ids = []
        alive = set(env["stock.picking"].browse(ids).exists().ids)
        return [picking_id for picking_id in ids if picking_id in alive]

    def close(self, env):
        """End of the batch: reserve now, or, in a background confirmation
        (context ``ecom_reserve_in_job``), queue the reservation as a job of
        its own in the reservation channel.

        Two confirmation jobs reserving the same products at once collide
        (under REPEATABLE READ the second cannot lock the stock rows the first
        changed, and queue_job reruns it whole); with their reservations
        queued in a channel that runs one job at a time, the confirmations
        run side by side and each reservation starts after the one before it
        committed.
        """
        if not env.context.get("ecom_reserve_in_job"):
            return self.reserve(env)
        ids = self._pop_ids(env)
        if ids:
            pickings = env["stock.picking"].browse(ids)
            # before the confirmations still waiting: a confirmed batch gets
            # its stock as soon as a worker is free
            pickings.with_delay(
                priority=RESERVATION_PRIORITY,
                description=_("Reserve %d deliveries (%s…)") % (len(ids), pickings[0].name),
            )._ecom_job_reserve()

    def reserve(self, env):
        """Reserve the collected deliveries, in the order they were confirmed:
        in a few statements where the performance layer takes what Odoo
        would, the others after them by Odoo's ``action_assign``, each with a
        prefetch of its own; returns those now reserved."""
        Picking = env["stock.picking"].with_context(ecom_reservation_batch=None)
        ids = self._pop_ids(env)
        # what procurement_jit reserves when an order is confirmed
        pickings = Picking.browse(ids).filtered(
            lambda p: p.state == "confirmed" or (p.state in ("waiting", "assigned")
                                                 and not p.printed))
        if not pickings:
            return pickings
        # two workers reserving the same products wait for each other
        # instead of deadlocking (bulk/reservation.py)
        pickings._ecom_lock_stock()
        for picking in pickings._ecom_reserve_in_bulk():
            picking.with_prefetch().action_assign()
        return pickings.filtered(lambda picking: picking.state == "assigned")


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "ecom.guard.mixin", "ecom.notify.mixin"]
    _ecom_state_field = "ecom_fulfil_state"
    _ecom_can_prefix = "can_ecom_"
    _ecom_protected_fields = FULFIL_FIELDS

    # The order's channel, province and expedited flag (加急), stored for the
    # warehouse's queues, filters and groupings: one computation for the
    # three (ecom_expedited: sale_order_assignment.py). Odoo recomputes a
    # delivery's order about 4 times while confirming it, and writes the
    # fields of one computation in one UPDATE where three related fields
    # took three.
    ecom_channel_id = fields.Many2one(
        "ecom.channel", string="Sales Channel", compute="_compute_ecom_order_values",
        store=True, readonly=True, index=True,
        help="Shop the order came from. Orders without a channel follow "
             "Odoo's standard sales flow.")
    ecom_fulfil_state = fields.Selection(
        FULFIL_STATES, string="Fulfilment Stage", index=True, copy=False, readonly=True,
        track_visibility="onchange")
    ecom_platform_ref = fields.Char(
        related="sale_id.ecom_platform_ref", readonly=True, string="Platform Order No.")
    ecom_buyer_name = fields.Char(related="sale_id.ecom_buyer_name", readonly=True)
    ecom_buyer_phone = fields.Char(related="sale_id.ecom_buyer_phone", readonly=True)
    ecom_province = fields.Char(string="Province", compute="_compute_ecom_order_values",
                                readonly=True, store=True)
    ecom_address = fields.Char(related="sale_id.ecom_address", readonly=True)
    ecom_buyer_remark = fields.Text(related="sale_id.ecom_buyer_remark", readonly=True)
    ecom_sla_deadline = fields.Datetime(related="sale_id.ecom_sla_deadline", readonly=True)

    ecom_printed_by = fields.Many2one("res.users", string="Waybill Printed By", copy=False,
                                      readonly=True)
    ecom_printed_at = fields.Datetime(string="Waybill Printed At", copy=False, readonly=True)
    ecom_picker_id = fields.Many2one("res.users", string="Picker", copy=False, readonly=True)
    ecom_picked_at = fields.Datetime(string="Picked At", copy=False, readonly=True)
    ecom_packer_id = fields.Many2one("res.users", string="Packer", copy=False, readonly=True)
    ecom_packed_at = fields.Datetime(string="Packed At", copy=False, readonly=True)
    ecom_package_count = fields.Integer(string="Parcels", default=1, copy=False)
    ecom_weight = fields.Float(string="Parcel Weight (kg)", copy=False)
    ecom_checker_id = fields.Many2one("res.users", string="Checked By", copy=False,
                                      readonly=True)
    ecom_checked_at = fields.Datetime(string="Checked At", copy=False, readonly=True)
    ecom_shipped_at = fields.Datetime(string="Shipped At", copy=False, readonly=True,
                                      index=True)
    ecom_delivered_at = fields.Datetime(string="Buyer Received At", copy=False,
                                        readonly=True)
    ecom_scan_ids = fields.One2many("ecom.picking.scan", "picking_id", string="Scans",
                                    copy=False)
    ecom_handover_id = fields.Many2one("ecom.handover", string="Handover Batch", copy=False,
                                       readonly=True, index=True)

    can_ecom_print_waybill = fields.Boolean(compute="_compute_ecom_can")
    can_ecom_pick = fields.Boolean(compute="_compute_ecom_can")
    can_ecom_pack = fields.Boolean(compute="_compute_ecom_can")
    can_ecom_scan = fields.Boolean(compute="_compute_ecom_can")
    can_ecom_check = fields.Boolean(compute="_compute_ecom_can")
    can_ecom_ship = fields.Boolean(compute="_compute_ecom_can")
    can_ecom_confirm_delivered = fields.Boolean(compute="_compute_ecom_can")

    @api.depends("sale_id.ecom_channel_id", "sale_id.ecom_province",
                 "sale_id.ecom_expedited")
    def _compute_ecom_order_values(self):
        # as a related field would: whoever reads the delivery
        for picking, as_admin in zip(self, self.sudo()):
            order = as_admin.sale_id
            picking.ecom_channel_id = order.ecom_channel_id.id
            picking.ecom_province = order.ecom_province
            picking.ecom_expedited = order.ecom_expedited

    @api.model
    def _ecom_actions(self):
        actions = super(StockPicking, self)._ecom_actions()
        labels = {
            "print_waybill": _("Printing waybills"), "pick": _("Picking"),
            "pack": _("Packing"), "scan": _("Scanning"), "check": _("Checking"),
            "ship": _("Shipping"), "hand_over": _("Shipping"),
            "confirm_delivered": _("Confirming delivery"),
        }
        for action, (start, end, groups) in TRANSITIONS.items():
            actions[action] = ecom_action(groups, [start], end, labels[action])
        return actions

    def _ecom_why_not(self, action):
        """Why `action` cannot run on this delivery now, or None when it can."""
        self.ensure_one()
        if not self.ecom_fulfil_state:
            return _("%s is not the delivery of a channel order.") % self.name
        why = super(StockPicking, self)._ecom_why_not(action)
        if why:
            return why
        if self.state == "cancel":
            return _("Delivery %s is cancelled.") % self.name
        if action in GOODS_STEPS and self.state != "assigned":
            return _("Delivery %s is not fully reserved: it cannot be picked and shipped "
                     "yet.") % self.name
        if action == "ship" and self.ecom_handover_id:
            return _("Delivery %s is in handover batch %s: it ships when the batch "
                     "closes.") % (self.name, self.ecom_handover_id.name)
        if action == "hand_over" and not self.ecom_handover_id:
            return _("Delivery %s is in no handover batch.") % self.name
        return None

    # ------------------------------------------------------------------
    # Fulfilment actions (contract)
    # ------------------------------------------------------------------
    @api.multi
    def action_ecom_print_waybill(self):
        """Print the waybill (打单): needs the carrier and its tracking number."""
        self._ecom_ensure("print_waybill")
        missing = self.filtered(lambda p: not p.carrier_id or not p.carrier_tracking_ref)
        if missing:
            raise UserError(_("Set the carrier and the tracking number before printing the "
                              "waybill of %s.") % ", ".join(missing.mapped("name")))
        # `printed` also stops Odoo from adding new moves to this delivery.
        self._ecom_advance("print_waybill", {
            "printed": True, "ecom_printed_by": self.env.uid,
            "ecom_printed_at": fields.Datetime.now()})
        # the delivery notes to download (no None: any RPC client can carry it)
        report = self.env.ref("ecom_order_mgmt.action_report_ecom_delivery_note")
        return downloadable(report.report_action(self, config=False), self._name, self.ids)

    @api.multi
    def action_ecom_pick(self):
        """The goods are picked to the staging area (拣货)."""
        self._ecom_ensure("pick")
        self._ecom_advance("pick", {
            "ecom_picker_id": self.env.uid, "ecom_picked_at": fields.Datetime.now()})
        return True

    @api.multi
    def action_ecom_pack(self):
        """Packed (打包): parcels counted and weighed; the order's SLA clock stops."""
        self._ecom_ensure("pack")
        for picking in self:
            if picking.ecom_package_count < 1:
                raise UserError(_("Delivery %s: count at least one parcel.") % picking.name)
            if picking.ecom_weight < 0:
                raise UserError(_("Delivery %s: the weight cannot be negative.")
                                % picking.name)
        now = fields.Datetime.now()
        for picking in self:
            picking._ecom_advance("pack", {
                "ecom_packer_id": self.env.uid, "ecom_packed_at": now,
                "ecom_weight": picking.ecom_weight or picking.weight})
        self.mapped("sale_id")._ecom_mark_sla_done()
        return True

    @api.multi
    def action_ecom_scan(self, code, qty=1):
        """One scan of a product barcode or internal reference while checking.

        Refused at once when the code is unknown, the product is not in the
        delivery or more units are scanned than the delivery holds; such a
        wrong scan is recorded for the packers' KPIs (ecom.scan.error) even
        when the refusal rolls the caller's transaction back.
        """
        self.ensure_one()
        try:
            # A refusal rolls the savepoint back, and with it the delivery's
            # lock, which the scan error's own transaction needs.
            with self.env.cr.savepoint():
                return self._ecom_scan(code, qty)
        except WrongScan as wrong:
            self._ecom_record_scan_error(wrong.values)
            raise UserError(wrong.message)

    def _ecom_scan(self, code, qty):
        self._ecom_ensure("scan")
        code = (code or "").strip()
        if not code:
            raise UserError(_("Scan a barcode or an internal reference."))
        if not isinstance(qty, int) or qty <= 0:
            raise UserError(_("The scanned quantity must be a positive whole number."))
        product, difference = self._ecom_scan_fit(code, qty)
        if not product:
            raise self._ecom_wrong_scan(code, qty, product, UNKNOWN, _(
                "Unknown code %s: no product has this barcode or reference.") % code)
        if difference and difference.kind == UNEXPECTED:
            raise self._ecom_wrong_scan(code, qty, product, UNEXPECTED, _(
                "%s is not in delivery %s.") % (product.display_name, self.name))
        if difference:
            raise self._ecom_wrong_scan(code, qty, product, OVER, _(
                "Too many %s: the delivery holds %d, scanned %d.") % (
                product.display_name, difference.expected, difference.scanned))
        self.env["ecom.picking.scan"].create({
            "picking_id": self.id, "product_id": product.id, "code": code,
            "quantity": qty})
        return True

    def _ecom_scan_fit(self, code, qty):
        """(product, difference) of scanning `code` x `qty` at this delivery:
        the product of that barcode or reference (empty when unknown), and the
        scan comparison's difference for it when the scan does not fit (not in
        the delivery, more units than it holds), else None."""
        product = self.env["product.product"].search(
            ["|", ("barcode", "=", code), ("default_code", "=", code)], limit=1)
        if not product:
            return product, None
        scanned = self._ecom_scanned_quantities()
        scanned[product.id] += qty
        for difference in compare_scans(self._ecom_expected_quantities(), scanned):
            if difference.key == product.id and difference.kind in (UNEXPECTED, OVER):
                return product, difference
        return product, None

    @api.multi
    def action_ecom_check(self):
        """Checked (验货): the scans match the delivery line by line."""
        self._ecom_ensure("check")
        products = self.env["product.product"]
        for picking in self:
            differences = compare_scans(picking._ecom_expected_quantities(),
                                        picking._ecom_scanned_quantities())
            if differences:
                lines = []
                for difference in differences:
                    name = products.browse(difference.key).display_name
                    if difference.kind == SHORT:
                        lines.append(_("%s: scanned %d of %d") % (
                            name, difference.scanned, difference.expected))
                    elif difference.kind == OVER:
                        lines.append(_("%s: scanned %d, the delivery holds %d") % (
                            name, difference.scanned, difference.expected))
                    else:
                        lines.append(_("%s: not in the delivery") % name)
                raise UserError(_("Delivery %s does not match its scans:\n%s") % (
                    picking.name, "\n".join(lines)))
        self._ecom_advance("check", {
            "ecom_checker_id": self.env.uid, "ecom_checked_at": fields.Datetime.now()})
        return True

    @api.multi
    def action_ecom_ship(self, carrier_count=None):
        """Shipped (发货): handed to the carrier, both sides counted; validates
        the delivery.

        :param carrier_count: the parcels the courier counts when taking these
            deliveries (one carrier); it must equal the parcels packed. The
            deliveries are handed over in a handover batch of their own,
            closed at once, as a batch scanned parcel by parcel would be.
        """
        self._ecom_ensure("ship")
        if carrier_count is None:
            raise UserError(_(
                "Count the parcels with the courier before they leave: give the "
                "courier's count (carrier_count), or scan the parcels into a carrier "
                "handover batch."))
        if isinstance(carrier_count, bool) or not isinstance(carrier_count, int) \
                or carrier_count < 0:
            raise UserError(_("The courier's count must be a whole number of parcels."))
        self.env["ecom.handover"]._ecom_hand_over_now(self, carrier_count)
        return True

    @api.multi
    def action_ecom_open_ship_wizard(self):
        """Ask for the courier's count of parcels, then ship."""
        self._ecom_ensure("ship")
        return {
            "type": "ir.actions.act_window", "name": _("Ship"),
            "res_model": "ecom.ship.wizard", "view_mode": "form", "target": "new",
            "context": {"default_picking_ids": [(6, 0, self.ids)]},
        }

    def _ecom_hand_over(self):
        """Ship the deliveries of a handover batch that closes (both sides
        counted by then): validate them, record the stage, tell the buyers."""
        self._ecom_ensure("hand_over")
        for picking in self:
            for move_line in picking.move_line_ids:
                move_line.qty_done = move_line.product_uom_qty
            result = picking.button_validate()
            if isinstance(result, dict) and result.get("res_model") == \
                    "stock.backorder.confirmation" and picking.move_type == "direct":
                # Split delivery agreed with the buyer: what was reserved
                # ships now, the rest follows in a backorder delivery.
                self.env["stock.backorder.confirmation"].browse(result["res_id"]).process()
            if picking.state != "done":
                raise UserError(_("Delivery %s could not be validated.") % picking.name)
        self._ecom_advance("hand_over", {"ecom_shipped_at": fields.Datetime.now()})
        # Orders invoiced at shipment: now (a parcel shipped on its own, a
        # small batch), or, for a batch as big as a bulk review sent to the
        # jobs, by a job of the invoicing channel: the handover does not
        # hold the invoice numbering while it invoices every parcel.
        orders = self.mapped("sale_id")
        orders._ecom_invoice_at("shipment", queue=orders._ecom_use_jobs())
        self._ecom_notify_buyer(MAIL_SHIPPED)

    def _ecom_notify_order(self):
        return self.sale_id

    @api.multi
    def action_ecom_confirm_delivered(self):
        """Delivered (签收): the buyer received the parcel."""
        self._ecom_ensure("confirm_delivered")
        self._ecom_advance("confirm_delivered", {
            "ecom_delivered_at": fields.Datetime.now()})
        return True

    def _add_delivery_cost_to_so(self):
        # The platform already charged the buyer for shipping (it is in the
        # paid amount): no carrier cost line is added to channel orders.
        if self.ecom_fulfil_state:
            return
        return super(StockPicking, self)._add_delivery_cost_to_so()

    # ------------------------------------------------------------------
    def _ecom_expected_quantities(self):
        """Units the parcel must hold: all of it, or in a split delivery
        (shipping policy "as soon as possible") what is reserved now."""
        expected = defaultdict(int)
        for move in self.move_lines.filtered(lambda m: m.state != "cancel"):
            quantity = move.reserved_availability if self.move_type == "direct" \
                else move.product_uom_qty
            quantity = move.product_uom._compute_quantity(quantity, move.product_id.uom_id)
            if quantity:
                expected[move.product_id.id] += int(round(quantity))
        return dict(expected)

    def _create_backorder(self, backorder_moves=None):
        backorders = super(StockPicking, self)._create_backorder(
            backorder_moves=backorder_moves or [])
        # The rest of a split channel delivery goes through the stages again.
        for backorder in backorders.filtered(lambda b: b.backorder_id.ecom_fulfil_state):
            backorder._ecom_write({"ecom_fulfil_state": "to_print"})
        return backorders

    def _ecom_scanned_quantities(self):
        scanned = defaultdict(int)
        for scan in self.ecom_scan_ids:
            scanned[scan.product_id.id] += scan.quantity
        return scanned

    @api.multi
    def action_ecom_open_scanner(self):
        """Open the scanner for checking this delivery."""
        self._ecom_ensure("scan")
        return {
            "type": "ir.actions.act_window", "name": _("Scan"),
            "res_model": "ecom.scan.wizard", "view_mode": "form", "target": "new",
            "context": {"default_picking_id": self.id},
        }

    @api.multi
    def action_ecom_reset_scans(self):
        """Forget the scans of a delivery being checked, to scan it again."""
        self._ecom_ensure("scan")
        self.mapped("ecom_scan_ids").unlink()
        return True

    @api.multi
    def action_assign(self):
        # While finance approval confirms a batch of orders, the reservation
        # of their deliveries waits for the end of the batch (ReservationBatch
        # in sale_order.py).
        batch = self.env.context.get("ecom_reservation_batch")
        if isinstance(batch, ReservationBatch):
            batch.add(self)
            return True
        return super(StockPicking, self).action_assign()

    @job(default_channel=RESERVATION_CHANNEL)
    @api.multi
    def _ecom_job_reserve(self):
        """Reserve deliveries confirmed by a background confirmation, in the
        order they were confirmed (first confirmed, first served).

        Deliveries reserved or cancelled meanwhile are left as they are, so
        running the job twice changes nothing.
        """
        batch = ReservationBatch()
        batch.add(self)
        reserved = batch.reserve(self.env)
        return _("%d of %d deliveries reserved") % (len(reserved), len(self))


class EcomPickingScan(models.Model):
    """One scan at the packing check: who scanned what, when."""

    _name = "ecom.picking.scan"
    _description = "Delivery Check Scan"
    _order = "id"

    picking_id = fields.Many2one("stock.picking", required=True, index=True,
                                 ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True)
    code = fields.Char(required=True, help="What the scanner read.")
    quantity = fields.Integer(required=True, default=1)
    user_id = fields.Many2one("res.users", default=lambda self: self.env.uid, readonly=True)
