"""Customer service imports a Tmall/Taobao export in the real web client.

ecom_cs uploads the seller centre's order report and item report, sees the
preview of the first orders as the import reads them, imports, finds the
order whose new sneakers have no merchant code refused, maps that item to
a product from the result, and imports the rejected rows again: the order
is in. Runs once in English and once in Simplified Chinese (the users'
language); the screens are found by field and button names, so the flow
does not depend on the labels. Screenshots go to SCREENS_DIR.
"""
import os
import time
import xmlrpc.client

from playwright.sync_api import expect
from test_flows import Client

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(ROOT, "data", "samples")
SHOP = "示例天猫旗舰店"
PRODUCTS = {"EC-TSHIRT-RED-M": 99.0, "EC-TSHIRT-BLU-M": 99.0, "EC-JEANS-32": 299.0,
            "EC-SNEAKER-42": 459.0, "EC-CAP-BLK": 59.0, "EC-BAG-TOTE": 129.0}
UNKNOWN = "新款帆布鞋 小白鞋"


def _rpc(run):
    common = xmlrpc.client.ServerProxy(run["url"] + "/xmlrpc/2/common")
    uid = common.authenticate(run["db"], "admin", "admin", {})
    assert uid, "cannot log in as admin"
    models = xmlrpc.client.ServerProxy(run["url"] + "/xmlrpc/2/object", allow_none=True)

    def call(model, method, *args, **kwargs):
        return models.execute_kw(run["db"], uid, "admin", model, method, list(args), kwargs)
    return call


def _prepare(run):
    """The shop's channel and products; the sample pair with this run's own
    order numbers and a new item no product or map knows yet."""
    call = _rpc(run)
    if not call("ecom.channel", "search", [("platform_shop_name", "=", SHOP)]):
        call("ecom.channel", "create", {"name": "Browser Tmall flagship", "code": "BRWTB",
                                        "platform": "tmall", "platform_shop_name": SHOP})
    for code, price in PRODUCTS.items():
        if not call("product.product", "search", [("default_code", "=", code)]):
            call("product.product", "create", {"name": "Browser %s" % code,
                                               "default_code": code, "list_price": price,
                                               "type": "consu", "taxes_id": [(5,)]})
    prefix = "9%07d" % (int(time.time()) % 10000000)
    files = {}
    for name in ("taobao_orders.csv", "taobao_items.csv"):
        with open(os.path.join(SAMPLES, name), "rb") as handle:
            text = handle.read().decode("gb18030")
        text = text.replace("38510261", prefix).replace(UNKNOWN, "%s %s" % (UNKNOWN, prefix))
        files[name] = text.encode("gb18030")
    return call, prefix, files


def _upload(client, field, name, data):
    modal = client.modal()
    widget = modal.locator("div.o_field_binary_file").filter(
        has=client.page.locator("input.o_input[name='%s']" % field))
    widget.locator("input.o_input_file").set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": data})
    expect(widget.locator("input.o_input[name='%s']" % field)).to_have_value(name)
    client.idle()


def _press(client, button):
    client.modal().locator(".modal-footer button[name='%s']" % button).click()
    client.idle()


def _field(client, name):
    return client.modal().locator(".o_field_widget[name='%s']" % name).first


def test_cs_imports_a_taobao_pair_maps_a_sku_and_imports_the_rest(
        browser_context, run, screens_dir):
    call, prefix, files = _prepare(run)
    client = Client(browser_context, run, screens_dir)
    _cs_uploads_the_pair(client, files)
    _cs_previews_and_imports(client, call, prefix)
    _cs_maps_the_sku_and_imports_the_rest(client, prefix)
    _check_the_orders_and_the_map(call, prefix)


def _cs_uploads_the_pair(client, files):
    """The import wizard, from the menu, with the order and item reports."""
    page = client.page
    client.login("ecom_cs")
    # Orders › Import Orders opens the wizard in a dialog (no breadcrumb)
    page.click("#oe_main_menu_navbar a[data-menu-xmlid='ecom_order_mgmt.menu_ecom_root']")
    client.idle()
    page.locator(".o_sub_menu a[data-menu-xmlid='ecom_order_mgmt.menu_ecom_order_import']"
                 ":visible").click()
    expect(client.modal()).to_be_visible()
    client.idle()
    _upload(client, "file", "taobao_orders.csv", files["taobao_orders.csv"])
    _upload(client, "items_file", "taobao_items.csv", files["taobao_items.csv"])
    client.shot("import_upload")


def _cs_previews_and_imports(client, call, prefix):
    """The preview writes nothing; the import takes 4 orders, skips 3, refuses 1."""
    # The preview: the first orders as they will be read, nothing written yet.
    _press(client, "action_preview")
    rows = _field(client, "preview_ids").locator(".o_data_row")
    expect(rows).to_have_count(8)
    expect(rows.first).to_contain_text("%s20100011" % prefix)
    expect(rows.first).to_contain_text("浙江省 杭州市 西湖区")
    expect(rows.first).to_contain_text("138****5678")
    expect(rows.nth(2)).to_contain_text("等待买家付款")
    client.shot("import_preview")
    assert not call("sale.order", "search", [("ecom_platform_ref", "like", prefix)])

    _press(client, "action_import")
    expect(_field(client, "imported_count")).to_have_text("4")
    expect(_field(client, "skipped_count")).to_have_text("3")
    expect(_field(client, "rejected_order_count")).to_have_text("1")
    client.shot("import_result")


def _cs_maps_the_sku_and_imports_the_rest(client, prefix):
    """The unknown item mapped from the result; its rejected rows imported again."""
    page = client.page
    # Map the item no product knows, from the result.
    client.page.evaluate(
        """() => {
            const pane = document.querySelector(".modal .o_field_widget[name='sku_ids']")
                .closest('.tab-pane');
            document.querySelector(`.modal .o_notebook a[href='#${pane.id}']`).click();
        }""")
    sku = _field(client, "sku_ids").locator(".o_data_row")
    expect(sku).to_have_count(1)
    expect(sku).to_contain_text(prefix)
    sku.locator("td.o_data_cell").nth(2).click()  # its product
    product = _field(client, "sku_ids").locator(".o_field_many2one[name='product_id'] input")
    product.fill("EC-SNEAKER-42")
    choice = page.locator(".ui-autocomplete li").filter(has_text="EC-SNEAKER-42").first
    expect(choice).to_be_visible()
    choice.click()
    client.idle()
    client.shot("import_map_sku")

    _press(client, "action_reimport_rejected")
    expect(_field(client, "imported_count")).to_have_text("1")
    expect(_field(client, "rejected_row_count")).to_have_text("0")
    client.shot("import_rejected_again")


def _check_the_orders_and_the_map(call, prefix):
    """Five orders, each paid in full; the item mapped to the sneakers."""
    orders = call("sale.order", "search_read", [("ecom_platform_ref", "like", prefix)],
                  fields=["ecom_platform_ref", "amount_total", "ecom_paid_amount"])
    assert len(orders) == 5, orders
    for order in orders:
        assert order["amount_total"] == order["ecom_paid_amount"], order
    mapped = call("ecom.channel.product", "search_read",
                  [("platform_product_id", "=", "%s %s" % (UNKNOWN, prefix))],
                  fields=["product_id"])
    assert [item["product_id"][1] for item in mapped] == [
        "[EC-SNEAKER-42] %s" % call("product.product", "search_read",
                                    [("default_code", "=", "EC-SNEAKER-42")],
                                    fields=["name"])[0]["name"]]
