# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Import of platform order exports (CSV/XLSX) into channel sale orders.

The file is parsed by :mod:`..tools.order_import` (pure Python); this wizard
adds what only the database knows (channels, products, orders already in
Odoo, buyers) and writes the orders, each one all-or-nothing.

Volume matters (tens of thousands of lines per import): channels, products,
existing platform orders and buyers are each loaded with one search per
import (in chunks), and each order is written with one ``create`` holding
its lines, without onchanges or chatter.
"""
import base64
import logging
import os
import xmlrpc.client

import psycopg2
import pytz
from psycopg2.extensions import TransactionRollbackError

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tools import split_every

from odoo.addons.queue_job.job import identity_exact, job

from ..tools import order_import

_logger = logging.getLogger(__name__)

CS = "ecom_order_mgmt.group_ecom_cs"
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
# Orders written together in bulk (see _create_orders).
BULK_BATCH = 500
# The screen lists this many errors; the rejected-rows file holds them all.
ERROR_LINES_SHOWN = 1000
# Size of the IN lists of the batch searches.
CHUNK = 1000
DEFAULT_TZ = "Asia/Shanghai"
# Longest first: "广西壮族自治区" and "广西" are the same state.
_STATE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
# Name of the SQL constraint that keeps a platform order unique per channel.
_PLATFORM_REF_CONSTRAINT = "sale_order_ecom_platform_ref_uniq"


def _phone_key(phone):
    """The digits of a phone number: what two spellings of one number share."""
    return "".join(char for char in phone or "" if char.isdigit())


def _phone_stored(phone):
    """Phone as kept on a new buyer: its digits, with the leading + if any."""
    phone = (phone or "").strip()
    return ("+" if phone.startswith("+") else "") + _phone_key(phone)


def _state_key(name):
    name = "".join((name or "").split())
    for suffix in _STATE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)]
    return name


class _Line(object):
    """One error as rejected_rows_csv() reads it, text already translated."""

    __slots__ = ("row", "_text")

    def __init__(self, row, text):
        self.row = row
        self._text = text

    def text(self):
        return self._text


class _TranslatedResult(object):
    """The parts of an ImportResult that rejected_rows_csv() reads, with the
    error texts in the user's language instead of the English templates."""

    def __init__(self, result, text):
        self.header = result.header
        self.rejected_rows = result.rejected_rows
        self.errors = [_Line(err.row, text(err)) for err in result.errors]


class EcomOrderImport(models.TransientModel):
    """Upload a platform export, import its orders, show what was refused."""

    _name = "ecom.order.import"
    _inherit = ["ecom.guard.mixin"]
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
        content = self._decode_content(content_bytes)
        filename = os.path.basename(filename or "")
        max_bytes, max_rows = self._import_limits()
        # A background part of an .xlsx file is CSV (see _enqueue_chunks).
        parse_name = filename
        if self.env.context.get("ecom_import_csv"):
            parse_name = os.path.splitext(filename)[0] + ".csv"
        result = order_import.parse_file(content, parse_name, max_bytes=max_bytes,
                                         max_rows=max_rows)
        if result.file_errors:
            raise UserError("\n".join(self._error_text(err) for err in result.file_errors))
        company = self.env.user.company_id
        # Unknown channels and products reject their orders (which leave
        # result.orders); orders already in Odoo are only noted and skipped.
        channels = self._check_channels(result, list(result.orders), company)
        duplicates = self._check_duplicates(result, list(result.orders), channels)
        products = self._check_products(
            result, [order for order in result.orders if order.key not in duplicates])
        orders = [order for order in result.orders if order.key not in duplicates]
        queued = jobs = 0
        if self._use_jobs(orders):
            jobs = self._enqueue_chunks(result, orders, filename)
            queued = len(orders)
            created, lines, raced = [], 0, {}
        else:
            created, lines, raced = self._create_orders(result, orders, channels, products,
                                                        filename)
        duplicates.update(raced)

        errors = [(err.row or False,
                   self._column_label(err.column) if err.column else False,
                   self._error_text(err)) for err in result.errors]
        rejected_rows = result.rejected_rows
        rejected_file = rejected_filename = False
        if rejected_rows:
            data = order_import.rejected_rows_csv(_TranslatedResult(result, self._error_text))
            rejected_file = base64.b64encode(data).decode("ascii")
            rejected_filename = _("%s_rejected.csv") % (
                os.path.splitext(filename)[0] or "orders")
        # Orders the parser or the checks above refused (duplicates apart);
        # ImportResult keeps them in _rejected and has no public count yet.
        rejected_orders = len(result._rejected)
        message = _("Orders imported: %(imported)s (%(lines)s lines). Orders rejected: "
                    "%(rejected)s (%(rows)s rows). Already in Odoo: %(duplicates)s.") % {
            "imported": len(created), "lines": lines, "rejected": rejected_orders,
            "rows": len(rejected_rows), "duplicates": len(duplicates)}
        if queued:
            queued_text = _("Orders queued for import in %(jobs)s background jobs: "
                            "%(queued)s (%(lines)s lines); they appear as the jobs finish.")
            message += "\n" + queued_text % {
                "jobs": jobs, "queued": queued,
                "lines": sum(len(order.lines) for order in orders)}
        if result.ignored_columns:
            message += "\n" + _("Columns ignored: %s.") % ", ".join(result.ignored_columns)
        _logger.info("Order import %s by uid %s: %s", filename, self.env.uid,
                     message.replace("\n", " "))
        return {
            "imported": len(created),
            "lines": lines,
            "rejected_orders": rejected_orders,
            "rejected_rows": len(rejected_rows),
            "duplicates": len(duplicates),
            "queued": queued,
            "jobs": jobs,
            "order_ids": created,
            "errors": errors,
            "message": message,
            "rejected_file": rejected_file,
            "rejected_filename": rejected_filename,
        }

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

    # ------------------------------------------------------------------
    # What only the database knows
    # ------------------------------------------------------------------
    def _check_channels(self, result, orders, company):
        """{code: channel} of the company; rejects orders of unknown channels."""
        codes = {order.channel_code for order in orders}
        channels = {}
        for chunk in split_every(CHUNK, codes):
            for channel in self.env["ecom.channel"].search([
                    ("code", "in", list(chunk)), ("company_id", "=", company.id)]):
                channels[channel.code] = channel
        for order in orders:
            if order.channel_code not in channels:
                result.reject_order(
                    order, order.first_row,
                    _("%(column)s \"%(value)s\": no active sales channel of %(company)s "
                      "has this code."),
                    {"column": order_import.COLUMN_BY_KEY["channel_code"].label,
                     "value": order.channel_code, "company": company.name},
                    column="channel_code")
        return channels

    def _check_duplicates(self, result, orders, channels):
        """{key: existing order name} of the platform orders already in Odoo.

        They are reported (one note on the order's first row) and skipped,
        but not offered for re-import: there is nothing to fix in them.
        """
        wanted = {(channels[order.channel_code].id, order.platform_ref): order
                  for order in orders}
        # Existence only, whoever may read those orders: sudo.
        SaleOrder = self.env["sale.order"].sudo()
        channel_ids = list({channel_id for channel_id, ref in wanted})
        existing = {}
        for chunk in split_every(CHUNK, {ref for channel_id, ref in wanted}):
            for row in SaleOrder.search_read(
                    [("ecom_channel_id", "in", channel_ids),
                     ("ecom_platform_ref", "in", list(chunk))],
                    ["ecom_channel_id", "ecom_platform_ref", "name"]):
                existing[(row["ecom_channel_id"][0], row["ecom_platform_ref"])] = row["name"]
        duplicates = {}
        for key, name in existing.items():
            order = wanted.get(key)
            if order is not None:
                self._report_duplicate(result, order, name)
                duplicates[order.key] = name
        return duplicates

    def _report_duplicate(self, result, order, name):
        # A note on the row only: the order stays out of the rejected rows.
        result.add_error(
            order.first_row, "platform_ref",
            _("Platform order %(value)s is already in Odoo (%(order)s): skipped."),
            {"column": order_import.COLUMN_BY_KEY["platform_ref"].label,
             "value": order.platform_ref, "order": name})

    def _check_products(self, result, orders):
        """{code: product} by internal reference, else barcode; rejects the rest."""
        codes = {line.product_code for order in orders for line in order.lines}
        Product = self.env["product.product"]
        by_ref, ambiguous = {}, set()
        for chunk in split_every(CHUNK, codes):
            for product in Product.search([("default_code", "in", list(chunk)),
                                           ("sale_ok", "=", True)], order="id"):
                if product.default_code in by_ref:
                    ambiguous.add(product.default_code)
                by_ref.setdefault(product.default_code, product)
        missing = codes - set(by_ref)
        by_barcode = {}
        for chunk in split_every(CHUNK, missing):
            for product in Product.search([("barcode", "in", list(chunk)),
                                           ("sale_ok", "=", True)]):
                by_barcode[product.barcode] = product
        products = dict(by_barcode)
        products.update((code, product) for code, product in by_ref.items()
                        if code not in ambiguous)
        label = order_import.COLUMN_BY_KEY["product_code"].label
        for order in orders:
            for line in order.lines:
                code = line.product_code
                if code in ambiguous:
                    result.reject_order(
                        order, line.row,
                        _("%(column)s \"%(value)s\" is the internal reference of several "
                          "products: give each product its own reference, or use the "
                          "barcode."), {"column": label, "value": code},
                        column="product_code")
                elif code not in products:
                    result.reject_order(
                        order, line.row,
                        _("%(column)s \"%(value)s\": no active product for sale has this "
                          "internal reference or barcode."), {"column": label, "value": code},
                        column="product_code")
        return products

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------
    def _create_orders(self, result, orders, channels, products, filename):
        """Create the orders, a batch at a time, each one all-or-nothing.

        A batch of orders (with their new buyers and lines) is written in
        bulk (``_ecom_create_many``) in one savepoint; if anything in it
        fails, the batch is taken back and its orders are created one by
        one, each in its own savepoint, so that only the failing orders are
        refused, with their own reason.

        Returns (created order ids, number of lines, {key: name} of orders
        found already in Odoo at write time, e.g. by a concurrent import).
        """
        buyers = _Buyers(self.env, channels.values(), orders)
        lines_cache = _LineValues(self.env)
        SaleOrder = self.env["sale.order"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True,
            ecom_defer_received_mail=True)
        origin = _("Import %s") % filename
        # the sales team a new order of this user gets, for channels without one
        lines_cache.default_team = self.env["crm.team"]._get_default_team_id()
        created, line_count, raced = [], 0, {}
        # ecom_import_one_by_one: plain create() for every order (for
        # comparison, or to find a problem the bulk path would hide)
        size = 1 if self.env.context.get("ecom_import_one_by_one") else BULK_BATCH
        for batch in split_every(size, orders, list):
            if size == 1:
                ids, lines, race = self._create_one_by_one(
                    result, batch, channels, products, buyers, lines_cache, SaleOrder, origin)
                created += ids
                line_count += lines
                raced.update(race)
                continue
            try:
                with self.env.clear_upon_failure(), self.env.cr.savepoint():
                    buyers.create_missing([(channels[order.channel_code], order)
                                           for order in batch])
                    sales = SaleOrder._ecom_create_many([
                        self._full_order_values(order, channels, products, buyers,
                                                lines_cache, origin)
                        for order in batch])
            except TransactionRollbackError:
                raise  # a serialization failure: Odoo retries the whole request
            except (psycopg2.Error, UserError, ValidationError, AccessError,
                    MissingError, ValueError):
                buyers.forget()
                ids, lines, race = self._create_one_by_one(
                    result, batch, channels, products, buyers, lines_cache, SaleOrder, origin)
                created += ids
                line_count += lines
                raced.update(race)
            else:
                buyers.keep()
                created += sales.ids
                line_count += sum(len(order.lines) for order in batch)
            # Odoo 11 scans the whole cache of a field for every prefetch: a
            # cache holding all the file's orders would slow each batch down
            self.invalidate_cache()
        # One batch of "order received" mails for the whole file.
        self.env["sale.order"].browse(created)._ecom_notify_received(imported=True)
        return created, line_count, raced

    def _full_order_values(self, order, channels, products, buyers, lines_cache, origin):
        """Create values of one order with its lines (its buyer known)."""
        channel = channels[order.channel_code]
        partner = buyers.get_or_create(channel, order)
        vals = self._order_values(order, channel, partner, buyers, origin)
        vals["team_id"] = channel.team_id.id or lines_cache.default_team.id
        vals["order_line"] = [
            (0, 0, lines_cache.values(products[line.product_code], line,
                                      vals["fiscal_position_id"], channel))
            for line in order.lines]
        return vals

    def _create_one_by_one(self, result, orders, channels, products, buyers, lines_cache,
                           SaleOrder, origin):
        """Create each order in its own savepoint; a failure refuses that order only."""
        created, line_count, raced = [], 0, {}
        for order in orders:
            try:
                with self.env.clear_upon_failure(), self.env.cr.savepoint():
                    sale = SaleOrder.create(self._full_order_values(
                        order, channels, products, buyers, lines_cache, origin))
            except TransactionRollbackError:
                raise
            except psycopg2.IntegrityError as error:
                buyers.forget()
                if error.diag.constraint_name == _PLATFORM_REF_CONSTRAINT:
                    name = _("imported meanwhile")
                    self._report_duplicate(result, order, name)
                    raced[order.key] = name
                else:
                    self._reject_failed(result, order, error.diag.message_primary or error)
            except (psycopg2.Error, UserError, ValidationError, AccessError,
                    MissingError) as error:
                buyers.forget()
                self._reject_failed(result, order, getattr(error, "name", None) or error)
            else:
                buyers.keep()
                created.append(sale.id)
                line_count += len(order.lines)
        return created, line_count, raced

    def _reject_failed(self, result, order, error):
        message = str(error).strip().splitlines()[0] if str(error).strip() else ""
        _logger.info("Order import: platform order %s not saved: %s",
                     order.platform_ref, message)
        result.reject_order(order, order.first_row,
                            _("Order %(ref)s could not be saved: %(error)s"),
                            {"ref": order.platform_ref, "error": message})

    def _order_values(self, order, channel, partner, buyers, origin):
        tz = pytz.timezone(channel.tz or DEFAULT_TZ)
        received = fields.Datetime.to_string(
            tz.localize(order.order_time, is_dst=False).astimezone(pytz.utc)
            .replace(tzinfo=None))
        terms = buyers.commercial_terms(partner, channel.company_id)
        return dict(terms, **{
            "partner_id": partner.id,
            "partner_invoice_id": partner.id,
            "partner_shipping_id": partner.id,
            "company_id": channel.company_id.id,
            "origin": origin,
            "date_order": received,
            "ecom_received_at": received,
            "ecom_channel_id": channel.id,
            "ecom_platform_ref": order.platform_ref,
            "ecom_buyer_name": order.buyer_name,
            "ecom_buyer_phone": order.phone,
            "ecom_province": order.province,
            "ecom_city": order.city,
            "ecom_district": order.district or False,
            "ecom_street": order.street,
            "ecom_buyer_remark": order.remark or False,
            "ecom_payment_mode": order.payment_mode,
            "ecom_paid_amount": float(order.paid_amount),
        })


class _Buyers(object):
    """Buyers of one import: found by phone within the channel, else created.

    All candidates are read with one search; a buyer created for an order
    serves the later orders of the file, unless that order's savepoint is
    rolled back (then :meth:`forget` drops it).
    """

    def __init__(self, env, channels, orders):
        self.env = env
        # Buyers are a side effect of an allowed import; CS may not create
        # contacts in general, hence sudo for the partner itself.
        self.Partner = env["res.partner"].sudo().with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True,
            ecom_import_buyer=True)
        self.country = env.ref("base.cn", raise_if_not_found=False)
        self.states = {}
        if self.country:
            for state in env["res.country.state"].search([
                    ("country_id", "=", self.country.id)]):
                self.states.setdefault(state.name, state.id)
                self.states.setdefault(_state_key(state.name), state.id)
        self.found = {}      # (channel id, phone digits) -> partner
        self.pending = []    # keys created in the current savepoint
        self.created = set()  # ids of the buyers created by this import
        self.terms = {}      # (partner id, company id) -> order values
        self.fpos = {}       # (company id, region) -> fiscal position id
        channel_ids = [channel.id for channel in channels]
        phones = set()
        for order in orders:
            phones.update({order.phone.strip(), _phone_key(order.phone),
                           _phone_stored(order.phone)})
        for chunk in split_every(CHUNK, phones):
            partners = self.Partner.search([("ecom_channel_id", "in", channel_ids),
                                            ("phone", "in", list(chunk))], order="id")
            for partner in partners:
                key = (partner.ecom_channel_id.id, _phone_key(partner.phone))
                # The buyer first seen wins over later duplicates.
                self.found.setdefault(key, partner)

    def _new_values(self, channel, order):
        return {
            "name": order.buyer_name,
            "phone": _phone_stored(order.phone),
            "street": order.street,
            "street2": order.district or False,
            "city": order.city,
            "state_id": self.states.get(order.province)
            or self.states.get(_state_key(order.province)) or False,
            "country_id": self.country.id if self.country else False,
            "customer": True,
            "company_id": channel.company_id.id,
            "ecom_channel_id": channel.id,
        }

    def _remember(self, key, partner):
        self.found[key] = partner
        self.pending.append(key)
        self.created.add(partner.id)

    def get_or_create(self, channel, order):
        """The buyer of ``order`` in ``channel``, created when new."""
        key = (channel.id, _phone_key(order.phone))
        partner = self.found.get(key)
        if partner is None:
            partner = self.Partner.create(self._new_values(channel, order))
            self._remember(key, partner)
        return partner

    def create_missing(self, pairs):
        """Create at once the buyers of these (channel, order) not known yet."""
        todo = {}
        for channel, order in pairs:
            key = (channel.id, _phone_key(order.phone))
            # the buyer's first order in the file gives the name and address
            if key not in self.found and key not in todo:
                todo[key] = self._new_values(channel, order)
        partners = self.Partner._ecom_create_many(list(todo.values()))
        for key, partner in zip(todo, partners):
            self._remember(key, partner)

    def keep(self):
        """The current order is saved: its new buyer is for good."""
        self.pending = []

    def forget(self):
        """The current order was rolled back, and the buyer it created with it."""
        for key in self.pending:
            self.found.pop(key, None)
        self.pending = []

    def commercial_terms(self, partner, company):
        """Pricelist, payment terms and fiscal position of the buyer's orders.

        What sale.order's partner onchange would set, read without it.
        """
        key = (partner.id, company.id)
        if partner.id in self.created:
            # New buyers have no terms of their own: the company defaults,
            # by country (pricelist) and region (fiscal position).
            key = ("new", company.id, partner.country_id.id, partner.state_id.id)
        if key not in self.terms:
            buyer = partner.with_context(force_company=company.id)
            fpos = buyer.property_account_position_id.id
            if not fpos:
                region = (company.id, buyer.country_id.id, buyer.state_id.id, buyer.zip,
                          bool(buyer.vat))
                if region not in self.fpos:
                    self.fpos[region] = self.env["account.fiscal.position"].with_context(
                        force_company=company.id).get_fiscal_position(buyer.id)
                fpos = self.fpos[region]
            self.terms[key] = {
                "pricelist_id": buyer.property_product_pricelist.id,
                "payment_term_id": buyer.property_payment_term_id.id,
                "fiscal_position_id": fpos or False,
            }
        return self.terms[key]


class _LineValues(object):
    """Values of order lines, with what product_id_change would compute cached."""

    def __init__(self, env):
        self.env = env
        self.names = {}
        self.taxes = {}
        self.default_team = env["crm.team"]

    def values(self, product, line, fpos_id, channel):
        """The create values of one order line."""
        if product.id not in self.names:
            name = product.name_get()[0][1]
            if product.description_sale:
                name += "\n" + product.description_sale
            self.names[product.id] = name
        company = channel.company_id
        tax_key = (product.id, fpos_id, company.id)
        if tax_key not in self.taxes:
            taxes = product.taxes_id.filtered(lambda tax: tax.company_id == company)
            if fpos_id:
                taxes = self.env["account.fiscal.position"].browse(fpos_id).map_tax(
                    taxes, product)
            self.taxes[tax_key] = taxes.ids
        return {
            "product_id": product.id,
            "name": self.names[product.id],
            "product_uom_qty": float(line.quantity),
            "product_uom": product.uom_id.id,
            "price_unit": float(line.unit_price),
            "tax_id": [(6, 0, self.taxes[tax_key])],
            "customer_lead": product.sale_delay,
        }


class EcomOrderImportError(models.TransientModel):
    """One row refused by an order import, and why."""

    _name = "ecom.order.import.error"
    _description = "Order Import Error"
    _order = "id"

    import_id = fields.Many2one("ecom.order.import", required=True, ondelete="cascade")
    row = fields.Integer(readonly=True, help="Row number as the spreadsheet shows it.")
    column = fields.Char(readonly=True)
    reason = fields.Text(readonly=True)
