# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What is small and made through the ORM (channels, a vendor, products), and
what the bulk writers need to know of the database."""
from datetime import datetime

from .world import CHANNELS


class Context(object):
    """What the bulk writers need to know of the database (ids, users, products)."""

    def __init__(self, env):
        self.env = env
        self.now = datetime.utcnow().replace(microsecond=0)
        warehouse = env["stock.warehouse"].search([("company_id", "=", env.user.company_id.id)],
                                                  limit=1, order="id")
        self.warehouse = warehouse
        self.company = warehouse.company_id
        self.stock_loc = warehouse.lot_stock_id.id
        self.customer_loc = env.ref("stock.stock_location_customers").id
        self.inventory_loc = env.ref("stock.location_inventory").id
        self.out_type = warehouse.out_type_id
        self.pricelist = env["product.pricelist"].search([], limit=1, order="id")
        self.currency_id = self.pricelist.currency_id.id
        self.kg = env.ref("product.product_uom_kgm").id
        self.unit = env.ref("product.product_uom_unit").id
        self.team_id = env["crm.team"].search([], limit=1, order="id").id
        self.carrier = env["delivery.carrier"].search([], limit=1, order="id")
        users = env["res.users"].search([("login", "in", (
            "ecom_cs", "ecom_finance", "ecom_warehouse", "ecom_manager"))])
        by_login = {u.login: u.id for u in users}
        self.cs_uid = by_login.get("ecom_cs", 1)
        self.finance_uid = by_login.get("ecom_finance", 1)
        self.warehouse_uid = by_login.get("ecom_warehouse", 1)
        self.manager_uid = by_login.get("ecom_manager", 1)
        self.reasons = {r.code: r.id for r in env["ecom.exception.reason"].search([])}
        self.prefix = (self.out_type.sequence_id.prefix or "WH/OUT/")


def setup_masters(env, ctx, n_products, rng):
    """Channels, a vendor and products through the ORM (small)."""
    channels = env["ecom.channel"]
    for code, name, platform, _share, sla, days in CHANNELS:
        channel = channels.search([("code", "=", code)], limit=1)
        if not channel:
            channel = channels.create({
                "name": name, "code": code, "platform": platform,
                "warehouse_id": ctx.warehouse.id, "team_id": ctx.team_id, "sla_hours": sla,
                "work_days": days, "work_hour_start": 9.0, "work_hour_end": 22.0})
        channels |= channel
    vendor = env["res.partner"].search([("ref", "=", "BENCH-VENDOR")], limit=1) or \
        env["res.partner"].create({"name": "杭州制衣厂 (bench)", "ref": "BENCH-VENDOR",
                                   "supplier": True, "customer": False, "is_company": True})
    Template = env["product.template"]
    existing = env["product.product"].search([("default_code", "=like", "BN%")])
    products = existing
    for i in range(len(existing), n_products):
        price = round(rng.choice([19.9, 29.9, 49, 59, 79, 99, 129, 159, 199, 299, 399, 599,
                                  899]), 2)
        template = Template.with_context(tracking_disable=True).create({
            "name": "商品 %04d (bench)" % (i + 1), "default_code": "BN%04d" % (i + 1),
            "barcode": "69%011d" % (i + 1), "type": "product", "list_price": price,
            "standard_price": round(price * 0.4, 2), "weight": 0.3 + (i % 7) * 0.2,
            "taxes_id": [(6, 0, [])], "supplier_taxes_id": [(6, 0, [])],
            "invoice_policy": "order",
            "seller_ids": [(0, 0, {"name": vendor.id, "price": round(price * 0.4, 2),
                                   "delay": 7, "min_qty": 1})]})
        products |= template.product_variant_id
    return channels, products


def product_rows(env, products):
    """What the bulk writers read of `products`, one dict each."""
    return [{"id": p.id, "name": "[%s] %s" % (p.default_code, p.name), "code": p.default_code,
             "price": p.lst_price, "cost": p.standard_price, "weight": p.weight or 0.5}
            for p in products]
