# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Values of the records an order import writes, computed once per import.

What sale.order's onchanges would compute for each imported order (the
buyer, the commercial terms, the lines' descriptions and taxes), read in
batch and cached for the whole file instead. Used by the import writer
(ecom.order.import.writer).
"""
from odoo.tools import split_every

from ..tools.order_import.buyers import buyer_key, phone_spellings, phone_stored, state_key
from ..tools.order_import.skus import line_sku_key, sku_ref

# Size of the IN lists of the batch searches.
CHUNK = 1000


class ImportBuyers(object):
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
                self.states.setdefault(state_key(state.name), state.id)
        self.found = {}      # (channel id, phone digits) -> partner
        self.pending = []    # keys created in the current savepoint
        self.created = {}    # buyer created by this import: id -> (country id, state id)
        self.terms = {}      # (partner id, company id) -> order values
        self.fpos = {}       # (company id, region) -> fiscal position id
        channel_ids = [channel.id for channel in channels]
        phones = set()
        for order in orders:
            phones.update(phone_spellings(order.phone))
        for chunk in split_every(CHUNK, phones):
            partners = self.Partner.search([("ecom_channel_id", "in", channel_ids),
                                            ("phone", "in", list(chunk))], order="id")
            for partner in partners:
                key = (partner.ecom_channel_id.id, buyer_key(partner.phone, partner.name))
                # The buyer first seen wins over later duplicates.
                self.found.setdefault(key, partner)

    def _new_values(self, channel, order):
        return {
            "name": order.buyer_name,
            "phone": phone_stored(order.phone),
            "street": order.street,
            "street2": order.district or False,
            "city": order.city or False,
            "zip": getattr(order, "postcode", "") or False,
            "state_id": self.states.get(order.province or "")
            or self.states.get(state_key(order.province)) or False,
            "country_id": self.country.id if self.country else False,
            "customer": True,
            "company_id": channel.company_id.id,
            "ecom_channel_id": channel.id,
        }

    def _remember(self, key, partner, vals):
        self.found[key] = partner
        self.pending.append(key)
        # the region of the buyer, from its values: reading it back would
        # load every new buyer of the batch from the database
        self.created[partner.id] = (vals["country_id"], vals["state_id"])

    def get_or_create(self, channel, order):
        """The buyer of ``order`` in ``channel``, created when new."""
        key = (channel.id, buyer_key(order.phone, order.buyer_name))
        partner = self.found.get(key)
        if partner is None:
            vals = self._new_values(channel, order)
            partner = self.Partner.create(vals)
            self._remember(key, partner, vals)
        return partner

    def create_missing(self, pairs):
        """Create at once the buyers of these (channel, order) not known yet."""
        todo = {}
        for channel, order in pairs:
            key = (channel.id, buyer_key(order.phone, order.buyer_name))
            # the buyer's first order in the file gives the name and address
            if key not in self.found and key not in todo:
                todo[key] = self._new_values(channel, order)
        partners = self.Partner._ecom_create_many(list(todo.values()))
        for (key, vals), partner in zip(todo.items(), partners):
            self._remember(key, partner, vals)

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
            key = ("new", company.id) + self.created[partner.id]
        if key not in self.terms:
            # this buyer alone: not every buyer of the batch with it
            buyer = partner.with_prefetch().with_context(force_company=company.id)
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


class LineValues(object):
    """Values of order lines, with what product_id_change would compute cached."""

    def __init__(self, env):
        self.env = env
        self.names = {}     # product id -> name (freight, discount)
        self.products = {}  # product id -> (line name, unit of measure id, lead time)
        self.taxes = {}

    def extra(self, product, price, delivery=False):
        """The create values of the freight line (``delivery``: a delivery
        line, as the carrier's would be) or the discount line of an order:
        one unit at `price`, without tax (the platform's price is what the
        buyer pays)."""
        if product.id not in self.names:
            self.names[product.id] = product.name_get()[0][1]
        return {
            "product_id": product.id,
            "name": self.names[product.id],
            "product_uom_qty": 1.0,
            "product_uom": product.uom_id.id,
            "price_unit": float(price),
            "tax_id": [(6, 0, [])],
            "customer_lead": 0.0,
            "is_delivery": delivery,
        }

    def values(self, product, line, fpos_id, channel):
        """The create values of one order line."""
        if product.id not in self.products:
            # read once per product, not per line
            name = product.name_get()[0][1]
            if product.description_sale:
                name += "\n" + product.description_sale
            self.products[product.id] = (name, product.uom_id.id, product.sale_delay)
        name, uom_id, sale_delay = self.products[product.id]
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
            "name": name,
            "product_uom_qty": float(line.quantity),
            "product_uom": uom_id,
            "price_unit": float(line.unit_price),
            "tax_id": [(6, 0, self.taxes[tax_key])],
            "customer_lead": sale_delay,
        }


class ImportProducts(object):
    """The products of an import's lines: by merchant code, else by the
    channel's SKU map; the freight and discount products; the items no one
    knows (for CS to map)."""

    def __init__(self, env, by_code):
        self.env = env
        self.by_code = by_code
        self.by_sku = {}     # (channel id, sku key) -> product
        self.unknown = {}    # (channel id, sku key) -> {what CS sees of the item}
        self.freight = env.ref("ecom_order_mgmt.product_ecom_freight", raise_if_not_found=False)
        self.discount = env.ref("ecom_order_mgmt.product_ecom_discount",
                                raise_if_not_found=False)

    def load_sku_map(self, pairs):
        """Read the SKU map entries of these (channel, line) at once."""
        keys = {(channel.id, line_sku_key(line)) for channel, line in pairs}
        channel_ids = list({channel_id for channel_id, _key in keys})
        Map = self.env["ecom.channel.product"]
        for chunk in split_every(CHUNK, {key for _channel_id, key in keys}):
            for item in Map.search([("channel_id", "in", channel_ids),
                                    ("match_key", "in", list(chunk))]):
                if item.product_id.sale_ok and item.product_id.active:
                    self.by_sku[(item.channel_id.id, item.match_key)] = item.product_id

    def get(self, channel, line):
        """The product of a line, or None."""
        product = self.by_code.get(line.product_code) if line.product_code else None
        return product or self.by_sku.get((channel.id, line_sku_key(line)))

    def add_unknown(self, channel, line):
        """Note an item no product is known for (once per channel and SKU)."""
        key = (channel.id, line_sku_key(line))
        item = self.unknown.setdefault(key, {
            "channel_id": channel.id,
            "platform_product_id": sku_ref(line.product_ref, line.product_code, line.title),
            "spec": line.spec or "", "merchant_code": line.product_code or "",
            "title": line.title or "", "lines": 0})
        item["lines"] += 1
