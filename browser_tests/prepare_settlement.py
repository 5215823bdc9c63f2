# Run by test_settlement_flow.py inside `odoo shell` (the Odoo venv): a
# platform channel paying into a clearing journal of its own, two of its
# orders approved, invoiced and paid there (as Odoo's own flow does, unless
# the money of issue 20 did it at approval), and the platform's settlement of
# them: the first line matches, the second is 10.00 short (a coupon) and
# waits for finance. Prints one line "BROWSER_SETTLEMENT=<json>" and commits.
# `env` is the superuser's environment that `odoo shell` provides.
import json
import os
import time

env = env  # noqa: F821 (given by odoo shell)
tag = os.environ.get("BROWSER_TAG") or str(int(time.time()))
company = env.user.company_id
warehouse = env.ref("stock.warehouse0")


def account(code, name, xmlid, reconcile=False):
    found = env["account.account"].search(
        [("code", "=", code), ("company_id", "=", company.id)], limit=1)
    return found or env["account.account"].create({
        "code": code, "name": name, "user_type_id": env.ref(xmlid).id,
        "reconcile": reconcile, "company_id": company.id})


clearing = account("1012BRW", "Browser platform clearing", "account.data_account_type_liquidity",
                   reconcile=True)
fees = account("5601BRW", "Browser platform fees", "account.data_account_type_expenses")
difference = account("5601BRD", "Browser settlement differences",
                     "account.data_account_type_expenses")
journal = env["account.journal"].search([("code", "=", "BRWPY")], limit=1) or \
    env["account.journal"].create({
        "name": "Browser platform pay", "code": "BRWPY", "type": "bank", "sequence": 98,
        "default_debit_account_id": clearing.id, "default_credit_account_id": clearing.id,
        "company_id": company.id})
channel = env["ecom.channel"].search([("code", "=", "BRWSTL")], limit=1) or \
    env["ecom.channel"].create({
        "name": "Browser settled shop", "code": "BRWSTL", "platform": "tmall",
        "warehouse_id": warehouse.id, "work_days": "mon_fri"})
channel.write({"journal_id": journal.id, "fee_account_id": fees.id})
product = env["product.product"].search([("default_code", "=", "BRW-STL")], limit=1) or \
    env["product.product"].create({
        "name": "Browser settled shirt", "default_code": "BRW-STL", "type": "product",
        "list_price": 100.0, "taxes_id": [(5,)]})
env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 4)
buyer = env["res.partner"].create({"name": "Browser settled buyer %s" % tag, "customer": True})

refs = []
for n in (1, 2):
    order = env["sale.order"].create({
        "partner_id": buyer.id, "ecom_channel_id": channel.id,
        "ecom_platform_ref": "BRWSTL%s%d" % (tag, n), "ecom_buyer_name": "王小明",
        "ecom_buyer_phone": "13800138000", "ecom_province": "浙江省", "ecom_city": "杭州市",
        "ecom_district": "西湖区", "ecom_street": "文三路 90 号", "ecom_payment_mode": "prepaid",
        "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 1,
                               "price_unit": 100.0})]})
    order.ecom_paid_amount = order.amount_total
    order.action_ecom_cs_approve()
    order.action_ecom_finance_approve()
    # the approval invoiced the order and paid it into the clearing journal
    assert order.invoice_ids.state == "paid", order.invoice_ids.state
    refs.append(order.ecom_platform_ref)

content = "\r\n".join([
    "Line No.,Platform Order No.,Date,Gross,Commission,Other Fees,Net",
    "BRW%s-1,%s,2026-11-20,100.00,5.00,0.00,95.00" % (tag, refs[0]),
    "BRW%s-2,%s,2026-11-20,90.00,4.50,0.00,85.50" % (tag, refs[1]),
])
env.cr.commit()
print("BROWSER_SETTLEMENT=" + json.dumps({
    "channel": channel.name, "refs": refs, "difference_account": difference.code,
    "file": content}))
