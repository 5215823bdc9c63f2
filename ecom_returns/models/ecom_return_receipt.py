# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Receiving a return parcel (退货验收, [000] "inspected like any receipt"):
the warehouse counts each case line into good, defective and missing units,
and the return receipt is validated with what arrived. What happens next
(stock, supervisor, replacement) is in ecom_return_fulfilment.py."""
from collections import defaultdict

from odoo import _, api, models
from odoo.exceptions import UserError

from ..tools import receipt
from .ecom_return import fmt_quantity as _fmt


class EcomReturn(models.Model):
    _inherit = "ecom.return"

    @api.multi
    def action_receive(self, quantities=None):
        """Warehouse: receive the return parcels of these cases.

        :param quantities: [{"line_id": case line id, "good": units,
            "defective": units}]; a line left out arrived complete, with the
            defective units already noted on it. Units neither good nor
            defective are missing: nothing more is expected of them and they
            are neither refunded nor replaced.

        Good units go back to the warehouse's stock, defective ones to its
        Defective location (not saleable), the supervisor is told of both
        defective and missing units, and the case is received.
        """
        self._ecom_ensure("receive")
        counts = self._ecom_receipt_counts(quantities or [])
        for line, (good, defective) in counts.items():
            line._ecom_write({"quantity_defective": defective,
                              "quantity_received": good + defective})
        pickings = self.mapped("return_picking_id")
        for picking in pickings:
            picking._ecom_set_done_quantities(self._ecom_arrived_by_product(
                picking.ecom_return_id, counts))
        pickings.with_context(ecom_receipt_counted=True).action_done()
        return True

    @api.multi
    def action_open_receive_wizard(self):
        """The receiving screen of this case (scan or type the counts)."""
        self.ensure_one()
        self._ecom_ensure("receive")
        return self.env["ecom.return.receive.wizard"]._ecom_open_for(self)

    def _ecom_receipt_counts(self, quantities):
        """{case line: (good, defective)} of every line of these cases, from
        `quantities` (see action_receive), checked before anything is written."""
        lines = self.mapped("line_ids")
        given = {}
        for item in quantities:
            line = lines.filtered(lambda ln: isinstance(item, dict)
                                  and ln.id == item.get("line_id"))
            if not line:
                raise UserError(_("Each count names a line of the case received "
                                  "(line_id): %s.") % (item,))
            values = [item.get("good") or 0, item.get("defective") or 0]
            if not all(isinstance(value, (int, float)) for value in values):
                raise UserError(_("%s: the good and defective units are numbers.")
                                % line.product_id.display_name)
            given[line] = tuple(float(value) for value in values)
        counts = {line: given.get(line, (line.quantity - line.quantity_defective,
                                         line.quantity_defective)) for line in lines}
        for case in self:
            problems = receipt.receipt_problems([
                (line, line.quantity) + counts[line] for line in case.line_ids])
            if problems:
                raise UserError(_("Case %s cannot be received so:\n%s") % (
                    case.name, "\n".join(case._ecom_receipt_messages(problems))))
        return counts

    def _ecom_receipt_messages(self, problems):
        messages = []
        for problem in problems:
            if problem.code == receipt.NOTHING:
                messages.append(_("Nothing of the case is in the parcel: a parcel that "
                                  "holds none of the goods is not received."))
                continue
            name = problem.key.product_id.display_name
            if problem.code == receipt.NEGATIVE:
                messages.append(_("%s: the counts cannot be negative.") % name)
            else:
                messages.append(_("%s: %s counted, but the case announced %s.") % (
                    name, _fmt(problem.counted), _fmt(problem.announced)))
        return messages

    @staticmethod
    def _ecom_arrived_by_product(case, counts):
        arrived = defaultdict(float)
        for line in case.line_ids:
            arrived[line.product_id.id] += sum(counts[line])
        return arrived
