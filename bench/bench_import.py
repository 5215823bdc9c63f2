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
path; same checks, same orders).
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


def _import(ctx, cs, tag, lines, codes, **context):
    """Import an export of `lines` lines as the CS user; (summary, seconds,
    peak MB, SQL queries, CPU seconds of this process)."""
    content = export(tag, lines, codes)
    with ctx.cursor() as cr:
        env = perf_data.env_for(cr, cs, dict(context, ecom_import_direct=True))
        # the query count does not depend on how fast the host is today
        queries = cr.sql_log_count
        cpu = time.process_time()
        started = time.time()
        summary = env["ecom.order.import"].import_file(content, "bench.csv")
        seconds = time.time() - started
        cpu = time.process_time() - cpu
        queries = cr.sql_log_count - queries
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return summary, seconds, rss, queries, cpu


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
        base, base_seconds, _rss, base_queries, _cpu = _import(
            sctx, cs, tag + "B", sample, codes, ecom_import_one_by_one=True)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        sctx.log("import: %d lines" % lines)
        summary, seconds, rss, queries, cpu = _import(sctx, cs, tag, lines, codes)
    base_rate = base["lines"] / base_seconds
    note = "%s%d orders, %d lines and %d new buyers imported as the CS user, %d rows " \
           "rejected; %.1f SQL queries per line (plain %.1f), %.0f s of CPU in %.0f s; " \
           "plain: create() per order on %d lines" % (
               "%d invoices in the database; " % invoices if invoices else "",
               summary["imported"], summary["lines"], (summary["imported"] + 2) // 3,
               summary["rejected_rows"], queries / float(lines),
               base_queries / float(base["lines"]), cpu, seconds, base["lines"])
    return [
        {"figure": "import rate (direct path)", "value": round(lines / seconds, 1),
         "unit": "lines/s", "baseline": round(base_rate, 1), "goal": ">= 150", "note": note},
        {"figure": "import peak memory", "value": round(rss), "unit": "MB",
         "baseline": None, "goal": "< 1024",
         "note": "process peak RSS (%.0f MB before the import)" % rss_before},
    ]
