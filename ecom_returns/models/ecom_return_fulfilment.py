# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an approved case does to the goods: the order's delivery changed
before shipment, a return receipt inspected into good and defective stock,
a replacement or reissue delivery."""
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..tools import refund
from .ecom_return import fmt_quantity as _fmt


class EcomReturn(models.Model):
    _inherit = "ecom.return"

    # ------------------------------------------------------------------
    def _ecom_after_approval(self):
        """What an approved case does to its order and its delivery (a return
        after delivery has its receipt instead, see _ecom_create_return_pickings)."""
        self.ensure_one()
        order = self.order_id
        if self.type == "refund_only":
            if order.ecom_payment_state == "unpaid":
                order.action_cancel()
                self._ecom_done(_("Unpaid order %s closed.") % order.name)
                return
            self._ecom_reduce_delivery()
            if not order.picking_ids.filtered(
                    lambda p: p.picking_type_code == "outgoing"
                    and p.state not in ("done", "cancel")):
                order.action_cancel()
            return
        if self.type == "exchange":
            self._ecom_swap_on_delivery()
            if self._ecom_has_difference():
                return
            self._ecom_done(_("Exchanged on the delivery; no price difference."))
            return
        if self.type == "reissue":
            picking = self._ecom_create_delivery(
                [(ln.replacement_product_id or ln.product_id, ln.quantity)
                 for ln in self.line_ids])
            delivery = self._ecom_delivery()
            self.env["ecom.carrier.claim"].create({
                "return_id": self.id,
                "carrier_id": delivery.carrier_id.id,
                "tracking_ref": delivery.carrier_tracking_ref,
                "amount": float(sum((refund.line_amount(ln.quantity, ln.price_unit)
                                     for ln in self.line_ids), refund.money(0))),
            })
            self._ecom_done(_("Reissued at no charge in %s; carrier claim recorded.")
                            % picking.name)

    def _ecom_has_difference(self):
        """True when an exchange still has money to settle."""
        figures = self._ecom_figures()
        return bool(figures["charge"] or figures["refund"])

    def _ecom_done(self, note=None):
        self._ecom_write({"state": "done", "done_at": fields.Datetime.now()})
        if note:
            self.message_post(body=note)

    def _ecom_open_deliveries(self):
        return self.order_id.picking_ids.filtered(
            lambda p: p.picking_type_code == "outgoing" and p.state not in ("done", "cancel")
            and not p.ecom_replacement_of_id)

    def _ecom_reopen_check(self, pickings):
        """A delivery whose contents change must be checked (scanned) again."""
        for picking in pickings.filtered(lambda p: p.ecom_fulfil_state == "checked"):
            picking.ecom_scan_ids.unlink()
            picking._ecom_write({"ecom_fulfil_state": "packed"})
        pickings.filtered(lambda p: p.ecom_fulfil_state == "packed").mapped(
            "ecom_scan_ids").unlink()

    def _ecom_reduce_delivery(self):
        """Take this case's quantities out of the order's delivery (not shipped)."""
        pickings = self._ecom_open_deliveries()
        for line in self.line_ids:
            rest = line.quantity
            moves = pickings.mapped("move_lines").filtered(
                lambda m: m.product_id == line.product_id
                and m.state not in ("done", "cancel"))
            for move in moves:
                if rest <= 0:
                    break
                take = min(rest, move.product_uom_qty)
                move._do_unreserve()
                if float_compare(take, move.product_uom_qty,
                                 precision_rounding=move.product_uom.rounding) >= 0:
                    move._action_cancel()
                    # Off the parcel altogether, unless it was its last line
                    # (the delivery then ends cancelled).
                    if move.picking_id.move_lines.filtered(lambda m: m.state != "cancel"):
                        move.unlink()
                else:
                    move.product_uom_qty -= take
                rest -= take
        self._ecom_reopen_check(pickings)
        live = pickings.filtered(lambda p: p.move_lines.filtered(
            lambda m: m.state not in ("done", "cancel")))
        if live:
            live.action_assign()

    def _ecom_swap_on_delivery(self):
        """Exchange before shipment: replacement in, original out, same parcel."""
        picking = self._ecom_open_deliveries()[:1]
        if not picking:
            raise UserError(_("Order %s has no delivery left to change.") % self.order_id.name)
        moves = self.env["stock.move"]
        for line in self.line_ids:
            product = line.replacement_product_id or line.product_id
            moves |= moves.create(self._ecom_move_values(picking, product, line.quantity))
        moves._action_confirm()
        self._ecom_reduce_delivery()

    def _ecom_move_values(self, picking, product, quantity):
        return {
            "name": product.display_name, "product_id": product.id,
            "product_uom_qty": quantity, "product_uom": product.uom_id.id,
            "picking_id": picking.id, "picking_type_id": picking.picking_type_id.id,
            "location_id": picking.location_id.id,
            "location_dest_id": picking.location_dest_id.id,
            "group_id": (picking.group_id or self.order_id.procurement_group_id).id,
            "company_id": picking.company_id.id,
            "origin": "%s, %s" % (self.order_id.name, self.name),
            "warehouse_id": picking.picking_type_id.warehouse_id.id,
        }

    def _ecom_create_delivery(self, products):
        """A new channel delivery (exchange replacement, reissue) at no charge:
        no sale line, nothing invoiced; it goes through the fulfilment stages."""
        order = self.order_id
        picking_type = order.warehouse_id.out_type_id
        picking = self.env["stock.picking"].create({
            "picking_type_id": picking_type.id,
            "partner_id": order.partner_shipping_id.id,
            "location_id": picking_type.default_location_src_id.id,
            "location_dest_id": order.partner_shipping_id.property_stock_customer.id,
            "origin": "%s, %s" % (order.name, self.name),
            "company_id": order.company_id.id,
            "move_type": "one",
            "ecom_replacement_of_id": self.id,
            "ecom_fulfil_state": "to_print",
        })
        moves = self.env["stock.move"]
        for product, quantity in products:
            values = self._ecom_move_values(picking, product, quantity)
            values["price_unit"] = 0.0
            moves |= moves.create(values)
        picking.action_confirm()
        picking.action_assign()
        self._ecom_write({"replacement_picking_id": picking.id})
        return picking

    def _ecom_create_return_pickings(self):
        """A standard Odoo return of each case's delivery, into the returns
        location, created without logging its creation and intermediate
        states (Odoo's note on the receipt says where it comes from; the case
        records the approval)."""
        deliveries = {case.id: case._ecom_delivery() for case in self}
        warehouses = {case.id: deliveries[case.id].picking_type_id.warehouse_id
                      or case.order_id.warehouse_id for case in self}
        self.env["stock.warehouse"].union(*warehouses.values())._ecom_ensure_return_locations()
        Wizard = self.env["stock.return.picking"]
        wizard_fields = list(Wizard._fields)
        for case in self:
            delivery = deliveries[case.id]
            # Odoo's return writes and invalidates as it goes: with a prefetch
            # of its own, each receipt re-reads only its own records.
            case = case.with_prefetch()
            wizard = Wizard.with_context(active_id=delivery.id, active_ids=delivery.ids,
                                         active_model="stock.picking", mail_notrack=True,
                                         mail_create_nolog=True)
            values = wizard.default_get(wizard_fields)
            values["location_id"] = warehouses[case.id].ecom_return_location_id.id
            wanted = case._ecom_requested()
            for command in values.get("product_return_moves", ()):
                line = command[2]
                take = min(wanted.get(line["product_id"], 0.0), line["quantity"])
                line["quantity"] = take
                wanted[line["product_id"]] = wanted.get(line["product_id"], 0.0) - take
            picking_id, _type_id = wizard.create(values)._create_returns()
            picking = self.env["stock.picking"].browse(picking_id)
            picking.write({"ecom_return_id": case.id,
                           "origin": _("Return of %s, %s") % (delivery.name, case.name)})
            case._ecom_write({"return_picking_id": picking.id})
        # Returning a delivery again unreserves its earlier returns (Odoo's
        # wizard): reserve the order's open receipts again, so that each
        # parcel can be received as announced.
        siblings = self._ecom_siblings()
        receipts = self.env["stock.picking"].union(*(
            other.return_picking_id for case in self
            for other in siblings.get(case.order_id.id, ()) if other.return_picking_id))
        receipts.mapped("move_lines").filtered(
            lambda m: m.state in ("confirmed", "waiting", "partially_available"))._action_assign()
        return True

    @api.model
    def _ecom_on_returned(self, pickings):
        """These return receipts are validated: the cases are received (in
        the chatter by whoever validated), the goods inspected and dispatched,
        then each case goes on with what was accepted (_ecom_after_receipt)."""
        pickings = pickings.filtered(lambda p: p.ecom_return_id.state == "waiting_return")
        cases = pickings.mapped("ecom_return_id")
        if not cases:
            return
        cases._ecom_write({"state": "received", "received_at": fields.Datetime.now()})
        cases = cases.sudo()
        cases._ecom_drop_backorders(pickings.sudo())
        cases._ecom_dispatch_inspected(pickings.sudo())
        for case in cases:
            case._ecom_after_receipt()

    def _ecom_drop_backorders(self, pickings):
        """A case is received once: units missing from the parcel are not
        waited for (Odoo's backorder of the receipt is cancelled)."""
        backorders = self.env["stock.picking"].search([
            ("backorder_id", "in", pickings.ids), ("state", "not in", ("done", "cancel"))])
        for backorder in backorders:
            backorder.action_cancel()
            backorder.backorder_id.ecom_return_id.message_post(body=_(
                "Units missing from the parcel are not expected any more: %s "
                "cancelled.") % backorder.name)

    def _ecom_after_receipt(self):
        """Close what needs nothing more: nothing accepted (all missing or
        defective by the buyer's fault: nothing to refund or replace), or an
        exchange at the same price once its replacement order exists."""
        self.ensure_one()
        if not any(line.quantity_accepted > 0 for line in self.line_ids):
            self._ecom_done(_("Nothing received is refunded or replaced (missing units, "
                              "or defective ones the buyer is responsible for)."))
            return
        if self.type == "exchange":
            order = self._ecom_create_replacement_order()
            if not self._ecom_has_difference():
                self._ecom_done(_("Replacement order %s created; no price difference.")
                                % order.name)

    def _ecom_dispatch_inspected(self, pickings):
        """Good units back to saleable stock, defective ones to the defective
        location (not saleable: see stock.warehouse), the supervisor told of
        defective and missing units: one internal move per line and
        destination, confirmed, reserved and done together.

        The units received per line are those the warehouse counted
        (action_receive), else those of the validated receipt, given to the
        case's lines in their order."""
        counted = self.env.context.get("ecom_receipt_counted")
        moves = self.env["stock.move"]
        for picking in pickings:
            case = picking.ecom_return_id
            warehouse = picking.picking_type_id.warehouse_id or case.order_id.warehouse_id
            source = picking.location_dest_id
            received = defaultdict(float)
            for move in picking.move_lines.filtered(lambda m: m.state == "done"):
                received[move.product_id.id] += move.product_qty
            for line in case.line_ids:
                quantity = min(line.quantity, received[line.product_id.id])
                if counted:
                    quantity = min(quantity, line.quantity_received)
                received[line.product_id.id] -= quantity
                defective = min(line.quantity_defective, quantity)
                line._ecom_write({"quantity_received": quantity,
                                  "quantity_defective": defective})
                if quantity - defective > 0:
                    moves |= moves.create(case._ecom_inspection_move_values(
                        line.product_id, quantity - defective, source,
                        warehouse.lot_stock_id))
                if defective > 0:
                    moves |= moves.create(case._ecom_inspection_move_values(
                        line.product_id, defective, source,
                        warehouse.ecom_defective_location_id))
        if moves:
            self._ecom_move_internal(moves)
        for case in pickings.mapped("ecom_return_id"):
            case._ecom_tell_supervisor()

    def _ecom_tell_supervisor(self):
        """An activity for the after-sales supervisor when units came back
        defective or did not come back ([000]: report to the supervisor)."""
        lines = self.line_ids
        defective = sum(lines.mapped("quantity_defective"))
        missing = sum(lines.mapped("quantity_missing"))
        if not defective and not missing:
            return
        summary = []
        if defective:
            summary.append(_("%d defective unit(s) returned") % defective)
        if missing:
            summary.append(_("%d unit(s) missing") % missing)
        notes = []
        for line in lines:
            name = line.product_id.display_name
            if line.quantity_defective:
                notes.append("%s × %s" % (name, _fmt(line.quantity_defective)))
            if line.quantity_withheld:
                notes.append(_("%s: %s defective unit(s) not refunded nor replaced (the "
                               "buyer is responsible)") % (name, _fmt(line.quantity_withheld)))
            if line.quantity_missing:
                notes.append(_("%s: %s unit(s) missing") % (name, _fmt(line.quantity_missing)))
        supervisor = self.company_id.ecom_return_supervisor_id or \
            self.env.ref("base.user_root")
        self.env["mail.activity"].create({
            "res_model_id": self.env["ir.model"]._get(self._name).id,
            "res_id": self.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "user_id": supervisor.id,
            "summary": ", ".join(summary),
            "note": ", ".join(notes),
            "date_deadline": fields.Date.context_today(self),
        })

    def _ecom_inspection_move_values(self, product, quantity, source, destination):
        return {
            "name": _("%s: inspected") % self.name, "product_id": product.id,
            "product_uom_qty": quantity, "product_uom": product.uom_id.id,
            "location_id": source.id, "location_dest_id": destination.id,
            "company_id": self.company_id.id, "origin": self.name,
        }

    @api.model
    def _ecom_move_internal(self, moves):
        """Carry out these internal moves at once: every unit must be there."""
        moves._action_confirm()
        moves._action_assign()
        by_quantity = defaultdict(lambda: self.env["stock.move.line"])
        for move_line in moves.mapped("move_line_ids"):
            by_quantity[move_line.product_uom_qty] |= move_line
        for quantity, move_lines in by_quantity.items():
            move_lines.write({"qty_done": quantity})
        for move in moves:
            if float_compare(move.quantity_done, move.product_uom_qty,
                             precision_rounding=move.product_uom.rounding) < 0:
                raise UserError(_("%s: %s units are not in %s.") % (
                    move.product_id.display_name, _fmt(move.product_uom_qty),
                    move.location_id.display_name))
        moves._action_done()
        return moves

    @api.multi
    def _ecom_demo_receive(self):
        """Validate the return receipts of these cases (demo data only):
        everything announced arrives, as the warehouse would record it."""
        for case in self:
            picking = case.return_picking_id
            for move_line in picking.move_line_ids:
                move_line.qty_done = move_line.product_uom_qty
            picking.button_validate()
        return True
