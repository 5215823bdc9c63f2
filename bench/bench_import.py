"""Import in volume (issue 7, goal 1): a platform export of
BENCH_IMPORT_LINES lines (20000; 2 lines per order, new buyers every third
order) imported by the CS user through the wizard's server entry point, in
one process. Direct path (one transaction) measured; the background path
(files over the job threshold) writes the same orders in chunks, see
bench_queue for jobs. Peak memory is the process's maximum resident size.
"""
import csv
import io
import os
import resource
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import perf_data  # noqa: E402

from odoo import api  # noqa: E402

from odoo.addons.ecom_order_mgmt.tools import order_import  # noqa: E402


def export(tag, lines, product_codes):
    """CSV bytes of a platform export with `lines` order lines."""
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
            "phone": "139%08d" % (order // 3), "province": "浙江省", "city": "杭州市",
            "district": "西湖区", "street": "文三路%d号" % order, "product_code": code,
            "quantity": "1", "unit_price": "10.00", "paid_amount": "20.00",
            "payment_mode": "支付宝", "remark": "",
        }
        writer.writerow([values[key] for key in keys])
    return out.getvalue().encode("utf-8")


def run(ctx):
    lines = int(os.environ.get("BENCH_IMPORT_LINES", 60 if ctx.quick else 20000))
    figures = []
    with api.Environment.manage():
        data = perf_data.setup(ctx)
        cs = perf_data.user_id(ctx, "cs")
        with ctx.cursor() as cr:
            env = perf_data.env_for(cr)
            codes = env["product.product"].browse(data["product_ids"]).mapped("default_code")
        tag = "I%d" % int(time.time())
        content = export(tag, lines, codes)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        order_ids = []
        try:
            with ctx.cursor() as cr:
                env = perf_data.env_for(cr, cs, {"ecom_import_direct": True})
                started = time.time()
                summary = env["ecom.order.import"].import_file(content, "bench.csv")
                seconds = time.time() - started
                order_ids = summary["order_ids"]
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
            note = "%d orders, %d lines imported as the CS user, %d rows rejected" % (
                summary["imported"], summary["lines"], summary["rejected_rows"])
            figures += [
                {"figure": "import rate (direct path)", "value": round(lines / seconds, 1),
                 "unit": "lines/s", "baseline": 13.0, "goal": ">= 150", "note": note},
                {"figure": "import peak memory", "value": round(rss),
                 "unit": "MB", "baseline": None, "goal": "< 1024",
                 "note": "process peak RSS (%.0f MB before the import)" % rss_before},
            ]
        finally:
            perf_data.cleanup_orders(ctx, order_ids)
            with ctx.cursor() as cr:
                env = perf_data.env_for(cr)
                env["res.partner"].with_context(active_test=False).search([
                    ("ecom_channel_id", "=", data["channel_id"]),
                    ("sale_order_ids", "=", False)]).unlink()
    return figures
