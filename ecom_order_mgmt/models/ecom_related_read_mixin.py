# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError, MissingError


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
        if fields and len(self) > 1:
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
