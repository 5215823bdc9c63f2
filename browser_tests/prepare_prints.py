# Run by test_receiving_flow.py and test_manifest_flow.py inside `odoo shell`
# (the Odoo venv), PREPARE_WHAT saying which data:
#   receipt   a confirmed purchase of 2 shirts and 2 pairs of socks from a
#             supplier: its receipt waits at the warehouse, ready to check;
#   manifest  two channel deliveries for a courier of their own, checked
#             (the second packed in 2 parcels), ready for a handover batch.
# Prints one line "BROWSER_PRINTS=<json>" and commits.
# `env` is the superuser's environment that `odoo shell` provides.
import json
import os
import time

env = env  # noqa: F821 (given by odoo shell)
tag = os.environ.get("BROWSER_TAG") or str(int(time.time()))
what = os.environ["PREPARE_WHAT"]
warehouse = env.ref("stock.warehouse0")
users = {role: env.ref("ecom_order_mgmt.user_ecom_%s" % role)
         for role in ("finance", "warehouse")}


def product(code, name, barcode, quantity=0):
    found = env["product.product"].search([("default_code", "=", code)], limit=1)
    found = found or env["product.product"].create({
        "name": name, "default_code": code, "barcode": barcode, "type": "product",
        "list_price": 50.0, "standard_price": 20.0, "taxes_id": [(5,)],
        "supplier_taxes_id": [(5,)], "weight": 0.3})
    if quantity:
        env["stock.quant"]._update_available_quantity(found, warehouse.lot_stock_id, quantity)
    return found


def receipt():
    shirt = product("BRW-RCV-SHIRT", "Browser received shirt", "6990000008815")
    socks = product("BRW-RCV-SOCKS", "Browser received socks", "6990000008822")
    supplier = env["res.partner"].search([("name", "=", "Browser weaving mill")], limit=1) or \
        env["res.partner"].create({"name": "Browser weaving mill", "supplier": True,
                                   "customer": False, "is_company": True})
    purchase = env["purchase.order"].create({
        "partner_id": supplier.id, "partner_ref": "BRWRCV%s" % tag,
        "picking_type_id": warehouse.in_type_id.id,
        "order_line": [(0, 0, {
            "product_id": item.id, "name": item.name, "product_qty": 2,
            "product_uom": item.uom_po_id.id, "price_unit": 20.0,
            "date_planned": env["purchase.order"]._fields["date_order"].now()})
            for item in (shirt, socks)]})
    purchase.button_confirm()
    picking = purchase.picking_ids
    assert len(picking) == 1 and picking.state == "assigned", picking.mapped("state")
    return {"purchase_name": purchase.name, "picking_id": picking.id,
            "picking_name": picking.name, "supplier": supplier.name,
            "shirt_barcode": shirt.barcode, "shirt_name": shirt.display_name,
            "socks_barcode": socks.barcode, "socks_name": socks.display_name}


def checked_delivery(channel, carrier, buyer, n, parcels, item):
    """An approved channel order whose delivery passed the scan check."""
    order = env["sale.order"].create({
        "partner_id": buyer.id, "ecom_channel_id": channel.id,
        "ecom_platform_ref": "BRWM%s%d" % (tag, n), "ecom_buyer_name": ("王小明", "李小红")[n],
        "ecom_buyer_phone": "13800138000", "ecom_province": ("浙江省", "江苏省")[n],
        "ecom_city": ("杭州市", "南京市")[n], "ecom_district": "西湖区",
        "ecom_street": "文三路 90 号", "ecom_payment_mode": "prepaid",
        "carrier_id": carrier.id,
        "order_line": [(0, 0, {"product_id": item.id, "product_uom_qty": 1,
                               "price_unit": 50.0})]})
    order.ecom_paid_amount = order.amount_total
    order.action_ecom_cs_approve()
    order.action_ecom_finance_approve()
    picking = order.picking_ids
    picking.write({"carrier_id": carrier.id,
                   "carrier_tracking_ref": "SFM%s%d" % (tag, n),
                   "ecom_package_count": parcels})
    wh = picking.sudo(users["warehouse"])
    wh.action_ecom_print_waybill()
    wh.action_ecom_pick()
    wh.action_ecom_pack()
    wh.action_ecom_scan(item.barcode, 1)
    wh.action_ecom_check()
    assert picking.ecom_fulfil_state == "checked", picking.ecom_fulfil_state
    return {"name": picking.name, "order": order.name, "tracking": picking.carrier_tracking_ref,
            "platform_ref": order.ecom_platform_ref, "parcels": parcels,
            "province": order.ecom_province}


def manifest():
    item = product("BRW-MAN-TEE", "Browser manifest tee", "6990000008839", quantity=4)
    channel = env["ecom.channel"].search([("code", "=", "BRWM")], limit=1) or \
        env["ecom.channel"].create({
            "name": "Browser manifest shop", "code": "BRWM", "platform": "tmall",
            "warehouse_id": warehouse.id, "work_days": "mon_fri"})
    carrier = env["delivery.carrier"].search([("name", "=", "Browser manifest courier")],
                                             limit=1) or \
        env["delivery.carrier"].create({
            "name": "Browser manifest courier", "delivery_type": "fixed", "fixed_price": 0,
            "product_id": env["product.product"].create({
                "name": "Browser manifest courier service", "type": "service"}).id})
    buyer = env["res.partner"].create({"name": "Browser manifest buyer %s" % tag,
                                       "customer": True})
    deliveries = [checked_delivery(channel, carrier, buyer, n, parcels, item)
                  for n, parcels in ((0, 1), (1, 2))]
    return {"carrier": carrier.name, "deliveries": deliveries,
            "finance_name": users["finance"].name, "warehouse_name": users["warehouse"].name}


data = {"receipt": receipt, "manifest": manifest}[what]()
env.cr.commit()
print("BROWSER_PRINTS=" + json.dumps(data))
