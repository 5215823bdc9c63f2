"""A courier's handover batch, its manifest (交接清单) and the accounts
review (账物组审核, issue 22 item 4) in the real web client, once in English
and once in Simplified Chinese.

The company asks for the accounts review before handover (its manager ticks
it; put back afterwards). The data (prepare_prints.py): two checked channel
deliveries for a courier of their own, the second packed in 2 parcels. The
warehouse starts a batch, scans both tracking numbers, types the courier's
count; it can neither review the batch nor close it. Finance finds the batch
in its Handovers to Review and reviews it. The warehouse closes the
batch and prints the manifest to sign: each delivery with its tracking
number, order and parcels, the totals, who reviewed it (its first page kept
as a PNG beside the screenshots).
"""
import os
import re
import time
import xmlrpc.client

import pytest
from playwright.sync_api import expect
from printed import line_with, look_at_pdf, prepare, scan
from test_flows import Client


def _settings(run, value):
    """The manager sets Accounts Review Before Handover; the previous value."""
    common = xmlrpc.client.ServerProxy(run["url"] + "/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(run["url"] + "/xmlrpc/2/object", allow_none=True)
    uid = common.authenticate(run["db"], "ecom_manager", "ecom_manager", {})

    def call(model, method, *args):
        return models.execute_kw(run["db"], uid, "ecom_manager", model, method, list(args))
    previous = call("res.company", "read", [run["company_id"]],
                    ["ecom_handover_review"])[0]["ecom_handover_review"]
    settings = call("ecom.settings", "create", {"ecom_handover_review": value})
    call("ecom.settings", "execute", [settings])
    return previous


@pytest.fixture
def review_required(run):
    """The company asks for the accounts review during the test, not after it
    (the per-delivery Ship of the other flows would be refused)."""
    previous = _settings(run, True)
    yield
    _settings(run, previous)


def _open(client, menu, name):
    """The batch `name` from the queue of `menu`."""
    client.menu("ecom_order_mgmt.menu_ecom_root", menu)
    row = client.page.locator(".o_list_view .o_data_row").filter(has_text=name)
    expect(row).to_have_count(1)
    row.click()
    expect(client.page.locator(".o_form_view .oe_title [name='name']")).to_have_text(name)
    client.idle()


def _warehouse_counts_the_batch(client, data):
    """A new batch for the courier, both parcels scanned, the courier's count;
    the batch's name."""
    page = client.page
    client.login("ecom_warehouse")
    client.menu("ecom_order_mgmt.menu_ecom_root", "ecom_order_mgmt.menu_ecom_handover")
    page.click(".o_list_button_add")
    expect(page.locator(".o_form_view.o_form_editable")).to_be_visible()
    box = page.locator(".o_form_view [name='carrier_id'] input")
    box.type(data["carrier"], delay=20)
    page.locator("ul.ui-autocomplete:visible li a").filter(has_text=data["carrier"]).first \
        .click()
    page.click(".o_form_button_save")
    expect(page.locator(".o_form_button_edit")).to_be_visible()
    client.idle()
    name = page.locator(".o_form_view .oe_title [name='name']").inner_text().strip()

    client.button("Scan Parcels")
    for delivery in data["deliveries"]:
        scan(client, delivery["tracking"])
    client.modal_button("Done")
    expect(page.locator(".modal:visible")).to_have_count(0)
    page.click(".o_form_button_edit")
    page.fill(".o_form_view input[name='carrier_count']", "3")
    page.click(".o_form_button_save")
    expect(page.locator(".o_form_button_edit")).to_be_visible()
    client.idle()
    expect(page.locator(".o_form_view [name='parcel_count']")).to_have_text("3")
    rows = page.locator(".o_form_view [name='picking_ids'] .o_data_row")
    expect(rows).to_have_count(2)
    # Accounts has not seen the batch: the courier cannot take it yet, and
    # the review is not the warehouse's to do.
    client.no_button("Close and Ship")
    client.no_button("Accounts Review")
    client.shot("handover_waits_for_review")
    return name


def test_manifest_reviewed_by_finance_and_printed(browser_context, run, screens_dir,
                                                  review_required):
    data = prepare("manifest", "%s%d" % (run["lang"][:2].upper(), int(time.time())))
    client = Client(browser_context, run, screens_dir)
    page = client.page
    name = _warehouse_counts_the_batch(client, data)

    client = Client(browser_context, run, screens_dir)
    client.login("ecom_finance")
    _open(client, "ecom_order_mgmt.menu_ecom_handover_review", name)
    client.no_button("Close and Ship")
    client.button("Accounts Review")
    expect(page.locator(".o_form_view [name='reviewed_by_id']")).to_have_text(
        data["finance_name"])
    client.no_button("Accounts Review")
    client.shot("handover_reviewed")

    client = Client(browser_context, run, screens_dir)
    client.login("ecom_warehouse")
    _open(client, "ecom_order_mgmt.menu_ecom_handover", name)
    client.button("Close and Ship")
    client.modal().locator(".modal-footer .btn-primary").click()
    client.idle()
    client.expect_stage("Handed Over", "state")
    with page.expect_download(timeout=120000) as download:
        client.button("Print Manifest")
    png = os.path.join(screens_dir, "handover_manifest_%s.png" % run["lang"])
    text = look_at_pdf(download.value, png)
    assert name in text and data["carrier"] in text, text
    for n, delivery in enumerate(sorted(data["deliveries"], key=lambda d: d["tracking"])):
        line_with(text, n + 1, delivery["tracking"], delivery["order"],
                  delivery["platform_ref"])
        assert re.search(r"%s.*\s%d\s*$" % (re.escape(delivery["province"]),
                                            delivery["parcels"]),
                         line_with(text, delivery["tracking"])), text
    # the totals the courier signs for: 3 parcels (1 + 2), 2 deliveries
    assert re.search(r"\s3\s*$", line_with(text, "Total")), text
    # (the labels wrap in their cells: "Parcels scanned", "Courier's count")
    assert re.search(r"包裹数 Parcels[ \t]+3\b", text), text
    assert re.search(r"快递员点数 Courier's[ \t]+3\b", text), text
    assert re.search(r"发货单数 Deliveries[ \t]+2\b", text), text
    assert data["finance_name"] in text, "the accounts reviewer is not on the manifest"
