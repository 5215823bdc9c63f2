"""Finance imports a platform settlement and resolves its difference, in the
real web client (issue 20), once in English and once in Simplified Chinese.

The data (prepare_settlement.py): two orders of a platform channel paid into
its clearing journal, and the platform's statement of them, one line 10.00
short. Finance uploads the statement from E-commerce > Finance, sees one line
booked and one to resolve, books the difference to an account from the
line's Resolve dialog, and the settlement is settled; the Unsettled by
Channel report opens. Buttons and fields are found by their technical names,
so that the flow does not depend on translations the suite has not
received yet; the user's language is the run's.
"""
import json
import os
import re
import subprocess
import tempfile
import time

from playwright.sync_api import expect
from test_flows import Client

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The Resolve button of a line (a list's buttons carry their icon, not their name).
RESOLVE = "button.o_icon_button:has(i.fa-check-square-o)"


def _prepare(tag):
    """The settlement's data, made by prepare_settlement.py in `odoo shell`."""
    with open(os.path.join(ROOT, "browser_tests", "prepare_settlement.py"), "rb") as script:
        result = subprocess.run(
            [os.environ["ODOO_PY"], os.path.join(ROOT, "scripts", "odoo-bin"), "shell", "-c",
             os.environ["ODOO_CONF"], "-d", os.environ["TEST_DB"], "--no-http",
             "--max-cron-threads=0", "--log-level=warn"],
            stdin=script, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT,
            env=dict(os.environ, BROWSER_TAG=tag), timeout=300)
    output = result.stdout.decode("utf-8", "replace")
    found = re.search(r"^BROWSER_SETTLEMENT=(.*)$", output, re.M)
    assert found, "prepare_settlement.py failed:\n" + output[-3000:]
    return json.loads(found.group(1))


def _many2one(client, scope, field, text):
    """Type `text` in the many2one `field` of `scope` and take the proposal."""
    page = client.page
    box = scope.locator("[name='%s'] input" % field)
    box.fill("")
    box.type(text, delay=50)
    proposal = page.locator("ul.ui-autocomplete:visible li a").filter(has_text=text).first
    expect(proposal).to_be_visible()
    proposal.click()
    client.idle()


def _upload_settlement(client, data):
    """E-commerce > Finance > Import Settlement: the dialog, the channel, the file."""
    page = client.page

    def open_import():
        page.click("#oe_main_menu_navbar a[data-menu-xmlid='ecom_order_mgmt.menu_ecom_root']")
        page.locator(".o_sub_menu a[data-menu-xmlid="
                     "'ecom_order_mgmt.menu_ecom_settlement_import']:visible").click()
        expect(client.modal().locator("[name='channel_id']")).to_be_visible(timeout=10000)
    client.retry(open_import)
    dialog = client.modal()
    _many2one(client, dialog, "channel_id", data["channel"])
    expect(dialog.locator("[name='bank_journal_id'] input")).not_to_have_value("")
    with tempfile.NamedTemporaryFile("wb", suffix=".csv", delete=False) as upload:
        upload.write(data["file"].encode("utf-8"))
    try:
        dialog.locator("input[type='file']").set_input_files(upload.name)
        expect(dialog.locator("input[name='file']")).to_have_value(re.compile(r"\.csv$"))
        client.shot("settlement_import_dialog")
        dialog.locator("button[name='action_import']").click()
        client.idle()
    finally:
        os.unlink(upload.name)


def test_finance_imports_a_settlement_and_resolves_its_difference(browser_context, run,
                                                                  screens_dir):
    data = _prepare("%s%d" % (run["lang"][:2].upper(), int(time.time())))
    client = Client(browser_context, run, screens_dir)
    page = client.page
    client.login("ecom_finance")
    assert page.evaluate("() => odoo.session_info.user_context.lang") == run["lang"]

    _upload_settlement(client, data)

    # The settlement: one line booked, one to resolve
    form = page.locator(".o_form_view")
    expect(form.locator(".o_statusbar_status button.btn-primary[data-value='to_resolve']")) \
        .to_be_visible()
    expect(form.locator("[name='channel_id']")).to_contain_text(data["channel"])
    rows = form.locator(".o_field_one2many[name='line_ids'] .o_data_row")
    expect(rows).to_have_count(2)
    short = rows.filter(has_text=data["refs"][1])
    expect(short).to_contain_text("-10.00")
    expect(short.locator(RESOLVE)).to_be_visible()
    expect(rows.filter(has_text=data["refs"][0]).locator(RESOLVE)).not_to_be_visible()
    client.shot("settlement_to_resolve")

    # Resolve: the difference to an account
    short.locator(RESOLVE).click()
    dialog = client.modal()
    expect(dialog.locator("button[name='action_resolve']")).to_be_visible()
    _many2one(client, dialog, "account_id", data["difference_account"])
    dialog.locator("[name='note'] textarea, textarea[name='note']").first.fill(
        "Platform coupon 平台优惠券")
    client.shot("settlement_resolve_dialog")
    dialog.locator("button[name='action_resolve']").click()
    client.idle()
    expect(page.locator(".modal.in:visible, .modal.show:visible")).to_have_count(0)
    page.reload()
    client.idle()
    form = page.locator(".o_form_view")
    expect(form.locator(".o_statusbar_status button.btn-primary[data-value='done']")) \
        .to_be_visible()
    expect(form.locator(".o_data_row %s:visible" % RESOLVE)).to_have_count(0)
    expect(page.locator(".o_chatter")).to_contain_text("Platform coupon 平台优惠券")
    client.shot("settlement_settled")

    # What the platforms still owe
    client.menu("ecom_order_mgmt.menu_ecom_root", "ecom_order_mgmt.menu_ecom_unsettled_report")
    expect(page.locator(".o_pivot table")).to_be_visible()
    client.shot("unsettled_by_channel")
