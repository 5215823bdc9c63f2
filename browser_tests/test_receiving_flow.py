"""The warehouse checks a supplier's delivery at receipt (入库验收, issue 22
item 1) in the real web client, once in English and once in Simplified
Chinese.

The data (prepare_prints.py): a confirmed purchase of 2 shirts and 2 pairs
of socks, its receipt ready. The warehouse user opens the receipt from
Inventory > Transfers, scans what came (both shirts, one pair of socks)
by typing the barcodes into the scanner, checks the receipt and sees the
difference on its line (socks: short, announced 2, counted 1); Odoo's own
Validate is refused, Validate Counted receives what was counted and keeps
the missing pair as a backorder; the receiving note printed to sign shows
the difference (its first page kept as a PNG beside the screenshots).
"""
import os
import re
import time

from playwright.sync_api import expect
from printed import line_with, look_at_pdf, prepare, scan
from test_flows import Client

# Odoo's own labels on a receipt (the stock app's catalogue, not the suite's).
STOCK_TERMS = {"zh_CN": {"Validate": "验证", "Done": "完成", "Ready": "就绪"}}


def _stock(run, msgid):
    return STOCK_TERMS.get(run["lang"], {}).get(msgid, msgid)


def test_warehouse_checks_a_receipt_and_prints_its_note(browser_context, run, screens_dir):
    data = prepare("receipt", "%s%d" % (run["lang"][:2].upper(), int(time.time())))
    client = Client(browser_context, run, screens_dir)
    tr, page = run["tr"], client.page
    client.login("ecom_warehouse")
    # (the menu is "Transfers", its action "Stock Operations")
    client.menu("stock.menu_stock_root", "stock.all_picking", crumb=False)
    client.search(data["purchase_name"])
    rows = page.locator(".o_list_view .o_data_row")
    expect(rows).to_have_count(1)
    rows.first.click()
    expect(page.locator(".o_control_panel .breadcrumb li").last).to_have_text(
        data["picking_name"])

    # What came: both shirts, one pair of socks (the other one is missing).
    client.button("Scan Received")
    for code in (data["shirt_barcode"], data["shirt_barcode"], data["socks_barcode"]):
        scan(client, code)
    client.shot("receipt_scanning")
    client.modal_button("Done")
    expect(page.locator(".modal:visible")).to_have_count(0)

    # The check names the difference on its line; the shirts match.
    client.button("Check Receipt")
    client.tab("ecom_receipt_difference_ids")
    lines = page.locator(".o_form_view [name='ecom_receipt_difference_ids'] .o_data_row")
    expect(lines).to_have_count(1)
    cells = lines.first.locator("td")
    expect(cells).to_have_text([data["socks_name"], tr("Short"), "2", "1", "0"])
    client.shot("receipt_difference")

    # Odoo's own Validate would receive what the receipt announced: refused.
    page.locator(".o_form_statusbar .o_statusbar_buttons button:visible").filter(
        has_text=re.compile(r"^\s*%s\s*$" % _stock(run, "Validate"))).click()
    refusal = client.modal()
    expect(refusal.locator(".modal-body")).to_contain_text(data["picking_name"])
    expect(refusal.locator(".modal-body")).to_contain_text(tr("Validate Counted"))
    refusal.locator(".modal-footer button").first.click()
    expect(page.locator(".modal:visible")).to_have_count(0)

    # Validate Counted receives what was counted: the rest waits as a backorder.
    client.button("Validate Counted")
    client.no_button("Validate Counted")
    client.no_button("Scan Received")
    state = page.locator(".o_form_statusbar .o_statusbar_status[name='state'] "
                         "button.btn-primary:visible")
    expect(state).to_have_text(re.compile(r"^\s*%s\s*$" % _stock(run, "Done")))
    _print_the_note(client, data, screens_dir)

    # Back in the list: the missing pair waits in a receipt of its own.
    page.locator(".o_control_panel .breadcrumb li a").first.click()
    client.idle()
    expect(rows).to_have_count(2)
    backorder = rows.filter(has_text=_stock(run, "Ready"))
    expect(backorder).to_have_count(1)
    expect(backorder).to_contain_text(data["picking_name"])  # its Back Order of
    client.shot("receipt_backorder")


def _print_the_note(client, data, screens_dir):
    """The receiving note to sign shows the difference and the counted quantity."""
    tr, page = client.tr, client.page
    with page.expect_download(timeout=120000) as download:
        client.button("Print Receiving Note")
    png = os.path.join(screens_dir, "receiving_note_%s.png" % client.run["lang"])
    text = look_at_pdf(download.value, png)
    assert data["picking_name"] in text and data["supplier"] in text, text
    assert data["purchase_name"] in text, text
    # What the purchase announced (once validated too), then the differences:
    # the socks only, 2 announced, 1 good, none damaged.
    for name in (data["shirt_name"], data["socks_name"]):
        code, name = re.match(r"^\[(.*?)\] (.*)$", name).groups()
        line_with(text, code, name, "2")
    line_with(text, data["socks_name"], tr("Short"), "2", "1", "0")
    assert data["shirt_name"] not in text, "the shirts are listed as a difference:\n" + text
