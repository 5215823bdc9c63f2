"""A day's work on two Odoo servers at once, as production runs.

Two prefork servers (``--workers=2`` each) on one database, one queue_job
runner (tests/ecom_cluster.py says how queue_job decides where it runs),
and bounded client threads (ECOM_DAY_CLIENTS, default 4; ECOM_DAY_SECONDS,
default 300, the most the day may take; ECOM_DAY_ORDERS, default 12: the
short run of `make test`; loopback only), each a demo user at one of the two servers over
XML-RPC (tests/ecom_day.py): CS imports a platform export, reviews orders
(those with a buyer remark go aside as exceptions and come back), opens
returns; finance approves one by one and in bulk (background jobs),
refunds and confirms deposits; the warehouse prints, picks, packs, scans
every unit, checks, hands parcels over to the carriers in counted batches
and receives returns; the manager approves returns; the director and the
general manager sign custom requests. People compete for the same queues:
a document someone else took is a clean refusal.

Afterwards (tests/ecom_day_check.check): every order is in exactly one final state
(cancelled, or approved with its one delivery shipped); each order was
approved once and each delivery shipped once (the chatter), every ordered
unit left the warehouse once; every job of the day is done and no work was
queued and run twice; each return is refunded, each deposit paid once;
no client call failed other than by a clean refusal; neither server logged
an ERROR other than those concurrent work is expected to produce
(tests/ecom_cluster.EXPECTED_ERRORS, each with its reason); one paid invoice
and one payment in the channel's journal per prepaid order, once the jobs ran
(half the orders are invoiced at finance approval, half at shipment: both
servers draw invoice and payment numbers, gapless sequences, at once; Odoo
retries a call that met the other server's lock with clean environments,
ecom_order_mgmt/hooks.py, and an invoicing that finds the numbering busy is
queued in the invoicing channel instead, sale_order_invoice.py).
The report (throughput, p50/p95 latency of each call) is printed and
written to .local/nodes/day_report.txt.

What it does not prove: speed (that is `make bench`, bench/bench_multinode.py,
the same day at volume); behaviour behind a real proxy or with several job
runners.
"""
import os
import sys

import pytest
from ecom_cluster import ROOT, shared_cluster, unexpected
from ecom_day import Day, Stats, prepare
from ecom_day_check import check

CLIENTS = int(os.environ.get("ECOM_DAY_CLIENTS") or 4)
SECONDS = int(os.environ.get("ECOM_DAY_SECONDS") or 300)  # the day ends when its work is done
ORDERS = int(os.environ.get("ECOM_DAY_ORDERS") or 12)


@pytest.fixture(scope="module")
def cluster(request):
    return shared_cluster(request)


@pytest.mark.slow
def test_a_day_of_work_on_two_servers(cluster):
    offsets = cluster.log_offsets()
    world = prepare(cluster.registry, "MN", orders=ORDERS, imported=3, requests=1, chunk=4)
    stats = Stats()
    day = Day([node.url for node in cluster.nodes], cluster.db, world, clients=CLIENTS,
              seconds=SECONDS, stats=stats)
    wall = day.run()
    left = day.wait_jobs(120)
    assert not left, "jobs not done 120 s after the day: %s" % left
    problems, figures = check(cluster.registry, world)
    report = "\n".join([
        "Multi-node day: %d clients on 2 servers x 2 workers, %d orders (%d approved, "
        "%d cancelled), %d returns, %.0f s; %.2f orders/s" % (
            len(day.people), figures["orders"], figures["approved"], figures["cancelled"],
            figures["returns"], wall, figures["orders"] / wall),
        "Money check: %s" % figures["money"], stats.report(wall)])
    with open(os.path.join(ROOT, ".local", "nodes", "day_report.txt"), "w") as handle:
        handle.write(report + "\n")
    sys.__stdout__.write("\n" + report + "\n")
    assert not day.failures, "\n".join(day.failures)
    assert not stats.errors, "\n".join(stats.errors[:10])
    assert not problems, "\n".join(problems[:40])
    errors = unexpected(cluster.log_lines(offsets))
    assert not errors, "\n".join(errors[:20])
