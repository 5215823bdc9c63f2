# Run by the browser tests inside `odoo shell` (the Odoo venv): fresh data for
# one run of the flows, whatever earlier tests left in the database.
#   a paid channel order waiting for CS review (two units of a stocked product
#   with a barcode, a carrier chosen), a custom request whose price change
#   waits for the director's signature, and a backorder (an approved order of
#   a product out of stock) whose supplier purchasing has not asked yet.
# Prints one line "BROWSER_DATA=<json>" and commits.
# `env` is the superuser's environment that `odoo shell` provides.
import json
import os
import time
from datetime import date, timedelta

env = env  # noqa: F821 (given by odoo shell)
tag = os.environ.get("BROWSER_TAG") or str(int(time.time()))
stock = env.ref("stock.warehouse0").lot_stock_id
users = {role: env.ref("ecom_order_mgmt.user_ecom_%s" % role)
         for role in ("cs", "finance", "warehouse", "manager", "director", "gm")}
users["purchase"] = env.ref("ecom_backorder.user_ecom_purchase")


def product(code, name, barcode, price, quantity):
    found = env["product.product"].search([("default_code", "=", code)], limit=1)
    found = found or env["product.product"].create({
        "name": name, "default_code": code, "barcode": barcode, "type": "product",
        "list_price": price, "taxes_id": [(5,)], "weight": 0.4})
    if quantity:
        env["stock.quant"]._update_available_quantity(found, stock, quantity)
    return found


shirt = product("BRW-SHIRT", "Browser test shirt", "6990000009911", 100.0, 10)
cap = product("BRW-CAP", "Browser test cap", "6990000009928", 30.0, 10)
custom = product("BRW-CUSTOM", "Browser custom jacket", "6990000009935", 100.0, 0)
channel = env["ecom.channel"].search([("code", "=", "BRWS")], limit=1) or \
    env["ecom.channel"].create({
        "name": "Browser test shop", "code": "BRWS", "platform": "tmall",
        "warehouse_id": env.ref("stock.warehouse0").id, "work_days": "mon_fri"})
carrier = env["delivery.carrier"].search([("name", "=", "Browser courier")], limit=1) or \
    env["delivery.carrier"].create({
        "name": "Browser courier", "delivery_type": "fixed", "fixed_price": 0,
        "product_id": env["product.product"].create({
            "name": "Browser courier service", "type": "service"}).id})
buyer = env["res.partner"].create({"name": "Browser buyer %s" % tag, "customer": True})
vendor = env["res.partner"].search([("name", "=", "Browser workshop")], limit=1) or \
    env["res.partner"].create({"name": "Browser workshop", "supplier": True,
                               "customer": False})

order = env["sale.order"].create({
    "partner_id": buyer.id,
    "ecom_channel_id": channel.id,
    "ecom_platform_ref": "BRW%s" % tag,
    "ecom_buyer_name": "王小明",
    "ecom_buyer_phone": "13800138000",
    "ecom_province": "浙江省",
    "ecom_city": "杭州市",
    "ecom_district": "西湖区",
    "ecom_street": "文三路 90 号",
    "ecom_payment_mode": "prepaid",
    "carrier_id": carrier.id,
    "order_line": [(0, 0, {"product_id": shirt.id, "product_uom_qty": 2,
                           "price_unit": 100.0})],
})
order.ecom_paid_amount = order.amount_total

# A plain quotation whose line is made to order, at a new price.
quotation = env["sale.order"].create({
    "partner_id": buyer.id,
    "order_line": [(0, 0, {"product_id": custom.id, "product_uom_qty": 2,
                           "price_unit": 100.0})]})
request = env["ecom.custom.request"].sudo(users["cs"]).create({
    "order_id": quotation.id, "line_id": quotation.order_line[0].id,
    "buyer_date": str(date.today() + timedelta(days=40)),
    "price_change": True, "new_price_unit": 120.0,
    "price_change_reason": "Embroidered logo on the back",
    "packaging_standard": "One jacket per kraft box"})
request = env["ecom.custom.request"].browse(request.id)
request.action_record_feasibility(
    True, inbound_date=str(date.today() + timedelta(days=20)), inbound_qty=2,
    vendor_id=vendor.id, production_cycle_days=15, note="The workshop can make it")
request.sudo(users["cs"]).action_buyer_accept(15, "Black twill, embroidered logo")
request.sudo(users["cs"]).action_submit()
assert request.state == "price_approval", request.state

# A reviewed order of a product nobody has: a backorder for purchasing.
hat = product("BRW-HAT", "Browser test hat", "6990000009942", 40.0, 0)
if not hat.seller_ids:
    env["product.supplierinfo"].create({
        "name": vendor.id, "product_tmpl_id": hat.product_tmpl_id.id, "price": 15.0})
short = env["sale.order"].create({
    "partner_id": buyer.id,
    "ecom_channel_id": channel.id,
    "ecom_platform_ref": "BRWB%s" % tag,
    "ecom_buyer_name": "李小红",
    "ecom_buyer_phone": "13900139000",
    "ecom_province": "江苏省",
    "ecom_city": "南京市",
    "ecom_district": "鼓楼区",
    "ecom_street": "中山路 1 号",
    "ecom_payment_mode": "prepaid",
    "order_line": [(0, 0, {"product_id": hat.id, "product_uom_qty": 3, "price_unit": 40.0})],
})
short.ecom_paid_amount = short.amount_total
short.action_ecom_cs_approve()
short.action_ecom_finance_approve()
backorder = short.ecom_backorder_ids
assert len(backorder) == 1 and backorder.state == "open", backorder.mapped("state")

env.cr.commit()
print("BROWSER_DATA=" + json.dumps({
    "order_id": order.id, "order_name": order.name, "order_total": order.amount_total,
    "shirt_barcode": shirt.barcode, "cap_barcode": cap.barcode,
    "shirt_name": shirt.display_name, "cap_name": cap.display_name,
    "request_id": request.id, "request_name": request.name,
    "backorder_order_name": short.name, "hat_name": hat.name,
    "company_id": env.ref("base.main_company").id,
    "users": {role: user.id for role, user in users.items()},
}))
