"""Documents made by the previous release's own code (run in its `odoo shell`).

Used by tests/test_upgrade_release.py: piped into `odoo shell` on a database
where the release's addons are installed, it walks documents through the
release's actions (each step as the person whose job it is), commits, and
prints `RELEASE_DATA=<json>`: the ids of what it made. Only the contract API
of SPEC is used, so the script runs on the release and on later code alike.
"""
import json
from datetime import date, timedelta

from odoo import fields

env = env(context=dict(env.context, lang="en_US", tz="UTC"))  # noqa: F821 (odoo shell)
ROLES = ("cs", "finance", "warehouse", "manager", "director", "gm")
users = {role: env.ref("ecom_order_mgmt.user_ecom_%s" % role) for role in ROLES}
users["purchase"] = env["res.users"].create({
    "name": "Release purchasing", "login": "release_purchase",
    "email": "release_purchase@example.com",
    "groups_id": [(6, 0, [env.ref("purchase.group_purchase_user").id])]})


def as_(role, records):
    return records.sudo(users[role])


def day(offset):
    return fields.Date.to_string(date.today() + timedelta(days=offset))


company = env.user.company_id
company.write({"ecom_return_days": 30})
warehouse = env.ref("stock.warehouse0")
warehouse._ecom_ensure_return_locations()
channel = env["ecom.channel"].create({"name": "Release shop", "code": "RELUP",
                                      "platform": "tmall", "warehouse_id": warehouse.id})
products = {}
for code, barcode, price, stock in (("REL-A", "6991000000011", 88.8, 100),
                                    ("REL-B", "6991000000028", 19.99, 100),
                                    ("REL-CUSTOM", "6991000000035", 1000.05, 0)):
    products[code] = env["product.product"].create({
        "name": "Release %s" % code, "default_code": code, "barcode": barcode,
        "type": "product", "list_price": price, "taxes_id": [(5,)], "weight": 0.5})
    if stock:
        env["stock.quant"]._update_available_quantity(products[code], warehouse.lot_stock_id,
                                                      stock)
carrier = env["delivery.carrier"].create({
    "name": "Release courier", "delivery_type": "fixed", "fixed_price": 0,
    "product_id": env["product.product"].create({"name": "Release courier service",
                                                 "type": "service"}).id})
buyer = env["res.partner"].create({"name": "Release buyer", "customer": True})


def order(ref, lines=(("REL-A", 2), ("REL-B", 1)), mode="prepaid"):
    sale = env["sale.order"].create({
        "partner_id": buyer.id, "ecom_channel_id": channel.id, "ecom_platform_ref": ref,
        "ecom_buyer_name": "李雷", "ecom_buyer_phone": "13800138000",
        "ecom_province": "浙江省", "ecom_city": "杭州市", "ecom_district": "西湖区",
        "ecom_street": "文三路 90 号", "ecom_payment_mode": mode,
        "order_line": [(0, 0, {"product_id": products[code].id, "product_uom_qty": qty,
                               "price_unit": products[code].list_price})
                       for code, qty in lines]})
    if mode == "prepaid":
        sale.ecom_paid_amount = sale.amount_total
    return sale


def approved(ref, **kw):
    sale = order(ref, **kw)
    as_("cs", sale).action_ecom_cs_approve()
    as_("finance", sale).action_ecom_finance_approve()
    return sale


def walk(sale, stage):
    picking = sale.picking_ids
    picking.write({"carrier_id": carrier.id, "carrier_tracking_ref": "REL%s" % sale.id})
    wh = as_("warehouse", picking)
    steps = ["printed", "picked", "packed", "checked", "shipped", "delivered"]
    for step in steps[:steps.index(stage) + 1]:
        if step == "checked":
            for move in picking.move_lines:
                wh.action_ecom_scan(move.product_id.barcode, int(move.product_qty))
        {"printed": wh.action_ecom_print_waybill, "picked": wh.action_ecom_pick,
         "packed": wh.action_ecom_pack, "checked": wh.action_ecom_check,
         "shipped": wh.action_ecom_ship,
         "delivered": wh.action_ecom_confirm_delivered}[step]()
    return sale


orders = {"to_review": order("REL-REVIEW")}
orders["to_finance"] = order("REL-FINANCE", mode="cod")
as_("cs", orders["to_finance"]).action_ecom_cs_approve()
orders["exception"] = order("REL-EXCEPTION")
as_("cs", orders["exception"]).action_ecom_cs_approve()
as_("finance", orders["exception"]).action_ecom_set_exception("amount_mismatch",
                                                              "Paid twice on the platform")
orders["cancel"] = order("REL-CANCEL")
as_("cs", orders["cancel"]).action_ecom_cancel()
orders["to_print"] = approved("REL-PRINT")
for stage in ("packed", "shipped", "delivered"):
    orders[stage] = walk(approved("REL-%s" % stage.upper()), stage)

# A custom request: price change signed by both, deposit received, the
# procurement request signed by the director (the general manager's due).
plain = env["sale.order"].create({
    "partner_id": buyer.id,
    "order_line": [(0, 0, {"product_id": products["REL-CUSTOM"].id, "product_uom_qty": 1,
                           "price_unit": 1000.05})]})
request = as_("cs", env["ecom.custom.request"]).create({
    "order_id": plain.id, "line_id": plain.order_line.id, "buyer_date": day(30),
    "packaging_standard": "Kraft box", "price_change": True, "new_price_unit": 1200.05})
request = env["ecom.custom.request"].browse(request.id)
vendor = env["res.partner"].create({"name": "Release workshop", "supplier": True})
as_("purchase", request).action_record_feasibility(
    True, inbound_date=day(20), inbound_qty=1, vendor_id=vendor.id, production_cycle_days=15)
as_("cs", request).action_buyer_accept(15, "Embroidered logo")
as_("cs", request).action_submit()
as_("director", request).action_approve("Fair price")
as_("gm", request).action_approve()
as_("finance", request).action_confirm_deposit()
as_("cs", request).action_submit()
as_("director", request).action_approve("Vendor known")

# A return of the delivered order, received and refunded.
case = as_("cs", env["ecom.return"]).create({
    "order_id": orders["delivered"].id, "type": "return_refund",
    "line_ids": [(0, 0, {"product_id": products["REL-A"].id, "quantity": 1,
                         "responsibility": "company"})]})
case = env["ecom.return"].browse(case.id)
as_("manager", case).action_approve()
for move_line in case.return_picking_id.move_line_ids:
    move_line.qty_done = move_line.product_uom_qty
as_("warehouse", case.return_picking_id).button_validate()
as_("finance", case).action_refund()

# Review rules with the release's comma-separated payment modes.
rules = {}
for name, modes in (("Release COD only", "cod, cod_inspect"), ("Release prepaid", "prepaid"),
                    ("Release any mode", "")):
    rules[name] = env["ecom.review.rule"].create({
        "name": name, "sequence": 90, "channel_ids": [(6, 0, channel.ids)],
        "payment_modes": modes, "outcome": "pass_cs"}).id

env.cr.commit()
print("RELEASE_DATA=" + json.dumps({
    "orders": {stage: sale.id for stage, sale in orders.items()},
    "request": request.id, "case": case.id, "rules": rules,
    "modes": {name: modes for name, modes in (
        ("Release COD only", ["cod", "cod_inspect"]), ("Release prepaid", ["prepaid"]),
        ("Release any mode", []))},
}))
