"""A PDF printed from the web client carries its stylesheet, and printing
leaves the user logged in.

Odoo renders a PDF with wkhtmltopdf, which fetches the report's stylesheets
over HTTP from the database's report.url (else web.base.url), with the
printing user's session cookie. That address must be the server that serves
the database: anywhere else the PDF comes out in wkhtmltopdf's default serif
face, and another Odoo server listening there (`make run`) logs the user's
session out ("Odoo Session Expired" at the next click).

The user asks for the PDF as the web client's Print menu does
(/report/pdf/<report>/<ids>, with the browser's cookies).
"""
import re
import xmlrpc.client

from playwright.sync_api import expect

REPORT = "ecom_order_mgmt.report_ecom_delivery_note"


def _fonts(pdf):
    """The names of the fonts a PDF embeds (wkhtmltopdf writes them in clear)."""
    return {name.decode() for name in re.findall(rb"/BaseFont\s*/([\w+.-]+)", pdf)}


def _a_delivery(odoo, login):
    common = xmlrpc.client.ServerProxy(odoo["url"] + "/xmlrpc/2/common")
    models = xmlrpc.client.ServerProxy(odoo["url"] + "/xmlrpc/2/object", allow_none=True)
    uid = common.authenticate(odoo["db"], login, login, {})
    ids = models.execute_kw(odoo["db"], uid, login, "stock.picking", "search",
                            [[("ecom_fulfil_state", "!=", False)]], {"limit": 1})
    assert ids, "the test database should hold channel deliveries (demo data)"
    return ids[0]


def test_printed_delivery_note_carries_its_stylesheet(browser_context, odoo):
    picking_id = _a_delivery(odoo, "ecom_warehouse")
    browser_context.clear_cookies()
    page = browser_context.pages[0] if browser_context.pages else browser_context.new_page()
    page.goto(odoo["url"] + "/web/login")
    page.fill("input[name=login]", "ecom_warehouse")
    page.fill("input[name=password]", "ecom_warehouse")
    page.click(".oe_login_form button[type=submit]")
    expect(page.locator("#oe_main_menu_navbar")).to_be_visible()

    response = page.request.get("%s/report/pdf/%s/%d" % (odoo["url"], REPORT, picking_id),
                                timeout=180000)
    assert response.ok, response.status
    pdf = response.body()
    assert pdf.startswith(b"%PDF"), pdf[:200]

    # Still logged in: the web client opens, not the login page.
    page.goto(odoo["url"] + "/web")
    assert "/web/login" not in page.url, "printing logged the user out (%s)" % page.url
    expect(page.locator("#oe_main_menu_navbar")).to_be_visible()

    # Odoo's report stylesheet (Bootstrap) sets the text in a sans-serif face;
    # without it, wkhtmltopdf takes its default serif one.
    fonts = _fonts(pdf)
    assert fonts, "the PDF embeds no font"
    assert not [name for name in fonts if "Serif" in name], \
        "the PDF was printed without its stylesheet (fonts: %s)" % sorted(fonts)
