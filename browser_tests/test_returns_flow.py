"""After-sales in the real web client: the warehouse receives a return.

A delivered channel order comes back (two shirts, one announced defective):
the warehouse (ecom_warehouse) finds the case in *Returns to Receive*,
prints the return slip (its PDF looked at: what comes back, good and
defective expected), opens the receiving screen, sees a wrong product
refused, scans one shirt as good and one as defective, and receives the
parcel; the case is then
*Received* and the refund it shows counts both shirts (the company is
responsible for the defect). Once in English, once in Simplified Chinese.

Labels new in this round may not be in the zh_CN catalogue yet (it is
regenerated centrally): such a label is looked for as translated when the
catalogue has it, else as its English source, which is what the user sees.
"""
import json
import os
import re
import subprocess

from playwright.sync_api import expect
from printed import line_with, look_at_pdf
from test_flows import Client

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Run inside `odoo shell` (Odoo's venv), after prepare.py made the browser
# shop, products and carrier: a delivered order and its approved return case.
PREPARE = r'''
import json
import os

env = env  # noqa: F821 (given by odoo shell)
tag = os.environ["BROWSER_TAG"]
users = {role: env.ref("ecom_order_mgmt.user_ecom_%s" % role)
         for role in ("cs", "manager")}
shirt = env["product.product"].search([("default_code", "=", "BRW-SHIRT")], limit=1)
cap = env["product.product"].search([("default_code", "=", "BRW-CAP")], limit=1)
channel = env["ecom.channel"].search([("code", "=", "BRWS")], limit=1)
carrier = env["delivery.carrier"].search([("name", "=", "Browser courier")], limit=1)
env["stock.quant"]._update_available_quantity(
    shirt, env.ref("stock.warehouse0").lot_stock_id, 2)
buyer = env["res.partner"].create({"name": "Browser returns buyer %s" % tag,
                                   "customer": True})
order = env["sale.order"].create({
    "partner_id": buyer.id, "ecom_channel_id": channel.id,
    "ecom_platform_ref": "BRWRET%s" % tag, "ecom_buyer_name": "李小红",
    "ecom_buyer_phone": "13900139000", "ecom_province": "浙江省", "ecom_city": "杭州市",
    "ecom_district": "西湖区", "ecom_street": "文三路 90 号", "ecom_payment_mode": "prepaid",
    "carrier_id": carrier.id,
    "order_line": [(0, 0, {"product_id": shirt.id, "product_uom_qty": 2,
                           "price_unit": 100.0})]})
order.ecom_paid_amount = order.amount_total
order.action_ecom_cs_approve()
order.action_ecom_finance_approve()
order._ecom_demo_fulfil("delivered", carrier.id)
case = env["ecom.return"].sudo(users["cs"]).create({
    "order_id": order.id, "type": "return_refund",
    "evidence": "One shirt has a torn seam",
    "line_ids": [(0, 0, {"product_id": shirt.id, "quantity": 2, "responsibility": "company",
                         "quantity_defective": 1})]})
case = env["ecom.return"].browse(case.id)
case.sudo(users["manager"]).action_approve()
assert case.state == "waiting_return", case.state
env.cr.commit()
print("BROWSER_RETURNS=" + json.dumps({
    "case_name": case.name, "order_name": order.name, "shirt_barcode": shirt.barcode,
    "shirt_name": shirt.display_name, "cap_barcode": cap.barcode,
    "cap_name": cap.display_name}))
'''


def _prepare_case(run):
    result = subprocess.run(
        [os.environ["ODOO_PY"], os.path.join(ROOT, "scripts", "odoo-bin"), "shell",
         "-c", os.environ["ODOO_CONF"], "-d", os.environ["TEST_DB"], "--no-http",
         "--max-cron-threads=0", "--log-level=warn"],
        input=PREPARE.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        cwd=ROOT, env=dict(os.environ, BROWSER_TAG="R%s%s" % (
            run["lang"][:2].upper(), run["order_name"].replace("/", ""))), timeout=300)
    output = result.stdout.decode("utf-8", "replace")
    found = re.search(r"^BROWSER_RETURNS=(.*)$", output, re.M)
    assert found, "the returns data could not be prepared:\n" + output[-3000:]
    return json.loads(found.group(1))


def _label(run, msgid):
    """What the user sees for `msgid`: its translation, else the source."""
    texts = [msgid]
    if run["lang"] != "en_US" and run["tr"].terms.get(msgid):
        texts.insert(0, run["tr"].terms[msgid])
    return texts


def _exactly(run, msgid):
    return re.compile(r"^\s*(%s)\s*$" % "|".join(re.escape(t) for t in _label(run, msgid)))


def _containing(run, msgid, *args):
    return re.compile("|".join(re.escape(t % args if args else t)
                               for t in _label(run, msgid)))


def test_warehouse_receives_a_return_with_a_defective_unit(browser_context, run,
                                                           screens_dir):
    data = _prepare_case(run)
    client = Client(browser_context, run, screens_dir)
    page = client.page
    client.login("ecom_warehouse")
    client.menu("ecom_order_mgmt.menu_ecom_root", "ecom_returns.menu_ecom_return_warehouse")
    client.search(data["case_name"])
    row = page.locator(".o_list_view .o_data_row").filter(has_text=data["case_name"])
    expect(row).to_have_count(1)
    expect(row).to_contain_text(data["order_name"])
    client.shot("returns_to_receive")
    row.click()

    status = ".o_form_statusbar .o_statusbar_status button.btn-primary:visible"
    expect(page.locator(status)).to_have_text(_exactly(run, "Waiting for Return"))
    buttons = page.locator(".o_form_statusbar .o_statusbar_buttons button:visible")
    _print_the_slip(client, data, buttons.filter(has_text=_exactly(run, "Print Return Slip")),
                    screens_dir)
    buttons.filter(has_text=_exactly(run, "Receive")).click()
    client.idle()

    def scan(code):
        modal = client.modal()
        modal.locator("input[name='code']").fill(code)
        modal.locator(".modal-footer button").filter(has_text=_exactly(run, "Scan")).click()
        client.idle()
        return client.modal()

    # A cap is not in this parcel: refused on screen, nothing counted.
    modal = scan(data["cap_barcode"])
    expect(modal.locator(".alert-danger")).to_contain_text(_containing(
        run, "%s is not in case %s.", data["cap_name"], data["case_name"]))
    client.shot("receive_wrong_item")
    # One shirt good, then one defective.
    modal = scan(data["shirt_barcode"])
    expect(modal.locator(".alert-success")).to_be_visible()
    modal.locator(".o_field_radio[name='scan_as'] label").filter(
        has_text=_exactly(run, "Defective")).click()
    modal = scan(data["shirt_barcode"])
    expect(modal.locator(".alert-success")).to_contain_text("2")
    row = modal.locator("[name='line_ids'] .o_data_row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(data["shirt_name"])
    client.shot("receive_counted")
    modal.locator(".modal-footer button").filter(has_text=_exactly(run, "Receive")).click()
    client.idle()
    expect(page.locator(".modal:visible")).to_have_count(0)

    expect(page.locator(status)).to_have_text(_exactly(run, "Received"))
    expect(buttons.filter(has_text=_exactly(run, "Receive"))).to_have_count(0)
    # both shirts are refunded: the defect is the company's
    expect(page.locator(".o_form_view [name='refund_preview']")).to_contain_text("200.00")
    lines = page.locator(".o_form_view [name='line_ids'] .o_data_row")
    expect(lines).to_have_count(1)
    expect(lines).to_contain_text("2.000")
    client.shot("return_received")


def _print_the_slip(client, data, button, screens_dir):
    """The slip the warehouse receives the parcel with: the case, its order,
    the shirts coming back, 2 of them, 1 good and 1 defective expected."""
    with client.page.expect_download(timeout=120000) as download:
        button.click()
    png = os.path.join(screens_dir, "return_slip_%s.png" % client.run["lang"])
    text = look_at_pdf(download.value, png)
    assert data["case_name"] in text and data["order_name"] in text, text
    code, name = re.match(r"^\[(.*?)\] (.*)$", data["shirt_name"]).groups()
    line_with(text, "1", code, name, "2", "1", "1")
