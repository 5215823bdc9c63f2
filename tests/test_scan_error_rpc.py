"""A wrong scan refused over XML-RPC still counts in the packers' KPIs.

A handheld calls ``stock.picking.action_ecom_scan`` over XML-RPC: a wrong
scan (unknown code, a product not in the delivery, too many) is refused with
the reason, the server rolls the call's transaction back, and yet the
refusal must be in the manager's staff report (ecom.staff.report,
scan_error_count) and the scan error list, like a refusal in the scanner
dialog, which is counted once. A real Odoo server (one prefork worker, as
production runs) on a committed throw-away copy of the test database: a
test transaction could not see what another transaction commits. Shown to
fail before the action recorded its refusals: the report counted only the
dialog's.
"""
import xmlrpc.client

import pytest
from ecom_cluster import Node, free_ports
from ecom_db import throwaway_registry
from rpc_contract_docs import Builder

import odoo
from odoo import SUPERUSER_ID, api


class Client(object):
    """XML-RPC calls to `node` as the demo user `login`, in English (the demo
    users' language is Chinese)."""

    def __init__(self, node, login):
        self.db, self.login = node.db, login
        common = xmlrpc.client.ServerProxy(node.url + "/xmlrpc/2/common")
        self.uid = common.authenticate(node.db, login, login, {})
        assert self.uid, login
        self.object = xmlrpc.client.ServerProxy(node.url + "/xmlrpc/2/object")

    def __call__(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", {"lang": "en_US"})
        return self.object.execute_kw(self.db, self.uid, self.login, model, method,
                                      list(args), kwargs)

    def refusal(self, *call):
        """The message of the call's refusal."""
        with pytest.raises(xmlrpc.client.Fault) as refused:
            self(*call)
        return refused.value.faultString


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """(node, [two packed deliveries of one RPC-SHIRT each])"""
    with throwaway_registry("scanerr") as registry:
        with api.Environment.manage(), registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "UTC"})
            builder = Builder(env)
            picking_ids = [builder.picking("packed").id for _i in range(2)]
            cr.commit()
        ports = free_ports(2)
        node = Node("scan server", registry.db_name, odoo.tools.config.rcfile,
                    str(tmp_path_factory.mktemp("odoo") / "server.log"), ports[0], ports[1],
                    runner=False, workers=1)
        try:
            node.start().wait_ready()
            yield node, picking_ids
        finally:
            node.stop()


@pytest.mark.slow
def test_a_wrong_scan_refused_over_xmlrpc_counts_for_the_packer(server):
    node, (picking_id, other_id) = server
    packer = Client(node, "ecom_warehouse")
    scan = ("stock.picking", "action_ecom_scan", [picking_id])

    assert "Unknown code NO-SUCH-CODE: no product has this barcode or reference." in \
        packer.refusal(*scan, "NO-SUCH-CODE")
    assert "Too many [RPC-SHIRT] RPC-SHIRT: the delivery holds 1, scanned 2." in \
        packer.refusal(*scan, "RPC-SHIRT", 2)
    # refused, but not wrong scans: no code, a wrong quantity
    assert "Scan a barcode" in packer.refusal(*scan, "  ")
    assert "positive whole number" in packer.refusal(*scan, "RPC-SHIRT", 0)
    # the delivery is as it was: nothing scanned, still packed; the right scan
    # then passes the check
    delivery = packer("stock.picking", "read", [picking_id],
                      ["ecom_fulfil_state", "ecom_scan_ids"])[0]
    assert (delivery["ecom_fulfil_state"], delivery["ecom_scan_ids"]) == ("packed", [])
    assert packer(*scan, "RPC-SHIRT", 1) is True
    assert packer("stock.picking", "action_ecom_check", [picking_id]) is True

    # the scanner dialog on the other delivery: shown and counted once
    wizard = packer("ecom.scan.wizard", "create", {"picking_id": other_id, "code": "NOPE-2"})
    screen = packer("ecom.scan.wizard", "action_scan", [wizard])
    shown = packer("ecom.scan.wizard", "read", [screen["res_id"]],
                   ["last_ok", "last_result"])[0]
    assert (shown["last_ok"], shown["last_result"]) == (
        False, "Unknown code NOPE-2: no product has this barcode or reference.")

    manager = Client(node, "ecom_manager")
    both = [("picking_id", "in", [picking_id, other_id])]
    groups = manager("ecom.staff.report", "read_group", both,
                     ["scan_error_count", "user_id"], ["user_id"])
    assert [(group["user_id"][0], group["scan_error_count"]) for group in groups] == [
        (packer.uid, 3)]
    errors = manager("ecom.scan.error", "search_read", both,
                     ["picking_id", "user_id", "kind", "code", "quantity", "message"],
                     order="id")
    assert [(error["picking_id"][0], error["user_id"][0], error["kind"], error["code"],
             error["quantity"]) for error in errors] == [
        (picking_id, packer.uid, "unknown", "NO-SUCH-CODE", 1),
        (picking_id, packer.uid, "over", "RPC-SHIRT", 2),
        (other_id, packer.uid, "unknown", "NOPE-2", 1)]
    assert errors[1]["message"] == \
        "Too many [RPC-SHIRT] RPC-SHIRT: the delivery holds 1, scanned 2."
    # recorded without a hitch (no lock wait, no failed query)
    assert [line for line in node.log_text().splitlines() if " ERROR " in line] == []
