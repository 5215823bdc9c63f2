# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The check and write steps of an order import (ecom.order.import).

The parse step (tools/order_import, pure Python) gives the orders of a
file; this adds what only the database knows (channels, products, orders
already in Odoo, buyers) and writes the orders, each one all-or-nothing.

Volume matters (tens of thousands of lines per import): channels, products,
existing platform orders and buyers are each loaded with one search per
import (in chunks), and the orders are written in bulk, a batch at a time
(``_ecom_create_many``), without onchanges or chatter.
"""
import logging
from collections import namedtuple

import psycopg2
import pytz
from psycopg2.extensions import TransactionRollbackError

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tools import split_every

from ..const import DEFAULT_TZ
from ..tools.order_import import COLUMN_BY_KEY
from .ecom_order_import_values import CHUNK, ImportBuyers, ImportProducts, LineValues

_logger = logging.getLogger(__name__)

# Orders written together in bulk (see _create_orders).
BULK_BATCH = 500
# Name of the SQL constraint that keeps a platform order unique per channel.
_PLATFORM_REF_CONSTRAINT = "sale_order_ecom_platform_ref_uniq"

# What the check step found: {channel code: channel}, the products of the
# lines (ImportProducts), {order key: name} of the orders already in Odoo,
# and the orders left to write (ParsedOrder list).
Checked = namedtuple("Checked", "channels products duplicates orders")
# What the writing of one file carries from batch to batch.
_Run = namedtuple("_Run", "result channels products buyers lines team origin SaleOrder")


class EcomOrderImportWriter(models.AbstractModel):
    """Check the parsed orders against the database, then write them.

    Inherited by the import wizard; every method works on the ImportResult
    of the parse step, rejecting there the orders it refuses.
    """

    _name = "ecom.order.import.writer"
    _description = "Order Import: Checks and Writing"

    # ------------------------------------------------------------------
    # Check: what only the database knows
    # ------------------------------------------------------------------
    @api.model
    def _check_orders(self, result, company):
        """The check step: the Checked of `result`'s orders for `company`.

        Unknown channels and products reject their orders (which leave
        result.orders); orders already in Odoo are only noted and skipped.
        """
        channels = self._check_channels(result, list(result.orders), company)
        duplicates = self._check_duplicates(result, list(result.orders), channels)
        products = self._check_products(
            result, [order for order in result.orders if order.key not in duplicates],
            channels)
        orders = [order for order in result.orders if order.key not in duplicates]
        return Checked(channels, products, duplicates, orders)

    @api.model
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
                    {"column": COLUMN_BY_KEY["channel_code"].label,
                     "value": order.channel_code, "company": company.name},
                    column="channel_code")
        return channels

    @api.model
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

    @api.model
    def _report_duplicate(self, result, order, name):
        # A note on the row only: the order stays out of the rejected rows.
        result.add_error(
            order.first_row, "platform_ref",
            _("Platform order %(value)s is already in Odoo (%(order)s): skipped."),
            {"column": COLUMN_BY_KEY["platform_ref"].label,
             "value": order.platform_ref, "order": name})

    @api.model
    def _check_products(self, result, orders, channels):
        """The ImportProducts of the orders' lines: by merchant code (internal
        reference, else barcode), else by the channel's SKU map; rejects the
        orders with an item neither knows."""
        codes = {line.product_code for order in orders for line in order.lines
                 if line.product_code}
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
        by_code = dict(by_barcode)
        by_code.update((code, product) for code, product in by_ref.items()
                       if code not in ambiguous)
        products = ImportProducts(self.env, by_code)
        products.load_sku_map(
            [(channels[order.channel_code], line) for order in orders for line in order.lines
             if line.product_code not in by_code or line.product_code in ambiguous])
        for order in orders:
            channel = channels[order.channel_code]
            for line in order.lines:
                if line.product_code in ambiguous:
                    result.reject_order(
                        order, line.row,
                        _("%(column)s \"%(value)s\" is the internal reference of several "
                          "products: give each product its own reference, or use the "
                          "barcode."), {"column": COLUMN_BY_KEY["product_code"].label,
                                        "value": line.product_code},
                        column="product_code")
                elif products.get(channel, line) is None:
                    products.add_unknown(channel, line)
                    self._reject_unknown_product(result, order, line)
        self._check_extra_products(result, orders, products)
        return products

    @api.model
    def _reject_unknown_product(self, result, order, line):
        label = COLUMN_BY_KEY["product_code"].label
        if not (line.product_ref or line.title):
            result.reject_order(
                order, line.row,
                _("%(column)s \"%(value)s\": no active product for sale has this internal "
                  "reference or barcode."), {"column": label, "value": line.product_code},
                column="product_code")
            return
        detail = " [%s]" % line.spec if line.spec else ""
        if line.product_code:
            detail += " " + _("(merchant code %s)") % line.product_code
        result.reject_order(
            order, line.row,
            _("Item \"%(item)s\"%(detail)s: no active product for sale has this merchant "
              "code as internal reference or barcode, and the channel's SKU map does not "
              "know it. Map it to a product, then import the rejected rows again."),
            {"column": label, "value": line.product_code,
             "item": line.title or line.product_ref, "detail": detail},
            column="product_code")

    @api.model
    def _check_extra_products(self, result, orders, products):
        """Reject the orders needing a freight or discount line when the
        product of that line is gone."""
        accepted = {order.key for order in result.orders}
        # translated once, not per order
        extras = ((products.freight, _("freight")), (products.discount, _("discount")))
        for order in orders:
            if order.key not in accepted:
                continue
            for amount, (product, what) in zip((order.freight_line, order.discount_line),
                                               extras):
                if amount and not product:
                    result.reject_order(
                        order, order.first_row,
                        _("Order %(ref)s has a %(what)s, but the %(what)s product of the "
                          "import (E-commerce module data) is missing."),
                        {"ref": order.platform_ref, "what": what})
                    break

    # ------------------------------------------------------------------
    # Write
    # ------------------------------------------------------------------
    @api.model
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
        run = _Run(
            result, channels, products, ImportBuyers(self.env, channels.values(), orders),
            LineValues(self.env),
            # the sales team a new order of this user gets, for channels without one
            self.env["crm.team"]._get_default_team_id(),
            _("Import %s") % filename,
            self.env["sale.order"].with_context(
                tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True,
                ecom_defer_received_mail=True))
        # ecom_import_one_by_one: plain create() for every order (for
        # comparison, or to find a problem the bulk path would hide)
        if self.env.context.get("ecom_import_one_by_one"):
            created, line_count, raced = self._create_one_by_one(run, orders)
        else:
            created, line_count, raced = [], 0, {}
            for batch in split_every(BULK_BATCH, orders, list):
                ids, lines, race = self._create_batch(run, batch)
                created += ids
                line_count += lines
                raced.update(race)
                # Odoo 11 scans the whole cache of a field for every prefetch: a
                # cache holding all the file's orders would slow each batch down
                self.invalidate_cache()
        self.env["sale.order"].browse(created)._ecom_assign()  # CS users, in one pass
        # One batch of "order received" mails for the whole file.
        self.env["sale.order"].browse(created)._ecom_notify_received(imported=True)
        return created, line_count, raced

    def _create_batch(self, run, batch):
        """Create `batch` in bulk in one savepoint, else one order at a time.

        Returns what _create_orders returns, for this batch.
        """
        try:
            with self.env.clear_upon_failure(), self.env.cr.savepoint():
                run.buyers.create_missing([(run.channels[order.channel_code], order)
                                           for order in batch])
                sales = run.SaleOrder._ecom_create_many([
                    self._full_order_values(run, order) for order in batch])
        except TransactionRollbackError:
            raise  # a serialization failure: Odoo retries the whole request
        except (psycopg2.Error, UserError, ValidationError, AccessError,
                MissingError, ValueError):
            run.buyers.forget()
            return self._create_one_by_one(run, batch)
        run.buyers.keep()
        return sales.ids, sum(len(order.lines) for order in batch), {}

    def _create_one_by_one(self, run, orders):
        """Create each order in its own savepoint; a failure refuses that order only."""
        created, line_count, raced = [], 0, {}
        for order in orders:
            try:
                with self.env.clear_upon_failure(), self.env.cr.savepoint():
                    sale = run.SaleOrder.create(self._full_order_values(run, order))
            except TransactionRollbackError:
                raise
            except psycopg2.IntegrityError as error:
                run.buyers.forget()
                if error.diag.constraint_name == _PLATFORM_REF_CONSTRAINT:
                    name = _("imported meanwhile")
                    self._report_duplicate(run.result, order, name)
                    raced[order.key] = name
                else:
                    self._reject_failed(run.result, order, error.diag.message_primary or error)
            except (psycopg2.Error, UserError, ValidationError, AccessError,
                    MissingError) as error:
                run.buyers.forget()
                self._reject_failed(run.result, order, getattr(error, "name", None) or error)
            else:
                run.buyers.keep()
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

    def _full_order_values(self, run, order):
        """Create values of one order with its lines (its buyer known)."""
        channel = run.channels[order.channel_code]
        partner = run.buyers.get_or_create(channel, order)
        vals = self._order_values(order, channel, partner, run.buyers, run.origin)
        vals["team_id"] = channel.team_id.id or run.team.id
        fpos = vals["fiscal_position_id"]
        lines = [run.lines.values(run.products.get(channel, line), line, fpos, channel)
                 for line in order.lines]
        # the freight and the discounts make the total what the buyer paid
        if order.freight_line:
            lines.append(run.lines.extra(run.products.freight, order.freight_line,
                                         delivery=True))
        if order.discount_line:
            lines.append(run.lines.extra(run.products.discount, -order.discount_line))
        vals["order_line"] = [(0, 0, line) for line in lines]
        return vals

    def _order_values(self, order, channel, partner, buyers, origin):
        """Create values of one order without its lines and sales team."""
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
            "ecom_province": order.province or False,
            "ecom_city": order.city or False,
            "ecom_district": order.district or False,
            "ecom_street": order.street or False,
            "ecom_buyer_remark": order.remark or False,
            "ecom_payment_mode": order.payment_mode,
            "ecom_paid_amount": float(order.paid_amount),
            # what the platform's export adds (sale_order_import.py)
            "ecom_seller_note": order.seller_note or False,
            "ecom_invoice_title": order.invoice_title or False,
            "ecom_invoice_tax_id": order.invoice_tax_id or False,
            "ecom_address_review": order.address_review,
        })
