# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models

OUTCOMES = [
    ("passed", "Passed"),
    ("held", "Held as exception"),
    ("kept", "Left for people"),
    ("failed", "Refused"),
]


class EcomReviewResult(models.TransientModel):
    """What a bulk or automatic review did to each order, and why."""

    _name = "ecom.review.result"
    _description = "Review Summary"

    line_ids = fields.One2many("ecom.review.result.line", "result_id", readonly=True)
    summary = fields.Char(compute="_compute_summary")
    passed_count = fields.Integer(compute="_compute_summary")
    held_count = fields.Integer(compute="_compute_summary")
    kept_count = fields.Integer(compute="_compute_summary")
    failed_count = fields.Integer(compute="_compute_summary")
    queued_count = fields.Integer(string="Queued", readonly=True,
                                  help="Orders left to background jobs (big selections).")
    job_count = fields.Integer(string="Background Jobs", readonly=True)

    @api.depends("line_ids.outcome")
    def _compute_summary(self):
        for result in self:
            counts = {key: 0 for key, _label in OUTCOMES}
            for line in result.line_ids:
                counts[line.outcome] += 1
            result.passed_count = counts["passed"]
            result.held_count = counts["held"]
            result.kept_count = counts["kept"]
            result.failed_count = counts["failed"]
            result.summary = _("%d passed, %d held as exception, %d left for people, "
                               "%d refused.") % (counts["passed"], counts["held"],
                                                 counts["kept"], counts["failed"])
            if result.queued_count:
                result.summary = _("%d orders queued for review in %d background jobs; "
                                   "they leave the review lists as the jobs finish.") % (
                    result.queued_count, result.job_count)

    @api.model
    def _show(self, results, queued=0, jobs=0):
        """Store (order, outcome, note) triples and return the window showing them;
        `queued` orders were left to `jobs` background jobs."""
        result = self.create({"queued_count": queued, "job_count": jobs, "line_ids": [
            (0, 0, {"order_id": order.id, "outcome": outcome, "note": note})
            for order, outcome, note in results]})
        return {
            "type": "ir.actions.act_window",
            "name": _("Review Summary"),
            "res_model": self._name,
            "res_id": result.id,
            "view_mode": "form",
            "target": "new",
        }


class EcomReviewResultLine(models.TransientModel):
    _name = "ecom.review.result.line"
    _description = "Review Summary Line"
    _order = "outcome, id"

    result_id = fields.Many2one("ecom.review.result", required=True, ondelete="cascade")
    order_id = fields.Many2one("sale.order", string="Order", readonly=True)
    outcome = fields.Selection(OUTCOMES, readonly=True)
    note = fields.Text(string="Why", readonly=True)
