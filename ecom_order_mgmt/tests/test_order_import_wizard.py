# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Order import wizard: samples, bad rows, duplicates, buyers, access, limits."""
import base64
import csv
import io
import os
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import TransactionCase

from ..tools import order_import as oi
from .common import english

SAMPLES = os.path.join(os.path.dirname(os.path.realpath(__file__)),
                       os.pardir, os.pardir, "data", "samples")

CHANNELS = {"TMALL01": "Tmall Test Shop", "WX01": "WeChat Test Shop", "JD01": "JD Test Shop"}
PRODUCTS = {
    "EC-TSHIRT-RED-M": ("6901234500011", 99.0),
    "EC-TSHIRT-RED-L": ("6901234500028", 99.0),
    "EC-TSHIRT-BLU-M": ("6901234500035", 99.0),
    "EC-JEANS-32": ("6901234500042", 299.0),
    "EC-SNEAKER-42": ("6901234500059", 459.0),
    "EC-CAP-BLK": ("6901234500066", 59.0),
    "EC-BAG-TOTE": ("6901234500073", 129.0),
}
KEYS = [col.key for col in oi.COLUMNS]
BASE_ROW = {
    "channel_code": "TMALL01",
    "platform_ref": "TEST-0001",
    "order_time": "2026-11-20 10:00:00",
    "buyer_name": "张三",
    "phone": "13900001234",
    "province": "浙江省",
    "city": "杭州市",
    "district": "西湖区",
    "street": "文三路1号",
    "product_code": "EC-CAP-BLK",
    "quantity": "1",
    "unit_price": "59.00",
    "paid_amount": "59.00",
    "payment_mode": "支付宝",
    "remark": "",
}


def read_sample(name):
    with open(os.path.join(SAMPLES, name), "rb") as handle:
        return handle.read()


def row(**values):
    """A valid line as a {key: text} dict, ``values`` overriding it."""
    line = dict(BASE_ROW)
    line.update(values)
    return line


def make_csv(rows, encoding="utf-8"):
    """CSV bytes with the English header over the ``rows`` dicts."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([oi.COLUMN_BY_KEY[key].label for key in KEYS])
    for line in rows:
        writer.writerow([line.get(key, "") for key in KEYS])
    return out.getvalue().encode(encoding)


def read_csv(data):
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


class TestOrderImportWizard(TransactionCase):

    def setUp(self):
        super(TestOrderImportWizard, self).setUp()
        self.env = english(self.env)
        self.company = self.env.user.company_id
        self.cs_user = self.env.ref("ecom_order_mgmt.user_ecom_cs")
        Channel = self.env["ecom.channel"]
        self.channels = {}
        for code, name in CHANNELS.items():
            channel = Channel.search([("code", "=", code), ("company_id", "=", self.company.id)])
            if not channel:
                channel = Channel.create({"name": name, "code": code, "platform": "other"})
            channel.write({"tz": "Asia/Shanghai", "active": True})
            self.channels[code] = channel
        Product = self.env["product.product"]
        self.products = {}
        for code, (barcode, price) in PRODUCTS.items():
            product = Product.search([("default_code", "=", code)], limit=1)
            if not product:
                product = Product.search([("barcode", "=", barcode)], limit=1)
            if not product:
                product = Product.create({"name": "Test %s" % code, "default_code": code,
                                          "barcode": barcode, "list_price": price,
                                          "type": "consu"})
            product.write({"default_code": code, "barcode": barcode, "sale_ok": True,
                           "active": True})
            self.products[code] = product
        channel_ids = tuple(c.id for c in self.channels.values())
        # Whatever demo data holds for these channels must not count here:
        # orders step aside from the sample numbers, buyers from the channels.
        self.env.cr.execute("""
            UPDATE sale_order SET ecom_platform_ref = ecom_platform_ref || '-before-test'
             WHERE ecom_channel_id IN %s""", (channel_ids,))
        self.env.cr.execute(
            "UPDATE res_partner SET ecom_channel_id = NULL WHERE ecom_channel_id IN %s",
            (channel_ids,))
        self.env["sale.order"].invalidate_cache()
        self.Import = self.env["ecom.order.import"].sudo(self.cs_user)

    # -- helpers -------------------------------------------------------------

    def _import(self, content, filename="orders.csv", **context):
        return self.Import.with_context(**context).import_file(content, filename)

    def _orders(self, refs, code="TMALL01"):
        return self.env["sale.order"].search([
            ("ecom_channel_id", "=", self.channels[code].id),
            ("ecom_platform_ref", "in", list(refs))])

    def _buyers(self, code):
        return self.env["res.partner"].search([("ecom_channel_id", "=", self.channels[code].id)])

    def _order_count(self):
        return self.env["sale.order"].search_count([])

    # -- samples -------------------------------------------------------------

    def test_tmall_sample_utf8_bom(self):
        summary = self._import(read_sample("tmall_orders_utf8bom.csv"),
                               "tmall_orders_utf8bom.csv")
        self.assertEqual(summary["errors"], [])
        self.assertEqual((summary["imported"], summary["lines"], summary["rejected_orders"],
                          summary["rejected_rows"], summary["duplicates"]), (6, 11, 0, 0, 0))
        self.assertFalse(summary["rejected_file"])
        orders = self.env["sale.order"].browse(summary["order_ids"])
        self.assertEqual(len(orders), 6)
        order = orders.filtered(lambda o: o.ecom_platform_ref == "3851026110100012")
        self.assertEqual(order.ecom_channel_id, self.channels["TMALL01"])
        self.assertEqual(order.ecom_state, "to_review")
        self.assertEqual(order.create_uid, self.cs_user)
        self.assertEqual(order.origin, "Import tmall_orders_utf8bom.csv")
        # 09:15:32 in Shanghai is 01:15:32 UTC.
        self.assertEqual(order.ecom_received_at, "2026-11-01 01:15:32")
        self.assertEqual(order.date_order, "2026-11-01 01:15:32")
        self.assertEqual((order.ecom_buyer_name, order.ecom_buyer_phone), ("张伟", "13800138000"))
        self.assertEqual((order.ecom_province, order.ecom_city, order.ecom_district),
                         ("浙江省", "杭州市", "西湖区"))
        self.assertEqual(order.ecom_street, "文三路478号华星时代广场A座1203室")
        self.assertEqual(order.ecom_buyer_remark, "请尽快发货,谢谢")
        self.assertEqual(order.ecom_payment_mode, "prepaid")
        self.assertAlmostEqual(order.ecom_paid_amount, 257.0)
        self.assertEqual([(line.product_id, line.product_uom_qty, line.price_unit)
                          for line in order.order_line],
                         [(self.products["EC-TSHIRT-RED-M"], 2.0, 99.0),
                          (self.products["EC-CAP-BLK"], 1.0, 59.0)])
        self.assertAlmostEqual(order.amount_untaxed, 257.0)
        self.assertAlmostEqual(sum(orders.mapped("amount_untaxed")),
                               257 + 299 + 687 + 247 + 459 + 396)
        self.assertEqual(orders.filtered(
            lambda o: o.ecom_platform_ref == "3851026110400058").ecom_payment_mode, "instalment")
        # One new buyer per phone, in the channel, with a Chinese address.
        buyers = self._buyers("TMALL01")
        self.assertEqual(len(buyers), 6)
        self.assertEqual(orders.mapped("partner_id"), buyers)
        buyer = order.partner_id
        self.assertEqual((buyer.name, buyer.phone, buyer.city, buyer.street2),
                         ("张伟", "13800138000", "杭州市", "西湖区"))
        self.assertEqual(buyer.country_id, self.env.ref("base.cn"))
        self.assertEqual(buyer.state_id.name, "浙江省")
        self.assertTrue(buyer.customer)

    def test_wechat_sample_gb18030(self):
        content = read_sample("wechat_orders_gb18030.csv")
        with self.assertRaises(UnicodeDecodeError):
            content.decode("utf-8")
        summary = self._import(content, "wechat_orders_gb18030.csv")
        self.assertEqual(summary["errors"], [])
        self.assertEqual((summary["imported"], summary["lines"]), (4, 6))
        orders = self._orders(["0042611050000017", "4200026110500028", "4200026110600039",
                               "4200026110700044"], "WX01")
        self.assertEqual(len(orders), 4)
        by_ref = {o.ecom_platform_ref: o for o in orders}
        first = by_ref["0042611050000017"]
        self.assertEqual(first.ecom_buyer_name, "赵敏")
        # Barcode 6901234500011 found EC-TSHIRT-RED-M.
        self.assertEqual(first.order_line.mapped("product_id"),
                         self.products["EC-TSHIRT-RED-M"] | self.products["EC-JEANS-32"])
        self.assertEqual(first.ecom_received_at, "2026-11-05 03:20:45")
        cod = by_ref["4200026110500028"]
        self.assertEqual((cod.ecom_payment_mode, cod.ecom_paid_amount), ("cod", 0.0))
        self.assertEqual(cod.ecom_buyer_remark, "到了先打电话")
        self.assertEqual(cod.partner_id.state_id.name, "广东省")
        self.assertEqual(by_ref["4200026110600039"].ecom_payment_mode, "instalment")
        self.assertAlmostEqual(by_ref["4200026110600039"].amount_untaxed, 327.0)
        self.assertEqual(by_ref["4200026110700044"].order_line.product_id,
                         self.products["EC-CAP-BLK"])
        self.assertEqual(len(self._buyers("WX01")), 4)

    def test_jd_sample_xlsx(self):
        summary = self._import(read_sample("jd_orders.xlsx"), "jd_orders.xlsx")
        self.assertEqual(summary["errors"], [])
        self.assertEqual((summary["imported"], summary["lines"]), (5, 7))
        orders = self.env["sale.order"].browse(summary["order_ids"])
        self.assertEqual(sorted(orders.mapped("ecom_platform_ref")),
                         ["2501123456789%02d" % n for n in range(1, 6)])
        by_ref = {o.ecom_platform_ref: o for o in orders}
        self.assertEqual(by_ref["250112345678901"].ecom_received_at, "2026-11-08 02:30:00")
        # Just after midnight in Shanghai is the day before in UTC.
        self.assertEqual(by_ref["250112345678905"].ecom_received_at, "2026-11-10 16:03:15")
        self.assertEqual(by_ref["250112345678902"].ecom_buyer_phone, "15800001234")
        self.assertEqual(by_ref["250112345678903"].ecom_payment_mode, "cod_inspect")
        self.assertEqual(by_ref["250112345678905"].order_line.product_id,
                         self.products["EC-JEANS-32"])

    def test_bad_row_sample_imports_good_orders_only(self):
        before = self._order_count()
        summary = self._import(read_sample("orders_with_bad_row.csv"),
                               "orders_with_bad_row.csv")
        self.assertEqual((summary["imported"], summary["rejected_orders"],
                          summary["rejected_rows"], summary["duplicates"]), (3, 1, 2, 0))
        self.assertEqual(self._order_count(), before + 3)
        self.assertEqual(sorted(self._orders(["3851026111500011", "3851026111500036",
                                              "3851026111500044"]).ids),
                         sorted(summary["order_ids"]))
        # Nothing of the bad order: neither the order nor its buyer.
        self.assertFalse(self.env["sale.order"].search(
            [("ecom_platform_ref", "=", "3851026111500028")]))
        self.assertFalse(self.env["res.partner"].search([("phone", "=", "13800002222")]))
        self.assertEqual(self._orders(["3851026111500011"]).ecom_received_at,
                         "2026-11-15 02:00:00")
        (row3, col3, note), (row4, col4, reason) = summary["errors"]
        self.assertEqual((row3, col3, row4, col4), (3, False, 4, "Quantity"))
        self.assertEqual(note, "Order 3851026111500028 rejected because row 4 has an error.")
        self.assertEqual(reason, "Quantity must be greater than 0 (got -2).")
        lines = read_csv(base64.b64decode(summary["rejected_file"]))
        self.assertEqual(summary["rejected_filename"], "orders_with_bad_row_rejected.csv")
        self.assertEqual(lines[0][-1], "Error")
        self.assertEqual(len(lines), 3)
        self.assertEqual([line[1] for line in lines[1:]], ["3851026111500028"] * 2)
        self.assertEqual([line[-1] for line in lines[1:]], [note, reason])

        # The user fixes the quantity in the rejected file and imports it again.
        lines[2][10] = "2"
        out = io.StringIO()
        csv.writer(out).writerows(lines)
        again = self._import(out.getvalue().encode("utf-8-sig"), "fixed.csv")
        self.assertEqual((again["imported"], again["errors"]), (1, []))
        order = self._orders(["3851026111500028"])
        self.assertEqual(order.order_line.mapped("product_uom_qty"), [1.0, 2.0])
        self.assertAlmostEqual(order.amount_untaxed, 217.0)

    def test_wizard_result_screen(self):
        wizard = self.env["ecom.order.import"].sudo(self.cs_user).create({
            "file": base64.b64encode(read_sample("orders_with_bad_row.csv")),
            "filename": "orders_with_bad_row.csv"})
        action = wizard.action_import()
        self.assertEqual((action["res_model"], action["res_id"]), (wizard._name, wizard.id))
        self.assertEqual(wizard.state, "done")
        self.assertEqual((wizard.imported_count, wizard.rejected_order_count,
                          wizard.rejected_row_count, wizard.duplicate_count,
                          wizard.line_count), (3, 1, 2, 0, 4))
        self.assertEqual(len(wizard.order_ids), 3)
        self.assertEqual([(e.row, e.column) for e in wizard.error_ids],
                         [(3, False), (4, "Quantity")])
        self.assertIn("greater than 0", wizard.error_ids[1].reason)
        self.assertTrue(wizard.rejected_file)
        self.assertEqual(wizard.rejected_filename, "orders_with_bad_row_rejected.csv")
        self.assertEqual(wizard.note, "Orders imported: 3 (4 lines). Orders rejected: 1 "
                                      "(2 rows). Already in Odoo: 0.")
        opened = wizard.action_open_orders()
        self.assertEqual(self.env["sale.order"].search(opened["domain"]), wizard.order_ids)

    def test_wizard_without_file(self):
        wizard = self.env["ecom.order.import"].sudo(self.cs_user).create({})
        with self.assertRaises(UserError):
            wizard.action_import()

    # -- duplicates and buyers -------------------------------------------------

    def test_same_file_twice_reports_duplicates(self):
        content = read_sample("tmall_orders_utf8bom.csv")
        first = self._import(content, "tmall.csv")
        before = self._order_count()
        buyers = self._buyers("TMALL01")
        second = self._import(content, "tmall.csv")
        self.assertEqual((second["imported"], second["duplicates"], second["rejected_orders"],
                          second["rejected_rows"]), (0, 6, 0, 0))
        self.assertFalse(second["rejected_file"])
        self.assertEqual(self._order_count(), before)
        self.assertEqual(self._buyers("TMALL01"), buyers)
        names = self.env["sale.order"].browse(first["order_ids"]).mapped("name")
        self.assertEqual([(r, c) for r, c, reason in second["errors"]],
                         [(2, "Platform Order No."), (4, "Platform Order No."),
                          (5, "Platform Order No."), (8, "Platform Order No."),
                          (10, "Platform Order No."), (11, "Platform Order No.")])
        self.assertEqual(second["errors"][0][2],
                         "Platform order 3851026110100012 is already in Odoo (%s): skipped."
                         % names[0])

    def test_buyer_matched_by_phone_within_channel(self):
        self._import(make_csv([row(platform_ref="A-1", phone="13900001234")]))
        buyer = self._buyers("TMALL01")
        self.assertEqual(len(buyer), 1)
        self.assertEqual(buyer.phone, "13900001234")
        # Same number, other spelling and name: the same buyer.
        self._import(make_csv([row(platform_ref="A-2", phone="139 0000 1234",
                                   buyer_name="张三丰")]))
        self.assertEqual(self._buyers("TMALL01"), buyer)
        self.assertEqual(self._orders(["A-2"]).partner_id, buyer)
        self.assertEqual(self._orders(["A-2"]).ecom_buyer_name, "张三丰")
        # Another channel has its own buyers.
        self._import(make_csv([row(channel_code="WX01", platform_ref="A-3")]))
        other = self._buyers("WX01")
        self.assertEqual(len(other), 1)
        self.assertNotEqual(other, buyer)
        # Two new orders of one new buyer in one file: one partner.
        self._import(make_csv([row(platform_ref="A-4", phone="13700000001"),
                               row(platform_ref="A-5", phone="13700000001")]))
        self.assertEqual(len(self._orders(["A-4", "A-5"]).mapped("partner_id")), 1)
        self.assertEqual(len(self._buyers("TMALL01")), 2)

    # -- refusals ------------------------------------------------------------

    def test_unknown_product_and_channel(self):
        self.products["EC-BAG-TOTE"].sale_ok = False
        other_company = self.env["res.company"].create({"name": "Other Shop Co."})
        self.env["ecom.channel"].create({"name": "Elsewhere", "code": "ELSE01",
                                         "company_id": other_company.id})
        content = make_csv([
            row(platform_ref="U-1"),
            row(platform_ref="U-1", product_code="NO-SUCH-CODE"),          # row 3
            row(platform_ref="U-2", channel_code="NOPE01"),                 # row 4
            row(platform_ref="U-3", channel_code="ELSE01"),                 # row 5
            row(platform_ref="U-4", product_code="EC-BAG-TOTE"),            # row 6
            row(platform_ref="U-5", product_code="6901234500059",
                unit_price="459", paid_amount="459"),                       # row 7
        ])
        summary = self._import(content)
        self.assertEqual((summary["imported"], summary["rejected_orders"],
                          summary["rejected_rows"]), (1, 4, 5))
        self.assertEqual(self._orders(["U-5"]).order_line.product_id,
                         self.products["EC-SNEAKER-42"])
        self.assertFalse(self.env["sale.order"].search(
            [("ecom_platform_ref", "in", ["U-1", "U-2", "U-3", "U-4"])]))
        errors = summary["errors"]
        self.assertEqual([(r, c) for r, c, reason in errors],
                         [(2, False), (3, "Product Code"), (4, "Channel Code"),
                          (5, "Channel Code"), (6, "Product Code")])
        self.assertIn("NO-SUCH-CODE", errors[1][2])
        self.assertIn("NOPE01", errors[2][2])
        self.assertIn("ELSE01", errors[3][2])
        self.assertIn("EC-BAG-TOTE", errors[4][2])

    def test_user_without_cs_group_refused(self):
        user = self.env["res.users"].create({
            "name": "Plain employee", "login": "plain_employee_import",
            "groups_id": [(6, 0, [self.env.ref("base.group_user").id])]})
        before = self._order_count()
        with self.assertRaises(AccessError):
            self.env["ecom.order.import"].sudo(user).import_file(
                read_sample("tmall_orders_utf8bom.csv"), "tmall.csv")
        wizard = self.env["ecom.order.import"].create({
            "file": base64.b64encode(read_sample("tmall_orders_utf8bom.csv")),
            "filename": "tmall.csv"})
        with self.assertRaises(AccessError):
            wizard.sudo(user).action_import()
        self.assertEqual(self._order_count(), before)
        self.assertFalse(self._buyers("TMALL01"))

    def test_oversized_file_refused(self):
        self.env["ir.config_parameter"].set_param("ecom_order_mgmt.import_max_mb", "0.001")
        before = self._order_count()
        with self.assertRaisesRegex(UserError, "MB limit"):
            self._import(read_sample("tmall_orders_utf8bom.csv"), "tmall.csv")
        self.assertEqual(self._order_count(), before)
        self.env["ir.config_parameter"].set_param("ecom_order_mgmt.import_max_rows", "3")
        self.env["ir.config_parameter"].set_param("ecom_order_mgmt.import_max_mb", "20")
        with self.assertRaisesRegex(UserError, "more than 3 data rows"):
            self._import(read_sample("tmall_orders_utf8bom.csv"), "tmall.csv")
        self.assertEqual(self._order_count(), before)

    def test_file_level_errors_write_nothing(self):
        before = self._order_count()
        header_only = make_csv([row()]).replace(b"Unit Price", b"Price")
        with self.assertRaisesRegex(UserError, "Required columns are missing: Unit Price"):
            self._import(header_only)
        with self.assertRaisesRegex(UserError, "upload a .csv or .xlsx"):
            self._import(make_csv([row()]), "orders.pdf")
        with self.assertRaisesRegex(UserError, "UTF-16"):
            self._import(make_csv([row()], encoding="utf-16"))
        with self.assertRaisesRegex(UserError, "not a readable .xlsx"):
            self._import(b"PK\x03\x04 not really a zip", "orders.xlsx")
        self.assertEqual(self._order_count(), before)
        self.assertFalse(self._buyers("TMALL01"))

    def test_default_size_limit(self):
        # 21 MB of anything is refused before it is even decoded.
        with self.assertRaisesRegex(UserError, "more than the 20 MB limit"):
            self._import(b"x" * (21 * 1024 * 1024), "huge.csv")

    def test_column_labels_and_reasons_in_chinese(self):
        zh = {oi.MSG_NOT_POSITIVE: "%(column)s必须大于0(实际为%(value)s)。"}
        Translation = type(self.env["ir.translation"])
        get_source = Translation._get_source

        def translated(model, name, types, lang, source=None, res_id=None):
            if lang == "zh_CN" and source in zh:
                return zh[source]
            return get_source(model, name, types, lang, source, res_id)

        # The template is translated first, then filled in, column included.
        with patch.object(Translation, "_get_source", translated):
            summary = self._import(read_sample("orders_with_bad_row.csv"), "bad.csv",
                                   lang="zh_CN")
        self.assertEqual(summary["errors"][1], (4, "数量", "数量必须大于0(实际为-2)。"))
        lines = read_csv(base64.b64decode(summary["rejected_file"]))
        self.assertEqual(lines[2][-1], "数量必须大于0(实际为-2)。")
        with self.assertRaisesRegex(UserError, "单价"):
            self._import(make_csv([row()]).replace(b"Unit Price", b"Price"),
                         lang="zh_CN")

    def test_hostile_cells_stored_sanitised(self):
        content = make_csv([
            row(platform_ref="H-1", buyer_name="=HYPERLINK(\"http://evil\")李四",
                street="<b>文三路</b><script>alert(1)</script>2号",
                remark="<img src=x onerror=alert(1)>请发顺丰"),
            row(platform_ref="H-2", product_code="=cmd|' /C calc'!A0"),
        ])
        summary = self._import(content)
        self.assertEqual(summary["imported"], 1)
        order = self._orders(["H-1"])
        self.assertFalse(order.ecom_buyer_name.startswith("="))
        self.assertEqual(order.ecom_street, "文三路2号")
        self.assertEqual(order.ecom_buyer_remark, "请发顺丰")
        self.assertNotIn("<", order.partner_id.street)
        self.assertEqual(summary["errors"][0][:2], (3, "Product Code"))
        self.assertIn("formula", summary["errors"][0][2])
        self.assertFalse(self._orders(["H-2"]))
        # The rejected file does not hand the formula back to a spreadsheet.
        lines = read_csv(base64.b64decode(summary["rejected_file"]))
        self.assertTrue(lines[1][9].startswith("'="))

    def test_failure_while_saving_rolls_back_that_order_only(self):
        # A check that fails when lines with the bag are saved, whether in
        # bulk or one order at a time (a failing batch is retried that way).
        SaleOrderLine = type(self.env["sale.order.line"])
        validate = SaleOrderLine._validate_fields
        bag = self.products["EC-BAG-TOTE"]

        def failing_validate(lines, field_names):
            if bag in lines.mapped("product_id"):
                raise ValidationError("Simulated failure")  # pylint: disable=translation-required
            return validate(lines, field_names)

        # 3851026110200033 has the bag as its third line, 3851026110300041 as its first.
        with patch.object(SaleOrderLine, "_validate_fields", failing_validate):
            summary = self._import(read_sample("tmall_orders_utf8bom.csv"), "tmall.csv")
        self.assertEqual((summary["imported"], summary["rejected_orders"],
                          summary["rejected_rows"]), (4, 2, 5))
        self.assertFalse(self.env["sale.order"].search(
            [("ecom_platform_ref", "in", ["3851026110200033", "3851026110300041"])]))
        self.assertFalse(self.env["sale.order.line"].search([("order_id", "=", False)]))
        # Their buyers went with them.
        self.assertEqual(len(self._buyers("TMALL01")), 4)
        self.assertFalse(self.env["res.partner"].search([("phone", "=", "13712345601")]))
        self.assertEqual(summary["errors"][0][0], 5)
        self.assertIn("Simulated failure", summary["errors"][0][2])

    def test_concurrent_import_of_the_same_order(self):
        content = read_sample("wechat_orders_gb18030.csv")
        self._import(content, "wechat.csv")
        before = self._order_count()
        # As if another import wrote the orders after this one checked.
        with patch.object(type(self.env["ecom.order.import"]), "_check_duplicates",
                          lambda *args: {}):
            summary = self._import(content, "wechat.csv")
        self.assertEqual((summary["imported"], summary["duplicates"],
                          summary["rejected_orders"]), (0, 4, 0))
        self.assertEqual(self._order_count(), before)
        self.assertIn("already in Odoo", summary["errors"][0][2])

    def test_base64_content_for_json_rpc(self):
        content = base64.b64encode(make_csv([row(platform_ref="B-1")])).decode("ascii")
        self.assertEqual(self._import(content)["imported"], 1)

    def test_generated_file_of_500_lines(self):
        # Volume itself is measured by `make bench`; here, a file large
        # enough to exercise the batched look-ups and buyer matching.
        codes = sorted(PRODUCTS)
        rows = []
        for number in range(200):
            # 100 orders of 2 lines, 100 of 3, 120 buyers.
            lines = [codes[(number + i) % len(codes)] for i in range(2 + number % 2)]
            total = sum(PRODUCTS[code][1] for code in lines)
            for code in lines:
                rows.append(row(platform_ref="GEN-%05d" % number,
                                phone="1390000%04d" % (number % 120),
                                buyer_name="买家%d" % (number % 120),
                                product_code=code, unit_price="%.2f" % PRODUCTS[code][1],
                                paid_amount="%.2f" % total))
        self.assertEqual(len(rows), 500)
        summary = self._import(make_csv(rows), "generated.csv")
        self.assertEqual(summary["errors"], [])
        self.assertEqual((summary["imported"], summary["lines"]), (200, 500))
        orders = self.env["sale.order"].browse(summary["order_ids"])
        self.assertEqual(len(orders.mapped("order_line")), 500)
        self.assertEqual(len(self._buyers("TMALL01")), 120)
