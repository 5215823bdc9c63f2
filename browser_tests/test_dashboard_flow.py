"""The manager's morning in the real web client: the E-commerce dashboard.

The manager (ecom_manager) logs in and lands on the dashboard: the company's
card on top, a card per channel, the money rows and both graphs; a figure
opens its list. Customer service reaches the same screen without the money
rows. Once in English, once in Simplified Chinese; the manager's screenshot
is kept in docs/screens/ for the README.

Labels new in this round may not be in the zh_CN catalogue yet (it is
regenerated centrally): such a label is looked for as translated when the
catalogue has it, else as its English source, which is what the user sees.
"""
import os
import re
import shutil

from playwright.sync_api import expect
from test_flows import Client

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOCS_SCREENS = os.path.join(ROOT, "docs", "screens")


def _pattern(run, msgid, exact=True):
    texts = [msgid]
    if run["lang"] != "en_US" and run["tr"].terms.get(msgid):
        texts.insert(0, run["tr"].terms[msgid])
    body = "|".join(re.escape(text) for text in texts)
    return re.compile(r"^\s*(%s)\s*$" % body if exact else body)


def test_the_manager_lands_on_the_dashboard(browser_context, run, screens_dir):
    client = Client(browser_context, run, screens_dir)
    page = client.page
    client.login("ecom_manager")
    expect(page.locator(".o_control_panel .breadcrumb li").first).to_have_text(
        _pattern(run, "E-commerce Dashboard"))
    board = page.locator(".o_ecom_dashboard")
    expect(board).to_be_visible()
    # the company's card first, then one per channel (the demo shops)
    cards = board.locator(".o_kanban_record:not(.o_kanban_ghost)")
    # (the card's own classes go on the kanban record)
    expect(cards.first).to_have_class(re.compile(r"\bo_ecom_company\b"))
    assert cards.count() >= 2
    company = cards.first
    expect(company.locator("tr[name=gmv]")).to_be_visible()
    expect(company.locator("tr[name=aov]")).to_be_visible()
    expect(company.locator(".o_ecom_figure_orders_today")).to_have_text(re.compile(r"^\d+$"))
    expect(company.locator(".o_ecom_figure_backorders")).to_be_visible()
    expect(company.locator(".o_ecom_figure_refunds_due")).to_be_visible()
    # both graphs are drawn (nvd3 svg)
    expect(company.locator(".o_dashboard_graph svg")).to_have_count(2)
    client.idle()
    page.wait_for_timeout(800)  # the graphs' 600 ms transition
    path = client.shot("manager_dashboard")
    os.makedirs(DOCS_SCREENS, exist_ok=True)
    shutil.copy(path, os.path.join(DOCS_SCREENS, os.path.basename(path)))

    # a figure opens its list: the orders waiting for CS review
    to_review = company.locator(".o_ecom_figure_to_review .o_ecom_count").inner_text().strip()
    company.locator(".o_ecom_figure_to_review").click()
    expect(page.locator(".o_control_panel .breadcrumb li").last).to_contain_text(
        _pattern(run, "To CS Review", exact=False))
    expect(page.locator(".o_list_view")).to_be_visible()
    client.idle()
    if int(to_review) <= 80:  # one page of the list
        expect(page.locator(".o_list_view tbody tr.o_data_row")).to_have_count(int(to_review))


def test_customer_service_sees_no_money(browser_context, run, screens_dir):
    client = Client(browser_context, run, screens_dir)
    page = client.page
    client.login("ecom_cs")
    page.goto(run["url"] + "/web#action=ecom_order_mgmt.action_ecom_dashboard")
    board = page.locator(".o_ecom_dashboard")
    expect(board).to_be_visible()
    company = board.locator(".o_kanban_record:not(.o_kanban_ghost)").first
    expect(company.locator(".o_ecom_figure_orders_today")).to_be_visible()
    expect(company.locator("tr[name=gmv]")).to_have_count(0)
    expect(company.locator("tr[name=aov]")).to_have_count(0)
    expect(company.locator(".o_ecom_figure_refunds_due")).to_have_count(0)
    expect(company.locator(".o_dashboard_graph svg")).to_have_count(1)
    client.shot("cs_dashboard")
