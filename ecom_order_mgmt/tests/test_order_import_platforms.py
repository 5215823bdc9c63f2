# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Importing the platforms' own exports (issue 19): the samples of every
import profile, the channel of a file, the SKU map, hostile files, profiles
as data, the wizard's preview and result screens, and big pairs in jobs."""
import base64
import io
import xmlrpc.client
import zipfile

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import TransactionCase, at_install, post_install

from .common import english
from .test_bulk_jobs import perform
from .test_order_import_wizard import read_sample

PRODUCTS = {"EC-TSHIRT-RED-M": 99.0, "EC-TSHIRT-BLU-M": 99.0, "EC-JEANS-32": 299.0,
            "EC-SNEAKER-42": 459.0, "EC-CAP-BLK": 59.0, "EC-BAG-TOTE": 129.0}
# channel code: (platform, shop name in its exports)
CHANNELS = {"TB01": ("tmall", "示例天猫旗舰店"), "PDD01": ("pinduoduo", False),
            "JDS01": ("jd", "示例京东专营店"), "DY01": ("douyin", False)}


class PlatformImportCase(TransactionCase):

    def setUp(self):
        super(PlatformImportCase, self).setUp()
        self.env = english(self.env)
        self.cs_user = self.env.ref("ecom_order_mgmt.user_ecom_cs")
        company = self.env.user.company_id
        self.channels = {}
        for code, (platform, shop) in CHANNELS.items():
            channel = self.env["ecom.channel"].search([("code", "=", code),
                                                       ("company_id", "=", company.id)])
            channel = channel or self.env["ecom.channel"].create({
                "name": "%s shop" % code, "code": code, "platform": platform})
            channel.write({"platform_shop_name": shop, "tz": "Asia/Shanghai", "active": True})
            self.channels[code] = channel
        self.products = {}
        for code, price in PRODUCTS.items():
            product = self.env["product.product"].search([("default_code", "=", code)], limit=1)
            product = product or self.env["product.product"].create({
                "name": "Test %s" % code, "default_code": code, "type": "consu"})
            # the platforms' prices include the tax: no tax on top here
            product.write({"list_price": price, "sale_ok": True, "active": True,
                           "taxes_id": [(5,)]})
            self.products[code] = product
        self.Import = self.env["ecom.order.import"].sudo(self.cs_user)
        self.freight = self.env.ref("ecom_order_mgmt.product_ecom_freight")
        self.discount = self.env.ref("ecom_order_mgmt.product_ecom_discount")

    def _import(self, name, items=None, **kwargs):
        return self.Import.import_file(
            read_sample(name), name, items and read_sample(items) or False, items or False,
            **kwargs)

    def _orders(self, summary):
        return {order.ecom_platform_ref: order
                for order in self.env["sale.order"].browse(summary["order_ids"])}

    def _lines(self, order):
        """(product code, quantity, unit price, is a delivery line) of each line."""
        return [(line.product_id.default_code, line.product_uom_qty, line.price_unit,
                 line.is_delivery) for line in order.order_line]

    def _address(self, order):
        return (order.ecom_province, order.ecom_city, order.ecom_district, order.ecom_street,
                order.ecom_address_review)

    def _counts(self, summary):
        return tuple(summary[key] for key in ("imported", "skipped", "rejected_orders",
                                              "rejected_rows", "duplicates"))

    def _order_count(self):
        return self.env["sale.order"].search_count([])


class TestPlatformSamples(PlatformImportCase):

    def test_taobao_pair_recognised_by_its_shop(self):
        summary = self._import("taobao_orders.csv", "taobao_items.csv")
        self.assertEqual(summary["layout"], "Tmall / Taobao: order report + item report")
        self.assertEqual(summary["channel_id"], self.channels["TB01"].id)
        self.assertEqual(self._counts(summary), (4, 3, 1, 3, 0))
        self.assertEqual(summary["skipped_orders"], [
            ("3851026120200033", "等待买家付款", 4), ("3851026120200044", "交易关闭", 5),
            ("3851026120300066", "卖家已发货，等待买家确认", 7)])
        orders = self._orders(summary)
        self.assertEqual(sorted(orders), ["3851026120100011", "3851026120100022",
                                          "3851026120300055", "3851026120400088"])
        first = orders["3851026120100011"]
        self.assertEqual(self._lines(first), [("EC-TSHIRT-RED-M", 2.0, 99.0, False),
                                              ("EC-CAP-BLK", 1.0, 59.0, False),
                                              ("ECOM-DISCOUNT", 1.0, -10.0, False)])
        self.assertEqual((first.amount_total, first.ecom_paid_amount), (247.0, 247.0))
        self.assertEqual(self._address(first),
                         ("浙江省", "杭州市", "西湖区", "文三路478号华星时代广场A座1203室", False))
        self.assertEqual(first.partner_id.zip, "310012")
        self.assertEqual((first.ecom_buyer_phone, first.partner_id.phone),
                         ("138****5678", "138****5678"))
        self.assertEqual((first.ecom_buyer_remark, first.ecom_seller_note),
                         ("请尽快发货", "老客户，送小礼品"))
        self.assertEqual((first.ecom_invoice_title, first.ecom_invoice_tax_id),
                         ("杭州示例科技有限公司", "91330106MA2B3C4D5E"))
        # paid at 09:15:32 in Shanghai: the order was received then
        self.assertEqual(first.ecom_received_at, "2026-12-01 01:15:32")
        second = orders["3851026120100022"]
        self.assertEqual(self._lines(second), [("EC-JEANS-32", 1.0, 299.0, False),
                                               ("ECOM-FREIGHT", 1.0, 10.0, True)])
        self.assertEqual(second.amount_total, 309.0)
        self.assertEqual(self._address(second),
                         ("北京市", "北京市", "朝阳区", "建国路88号SOHO现代城5号楼2306", False))
        unsplit = orders["3851026120300055"]
        self.assertEqual(self._address(unsplit),
                         (False, False, False, "经济技术开发区 创业大道88号", True))
        self.assertEqual(unsplit.ecom_buyer_phone, "0571-88886666")
        self.assertEqual(unsplit.amount_total, 439.0)
        county = orders["3851026120400088"]
        self.assertEqual(self._address(county), ("湖北省", "仙桃市", False, "郑场镇 幸福路3号",
                                                 False))
        self.assertEqual(county.amount_total, 277.0)
        for order in orders.values():
            self.assertEqual(order.amount_total, order.ecom_paid_amount)
            self.assertEqual(order.ecom_state, "to_review")
        # the new sneakers have no merchant code: the order waits for the SKU map
        self.assertEqual(summary["unknown_skus"], [{
            "channel_id": self.channels["TB01"].id, "platform_product_id": "新款帆布鞋 小白鞋",
            "spec": "颜色分类:白色;尺码:40", "merchant_code": "", "title": "新款帆布鞋 小白鞋",
            "lines": 1}])
        self.assertEqual([(row, column) for row, column, reason in summary["item_errors"]],
                         [(9, "Product Code"), (10, False)])
        self.assertEqual(summary["errors"], [(8, False, "Order 3851026120400077 rejected "
                                                        "because row 9 of the item report "
                                                        "has an error.")])
        self.assertEqual(summary["rejected_filename"], "taobao_orders_rejected.zip")
        # everything a client gets marshals over XML-RPC
        xmlrpc.client.dumps((summary,), allow_none=False)

    def test_rejected_rows_import_again_once_the_sku_is_mapped(self):
        summary = self._import("taobao_orders.csv", "taobao_items.csv")
        rejected = base64.b64decode(summary["rejected_file"])
        with zipfile.ZipFile(io.BytesIO(rejected)) as archive:
            self.assertEqual(archive.namelist(),
                             ["taobao_orders_rejected.csv", "taobao_items_rejected.csv"])
        self.env["ecom.channel.product"].sudo(self.cs_user).create({
            "channel_id": self.channels["TB01"].id, "platform_product_id": "新款帆布鞋 小白鞋",
            "spec": "颜色分类：白色; 尺码：40", "product_id": self.products["EC-SNEAKER-42"].id})
        again = self.Import.import_file(rejected, summary["rejected_filename"])
        self.assertEqual(self._counts(again), (1, 0, 0, 0, 0))
        order = self._orders(again)["3851026120400077"]
        self.assertEqual(self._lines(order), [("EC-SNEAKER-42", 1.0, 129.0, False),
                                              ("EC-CAP-BLK", 1.0, 59.0, False),
                                              ("ECOM-FREIGHT", 1.0, 12.0, True)])
        self.assertEqual((order.amount_total, order.ecom_buyer_phone), (200.0, "13800001234-1234"))
        self.assertEqual(self._address(order), ("新疆维吾尔自治区", "乌鲁木齐市", "天山区",
                                                "解放北路1号", False))
        # the whole export again: every order is in Odoo now
        third = self._import("taobao_export.zip")
        self.assertEqual(self._counts(third), (0, 3, 0, 0, 5))

    def test_taobao_zip_gives_the_orders_of_the_two_files(self):
        summary = self._import("taobao_export.zip", channel_id=self.channels["TB01"].id)
        self.assertEqual(self._counts(summary), (4, 3, 1, 3, 0))
        self.assertEqual((summary["filename"], summary["items_filename"]),
                         ("taobao_orders.csv", "taobao_items.csv"))

    def test_pinduoduo_sample(self):
        summary = self._import("pinduoduo_orders.csv", channel_id=self.channels["PDD01"].id)
        self.assertEqual(self._counts(summary), (3, 3, 0, 0, 0))
        self.assertEqual(summary["skipped_by_status"],
                         {"已发货，待签收": 1, "待发货 / 退款中": 1, "已取消": 1})
        orders = self._orders(summary)
        first = orders["261201-558812345678901"]
        self.assertEqual(self._lines(first), [("EC-TSHIRT-RED-M", 2.0, 99.0, False),
                                              ("ECOM-DISCOUNT", 1.0, -15.0, False)])
        self.assertEqual((first.amount_total, first.ecom_buyer_phone), (183.0, "159****3344"))
        self.assertEqual((first.ecom_buyer_remark, first.ecom_seller_note), ("尽快发货", False))
        second = orders["261201-558812345678902"]
        self.assertEqual(self._lines(second), [("EC-JEANS-32", 1.0, 299.0, False),
                                               ("ECOM-FREIGHT", 1.0, 8.0, True),
                                               ("ECOM-DISCOUNT", 1.0, -20.0, False)])
        self.assertEqual(second.amount_total, 287.0)
        self.assertEqual(self._address(second), ("广东省", "深圳市", "南山区", "科技园路1号", False))
        third = orders["261203-558812345678906"]
        self.assertEqual((self._lines(third), third.amount_total),
                         ([("EC-CAP-BLK", 3.0, 59.0, False)], 177.0))

    def test_jd_sample(self):
        summary = self._import("jd_export.xlsx")
        self.assertEqual(summary["channel_id"], self.channels["JDS01"].id)
        self.assertEqual(self._counts(summary), (3, 2, 0, 0, 0))
        self.assertEqual(summary["skipped_by_status"], {"等待付款": 1, "已取消": 1})
        orders = self._orders(summary)
        first = orders["250112345679001"]
        self.assertEqual(self._lines(first), [("EC-TSHIRT-RED-M", 1.0, 99.0, False),
                                              ("EC-JEANS-32", 1.0, 299.0, False),
                                              ("ECOM-DISCOUNT", 1.0, -10.0, False)])
        self.assertEqual((first.amount_total, first.ecom_buyer_phone), (388.0, "137****2222"))
        self.assertEqual(first.ecom_invoice_title, "广州示例贸易有限公司")
        cod = orders["250112345679002"]
        self.assertEqual((cod.ecom_payment_mode, cod.ecom_paid_amount, cod.amount_total),
                         ("cod", 0.0, 469.0))
        self.assertEqual(self._address(cod), ("重庆市", "重庆市", "渝北区", "金开大道68号", False))
        region = orders["250112345679005"]
        self.assertEqual(self._address(region), ("内蒙古自治区", "呼和浩特市", "赛罕区",
                                                 "大学东街1号", False))
        self.assertEqual(region.amount_total, 238.0)

    def test_douyin_sample(self):
        summary = self._import("douyin_orders.csv", channel_id=self.channels["DY01"].id)
        self.assertEqual(self._counts(summary), (3, 2, 0, 0, 0))
        orders = self._orders(summary)
        first = orders["4930000000000001"]
        self.assertEqual(self._lines(first), [("EC-TSHIRT-BLU-M", 1.0, 99.0, False),
                                              ("EC-CAP-BLK", 2.0, 59.0, False),
                                              ("ECOM-DISCOUNT", 1.0, -10.0, False)])
        self.assertEqual((first.amount_total, first.ecom_seller_note), (207.0, "直播间下单"))
        self.assertEqual(self._address(first), ("广东省", "广州市", "天河区",
                                                "天河路385号太古汇北塔1506", False))
        self.assertEqual(self._address(orders["4930000000000002"]),
                         ("四川省", "阿坝藏族羌族自治州", "马尔康市", "达萨街1号", False))
        self.assertEqual(self._address(orders["4930000000000005"]),
                         ("海南省", "陵水黎族自治县", False, "椰林镇 椰林路5号", False))
        self.assertEqual(orders["4930000000000002"].amount_total, 305.0)

    def test_address_to_check_holds_the_order_for_cs(self):
        summary = self._import("taobao_orders.csv", "taobao_items.csv")
        order = self._orders(summary)["3851026120300055"]
        with self.assertRaisesRegex(UserError, "lacks province, city"):
            order.sudo(self.cs_user).action_ecom_cs_approve()
        order.sudo(self.cs_user).write({"ecom_province": "江西省", "ecom_city": "南昌市"})
        # complete, but not checked yet
        with self.assertRaisesRegex(UserError, "could not be split"):
            order.sudo(self.cs_user).action_ecom_cs_approve()
        order.sudo(self.cs_user).ecom_address_review = False
        order.sudo(self.cs_user).action_ecom_cs_approve()
        self.assertEqual(order.ecom_state, "to_finance")


class TestPlatformRefusals(PlatformImportCase):
    """Hostile files: refused with a row and column, or whole; nothing half-written."""

    def _pair(self, orders, items, **kwargs):
        return self.Import.import_file(orders, "orders.csv", items, "items.csv", **kwargs)

    def _taobao(self):
        return (read_sample("taobao_orders.csv").decode("gb18030"),
                read_sample("taobao_items.csv").decode("gb18030"))

    def test_item_without_order_row_and_order_without_items(self):
        orders, items = self._taobao()
        items += '="3851026129999999",棒球帽 黑色,59.00,1,,,,,%s,EC-CAP-BLK\r\n' % (
            "买家已付款，等待卖家发货")
        items = "\r\n".join(line for line in items.split("\r\n")
                            if "3851026120100022" not in line)
        summary = self._pair(orders.encode("gb18030"), items.encode("utf-8"))
        self.assertEqual(self._counts(summary), (3, 3, 2, 5, 0))
        self.assertIn((3, False, "Order 3851026120100022 has no item in the item report "
                                 "items.csv."), summary["errors"])
        self.assertIn((11, "Platform Order No.", "Order 3851026129999999 of the item report "
                                                 "has no row in the order report orders.csv."),
                      summary["item_errors"])
        self.assertFalse(self.env["sale.order"].search([
            ("ecom_platform_ref", "in", ["3851026120100022", "3851026129999999"])]))

    def test_pair_of_two_shops_refused_whole(self):
        orders, items = self._taobao()
        other = read_sample("pinduoduo_orders.csv")  # not even an item report
        before = self._order_count()
        with self.assertRaisesRegex(UserError, "are not the order report and the item report"):
            self._pair(orders.encode("gb18030"), other)
        lines = items.split("\r\n")
        lines[0] += ",店铺名称"
        lines[1:] = [line + ",另一家旗舰店" if line else line for line in lines[1:]]
        with self.assertRaisesRegex(UserError, "from shop \"另一家旗舰店\""):
            self._pair(orders.encode("gb18030"), "\r\n".join(lines).encode("utf-8"))
        # an item report of another shop (or period): no order in common
        lines = [line.replace("38510261", "48510261") for line in items.split("\r\n")]
        with self.assertRaisesRegex(UserError, "no order number in common"):
            self._pair(orders.encode("gb18030"), "\r\n".join(lines).encode("utf-8"))
        # the shop the file names is not the channel chosen
        with self.assertRaisesRegex(UserError, "from shop \"示例天猫旗舰店\", not from channel"):
            self._import("taobao_export.zip", channel_id=self.channels["JDS01"].id)
        self.assertEqual(self._order_count(), before)

    def test_amounts_that_do_not_add_up_are_refused_per_order(self):
        orders, items = self._taobao()
        # the buyer of the first order paid 257.00 of a 257.00 order... on a 247.00 one
        orders = orders.replace('"=""3851026120100011""",tb_张伟,,257.00,0.00,257.00,247.00',
                                '"=""3851026120100011""",tb_张伟,,257.00,0.00,257.00,267.00')
        summary = self._pair(orders.encode("gb18030"), items.encode("gb18030"))
        self.assertEqual(self._counts(summary), (3, 3, 2, 6, 0))
        self.assertIn((2, "Paid Amount", "The buyer paid 267.00, more than goods 257.00 and "
                                         "freight 0.00 (257.00)."), summary["errors"])
        self.assertFalse(self.env["sale.order"].search(
            [("ecom_platform_ref", "=", "3851026120100011")]))

    def test_file_mixing_two_layouts_refused_whole(self):
        before = self._order_count()
        mixed = read_sample("pinduoduo_orders.csv") + read_sample("douyin_orders.csv")
        with self.assertRaisesRegex(UserError, "Row 8 is the header of another export "
                                               "\\(Douyin: order export\\)"):
            self.Import.import_file(mixed, "mixed.csv", channel_id=self.channels["PDD01"].id)
        pdd = read_sample("pinduoduo_orders.csv").decode("utf-8-sig").split("\r\n")
        douyin = read_sample("douyin_orders.csv").decode("utf-8").split("\r\n")
        both = "\r\n".join([pdd[0] + "," + douyin[0], pdd[1] + "," + douyin[1]])
        with self.assertRaisesRegex(UserError, "columns of several exports"):
            self.Import.import_file(both.encode("utf-8"), "both.csv")
        self.assertEqual(self._order_count(), before)

    def test_order_numbers_turned_into_numbers_refused_on_their_row(self):
        content = read_sample("pinduoduo_orders.csv").decode("utf-8-sig").replace(
            "261203-558812345678906", "2.61204E+15")
        summary = self.Import.import_file(content.encode("utf-8"), "pdd.csv",
                                          channel_id=self.channels["PDD01"].id)
        self.assertEqual(self._counts(summary), (2, 3, 0, 1, 0))
        (row, column, reason), = summary["errors"]
        self.assertEqual((row, column), (7, "Platform Order No."))
        self.assertIn("scientific notation", reason)

    def test_export_without_shop_needs_its_channel(self):
        with self.assertRaisesRegex(UserError, "choose the channel it came from"):
            self._import("pinduoduo_orders.csv")
        self.channels["DY01"].platform_shop_name = "示例京东专营店"
        with self.assertRaisesRegex(UserError, "Several channels are the shop"):
            self._import("jd_export.xlsx")


class TestProfilesAndWizard(PlatformImportCase):

    def test_manager_remaps_a_copy_cs_reads_profiles_and_maps_skus(self):
        manager = self.env.ref("ecom_order_mgmt.user_ecom_manager")
        profile = self.env.ref("ecom_order_mgmt.import_profile_pinduoduo")
        with self.assertRaises(AccessError):
            profile.sudo(self.cs_user).write({"check_amounts": False})
        self.assertTrue(profile.sudo(self.cs_user).column_ids)
        # the platform renamed a column: a copy follows it, the original retires
        copy = profile.sudo(manager).copy({"name": "Pinduoduo 2027"})
        copy.column_ids.filtered(lambda c: c.header == "用户实付金额(元)").header = "实付金额"
        profile.sudo(manager).active = False
        content = read_sample("pinduoduo_orders.csv").decode("utf-8-sig").replace(
            "用户实付金额(元)", "实付金额")
        summary = self.Import.import_file(content.encode("utf-8"), "pdd.csv",
                                          channel_id=self.channels["PDD01"].id)
        self.assertEqual((summary["layout"], summary["profile_id"]), ("Pinduoduo 2027", copy.id))
        self.assertEqual(self._counts(summary), (3, 3, 0, 0, 0))
        # the manager tries a file with the copy from its form
        action = copy.sudo(manager).action_try_file()
        Wizard = self.env[action["res_model"]].sudo(manager).with_context(**action["context"])
        wizard = Wizard.create({"file": base64.b64encode(content.encode("utf-8")),
                                "filename": "pdd.csv", "channel_id": self.channels["PDD01"].id})
        wizard.action_preview()
        self.assertEqual((wizard.profile_id, wizard.layout_name), (copy, "Pinduoduo 2027"))
        self.assertEqual(len(wizard.preview_ids), 6)
        Map = self.env["ecom.channel.product"]
        item = Map.sudo(self.cs_user).create({
            "channel_id": self.channels["PDD01"].id, "platform_product_id": "556677001",
            "spec": "红色,M", "product_id": self.products["EC-TSHIRT-RED-M"].id})
        item.sudo(self.cs_user).unlink()
        with self.assertRaises(AccessError):
            Map.sudo(self.env.ref("ecom_order_mgmt.user_ecom_warehouse")).create({
                "channel_id": self.channels["PDD01"].id, "platform_product_id": "x",
                "product_id": self.products["EC-CAP-BLK"].id})

    def test_wizard_preview_import_map_and_import_again(self):
        wizard = self.env["ecom.order.import"].sudo(self.cs_user).create({
            "file": base64.b64encode(read_sample("taobao_orders.csv")),
            "filename": "taobao_orders.csv",
            "items_file": base64.b64encode(read_sample("taobao_items.csv")),
            "items_filename": "taobao_items.csv"})
        wizard.action_preview()
        self.assertEqual(wizard.state, "preview")
        self.assertEqual(wizard.layout_name, "Tmall / Taobao: order report + item report")
        self.assertEqual([(line.row, line.platform_ref, line.outcome) for line in
                          wizard.preview_ids][:4],
                         [(2, "3851026120100011", "import"), (3, "3851026120100022", "import"),
                          (4, "3851026120200033", "skip"), (5, "3851026120200044", "skip")])
        first = wizard.preview_ids[0]
        self.assertEqual((first.address, first.items, first.discount, first.paid),
                         ("浙江省 杭州市 西湖区 文三路478号华星时代广场A座1203室",
                          "EC-TSHIRT-RED-M × 2 @ 99.00; EC-CAP-BLK × 1 @ 59.00", 10.0, 247.0))
        self.assertEqual(wizard.preview_ids[6].outcome, "import")  # the SKU is known later
        self.assertFalse(self.env["sale.order"].search(
            [("ecom_platform_ref", "=", "3851026120100011")]))
        wizard.action_import()
        self.assertEqual((wizard.state, wizard.imported_count, wizard.skipped_count,
                          wizard.rejected_order_count), ("done", 4, 3, 1))
        self.assertEqual(wizard.channel_id, self.channels["TB01"])
        self.assertEqual(wizard.skipped_ids.mapped("status"),
                         ["等待买家付款", "交易关闭", "卖家已发货，等待买家确认"])
        self.assertEqual([(e.file, e.row, e.column) for e in wizard.error_ids],
                         [("taobao_orders.csv", 8, False), ("taobao_items.csv", 9, "Product Code"),
                          ("taobao_items.csv", 10, False)])
        wizard.sku_ids.product_id = self.products["EC-SNEAKER-42"]
        action = wizard.action_reimport_rejected()
        again = self.env["ecom.order.import"].browse(action["res_id"])
        self.assertEqual((again.imported_count, again.rejected_row_count), (1, 0))
        self.assertEqual(again.order_ids.ecom_platform_ref, "3851026120400077")
        self.assertEqual(self.channels["TB01"].product_map_ids.product_id,
                         self.products["EC-SNEAKER-42"])


# queue_job maps its job methods to channels once every module is loaded
# (see test_bulk_jobs): under `odoo --test-enable`, after the installation.
@at_install(False)
@post_install(True)
class TestPlatformJobs(PlatformImportCase):

    def _snapshot(self, orders):
        return sorted((order.ecom_platform_ref, order.amount_total, order.ecom_paid_amount,
                       order.ecom_street, order.ecom_address_review, order.ecom_buyer_phone,
                       order.ecom_channel_id.id, order.origin, self._lines(order))
                      for order in orders)

    def test_big_pair_through_jobs_gives_the_orders_of_the_direct_path(self):
        cr = self.env.cr
        cr.execute("SAVEPOINT direct_path")
        direct = self.Import.with_context(ecom_import_direct=True).import_file(
            read_sample("taobao_orders.csv"), "taobao_orders.csv",
            read_sample("taobao_items.csv"), "taobao_items.csv")
        expected = self._snapshot(self.env["sale.order"].browse(direct["order_ids"]))
        cr.execute("ROLLBACK TO SAVEPOINT direct_path")
        self.env.clear()
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("ecom_order_mgmt.import_job_threshold", "2")
        params.set_param("ecom_order_mgmt.import_job_chunk", "2")
        summary = self._import("taobao_orders.csv", "taobao_items.csv")
        # the checks and the report are immediate, the orders written by 3 jobs
        self.assertEqual((summary["imported"], summary["queued"], summary["jobs"],
                          summary["skipped"], summary["rejected_orders"]), (0, 4, 3, 3, 1))
        jobs = self.env["queue.job"].search([("method_name", "=", "_import_chunk_job")])
        self.assertEqual(len(jobs), 3)
        perform(self.env, jobs)
        perform(self.env, jobs)  # a job run twice adds nothing
        refs = [row[0] for row in expected]
        self.assertEqual(len(refs), 4)
        queued = self.env["sale.order"].search([("ecom_platform_ref", "in", refs)])
        self.assertEqual(self._snapshot(queued), expected)
