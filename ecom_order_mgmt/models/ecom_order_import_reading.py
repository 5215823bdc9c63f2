# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The parse step of an order import (ecom.order.import) with the database:
which layouts there are (the active import profiles), which channel the
file is of, and a preview of the first orders as they will be read.

The reading itself is tools/order_import (no ORM); this gives it the
profiles as layouts, and turns what it found into the user's terms.
"""
import os

from odoo import _, api, models
from odoo.exceptions import UserError

from ..tools import order_import
from .ecom_channel_import import shop_key

# System parameters bounding one import (a day of a big shop fits easily).
MAX_MB_PARAM = "ecom_order_mgmt.import_max_mb"
MAX_ROWS_PARAM = "ecom_order_mgmt.import_max_rows"
DEFAULT_MAX_MB = 20
DEFAULT_MAX_ROWS = 100000
# Orders shown by the preview of a file.
PREVIEW_ORDERS = 10


class EcomOrderImportReader(models.AbstractModel):
    """Read an upload with the import profiles; inherited by the wizard."""

    _name = "ecom.order.import.reader"
    _description = "Order Import: Reading the Files"

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
    def _read_upload(self, files, channel, profile):
        """The parse step: (ImportResult, profile) of the uploaded files
        ([(name, bytes)]), read with `profile` (else the profile whose
        signature each file's header has, else the suite's template: then
        the profile returned is empty).

        A problem with the upload as a whole (type, size, encoding, header,
        layouts) raises UserError: nothing is imported.
        """
        max_bytes, max_rows = self._import_limits()
        # A background part of an .xlsx file is CSV (see _enqueue_chunks).
        if self.env.context.get("ecom_import_csv"):
            files = [(os.path.splitext(name)[0] + ".csv", content) for name, content in files]
        profiles = self.env["ecom.import.profile"].sudo().search([])
        layouts = {profile.id: profile._ecom_layout() for profile in profiles}
        forced = None
        if profile:
            forced = layouts.get(profile.id) or profile.sudo()._ecom_layout()
        result = order_import.parse_upload(
            files, max_bytes=max_bytes, max_rows=max_rows,
            layouts=[layouts[profile.id] for profile in profiles],
            channel_code=channel.code if channel else None, forced=forced)
        if result.file_errors:
            raise UserError("\n".join(self._error_text(err) for err in result.file_errors))
        used = result.layout.rules is not None and int(result.layout.code)
        return result, self.env["ecom.import.profile"].browse(used or [])

    @api.model
    def _import_channel(self, result, channel, company):
        """The channel of the file's orders: `channel` (the user's choice),
        else the channel whose shop name or ID the file gives; raises
        UserError when the file is of another shop, of several, or of none
        known. Gives a platform's orders the channel's code."""
        if result.layout.rules is None:
            # the suite's template: a channel code on every row
            others = result.channel_codes - {channel.code} if channel else set()
            if others:
                raise UserError(_(
                    "The file has orders of channel %s, but it was uploaded for channel "
                    "%s: choose that channel, or no channel.") % (
                    ", ".join(sorted(others)), channel.display_name))
            return channel
        if channel:
            keys = channel._ecom_shop_keys()
            foreign = sorted(shop for shop in result.shops if shop_key(shop) not in keys)
            if foreign:
                raise UserError(_(
                    "The file is from shop \"%s\", not from channel %s: choose the channel "
                    "of that shop, or enter this name as the channel's Shop Name in "
                    "Exports.") % (", ".join(foreign), channel.display_name))
        else:
            channel = self._import_channel_by_shop(result, company)
        result.assign_channel(channel.code)
        return channel

    @api.model
    def _import_channel_by_shop(self, result, company):
        if not result.shops:
            raise UserError(_(
                "This %s export does not say which shop it is from: choose the channel "
                "it came from.") % result.layout.name)
        found = self.env["ecom.channel"]
        for shop in sorted(result.shops):
            channels = self.env["ecom.channel"]._ecom_find_by_shop(shop, company)
            if not channels:
                raise UserError(_(
                    "No channel of %s is the shop \"%s\" of this file: enter the shop's "
                    "name as a channel's Shop Name in Exports, or choose the channel.") % (
                    company.name, shop))
            if len(channels) > 1:
                raise UserError(_(
                    "Several channels are the shop \"%s\" (%s): choose the channel.") % (
                    shop, ", ".join(channels.mapped("display_name"))))
            found |= channels
        if len(found) > 1:
            raise UserError(_(
                "The file has orders of several shops (%s): export and import one shop at "
                "a time.") % ", ".join(found.mapped("display_name")))
        return found

    # ------------------------------------------------------------------
    # Preview
    # ------------------------------------------------------------------
    @api.model
    def _preview_values(self, result, limit=PREVIEW_ORDERS):
        """Values of the preview lines: the first `limit` orders of the file
        (imported, refused or skipped) as the import reads them."""
        entries = [(order.first_row, order) for order in result.all_orders()]
        entries += [(skipped.row, skipped) for skipped in result.skipped.values()]
        entries.sort(key=lambda entry: entry[0])
        first_error = {}
        for err in result.errors:
            if err.row is not None:
                first_error.setdefault(err.row, err)
        accepted = {order.key for order in result.orders}
        values = []
        for sequence, (_row, entry) in enumerate(entries[:limit], 1):
            if isinstance(entry, order_import.ParsedOrder):
                values.append(self._preview_order(entry, sequence, accepted, first_error))
            else:
                values.append({
                    "sequence": sequence, "row": order_import.row_part(entry.row)[1],
                    "platform_ref": entry.platform_ref, "outcome": "skip",
                    "status": entry.status, "note": _("Skipped: %s") % entry.status})
        return values

    def _preview_order(self, order, sequence, accepted, first_error):
        errors = [first_error[row] for row in order.rows if row in first_error]
        items = "; ".join(
            "%s × %s @ %s" % (line.product_code or line.title or line.product_ref,
                              line.quantity,
                              line.unit_price if line.unit_price is not None else "?")
            for line in order.lines)
        address = " ".join(part for part in (order.province, order.city, order.district,
                                             order.street) if part)
        return {
            "sequence": sequence,
            "row": order_import.row_part(order.first_row)[1],
            "platform_ref": order.platform_ref,
            "outcome": "import" if order.key in accepted else "error",
            "status": order.status or "",
            "buyer": order.buyer_name or "",
            "phone": order.phone or "",
            "address": address,
            "address_review": order.address_review,
            "items": items,
            "freight": float(order.freight_line or 0),
            "discount": float(order.discount_line or 0),
            "paid": float(order.payable if order.payable is not None
                          else order.paid_amount or 0),
            "note": self._error_text(errors[0]) if errors else "",
        }
