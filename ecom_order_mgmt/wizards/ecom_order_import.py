# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Import of platform order exports (CSV/XLSX) into channel sale orders.

:meth:`EcomOrderImport.import_file` runs the four steps of an import:
parse (ecom.order.import.reader with tools/order_import: the files into
orders and errors, with the layout of the suite's template or of a
platform's own export, an import profile), check and write
(ecom.order.import.writer: what only the database knows, then the orders
written, each all-or-nothing) and summarise (the counts, the orders skipped
for their platform status, the errors in the user's language, the items to
map and the file of rejected rows). The wizard itself is the screen (upload,
preview, result), and hands big files to background jobs.
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
from ..tools.order_import.skus import sku_key

_logger = logging.getLogger(__name__)

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
    _inherit = ["ecom.guard.mixin", "ecom.order.import.reader", "ecom.order.import.writer"]
    _description = "Import Channel Orders"

    file = fields.Binary(string="File", attachment=False,
                         help="The suite's template or a platform's own export (Tmall/Taobao "
                              "order report, Pinduoduo, JD, Douyin): .csv (UTF-8, UTF-8 with "
                              "BOM or GB18030), .xlsx, or a .zip of the Tmall/Taobao order "
                              "and item reports.")
    filename = fields.Char(string="File Name")
    items_file = fields.Binary(string="Item Report", attachment=False,
                               help="The item report (宝贝报表) of a Tmall/Taobao order report.")
    items_filename = fields.Char(string="Item Report Name")
    channel_id = fields.Many2one(
        "ecom.channel", string="Channel",
        help="The shop the file came from. Empty: the shop the file names (its Shop Name "
             "in Exports), or the channel code of each row of the suite's template.")
    profile_id = fields.Many2one(
        "ecom.import.profile", string="Layout",
        help="The platform's export layout. Empty: recognised from the file's header.")
    layout_name = fields.Char(string="Read As", readonly=True)
    state = fields.Selection([("draft", "Upload"), ("preview", "Preview"), ("done", "Result")],
                             default="draft", required=True, readonly=True)
    imported_count = fields.Integer(string="Orders Imported", readonly=True)
    skipped_count = fields.Integer(
        string="Skipped for Status", readonly=True,
        help="Orders of the file not paid and waiting to ship on the platform (unpaid, "
             "closed, refunded, shipped): not imported.")
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
    skipped_ids = fields.One2many("ecom.order.import.skipped", "import_id",
                                  string="Skipped Orders", readonly=True)
    preview_ids = fields.One2many("ecom.order.import.preview", "import_id", string="Preview",
                                  readonly=True)
    sku_ids = fields.One2many("ecom.order.import.sku", "import_id", string="Items to Map")
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
        summary = self.import_file(*self._upload_args())
        self.write(self._result_values(summary))
        return self._action_reopen()

    @api.multi
    def action_preview(self):
        """Read the file and show its first orders as they will be imported."""
        self.ensure_one()
        self._ecom_require_groups(_("Importing orders"), CS)
        if not self.file:
            raise UserError(_("Choose the file to import first."))
        content, filename, items, items_filename, channel_id, profile_id = \
            self._upload_args()
        channel = self.env["ecom.channel"].browse(channel_id or [])
        result, profile = self._read_upload(
            self._upload_files(content, filename, items, items_filename), channel,
            self.env["ecom.import.profile"].browse(profile_id or []))
        channel = self._import_channel(result, channel, self.env.user.company_id)
        skipped = len(result.skipped)
        note = _("Read as %(layout)s, for channel %(channel)s: %(orders)s orders to import, "
                 "%(refused)s refused by the checks of the file, %(skipped)s skipped for "
                 "their platform status.") % {
            "layout": profile.name or _("the suite's template"),
            "channel": channel.display_name if channel else _("(by row)"),
            "orders": len(result.orders), "refused": result.rejected_order_count,
            "skipped": skipped}
        self.write({
            "state": "preview", "note": note,
            "layout_name": profile.name or _("Suite template"),
            "preview_ids": [(5, 0, 0)] + [(0, 0, values)
                                          for values in self._preview_values(result)],
        })
        return self._action_reopen()

    @api.multi
    def action_back(self):
        """Back to the upload step (another file, channel or layout)."""
        self.write({"state": "draft", "preview_ids": [(5, 0, 0)], "note": False})
        return self._action_reopen()

    @api.multi
    def action_reimport_rejected(self):
        """Map the items CS chose a product for, then import the rejected
        rows again (a new import of the rejected-rows file)."""
        self.ensure_one()
        self._ecom_require_groups(_("Importing orders"), CS)
        self._save_sku_map()
        if not self.rejected_file:
            raise UserError(_("This import rejected no row."))
        again = self.create({
            "file": self.rejected_file, "filename": self.rejected_filename,
            "channel_id": self.channel_id.id, "profile_id": self.profile_id.id})
        return again.action_import()

    def _save_sku_map(self):
        """Add the items of the result with a product to their channel's SKU map."""
        Map = self.env["ecom.channel.product"]
        for item in self.sku_ids.filtered("product_id"):
            key = sku_key(item.platform_product_id, item.spec)
            found = Map.with_context(active_test=False).search(
                [("channel_id", "=", item.channel_id.id), ("match_key", "=", key)], limit=1)
            if found:
                found.write({"product_id": item.product_id.id, "active": True})
            else:
                Map.create({"channel_id": item.channel_id.id,
                            "platform_product_id": item.platform_product_id,
                            "spec": item.spec or False, "title": item.title or False,
                            "product_id": item.product_id.id})

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

    def _upload_args(self):
        """import_file's arguments for the wizard's files and choices."""
        items = base64.b64decode(self.items_file) if self.items_file else False
        return (base64.b64decode(self.file), self.filename or "", items,
                self.items_filename or "", self.channel_id.id, self.profile_id.id)

    def _result_values(self, summary):
        """The wizard's values showing the summary of an import."""
        errors = [(name, error) for name, errors in (
            (summary["filename"], summary["errors"]),
            (summary["items_filename"], summary["item_errors"])) for error in errors]
        return {
            "state": "done",
            "file": False,
            "items_file": False,
            "channel_id": summary["channel_id"],
            "profile_id": summary["profile_id"],
            "layout_name": summary["layout"],
            "imported_count": summary["imported"],
            "skipped_count": summary["skipped"],
            "rejected_order_count": summary["rejected_orders"],
            "rejected_row_count": summary["rejected_rows"],
            "duplicate_count": summary["duplicates"],
            "line_count": summary["lines"],
            "note": summary["message"],
            "order_ids": [(6, 0, summary["order_ids"])],
            "error_count": len(errors),
            "error_ids": [(5, 0, 0)] + [
                (0, 0, {"file": name or False, "row": row or 0, "column": column or False,
                        "reason": reason})
                for name, (row, column, reason) in errors[:ERROR_LINES_SHOWN]],
            "skipped_ids": [(5, 0, 0)] + [
                (0, 0, {"platform_ref": ref, "status": status, "row": row})
                for ref, status, row in summary["skipped_orders"]],
            "sku_ids": [(5, 0, 0)] + [(0, 0, dict(item)) for item in summary["unknown_skus"]],
            "preview_ids": [(5, 0, 0)],
            "rejected_file": summary["rejected_file"],
            "rejected_filename": summary["rejected_filename"],
        }

    # ------------------------------------------------------------------
    # Server-side entry point (wizard, external clients, benchmark)
    # ------------------------------------------------------------------
    @api.model
    def import_file(self, content_bytes, filename, items_content=False, items_filename=False,
                    channel_id=False, profile_id=False):
        """Import a platform order export; return what happened.

        ``content_bytes`` is the file: bytes, an XML-RPC binary, or a base64
        string (JSON-RPC); ``filename`` tells the format by its extension
        (.csv, .xlsx, or .zip of a Tmall/Taobao order and item report).
        ``items_content``/``items_filename`` are the item report of a
        Tmall/Taobao order report; ``channel_id`` the shop the file came
        from (else the shop the file names); ``profile_id`` the layout to
        read it with (else recognised from its header). Requires the
        Customer Service group. A problem with the file as a whole (type,
        size, encoding, header, shop) raises UserError and writes nothing.
        Otherwise every order is imported, skipped or refused on its own,
        and the result is a dict:

        ``imported``, ``lines``, ``skipped`` (orders not paid-and-waiting
        for the platform), ``rejected_orders``, ``rejected_rows``,
        ``duplicates``, ``queued`` (orders left to background jobs, for
        files over the job threshold), ``jobs`` (counts), ``order_ids``
        (created sale orders), ``skipped_orders`` (``[(platform order no.,
        status, row)]``), ``skipped_by_status`` (``{status: count}``),
        ``errors`` and ``item_errors`` (``[(row, column label, reason)]`` of
        the file and of the item report, in the user's language, row and
        column False when they do not apply), ``unknown_skus`` (the items no
        product is known for: dicts for the SKU map), ``message`` (summary),
        ``rejected_file`` (base64 CSV, or .zip for a pair, of the rows to
        fix, or False), ``rejected_filename``, ``filename``,
        ``items_filename``, ``layout``, ``channel_id``, ``profile_id``.
        """
        self._ecom_require_groups(_("Importing orders"), CS)
        filename = os.path.basename(filename or "")
        channel = self.env["ecom.channel"].browse(channel_id or [])
        files = self._upload_files(content_bytes, filename, items_content, items_filename)
        result, profile = self._read_upload(
            files, channel, self.env["ecom.import.profile"].browse(profile_id or []))
        channel = self._import_channel(result, channel, self.env.user.company_id)
        checked = self._check_orders(result, self.env.user.company_id)
        written = self._write_orders(result, checked, filename, profile, channel)
        summary = self._summarise(result, checked, written, filename)
        summary.update({"layout": profile.name or _("Suite template"),
                        "channel_id": channel.id or False, "profile_id": profile.id or False})
        return summary

    @api.model
    def _upload_files(self, content, filename, items_content, items_filename):
        """[(name, bytes)] of the upload: the file, and the item report if any."""
        files = [(os.path.basename(filename or ""), self._decode_content(content))]
        if items_content:
            files.append((os.path.basename(items_filename or "items.csv"),
                          self._decode_content(items_content)))
        return files

    @api.model
    def _write_orders(self, result, checked, filename, profile=None, channel=None):
        """The write step: the checked orders created now, or queued in
        background jobs when the file is big (see _use_jobs); a Written."""
        if self._use_jobs(checked.orders):
            jobs = self._enqueue_chunks(result, checked.orders, filename, profile, channel)
            return Written([], 0, {}, len(checked.orders), jobs)
        created, lines, raced = self._create_orders(result, checked.orders, checked.channels,
                                                    checked.products, filename)
        return Written(created, lines, raced, 0, 0)

    @api.model
    def _summarise(self, result, checked, written, filename):
        """The summary step: the dict import_file returns."""
        duplicates = dict(checked.duplicates)
        duplicates.update(written.raced)
        errors = ([], [])
        for err in result.errors:
            part, row = order_import.row_part(err.row)
            errors[part].append((row or False,
                                 self._column_label(err.column) if err.column else False,
                                 self._error_text(err)))
        rejected_file, rejected_filename = self._rejected_file(result, filename)
        skipped = list(result.skipped.values())
        by_status = {}
        for order in skipped:
            by_status[order.status] = by_status.get(order.status, 0) + 1
        counts = {
            "imported": len(written.order_ids),
            "lines": written.lines,
            "skipped": len(skipped),
            # orders the parser or the checks refused (duplicates apart)
            "rejected_orders": result.rejected_order_count,
            "rejected_rows": len(result.rejected_rows),
            "duplicates": len(duplicates),
            "queued": written.queued,
            "jobs": written.jobs,
        }
        message = self._summary_message(result, checked, counts, by_status)
        _logger.info("Order import %s by uid %s: %s", filename, self.env.uid,
                     message.replace("\n", " "))
        parts = result.parts
        return dict(counts, **{
            "order_ids": written.order_ids,
            "errors": errors[0],
            "item_errors": errors[1],
            "skipped_orders": [(order.platform_ref, order.status,
                                order_import.row_part(order.row)[1]) for order in skipped],
            "skipped_by_status": by_status,
            "unknown_skus": list(checked.products.unknown.values()),
            "message": message,
            "rejected_file": rejected_file,
            "rejected_filename": rejected_filename,
            "filename": parts[0].filename if parts else filename,
            "items_filename": parts[1].filename if len(parts) > 1 else False,
        })

    @api.model
    def _rejected_file(self, result, filename):
        """(base64 file, name) of the rejected rows: CSV, or a .zip of both
        reports of a pair; (False, False) when no row was rejected."""
        files = order_import.rejected_files(result, self._error_text)
        base = os.path.splitext(filename)[0] or "orders"
        if not files:
            return False, False
        if len(files) == 1:
            data, name = files[0][1], _("%s_rejected.csv") % base
        else:
            data, name = order_import.pack(files), _("%s_rejected.zip") % base
        return base64.b64encode(data).decode("ascii"), name

    @api.model
    def _summary_message(self, result, checked, counts, by_status=None):
        """The summary of an import in a few lines of text."""
        message = _("Orders imported: %(imported)s (%(lines)s lines). Orders rejected: "
                    "%(rejected)s (%(rows)s rows). Already in Odoo: %(duplicates)s.") % {
            "imported": counts["imported"], "lines": counts["lines"],
            "rejected": counts["rejected_orders"], "rows": counts["rejected_rows"],
            "duplicates": counts["duplicates"]}
        if counts.get("skipped"):
            message += "\n" + _("Skipped for their platform status: %(count)s (%(statuses)s).") \
                % {"count": counts["skipped"],
                   "statuses": ", ".join("%s: %s" % (status, number)
                                         for status, number in sorted(by_status.items()))}
        if counts["queued"]:
            queued_text = _("Orders queued for import in %(jobs)s background jobs: "
                            "%(queued)s (%(lines)s lines); they appear as the jobs finish.")
            message += "\n" + queued_text % {
                "jobs": counts["jobs"], "queued": counts["queued"],
                "lines": sum(len(order.lines) for order in checked.orders)}
        if checked.products.unknown:
            message += "\n" + _("Items without a product: %s. Map them below, then import "
                                "the rejected rows again.") % len(checked.products.unknown)
        if result.ignored_columns and result.layout.rules is None:
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

    def _enqueue_chunks(self, result, orders, filename, profile=None, channel=None):
        """One background job per chunk of whole orders; returns the number of jobs.

        Each job gets the original rows of its orders (both reports' rows
        for a pair), the layout and the channel, and imports them as a
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
            files = [base64.b64encode(data).decode("ascii")
                     for _name, data in order_import.order_files(result, part)]
            items = (files[1], result.parts[1].filename) if len(files) > 1 else (False, False)
            self.with_delay(
                description=_("Order import %s, part %d of %d") % (filename, number,
                                                                   len(chunks)),
                identity_key=identity_exact,
            )._import_chunk_job(files[0], filename, profile.id if profile else False,
                                channel.id if channel else False, *items)
        return len(chunks)

    @job
    @api.model
    def _import_chunk_job(self, content, filename, profile_id=False, channel_id=False,
                          items_content=False, items_filename=False):
        """Import one part of a big file (base64 CSV, and the part of its
        item report for a pair) now, with the file's layout and channel;
        return the summary."""
        summary = self.with_context(ecom_import_direct=True, ecom_import_csv=True).import_file(
            base64.b64decode(content), filename,
            base64.b64decode(items_content) if items_content else False, items_filename,
            channel_id, profile_id)
        for _row, _column, reason in summary["errors"] + summary["item_errors"]:
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
            labels = {col.label: col.label_zh for col in order_import.COLUMN_BY_KEY.values()}
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
