# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reads of many records loaded in batch: same values, fewer queries.

- ``ecom.related.read.mixin`` (on ``sale.order`` and ``stock.picking``): a
  page of records fetches the columns on the paths of its non-stored
  related fields first;
- ``sale.order._amount_all`` / ``_get_invoiced``: all the orders' lines
  known to the prefetch first (``_ecom_prefetch_lines``);
  ``_compute_ecom_invoice_state``: the lines' invoice lines too.

Switched off (``switch.py``), both leave the ORM to read as it does.
"""
from odoo import api, models
from odoo.exceptions import AccessError, MissingError

from .switch import bulk_layer_on


class EcomRelatedReadMixin(models.AbstractModel):
    """Reads of a page of records fetch their non-stored related fields in batch.

    A non-stored related field (``currency_id`` of an order, the buyer fields
    of a delivery) is computed as superuser, in an environment whose cache
    the page's read did not fill: the first access there prefetches every
    stored column of the page's records and of the records it passes through
    (hundreds of columns on sale.order), which was most of the time of a list
    or kanban page. Fetching only the columns on the field's path first, in
    the same environment, leaves the related field nothing to load. Values
    and access rules are unchanged: the ORM still computes the field.
    """

    _name = "ecom.related.read.mixin"
    _description = "Batch read of related fields"

    @api.multi
    def read(self, fields=None, load="_classic_read"):
        if fields and len(self) > 1 and bulk_layer_on(self.env):
            self._ecom_fetch_related_paths(fields)
        return super(EcomRelatedReadMixin, self).read(fields, load)

    @api.multi
    def _ecom_fetch_related_paths(self, names):
        """Load the columns on the paths of the non-stored related `names`."""
        for name in names:
            field = self._fields.get(name)
            if not field or field.store or not field.related:
                continue
            records = self.sudo() if field.related_sudo else self
            records = records.with_context(prefetch_fields=False)
            try:
                for step in field.related:
                    if not isinstance(records, models.BaseModel) or not records:
                        break
                    records = records.mapped(step)
            except (AccessError, MissingError):
                # a deleted or forbidden record: read() handles it as it does
                continue


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "ecom.related.read.mixin"]

    def _amount_all(self):
        if bulk_layer_on(self.env):
            self._ecom_prefetch_lines()
        return super(SaleOrder, self)._amount_all()

    def _get_invoiced(self):
        if bulk_layer_on(self.env):
            self._ecom_prefetch_lines()
        return super(SaleOrder, self)._get_invoiced()

    def _compute_ecom_invoice_state(self):
        if bulk_layer_on(self.env):
            # one query for the invoice lines of all the orders' lines, not
            # two per order (the lines' ids, then their invoice lines)
            self._ecom_prefetch_lines()
            self.mapped("order_line.invoice_lines")
        return super(SaleOrder, self)._compute_ecom_invoice_state()

    def _ecom_prefetch_lines(self):
        """Make the lines of all these orders known to the prefetch.

        sale's computations go order by order, and Odoo 11 reads a line field
        only for the lines met so far: after a recomputation has written the
        lines (which drops their values from the cache), the totals and the
        invoice status of N orders cost one query per order and field. With
        every line known, each field is read once per 1,000 lines. Same
        values, fewer queries (the depends stay sale's: Odoo joins those of
        all overrides)."""
        self.mapped("order_line")


class StockPicking(models.Model):
    _name = "stock.picking"
    _inherit = ["stock.picking", "ecom.related.read.mixin"]
