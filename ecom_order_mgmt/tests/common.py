# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared set-up for the suite's tests: a channel, stocked products, buyers
and helpers that create channel orders and walk them through the stages."""
from odoo.tests.common import SavepointCase


def english(env):
    """`env` with English as the context's language.

    The demo users work in Simplified Chinese, and Odoo's ``_()`` falls back
    on the user's language when the context names none: a refusal raised as
    ``ecom_cs`` would read in Chinese. The tests assert the English text;
    the Chinese one is tested apart (tests/test_translations.py,
    tests/test_mail_zh_CN.py, the browser tests).
    """
    return env(context=dict(env.context, lang="en_US"))


class EcomCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(EcomCase, cls).setUpClass()
        cls.env = env = english(cls.env)
        cls.warehouse = env.ref("stock.warehouse0")
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.channel = env["ecom.channel"].create({
            "name": "Test Tmall shop", "code": "TTEST", "platform": "tmall",
            "warehouse_id": cls.warehouse.id, "work_days": "mon_fri"})
        cls.product_a = cls._product("Test shirt S", "TST-SHIRT-S", "6990000000011", 100.0, 20)
        cls.product_b = cls._product("Test shirt M", "TST-SHIRT-M", "6990000000028", 50.0, 20)
        cls.product_out = cls._product("Test hat", "TST-HAT", "6990000000035", 30.0, 0)
        cls.buyer = env["res.partner"].create({"name": "Test buyer 测试", "customer": True})
        cls.carrier = env["delivery.carrier"].create({
            "name": "Test courier", "delivery_type": "fixed", "fixed_price": 0,
            "product_id": env["product.product"].create({
                "name": "Test courier service", "type": "service"}).id})
        cls.users = {role: env.ref("ecom_order_mgmt.user_ecom_%s" % role)
                     for role in ("cs", "finance", "warehouse", "manager", "director", "gm")}

    @classmethod
    def _product(cls, name, code, barcode, price, quantity):
        product = cls.env["product.product"].create({
            "name": name, "default_code": code, "barcode": barcode, "type": "product",
            "list_price": price, "taxes_id": [(5,)], "weight": 0.5})
        if quantity:
            cls.env["stock.quant"]._update_available_quantity(
                product, cls.stock_location, quantity)
        return product

    @classmethod
    def _order(cls, lines=None, paid=True, **values):
        """A channel order waiting for CS review; `lines` = [(product, qty)]."""
        lines = lines or [(cls.product_a, 1)]
        vals = {
            "partner_id": cls.buyer.id,
            "ecom_channel_id": cls.channel.id,
            "ecom_platform_ref": values.pop("ref", None) or cls._next_ref(),
            "ecom_buyer_name": "王小明",
            "ecom_buyer_phone": "13800138000",
            "ecom_province": "浙江省",
            "ecom_city": "杭州市",
            "ecom_district": "西湖区",
            "ecom_street": "文三路 90 号",
            "ecom_payment_mode": "prepaid",
            "order_line": [(0, 0, {"product_id": p.id, "product_uom_qty": q,
                                   "price_unit": p.list_price}) for p, q in lines],
        }
        vals.update(values)
        order = cls.env["sale.order"].create(vals)
        if paid and "ecom_paid_amount" not in values:
            order.ecom_paid_amount = order.amount_total
        return order

    _ref_counter = [0]

    @classmethod
    def _next_ref(cls):
        cls._ref_counter[0] += 1
        return "T%08d" % cls._ref_counter[0]

    def _other_company_manager(self, company_name, login):
        """A new company and a manager who works for it alone."""
        company = self.env["res.company"].create({"name": company_name})
        user = self.env["res.users"].create({
            "name": "Manager of %s" % company_name, "login": login,
            "company_id": company.id, "company_ids": [(6, 0, company.ids)],
            "groups_id": [(6, 0, [self.env.ref("ecom_order_mgmt.group_ecom_manager").id])]})
        return company, user

    # Class methods, so that a class's set-up can use them too.
    @classmethod
    def _as(cls, role, records):
        return records.sudo(cls.users[role])

    @classmethod
    def _approved(cls, lines=None, **values):
        """An order through both reviews, with its delivery created."""
        order = cls._order(lines, **values)
        cls._as("cs", order).action_ecom_cs_approve()
        cls._as("finance", order).action_ecom_finance_approve()
        return order

    @classmethod
    def _delivery(cls, order):
        return order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")

    @classmethod
    def _walk(cls, picking, stage):
        """Take a delivery through the fulfilment stages up to `stage`."""
        wh = cls._as("warehouse", picking)
        steps = ["printed", "picked", "packed", "checked", "shipped", "delivered"]
        for step in steps[:steps.index(stage) + 1]:
            if step == "printed":
                picking.write({"carrier_id": cls.carrier.id,
                               "carrier_tracking_ref": "SF%08d" % picking.id})
                wh.action_ecom_print_waybill()
            elif step == "picked":
                wh.action_ecom_pick()
            elif step == "packed":
                wh.action_ecom_pack()
            elif step == "checked":
                for move in picking.move_lines:
                    wh.action_ecom_scan(move.product_id.barcode, int(move.product_qty))
                wh.action_ecom_check()
            elif step == "shipped":
                wh.action_ecom_ship(picking.ecom_package_count)
            else:
                wh.action_ecom_confirm_delivered()
        return picking
