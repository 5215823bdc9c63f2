# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the models of the order import tell the bulk creation (``create_mixin.py``).

Each model lists the modules whose ``create`` override the bulk path
reproduces (``_ecom_bulk_create_modules``), completes the values as its
``create`` would (``_ecom_bulk_prepare_values``), refuses the values only
``create`` handles (``_ecom_bulk_values_ok``) and loads in batch what its
recomputation would read record by record (``_ecom_bulk_prefetch``).
"""
from collections import Counter

from odoo import _, api, models, tools
from odoo.tools import float_round

from .switch import bulk_layer_on

# What sale's create() asks the product onchange for when it is missing.
ONCHANGE_FIELDS = ("name", "price_unit", "product_uom", "tax_id")

# The invoicing fields of a draft order line, each with the method that
# computes it and the modules whose overrides of that method leave a draft
# line's value alone (sale_stock: done orders only; the suite's
# _get_to_invoice_qty: confirmed orders only, or 0).
_DRAFT_LINE_ZEROS = (
    ("qty_invoiced", "_get_invoice_qty", ("sale",)),
    ("qty_to_invoice", "_get_to_invoice_qty", ("sale", "ecom_order_mgmt", "ecom_returns")),
    ("invoice_status", "_compute_invoice_status", ("sale", "sale_stock")),
    ("amt_invoiced", "_compute_invoice_amount", ("sale",)),
    ("amt_to_invoice", "_compute_invoice_amount", ("sale",)),
)


class _OrderSequences(object):
    """Order numbers as sale's create() draws them (ir.sequence.next_by_code
    with force_company), the sequence looked up once per company for a bulk
    creation (context ``ecom_order_sequences``: an object, which a client's
    context cannot carry)."""

    def __init__(self, env):
        self.env = env
        self.new = _("New")  # the provisional name create() replaces, translated
        self.sequences = {}  # company id -> ir.sequence
        self.drawn = {}      # company id -> iterator of the numbers drawn ahead

    def _sequence(self, company_id):
        company_id = company_id or self.env.user.company_id.id
        if company_id not in self.sequences:
            self.sequences[company_id] = self.env["ir.sequence"].search(
                [("code", "=", "sale.order"), ("company_id", "in", [company_id, False])],
                order="company_id", limit=1)
        return self.sequences[company_id]

    def reserve(self, vals_list):
        """Draw at once the numbers of the orders of `vals_list` that have
        none, from the sequences that hand out plain numbers (no gap-free
        sequence, no yearly ranges): one query per batch, not per order."""
        counts = Counter(vals.get("company_id") or self.env.user.company_id.id
                         for vals in vals_list if vals.get("name", self.new) == self.new)
        for company_id, count in counts.items():
            sequence = self._sequence(company_id)
            if not sequence or sequence.implementation != "standard" \
                    or sequence.use_date_range:
                continue
            sequence.check_access_rights("read")  # as next_by_id does
            # the PostgreSQL sequence behind a standard ir.sequence (ir_sequence.py)
            self.env.cr.execute("SELECT nextval(%s) FROM generate_series(1, %s) ORDER BY 1",
                                ("ir_sequence_%03d" % sequence.id, count))
            self.drawn[company_id] = iter([sequence.get_next_char(row[0])
                                           for row in self.env.cr.fetchall()])

    def next_name(self, company_id):
        """The next order number for `company_id` (else the user's company)."""
        company_id = company_id or self.env.user.company_id.id
        name = next(self.drawn.get(company_id, iter(())), None)
        if name:
            return name
        sequence = self._sequence(company_id)
        return sequence.next_by_id() if sequence else self.new


def _overridden(model, method, modules):
    """Whether a module not in `modules` defines `method` of `model`."""
    return any(method in vars(cls) and vars(cls).get("_module") not in modules
               for cls in type(model).__mro__ if vars(cls).get("_module"))


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "ecom.bulk.create.mixin"]
    # create() overrides that _ecom_bulk_prepare_values reproduces (imports)
    _ecom_bulk_create_modules = ("sale", "mail", "ecom_order_mgmt")

    @api.model
    def _ecom_bulk_values_ok(self, vals):
        # sale.order.create() fills addresses and pricelist from the partner
        # when they are missing; drafts only (lines of confirmed orders start
        # their procurement when created)
        return all(vals.get(name) for name in ("partner_invoice_id", "partner_shipping_id",
                                               "pricelist_id")) \
            and vals.get("state", "draft") in ("draft", "sent")

    def _ecom_bulk_prefetch(self):
        # the lines' amounts read their order's currency and shipping
        # address, the invoice status each order's products, one order at
        # a time
        self.mapped("currency_id")
        self.mapped("partner_shipping_id")
        self.mapped("order_line.product_id")

    @api.model
    def _ecom_bulk_prepare_values(self, vals):
        # what create() does before the defaults: this module's channel
        # defaults, then sale's order number from the sequence
        vals = self._ecom_channel_defaults(vals)
        numbers = self.env.context.get("ecom_order_sequences")
        if not isinstance(numbers, _OrderSequences):
            numbers = _OrderSequences(self.env)
        if vals.get("name", numbers.new) == numbers.new:
            vals["name"] = numbers.next_name(vals.get("company_id"))
        return vals

    @api.model
    def _ecom_bulk_complete(self, vals_list):
        # the order sequence looked up (and "New" translated) once per batch,
        # its numbers drawn together, not once per order as
        # ir.sequence.next_by_code does
        numbers = _OrderSequences(self.env)
        numbers.reserve(vals_list)
        return super(SaleOrder, self.with_context(
            ecom_order_sequences=numbers))._ecom_bulk_complete(vals_list)

    def _ecom_bulk_computed_values(self, full, ids):
        # sale's _get_invoiced gives an order that is not confirmed the
        # invoice status "no", whatever its lines, after searching the
        # invoices for its name: one query per order. The bulk path creates
        # drafts only (_ecom_bulk_values_ok).
        names = self._ecom_bulk_sla_deadlines(full)
        if _overridden(self, "_get_invoiced", ("sale", "ecom_order_mgmt")) or any(
                vals.get("state", "draft") not in ("draft", "sent") for vals in full):
            return names
        for vals in full:
            vals["invoice_status"] = "no"
        return names + ["invoice_status"]

    def _ecom_bulk_sla_deadlines(self, full):
        # The SLA deadline depends on the inserted values only (channel,
        # receipt, expedited): computed with the INSERT, each channel's
        # calendar read once, not set order by order by the recomputation.
        if _overridden(self, "_compute_ecom_sla_deadline", ("ecom_order_mgmt",)):
            return []
        received = self._fields["ecom_received_at"]
        keys = [(vals.get("ecom_channel_id") or False,
                 received.convert_to_cache(vals.get("ecom_received_at") or False, self))
                for vals in full]
        channels = self.env["ecom.channel"].browse({key[0] for key in keys if key[0]})
        deadlines = channels._ecom_sla_deadlines([key for key in keys if all(key)])
        expedited = [key for key, vals in zip(keys, full)
                     if all(key) and vals.get("ecom_expedited")]
        # the channel's shorter SLA (sale_order_assignment.py)
        expedited = expedited and channels._ecom_sla_deadlines(expedited, hours={
            channel.id: channel.expedited_sla_hours for channel in channels}) or {}
        for key, vals in zip(keys, full):
            vals["ecom_sla_deadline"] = (vals.get("ecom_expedited") and expedited.get(key)
                                         or deadlines.get(key, False))
        return ["ecom_sla_deadline"]


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["sale.order.line", "ecom.bulk.create.mixin"]
    # create() overrides of sale and sale_stock change nothing for these values
    _ecom_bulk_create_modules = ("sale", "sale_stock")

    @api.model
    def _ecom_bulk_values_ok(self, vals):
        # sale's create() fills missing product values by onchange; lines
        # added to a confirmed order start a procurement (sale_stock) and
        # post a message (sale): those go through create()
        if vals.get("product_id") and any(name not in vals for name in ONCHANGE_FIELDS):
            return False
        order = self.env["sale.order"].browse(vals.get("order_id"))
        return not order or order.state in ("draft", "sent")

    def _ecom_bulk_computed_values(self, full, ids):
        # A line of a quotation has nothing invoiced nor to invoice: sale's
        # computations give every new draft line 0 and the status "no" (the
        # suite's overrides change only lines of confirmed orders). Written
        # in the INSERT, not computed line by line through the invoice lines
        # and the order (a fifth of an imported order's recomputation).
        # Values filled in per line, the state being the order's (related).
        fields_ = [name for name, method, modules in _DRAFT_LINE_ZEROS
                   if not _overridden(self, method, modules)]
        if any(vals.get("state") not in ("draft", "sent") or vals.get("invoice_lines")
               for vals in full):
            fields_ = []
        for vals in full:
            for name in fields_:
                vals[name] = "no" if name == "invoice_status" else 0.0
        if not _overridden(self, "_get_price_reduce", ("sale",)):
            self._ecom_bulk_price_reduce(full)
            fields_.append("price_reduce")
        return fields_

    def _ecom_bulk_price_reduce(self, full):
        """sale's unit price after discount (_get_price_reduce), from the
        values as the cache holds them (rounded to their digits, looked up
        once: each lookup reads the decimal precision again)."""
        digits = [self._fields[name].digits for name in ("price_unit", "discount")]
        for vals in full:
            price_unit, discount = [
                float_round(float(vals.get(name) or 0.0), precision_digits=places[1])
                if places else float(vals.get(name) or 0.0)
                for name, places in zip(("price_unit", "discount"), digits)]
            vals["price_reduce"] = price_unit * (1.0 - discount / 100.0)


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "ecom.bulk.create.mixin"]
    # create() overrides that _ecom_bulk_prepare_values reproduces (imports)
    _ecom_bulk_create_modules = ("base", "mail")

    @api.model
    def default_get(self, fields_list):
        if self.env.context.get("ecom_import_buyer") and bulk_layer_on(self.env):
            # The default of a company-dependent field is the ir.property
            # default itself: writing it back at create stores nothing
            # (set_multi skips values equal to the default) but costs a few
            # queries per field, per buyer. Leave those fields out (the list
            # filtered once per list of fields, not once per buyer).
            fields_list = list(self._ecom_without_company_dependent(tuple(fields_list)))
        return super(ResPartner, self).default_get(fields_list)

    @tools.ormcache("fields_list")
    def _ecom_without_company_dependent(self, fields_list):
        return tuple(name for name in fields_list
                     if not getattr(self._fields.get(name), "company_dependent", False))

    def _ecom_bulk_computed_values(self, full, ids):
        # Each new buyer is its own commercial entity: recompute would set it
        # with one write per buyer, each looking up the partners and
        # invoices depending on it. Written in the INSERT instead: the
        # commercial entity of a partner without a parent is itself (base's
        # _compute_commercial_partner, unless another module computes it).
        # The display name is computed by the model itself, for the whole
        # batch, and written with the other computed fields in one UPDATE
        # (create_recompute.py).
        if any(vals.get("parent_id") for vals in full) or \
                _overridden(self, "_compute_commercial_partner", ("base",)):
            return []
        names = ["commercial_partner_id", "commercial_partner_country_id"]
        # and what base computes from it for a partner of its own: the
        # company name (its own if a company), shared (no user yet)
        own = [(name, method) for name, method in (
            ("commercial_company_name", "_compute_commercial_company_name"),
            ("partner_share", "_compute_partner_share"))
            if not _overridden(self, method, ("base",))]
        if any(vals.get("user_ids") for vals in full):
            own = [item for item in own if item[0] != "partner_share"]
        names += [name for name, _method in own]
        for record_id, vals in zip(ids, full):
            vals["commercial_partner_id"] = record_id
            # related to the commercial entity: the partner itself
            vals["commercial_partner_country_id"] = vals.get("country_id") or False
            for name, _method in own:
                vals[name] = True if name == "partner_share" else (
                    vals.get("is_company") and vals.get("name") or vals.get("company_name")
                    or False)
        return names

    @api.model
    def _ecom_bulk_values_ok(self, vals):
        # base's create() makes an avatar and syncs contacts with their
        # company and children: only the import's stand-alone buyers (who get
        # no avatar, see _get_default_image) go in bulk
        return self.env.context.get("ecom_import_buyer") and not any(
            vals.get(name) for name in ("parent_id", "child_ids", "website", "image"))
