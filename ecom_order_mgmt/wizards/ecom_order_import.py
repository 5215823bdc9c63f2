# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Import of platform order exports (CSV/XLSX) into channel sale orders.

:meth:`EcomOrderImport.import_file` runs the four steps of an import:
parse (tools/order_import, pure Python: the file into orders and errors),
check and write (ecom.order.import.writer, which this wizard inherits: what
only the database knows, then the orders written, each all-or-nothing) and
summarise (the counts, the errors in the user's language and the file of
rejected rows). The wizard itself is the screen, and hands big files to
background jobs.
"""
import base64
import logging
import os
import xmlrpc.client
from collections import namedtuple

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.queue_job.job import identity_exact, job

from ..const import CS
from ..tools import order_import

_logger = logging.getLogger(__name__)

# System parameters bounding one import (a day of a big shop fits easily).
MAX_MB_PARAM = "ecom_order_mgmt.import_max_mb"
MAX_ROWS_PARAM = "ecom_order_mgmt.import_max_rows"
DEFAULT_MAX_MB = 20
DEFAULT_MAX_ROWS = 100000
# Files with more order lines than the threshold are written by background
# jobs (queue_job) of about `chunk` lines each, one transaction per job: the
# checks and the error report stay immediate, the writing is spread and
# committed piecewise (system parameters).
JOB_THRESHOLD_PARAM = "ecom_order_mgmt.import_job_threshold"
JOB_CHUNK_PARAM = "ecom_order_mgmt.import_job_chunk"
DEFAULT_JOB_THRESHOLD = 2000
DEFAULT_JOB_CHUNK = 1000
# The screen lists this many errors; the rejected-rows file holds them all.
ERROR_LINES_SHOWN = 1000

# What the write step did: the ids and number of lines of the orders
# created, {order key: name} of those found already in Odoo when written,
# and the orders left to background jobs (with the number of jobs).
Written = namedtuple("Written", "order_ids lines raced queued jobs")


class EcomOrderImport(models.TransientModel):
    """Upload a platform export, import its orders, show what was refused."""

    _name = "ecom.order.import"
    _inherit = ["ecom.guard.mixin", "ecom.order.import.writer"]
    _description = "Import Channel Orders"

    file = fields.Binary(string="File", attachment=False,
                         help="Platform export: .csv (UTF-8, UTF-8 with BOM or GB18030) "
                              "or .xlsx, one row per order line.")
    filename = fields.Char(string="File Name")
    state = fields.Selection([("draft", "Upload"), ("done", "Result")], default="draft",
                             required=True, readonly=True)
    imported_count = fields.Integer(string="Orders Imported", readonly=True)
    rejected_order_count = fields.Integer(string="Orders Rejected", readonly=True)
    rejected_row_count = fields.Integer(string="Rows Rejected", readonly=True)
    duplicate_count = fields.Integer(
        string="Already in Odoo", readonly=True,
        help="Platform orders of the file that were imported before: skipped.")
    line_count = fields.Integer(string="Order Lines Imported", readonly=True)
    note = fields.Text(string="Summary", readonly=True)
    order_ids = fields.Many2many("sale.order", string="Imported Orders", readonly=True)
    error_ids = fields.One2many("ecom.order.import.error", "import_id", string="Errors",
                                readonly=True)
    error_count = fields.Integer(string="Errors Found", readonly=True)
    rejected_file = fields.Binary(string="Rejected Rows", attachment=False, readonly=True,
                                  help="The rejected rows with an Error column: fix them "
                                       "and import this file again.")
    rejected_filename = fields.Char(readonly=True)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_import(self):
        """Import the uploaded file and show the result step of the wizard."""
        self.ensure_one()
        self._ecom_require_groups(_("Importing orders"), CS)
        if not self.file:
            raise UserError(_("Choose the file to import first."))
        summary = self.import_file(base64.b64decode(self.file), self.filename or "")
        errors = summary["errors"]
        self.write({
            "state": "done",
            "file": False,
            "imported_count": summary["imported"],
            "rejected_order_count": summary["rejected_orders"],
            "rejected_row_count": summary["rejected_rows"],
            "duplicate_count": summary["duplicates"],
            "line_count": summary["lines"],
            "note": summary["message"],
            "order_ids": [(6, 0, summary["order_ids"])],
            "error_count": len(errors),
            "error_ids": [(5, 0, 0)] + [
                (0, 0, {"row": row or 0, "column": column or False, "reason": reason})
                for row, column, reason in errors[:ERROR_LINES_SHOWN]],
            "rejected_file": summary["rejected_file"],
            "rejected_filename": summary["rejected_filename"],
        })
        return self._action_reopen()

    @api.multi
    def action_open_orders(self):
        """List the orders this import created."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Imported Orders"),
            "res_model": "sale.order",
            "view_mode": "tree,form",
            "domain": [("id", "in", self.order_ids.ids)],
            "target": "current",
        }

    @api.multi
    def action_new_import(self):
        """Start over with another file."""
        return self.create({})._action_reopen()

    def _action_reopen(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Import Orders"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    # ------------------------------------------------------------------
    # Server-side entry point (wizard, external clients, benchmark)
    # ------------------------------------------------------------------
    @api.model
    def import_file(self, content_bytes, filename):
        """Import a platform order export; return what happened.

        ``content_bytes`` is the file: bytes, an XML-RPC binary, or a base64
        string (JSON-RPC); ``filename`` tells the format by its extension
        (.csv or .xlsx). Requires the Customer Service group. A problem with
        the file as a whole (type, size, encoding, header) raises UserError
        and writes nothing. Otherwise every order is imported or refused on
        its own, and the result is a dict:

        ``imported``, ``lines``, ``rejected_orders``, ``rejected_rows``,
        ``duplicates``, ``queued`` (orders left to background jobs, for
        files over the job threshold), ``jobs`` (counts), ``order_ids``
        (created sale orders),
        ``errors`` (``[(row, column label, reason)]`` in the user's language,
        row and column False when they do not apply), ``message`` (one-line
        summary), ``rejected_file`` (base64 CSV of the rows to fix, or False)
        and ``rejected_filename``.
        """
        self._ecom_require_groups(_("Importing orders"), CS)
        filename = os.path.basename(filename or "")
        result = self._parse_file(self._decode_content(content_bytes), filename)
        checked = self._check_orders(result, self.env.user.company_id)
        written = self._write_orders(result, checked, filename)
        return self._summarise(result, checked, written, filename)

    @api.model
    def _parse_file(self, content, filename):
        """The parse step: the ImportResult of the file's rows.

        A problem with the file as a whole (type, size, encoding, header)
        raises UserError: nothing is imported.
        """
        max_bytes, max_rows = self._import_limits()
        # A background part of an .xlsx file is CSV (see _enqueue_chunks).
        parse_name = filename
        if self.env.context.get("ecom_import_csv"):
            parse_name = os.path.splitext(filename)[0] + ".csv"
        result = order_import.parse_file(content, parse_name, max_bytes=max_bytes,
                                         max_rows=max_rows)
        if result.file_errors:
            raise UserError("\n".join(self._error_text(err) for err in result.file_errors))
        return result

    @api.model
    def _write_orders(self, result, checked, filename):
        """The write step: the checked orders created now, or queued in
        background jobs when the file is big (see _use_jobs); a Written."""
        if self._use_jobs(checked.orders):
            jobs = self._enqueue_chunks(result, checked.orders, filename)
            return Written([], 0, {}, len(checked.orders), jobs)
        created, lines, raced = self._create_orders(result, checked.orders, checked.channels,
                                                    checked.products, filename)
        return Written(created, lines, raced, 0, 0)

    @api.model
    def _summarise(self, result, checked, written, filename):
        """The summary step: the dict import_file returns."""
        duplicates = dict(checked.duplicates)
        duplicates.update(written.raced)
        errors = [(err.row or False,
                   self._column_label(err.column) if err.column else False,
                   self._error_text(err)) for err in result.errors]
        rejected_rows = result.rejected_rows
        rejected_file = rejected_filename = False
        if rejected_rows:
            data = order_import.rejected_rows_csv(result, self._error_text)
            rejected_file = base64.b64encode(data).decode("ascii")
            rejected_filename = _("%s_rejected.csv") % (
                os.path.splitext(filename)[0] or "orders")
        counts = {
            "imported": len(written.order_ids),
            "lines": written.lines,
            # orders the parser or the checks refused (duplicates apart)
            "rejected_orders": result.rejected_order_count,
            "rejected_rows": len(rejected_rows),
            "duplicates": len(duplicates),
            "queued": written.queued,
            "jobs": written.jobs,
        }
        message = self._summary_message(result, checked, counts)
        _logger.info("Order import %s by uid %s: %s", filename, self.env.uid,
                     message.replace("\n", " "))
        return dict(counts, **{
            "order_ids": written.order_ids,
            "errors": errors,
            "message": message,
            "rejected_file": rejected_file,
            "rejected_filename": rejected_filename,
        })

    @api.model
    def _summary_message(self, result, checked, counts):
        """The summary of an import in a few lines of text."""
        message = _("Orders imported: %(imported)s (%(lines)s lines). Orders rejected: "
                    "%(rejected)s (%(rows)s rows). Already in Odoo: %(duplicates)s.") % {
            "imported": counts["imported"], "lines": counts["lines"],
            "rejected": counts["rejected_orders"], "rows": counts["rejected_rows"],
            "duplicates": counts["duplicates"]}
        if counts["queued"]:
            queued_text = _("Orders queued for import in %(jobs)s background jobs: "
                            "%(queued)s (%(lines)s lines); they appear as the jobs finish.")
            message += "\n" + queued_text % {
                "jobs": counts["jobs"], "queued": counts["queued"],
                "lines": sum(len(order.lines) for order in checked.orders)}
        if result.ignored_columns:
            message += "\n" + _("Columns ignored: %s.") % ", ".join(result.ignored_columns)
        return message

    # ------------------------------------------------------------------
    # Input, limits, messages
    # ------------------------------------------------------------------
    @api.model
    def _decode_content(self, content):
        if isinstance(content, xmlrpc.client.Binary):
            return content.data
        if isinstance(content, str):
            # JSON-RPC cannot carry bytes: clients send base64 text.
            try:
                return base64.b64decode(content, validate=True)
            except ValueError:
                raise UserError(_("The file content must be sent as base64 text."))
        return bytes(content or b"")

    @api.model
    def _import_limits(self):
        """(max bytes, max data rows) of one import, from the system parameters."""
        params = self.env["ir.config_parameter"].sudo()
        try:
            max_mb = float(params.get_param(MAX_MB_PARAM, DEFAULT_MAX_MB))
        except ValueError:
            max_mb = DEFAULT_MAX_MB
        try:
            max_rows = int(params.get_param(MAX_ROWS_PARAM, DEFAULT_MAX_ROWS))
        except ValueError:
            max_rows = DEFAULT_MAX_ROWS
        return int(max_mb * 1024 * 1024), max_rows

    @api.model
    def _job_limits(self):
        """(threshold, chunk) in order lines, from the system parameters."""
        params = self.env["ir.config_parameter"].sudo()
        limits = []
        for key, default in ((JOB_THRESHOLD_PARAM, DEFAULT_JOB_THRESHOLD),
                             (JOB_CHUNK_PARAM, DEFAULT_JOB_CHUNK)):
            try:
                limits.append(max(1, int(params.get_param(key, default))))
            except ValueError:
                limits.append(default)
        return tuple(limits)

    def _use_jobs(self, orders):
        if self.env.context.get("ecom_import_direct"):
            return False
        return sum(len(order.lines) for order in orders) > self._job_limits()[0]

    def _enqueue_chunks(self, result, orders, filename):
        """One background job per chunk of whole orders; returns the number of jobs.

        Each job gets the original rows of its orders and imports them as a
        file of its own; a job run twice finds its orders already in Odoo.
        """
        chunk_lines = self._job_limits()[1]
        chunks, current, size = [], [], 0
        for order in orders:
            current.append(order)
            size += len(order.lines)
            if size >= chunk_lines:
                chunks.append(current)
                current, size = [], 0
        if current:
            chunks.append(current)
        for number, part in enumerate(chunks, 1):
            content = base64.b64encode(order_import.orders_csv(result, part)).decode("ascii")
            self.with_delay(
                description=_("Order import %s, part %d of %d") % (filename, number,
                                                                   len(chunks)),
                identity_key=identity_exact,
            )._import_chunk_job(content, filename)
        return len(chunks)

    @job
    @api.model
    def _import_chunk_job(self, content, filename):
        """Import one part of a big file (base64 CSV) now; return the summary."""
        summary = self.with_context(ecom_import_direct=True, ecom_import_csv=True).import_file(
            base64.b64decode(content), filename)
        for row, column, reason in summary["errors"]:
            _logger.warning("Order import %s (background part): %s", filename, reason)
        return summary["message"]

    def _zh(self):
        return (self.env.lang or "").startswith("zh")

    def _column_label(self, key):
        """Header of a column as the user knows it (Chinese for zh users)."""
        col = order_import.COLUMN_BY_KEY.get(key)
        if col is None:
            return key or ""
        return col.label_zh if self._zh() else col.label

    def _error_text(self, err):
        """An error of the parser (or of this wizard) in the user's language.

        The English template is translated first, then formatted; column
        names in the params become the headers the user knows.
        """
        lang = self.env.lang
        template = err.message
        if lang and lang != "en_US":
            template = self.env["ir.translation"]._get_source(None, ("code",), lang,
                                                              template)
        params = dict(err.params)
        if self._zh():
            labels = {col.label: col.label_zh for col in order_import.COLUMNS}
            if params.get("column") in labels:
                params["column"] = labels[params["column"]]
            if params.get("columns"):
                params["columns"] = "、".join(
                    labels.get(name, name) for name in params["columns"].split(", "))
        try:
            return template % params
        except (KeyError, ValueError, TypeError):
            # A translation with broken placeholders must not hide the error.
            return err.text()


class EcomOrderImportError(models.TransientModel):
    """One row refused by an order import, and why."""

    _name = "ecom.order.import.error"
    _description = "Order Import Error"
    _order = "id"

    import_id = fields.Many2one("ecom.order.import", required=True, ondelete="cascade")
    row = fields.Integer(readonly=True, help="Row number as the spreadsheet shows it.")
    column = fields.Char(readonly=True)
    reason = fields.Text(readonly=True)
