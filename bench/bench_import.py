"""Import in volume (issue 7, goal 1): a platform export of
BENCH_IMPORT_LINES lines (20000; 2 lines per order, a new buyer every third
order) imported by the CS user through the wizard's server entry point, in
one process, on a scratch copy of the database. Direct path (one
transaction); the background path (files over the job threshold) writes the
same orders in chunks, see bench_queue for jobs. Peak memory is the process's
maximum resident size during the import.

BENCH_IMPORT_INVOICES=N (default 0) first adds N copies of a customer
invoice to the scratch copy (SQL, origins like sale's), for a company that
invoices its orders: the generated database holds no invoices, and Odoo 11
searches the invoices for every new buyer and every order's invoice status.

Baseline, in the same run: BENCH_IMPORT_BASELINE lines (2000) of another
export of the same shape imported with ``create()`` one order at a time
(``ecom_import_one_by_one``: what the ORM of Odoo 11 does without the bulk
path; same checks, same orders). Each export has buyers of its own (phone
numbers under its own prefix): neither run finds the other's buyers, and the
buyers each run created are counted in the database, not computed. Every
timer ends after the transaction's commit.

The platforms' own exports (issue 19), read with their import profiles, on
the same scratch copy, direct path, as the CS user: a Tmall/Taobao order
report + item report pair of BENCH_IMPORT_PLATFORM_LINES item lines (20000:
2 per order, full addresses to split, masked phones, freight and
discounts, one order in ten closed and skipped) and a Pinduoduo export of as
many rows (one order each, one in ten shipped and skipped).
BENCH_IMPORT_PLATFORMS=0 leaves them out.
"""
import csv
import io
import os
import resource
import sys
import time
from decimal import Decimal

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import perf_data  # noqa: E402

from odoo import api  # noqa: E402

from odoo.addons.ecom_order_mgmt.tools import order_import  # noqa: E402


def export(tag, lines, product_codes, phones):
    """CSV bytes of a platform export with `lines` order lines; a new buyer
    every third order, phone numbers `phones` + 8 digits (one prefix per
    export: its buyers are its own)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    keys = [col.key for col in order_import.COLUMNS]
    writer.writerow([order_import.COLUMN_BY_KEY[key].label_zh for key in keys])
    for index in range(lines):
        order = index // 2
        code = product_codes[index % len(product_codes)]
        values = {
            "channel_code": perf_data.CHANNEL_CODE, "platform_ref": "%s%07d" % (tag, order),
            "order_time": "2026-11-20 10:%02d:00" % (order % 60), "buyer_name": "买家%d" % order,
            "phone": "%s%08d" % (phones, order // 3), "province": "浙江省", "city": "杭州市",
            "district": "西湖区", "street": "文三路%d号" % order, "product_code": code,
            "quantity": "1", "unit_price": "10.00", "paid_amount": "20.00",
            "payment_mode": "支付宝", "remark": "",
        }
        writer.writerow([values[key] for key in keys])
    return out.getvalue().encode("utf-8")


def _partner_max_id(ctx):
    with ctx.cursor() as cr:
        cr.execute("SELECT COALESCE(max(id), 0) FROM res_partner")
        return cr.fetchone()[0]


def _new_buyers(ctx, after):
    """Buyers created since res_partner's id `after` (counted, not computed)."""
    with ctx.cursor() as cr:
        cr.execute("SELECT count(*) FROM res_partner WHERE id > %s AND customer", (after,))
        return cr.fetchone()[0]


def _import(ctx, cs, tag, lines, codes, phones, **context):
    """Import an export of `lines` lines as the CS user; (summary, seconds
    including the commit, peak MB, SQL queries, CPU seconds of this process,
    buyers created)."""
    content = export(tag, lines, codes, phones)
    partners = _partner_max_id(ctx)
    cpu = time.process_time()
    started = time.time()
    with ctx.cursor() as cr:
        env = perf_data.env_for(cr, cs, dict(context, ecom_import_direct=True))
        # the query count does not depend on how fast the host is today
        queries = cr.sql_log_count
        summary = env["ecom.order.import"].import_file(content, "bench.csv")
        queries = cr.sql_log_count - queries
    seconds = time.time() - started
    cpu = time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return summary, seconds, rss, queries, cpu, _new_buyers(ctx, partners)


TAOBAO_ORDERS = ["订单编号", "买家会员名", "买家应付货款", "买家应付邮费", "总金额",
                 "买家实际支付金额", "订单状态", "买家留言", "收货人姓名", "收货地址", "联系电话",
                 "联系手机", "订单创建时间", "订单付款时间", "宝贝总数量", "店铺名称", "发票抬头",
                 "订单备注"]
TAOBAO_ITEMS = ["订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性", "套餐信息",
                "备注", "订单状态", "商家编码"]
PDD = ["商品", "订单号", "订单状态", "商品总价(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)",
       "邮费(元)", "用户实付金额(元)", "商家实收金额(元)", "商品数量(件)", "收货人", "手机", "省",
       "市", "区", "街道", "支付时间", "商品id", "商品规格", "商家编码-SKU维度",
       "商家编码-商品维度", "商家备注", "买家留言", "售后状态"]
ADDRESSES = ["浙江省 杭州市 西湖区 文三路%d号 (310012)", "北京 北京市 朝阳区 建国路%d号",
             "广东省深圳市南山区科技园路%d号", "新疆维吾尔自治区 乌鲁木齐市 天山区 解放北路%d号",
             "湖北省 省直辖县级行政区划 仙桃市 郑场镇 幸福路%d号", "四川省 成都市 武侯区 天府大道%d号"]
PAID = "买家已付款，等待卖家发货"


def _csv(header, rows, encoding="utf-8-sig"):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def taobao_pair(tag, lines, codes):
    """(order report, item report) CSV bytes (GB18030, as the seller centre
    writes them) with `lines` item lines, 2 per order."""
    orders, items = [], []
    for order in range((lines + 1) // 2):
        ref = '="%s%09d"' % (tag, order)
        status = "交易关闭" if order % 10 == 9 else PAID
        freight = Decimal(6 if order % 2 else 0)
        discount = Decimal(2 if order % 3 == 0 else 0)
        goods = Decimal(0)
        for line in range(2 if 2 * order + 1 < lines else 1):
            code = codes[(2 * order + line) % len(codes)]
            goods += Decimal("10.00")
            items.append([ref, "商品 %s" % code, "10.00", 1, "", "颜色分类:默认", "", "", status,
                          code])
        phone = "138****%04d" % (order % 10000) if order % 4 == 0 else "136%08d" % (order // 3)
        orders.append([ref, "tb%d" % order, goods, freight, goods + freight,
                       goods + freight - discount, status, "", "买家%d" % order,
                       ADDRESSES[order % len(ADDRESSES)] % (order % 999 + 1), "", phone,
                       "2026-11-20 10:%02d:00" % (order % 60),
                       "2026-11-20 10:%02d:30" % (order % 60), 2, "Benchmark shop", "", ""])
    return _csv(TAOBAO_ORDERS, orders, "gb18030"), _csv(TAOBAO_ITEMS, items, "gb18030")


def pinduoduo_export(tag, rows, codes):
    """CSV bytes of a Pinduoduo export of `rows` orders (one row each)."""
    lines = []
    for order in range(rows):
        quantity = 1 + order % 2
        goods = Decimal("10.00") * quantity
        shop = Decimal("1.00") if order % 4 == 0 else Decimal(0)
        status = "已发货，待签收" if order % 10 == 9 else "待发货"
        lines.append(["商品", "%s-%09d" % (tag, order), status, goods, shop, "0.00", "0.00",
                      goods - shop, goods - shop, quantity, "买家%d" % order,
                      "159****%04d" % (order % 10000), "浙江省", "杭州市", "西湖区",
                      "文三路%d号" % order, "2026-11-20 11:%02d:00" % (order % 60),
                      "5566%05d" % (order % 50), "默认", codes[order % len(codes)], "", "", "",
                      "无售后或售后取消"])
    return _csv(PDD, lines)


def _import_platform(ctx, cs, files, channel_id):
    """Import a platform's export (files: [(name, bytes)], 1 or 2) as the CS
    user; (summary, seconds, peak MB, CPU seconds, SQL queries)."""
    args = [files[0][1], files[0][0]] + (
        [files[1][1], files[1][0]] if len(files) > 1 else [False, False])
    cpu = time.process_time()
    started = time.time()
    with ctx.cursor() as cr:
        env = perf_data.env_for(cr, cs, {"ecom_import_direct": True})
        queries = cr.sql_log_count
        summary = env["ecom.order.import"].import_file(*args, channel_id=channel_id)
        queries = cr.sql_log_count - queries
    # the cursor commits when the block ends: the time includes the commit
    seconds = time.time() - started
    cpu = time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return summary, seconds, rss, cpu, queries


def _platform_rows(sctx, cs, tag, lines, codes, channel_id):
    rows = []
    for figure, files in (
            ("Taobao pair", lambda: list(zip(("orders.csv", "items.csv"),
                                             taobao_pair(tag + "T", lines, codes)))),
            ("Pinduoduo export", lambda: [("pdd.csv", pinduoduo_export(tag + "P", lines,
                                                                       codes))])):
        sctx.log("import: %s, %d lines" % (figure, lines))
        summary, seconds, rss, cpu, queries = _import_platform(sctx, cs, files(), channel_id)
        rows.append({
            "figure": "import rate, %s (direct path)" % figure,
            "value": round(summary["lines"] / seconds, 1), "unit": "lines/s",
            "baseline": None, "goal": ">= 150",
            "note": "%d orders, %d lines imported, %d skipped for their status, %d rows "
                    "rejected; %.1f s of CPU in %.1f s (%.0f lines/s of CPU: the rate on "
                    "an idle machine, PostgreSQL aside); %.2f SQL queries per line; process "
                    "peak %.0f MB (goal < 1024)" % (
                        summary["imported"], summary["lines"], summary["skipped"],
                        summary["rejected_rows"], cpu, seconds,
                        summary["lines"] / cpu if cpu else 0,
                        queries / float(summary["lines"] or 1), rss)})
    return rows


def _add_invoices(ctx, count):
    """`count` copies of the first customer invoice, with distinct origins."""
    with ctx.cursor() as cr:
        cr.execute("SELECT string_agg(quote_ident(column_name), ', ') "
                   "FROM information_schema.columns WHERE table_name = 'account_invoice' "
                   "AND column_name NOT IN ('id', 'number', 'move_name', 'origin')")
        columns = cr.fetchone()[0]
        cr.execute("INSERT INTO account_invoice (%s, origin) "
                   "SELECT %s, 'SO' || lpad(n::text, 6, '0') FROM (SELECT * FROM account_invoice "
                   "WHERE type = 'out_invoice' ORDER BY id LIMIT 1) invoice, "
                   "generate_series(1, %%s) n" % (columns, columns), (count,))
        added = cr.rowcount
        cr.execute("ANALYZE account_invoice")
    return added


def run(ctx):
    lines = int(os.environ.get("BENCH_IMPORT_LINES", 60 if ctx.quick else 20000))
    sample = min(lines, int(os.environ.get("BENCH_IMPORT_BASELINE", 20 if ctx.quick else 2000)))
    with api.Environment.manage(), ctx.scratch() as sctx:
        data = perf_data.setup(sctx)
        cs = perf_data.user_id(sctx, "cs")
        with sctx.cursor() as cr:
            env = perf_data.env_for(cr)
            codes = env["product.product"].browse(data["product_ids"]).mapped("default_code")
        invoices = int(os.environ.get("BENCH_IMPORT_INVOICES", 0))
        if invoices:
            invoices = _add_invoices(sctx, invoices)
            sctx.log("import: %d invoices added" % invoices)
        tag = "I%d" % int(time.time())
        sctx.log("import: baseline, %d lines one order at a time" % sample)
        base, base_seconds, _rss, base_queries, _cpu, base_buyers = _import(
            sctx, cs, tag + "B", sample, codes, "138", ecom_import_one_by_one=True)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        sctx.log("import: %d lines" % lines)
        summary, seconds, rss, queries, cpu, buyers = _import(sctx, cs, tag, lines, codes,
                                                              "139")
        platform_rows = []
        if os.environ.get("BENCH_IMPORT_PLATFORMS", "1") != "0":
            platform_lines = int(os.environ.get("BENCH_IMPORT_PLATFORM_LINES",
                                                60 if ctx.quick else 20000))
            platform_rows = _platform_rows(sctx, cs, tag, platform_lines, codes,
                                           data["channel_id"])
    base_rate = base["lines"] / base_seconds
    note = "%s%d orders, %d lines imported and %d buyers created (counted) as the CS " \
           "user, %d rows rejected; %.1f SQL queries per line (plain %.1f), %.0f s of CPU " \
           "in %.0f s with the commit; plain: create() per order on %d lines of an export " \
           "of the same shape with buyers of its own (%d created)" % (
               "%d invoices in the database; " % invoices if invoices else "",
               summary["imported"], summary["lines"], buyers,
               summary["rejected_rows"], queries / float(lines),
               base_queries / float(base["lines"]), cpu, seconds, base["lines"], base_buyers)
    return [
        {"figure": "import rate (direct path)", "value": round(lines / seconds, 1),
         "unit": "lines/s", "baseline": round(base_rate, 1), "goal": ">= 150", "note": note},
        {"figure": "import peak memory", "value": round(rss), "unit": "MB",
         "baseline": None, "goal": "< 1024",
         "note": "process peak RSS (%.0f MB before the import)" % rss_before},
    ] + platform_rows
