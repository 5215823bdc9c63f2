"""Two people importing the same platform export at the same moment: every
platform order ends in Odoo once.

Like tests/test_concurrency.py: on a throw-away copy of the test database,
two threads, each with its own cursor and transaction, import the same file
as two CS users. Both run the duplicate check while neither has written
anything (a `threading.Barrier` placed right after the check holds each
until the other has checked too), so both go on to write the same orders:
the race the check alone cannot win. The unique index on (channel,
platform order no., company) makes the second writer wait for the first
one's commit, then refuse; the importer reports those orders as duplicates
("imported meanwhile") instead of failing the file.

Shown to fail: without the `ecom_platform_ref_uniq` constraint (drop it in
the copy) both imports write every order and the count check fails.
"""
import csv
import io
import threading
from unittest.mock import patch

import pytest
from ecom_db import throwaway_registry

from odoo import SUPERUSER_ID, api

from odoo.addons.ecom_order_mgmt.tools import order_import as oi

ORDERS = 6
CHANNEL = "RACEIMP"


@pytest.fixture(scope="module")
def registry():
    with throwaway_registry("race_import") as copy:
        yield copy


def _file():
    """The suite's template: ORDERS orders of two lines each."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.label for column in oi.COLUMNS])
    for number in range(ORDERS):
        for code in ("RACE-IMP-A", "RACE-IMP-B"):
            line = {"channel_code": CHANNEL, "platform_ref": "RI-%03d" % number,
                    "order_time": "2026-11-20 10:00:00", "buyer_name": "买家%d" % number,
                    "phone": "1390000%04d" % number, "province": "浙江省", "city": "杭州市",
                    "district": "西湖区", "street": "文三路%d号" % number,
                    "product_code": code, "quantity": "1", "unit_price": "10.00",
                    "paid_amount": "20.00", "payment_mode": "支付宝", "remark": ""}
            writer.writerow([line.get(column.key, "") for column in oi.COLUMNS])
    return out.getvalue().encode("utf-8")


def _setup(registry):
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "UTC"})
        env["ecom.channel"].create({
            "name": "Race import shop", "code": CHANNEL, "platform": "other",
            "warehouse_id": env.ref("stock.warehouse0").id})
        for code in ("RACE-IMP-A", "RACE-IMP-B"):
            env["product.product"].create({"name": code, "default_code": code,
                                           "type": "consu", "list_price": 10.0})
        cs = env.ref("ecom_order_mgmt.group_ecom_cs")
        for n in (1, 2):
            env["res.users"].create({"name": "Race importer %d" % n,
                                     "login": "race_import_cs%d" % n,
                                     "groups_id": [(6, 0, cs.ids)]})
        cr.commit()


@pytest.mark.slow
def test_same_file_imported_twice_at_once_writes_each_order_once(registry):
    _setup(registry)
    content = _file()
    barrier = threading.Barrier(2, timeout=60)
    Import = registry["ecom.order.import"]  # the model class of this registry
    check = Import._check_duplicates
    checked = []

    def check_then_meet(self, result, orders, channels):
        duplicates = check(self, result, orders, channels)
        checked.append(len(duplicates))
        barrier.wait()  # both have checked, neither has written
        return duplicates

    outcomes = [None, None]

    def run(i):
        with api.Environment.manage():
            cr = registry.cursor()
            try:
                admin = api.Environment(cr, SUPERUSER_ID, {})
                uid = admin["res.users"].search([("login", "=", "race_import_cs%d" % (i + 1))]).id
                env = api.Environment(cr, uid, {"lang": "en_US", "tz": "UTC"})
                outcomes[i] = env["ecom.order.import"].import_file(content, "race.csv")
                cr.commit()
            except Exception as error:  # noqa: B902 -- reported by the assertion
                cr.rollback()
                outcomes[i] = error
                barrier.abort()
            finally:
                cr.close()

    with patch.object(Import, "_check_duplicates", check_then_meet):
        threads = [threading.Thread(target=run, args=(i,)) for i in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(180)
    assert all(isinstance(o, dict) for o in outcomes), outcomes
    assert checked == [0, 0], "both checks ran before either import wrote: %s" % checked
    imported = sorted((o["imported"], o["duplicates"], o["rejected_orders"]) for o in outcomes)
    assert imported == [(0, ORDERS, 0), (ORDERS, 0, 0)], imported
    loser = next(o for o in outcomes if not o["imported"])
    assert all("already in Odoo" in reason for _row, _col, reason in loser["errors"]), \
        loser["errors"]

    _assert_each_order_written_once(registry)


def _assert_each_order_written_once(registry):
    """In the database: each order of the file once with its two lines, and
    no buyer left over from the import that lost."""
    with api.Environment.manage(), registry.cursor() as cr:
        cr.execute("""SELECT so.ecom_platform_ref, count(DISTINCT so.id), count(sol.id)
                        FROM sale_order so JOIN ecom_channel ch ON ch.id = so.ecom_channel_id
                        LEFT JOIN sale_order_line sol ON sol.order_id = so.id
                       WHERE ch.code = %s GROUP BY 1 ORDER BY 1""", (CHANNEL,))
        rows = cr.fetchall()
        assert rows == [("RI-%03d" % n, 1, 2) for n in range(ORDERS)], rows
        # the loser's buyers went with its orders
        cr.execute("""SELECT count(*) FROM res_partner p
                       WHERE p.name LIKE '买家%%' AND NOT EXISTS (
                             SELECT 1 FROM sale_order so WHERE so.partner_id = p.id
                                 OR so.partner_shipping_id = p.id)
                         AND p.create_uid IN (SELECT id FROM res_users
                                               WHERE login LIKE 'race_import_cs%%')""")
        assert cr.fetchone()[0] == 0, "buyers created for orders that were not written"
