"""Every action of the suite can be called over XML-RPC and JSON-RPC (SPEC 8).

External systems call the suite through Odoo's API (SPEC, "How it is run"):
a method whose answer XML-RPC cannot marshal (None, or a dict holding one)
fails for them after its work is committed. Each action is called here
through `odoo.service.model.execute_kw`, the function behind Odoo's
`/xmlrpc/2/object`, as the demo user whose job it is, on a document in the
stage where the action is due; the call must succeed and its answer must
marshal as Odoo's XML-RPC server (`allow_none=False`) and JSON-RPC server
do it. The report models answer `read_group` the same way.

The actions are found in the registry: every `action_*` method that the
suite's addons define, on any model. Each one is called here or excluded
with its reason, so that a new action cannot be forgotten.

`execute_kw` opens its own cursor and commits: the test runs on a throw-away
copy of the test database, where the documents are built and committed
first (as tests/test_concurrency.py does).
"""
import base64
import itertools
import json
import os
import threading
import xmlrpc.client

import pytest
from ecom_db import copy_test_db, drop_db
from rpc_contract_docs import IN_20_DAYS, SETTLEMENT, Builder

import odoo
from odoo import SUPERUSER_ID, api
from odoo.service.model import execute_kw
from odoo.tools import ustr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "data", "samples", "orders_with_bad_row.csv")
# the SQL report models (tests/test_report_read_group.py finds them all in the
# registry and asks them every grouping; here: over the API itself)
REPORTS = ["ecom.order.report", "ecom.shipping.ledger", "ecom.backorder.report",
           "ecom.return.report", "ecom.margin.report", "ecom.buyer.report",
           "ecom.staff.report"]


class Uid(str):
    """An argument of CALLS that is the id of the user of this login."""


# (model, method): (login, document, args, kwargs). The document is a key
# of the fixtures built below, or ("create", values): a record the user
# creates first over the API (a dialog's record belongs to its user).
CALLS = {
    # Review (SPEC 2)
    ("sale.order", "action_ecom_cs_approve"): ("ecom_cs", "so_review", [], {}),
    ("sale.order", "action_ecom_finance_approve"): ("ecom_finance", "so_finance", [], {}),
    ("sale.order", "action_ecom_set_exception"): (
        "ecom_cs", "so_exception", ["risk"], {"note": "Call the buyer"}),
    ("sale.order", "action_ecom_resume"): ("ecom_cs", "so_held", [], {}),
    ("sale.order", "action_ecom_cancel"): ("ecom_cs", "so_cancel", [], {}),
    ("sale.order", "action_ecom_bulk_review"): ("ecom_cs", "so_bulk", [], {}),
    ("sale.order", "action_ecom_apply_review_rules"): ("ecom_finance", "so_rules", [], {}),
    ("sale.order", "action_ecom_check_shortage"): ("ecom_cs", "so_shortage", [], {}),
    ("sale.order", "action_ecom_approve_safety_stock"): ("ecom_manager", "so_safety", [], {}),
    ("sale.order", "action_ecom_view_custom_requests"): ("ecom_cs", "so_any", [], {}),
    ("sale.order", "action_ecom_view_returns"): ("ecom_cs", "so_any", [], {}),
    ("sale.order", "action_ecom_view_refunds"): ("ecom_finance", "so_any", [], {}),
    ("sale.order", "action_view_ecom_backorders"): ("ecom_cs", "so_any", [], {}),
    ("sale.order", "action_ecom_reassign"): ("ecom_manager", "so_any", [Uid("ecom_cs")], {}),
    ("sale.order", "action_ecom_open_reassign"): ("ecom_manager", "so_any", [], {}),
    # Fulfilment (SPEC 3)
    ("stock.picking", "action_ecom_print_waybill"): ("ecom_warehouse", "pk_to_print", [], {}),
    ("stock.picking", "action_ecom_pick"): ("ecom_warehouse", "pk_printed", [], {}),
    ("stock.picking", "action_ecom_pack"): ("ecom_warehouse", "pk_picked", [], {}),
    ("stock.picking", "action_ecom_scan"): ("ecom_warehouse", "pk_packed", ["RPC-SHIRT"], {}),
    ("stock.picking", "action_ecom_open_scanner"): ("ecom_warehouse", "pk_packed", [], {}),
    ("stock.picking", "action_ecom_reset_scans"): ("ecom_warehouse", "pk_scanned", [], {}),
    ("stock.picking", "action_ecom_check"): ("ecom_warehouse", "pk_scanned_2", [], {}),
    ("stock.picking", "action_ecom_open_ship_wizard"): ("ecom_warehouse", "pk_checked", [], {}),
    ("stock.picking", "action_ecom_ship"): (
        "ecom_warehouse", "pk_checked_2", [], {"carrier_count": 1}),
    ("stock.picking", "action_ecom_confirm_delivered"): ("ecom_cs", "pk_shipped", [], {}),
    ("stock.picking", "action_ecom_receive_scan"): (
        "ecom_warehouse", "rc_open", ["RPC-SHIRT"], {"qty": 2}),
    ("stock.picking", "action_ecom_receive_check"): ("ecom_warehouse", "rc_scanned", [], {}),
    ("stock.picking", "action_ecom_receive_validate"): ("ecom_warehouse", "rc_checked", [], {}),
    ("stock.picking", "action_ecom_print_receiving_note"): (
        "ecom_warehouse", "rc_open_2", [], {}),
    ("ecom.handover", "action_open_scanner"): ("ecom_warehouse", "ho_empty", [], {}),
    ("ecom.handover", "action_scan_parcel"): ("ecom_warehouse", "ho_scan", ["RPCSCAN"], {}),
    ("ecom.handover", "action_close"): ("ecom_warehouse", "ho_close", [], {}),
    ("ecom.handover", "action_review"): ("ecom_finance", "ho_review", [], {}),
    ("ecom.handover", "action_print_manifest"): ("ecom_warehouse", "ho_review_2", [], {}),
    # Backorders and custom orders (SPEC 4)
    ("ecom.backorder", "action_notify_supplier"): ("ecom_cs", "bo_notify", [], {}),
    ("ecom.backorder", "action_cancel"): ("ecom_cs", "bo_cancel", [], {}),
    ("ecom.backorder.allocation", "action_preview"): (
        "ecom_cs", ("create", "bo_allocate"), [], {}),
    ("ecom.backorder.allocation", "action_commit"): (
        "ecom_cs", ("create", "bo_allocate_preview"), [], {}),
    ("ecom.custom.request", "action_record_feasibility"): (
        "rpc_purchase", "cr_new", [True],
        {"inbound_date": IN_20_DAYS, "inbound_qty": 2, "production_cycle_days": 10}),
    ("ecom.custom.request", "action_buyer_accept"): ("ecom_cs", "cr_draft", [10, "Cotton"], {}),
    ("ecom.custom.request", "action_buyer_decline"): ("ecom_cs", "cr_draft_2", ["Too late"], {}),
    ("ecom.custom.request", "action_submit"): ("ecom_cs", "cr_accepted", [], {}),
    ("ecom.custom.request", "action_approve"): ("ecom_director", "cr_price", [], {}),
    ("ecom.custom.request", "action_reject"): ("ecom_director", "cr_price_2", ["Too dear"], {}),
    ("ecom.custom.request", "action_confirm_deposit"): ("ecom_finance", "cr_deposit", [], {}),
    ("ecom.custom.request", "action_cancel"): ("ecom_cs", "cr_deposit_2", ["Buyer left"], {}),
    ("ecom.custom.request", "action_place_po"): ("rpc_purchase", "cr_purchasing", [], {}),
    ("ecom.custom.request", "action_view_purchase_order"): ("rpc_purchase", "cr_ordered", [], {}),
    ("ecom.custom.request", "action_receive"): ("rpc_purchase", "cr_ordered_2", [], {}),
    ("ecom.custom.request", "action_request_balance"): ("ecom_cs", "cr_received", [], {}),
    ("ecom.custom.request", "action_confirm_balance"): ("ecom_finance", "cr_balance", [], {}),
    ("ecom.custom.request", "action_done"): ("ecom_cs", "cr_ready", [], {}),
    # After-sales (SPEC 5)
    ("ecom.return", "action_approve"): ("ecom_manager", "rt_draft", [], {}),
    ("ecom.return", "action_reject"): ("ecom_manager", "rt_draft_2", ["Worn"], {}),
    ("ecom.return", "action_open_reject_wizard"): ("ecom_manager", "rt_draft_3", [], {}),
    ("ecom.return", "action_refund"): ("ecom_finance", "rt_approved", [], {}),
    ("ecom.return", "action_open_receive_wizard"): ("ecom_warehouse", "rt_returning", [], {}),
    ("ecom.return", "action_receive"): ("ecom_warehouse", "rt_returning_2", [[]], {}),
    ("ecom.carrier.claim", "action_claim"): ("ecom_cs", "cl_draft", [], {}),
    ("ecom.carrier.claim", "action_accept"): ("ecom_cs", "cl_claimed", [], {}),
    ("ecom.carrier.claim", "action_refuse"): ("ecom_cs", "cl_claimed_2", [], {}),
    ("ecom.carrier.claim", "action_paid"): ("ecom_finance", "cl_accepted", [], {}),
    ("ecom.feedback", "action_start"): ("ecom_cs", "fb_new", [], {}),
    ("ecom.feedback", "action_resolve"): ("ecom_cs", "fb_new_2", [], {}),
    ("ecom.feedback", "action_cancel"): ("ecom_cs", "fb_new_3", [], {}),
    ("ecom.feedback", "action_open_return"): ("ecom_cs", "fb_new_4", [], {}),
    # Import and settings (SPEC 1, 8)
    ("ecom.order.import", "action_import"): ("ecom_cs", ("create", "import"), [], {}),
    ("ecom.order.import", "action_open_orders"): ("ecom_cs", ("create", "import"), [], {}),
    ("ecom.order.import", "action_new_import"): ("ecom_cs", ("create", "import"), [], {}),
    ("ecom.order.import", "action_preview"): ("ecom_cs", ("create", "import"), [], {}),
    ("ecom.order.import", "action_back"): ("ecom_cs", ("create", "import"), [], {}),
    ("ecom.channel", "action_view_product_map"): ("ecom_cs", "channel", [], {}),
    ("ecom.import.profile", "action_try_file"): ("ecom_manager", "profile", [], {}),
    ("ecom.review.rule", "action_view_orders"): ("ecom_manager", "rule", [], {}),
    ("ecom.kpi.export", "action_export"): ("ecom_manager", ("create", "kpi_export"), [], {}),
    # Money (SPEC 8, issue 20): finance's
    ("ecom.cod.import", "action_import"): ("ecom_finance", ("create", "cod_import"), [], {}),
    ("ecom.cod.statement.line", "action_resolve"): ("ecom_finance", "cod_line", [], {}),
    ("ecom.settlement.import", "action_import"): (
        "ecom_finance", ("create", "settlement_import"), [], {}),
    ("ecom.settlement.import", "action_open_known"): (
        "ecom_finance", ("create", "settlement_import"), [], {}),
    ("ecom.settlement", "action_match_again"): ("ecom_finance", "settlement", [], {}),
    ("ecom.settlement.line", "action_open_resolve"): ("ecom_finance", "settlement_line", [], {}),
    # The manager's dashboard (issue 21): each figure's link
    ("ecom.dashboard", "action_open_orders"): ("ecom_manager", "dashboard", [], {}),
    ("ecom.dashboard", "action_open_breached"): ("ecom_manager", "dashboard", [], {}),
    ("ecom.dashboard", "action_open_exceptions"): ("ecom_manager", "dashboard", [], {}),
    ("ecom.dashboard", "action_open_to_review"): ("ecom_manager", "dashboard", [], {}),
    ("ecom.dashboard", "action_open_to_finance"): ("ecom_manager", "dashboard", [], {}),
    ("ecom.dashboard", "action_open_held"): ("ecom_manager", "dashboard", [], {}),
    ("ecom.dashboard", "action_open_late"): ("ecom_manager", "dashboard", [], {}),
    ("ecom.dashboard", "action_open_to_ship"): ("ecom_manager", "dashboard", [], {}),
    ("ecom.dashboard", "action_open_backorders"): ("ecom_manager", "dashboard", [], {}),
    ("ecom.dashboard", "action_open_returns"): ("ecom_manager", "dashboard", [], {}),
    ("ecom.dashboard", "action_open_refunds_due"): ("ecom_manager", "dashboard", [], {}),
}

UPLOADS = itertools.count(1)

# Dialogs of the web client: a transient record of the user, whose button
# calls a contract action called above with the values typed in the dialog.
DIALOG = "a dialog of the web client; its button calls %s, called here"
EXCLUDED = {
    ("ecom.exception.wizard", "action_confirm"): DIALOG % "sale.order.action_ecom_set_exception",
    ("ecom.scan.wizard", "action_scan"):
        DIALOG % "stock.picking.action_ecom_scan and ecom.handover.action_scan_parcel",
    ("ecom.ship.wizard", "action_ship"): DIALOG % "stock.picking.action_ecom_ship",
    ("ecom.return.reject.wizard", "action_confirm"): DIALOG % "ecom.return.action_reject",
    ("ecom.custom.request.decision.wizard", "action_confirm"):
        DIALOG % "ecom.custom.request.action_approve / action_reject",
    ("ecom.custom.request.feasibility.wizard", "action_confirm"):
        DIALOG % "ecom.custom.request.action_record_feasibility",
    ("ecom.custom.request.buyer.wizard", "action_confirm"):
        DIALOG % "ecom.custom.request.action_buyer_accept / action_buyer_decline",
    ("ecom.return.receive.wizard", "action_confirm"): DIALOG % "ecom.return.action_receive",
    ("ecom.return.receive.wizard", "action_scan"):
        "a dialog of the web client: a scan counts one unit on the screen's lines, "
        "whose counts are sent with ecom.return.action_receive, called here",
    ("ecom.return.receive.wizard", "action_fill"):
        "a dialog of the web client: fills the screen's counts with what the case "
        "announced, sent with ecom.return.action_receive, called here",
    ("ecom.reassign.wizard", "action_confirm"): DIALOG % "sale.order.action_ecom_reassign",
    ("ecom.order.import", "action_reimport_rejected"):
        "a button of an import's result, shown when rows were rejected: it runs a new "
        "import (action_import, called here) of the rejected-rows file",
    ("ecom.settlement.resolve", "action_resolve"):
        DIALOG % "ecom.settlement.line.action_open_resolve (the line's resolution as "
        "chosen in the dialog)",
    ("ecom.backorder.source", "action_confirm"):
        "a dialog of the web client (urgent sourcing of selected backorders): it "
        "answers with the transfers and purchase orders it opened, as an act_window",
}


def suite_actions(env):
    """{(model, method)} of every action_* method the suite's addons define
    (methods of Odoo's own that the suite only overrides are not its own)."""
    found = set()
    for name in env.registry:
        cls = type(env[name])
        for attr in dir(cls):
            if not attr.startswith("action_"):
                continue
            owners = [klass.__module__ for klass in cls.__mro__ if attr in vars(klass)]
            if owners and all(owner.startswith("odoo.addons.ecom_") for owner in owners):
                found.add((name, attr))
    return found


def marshal(result):
    """Fail as Odoo's XML-RPC and JSON-RPC answers would."""
    xmlrpc.client.dumps((result,), methodresponse=1, allow_none=False)
    json.dumps(result, default=ustr, sort_keys=True)


@pytest.fixture(scope="module")
def rpc():
    """(database, {key: (model, ids)}, {login: uid}) of a committed copy."""
    db = copy_test_db("rpc")
    try:
        registry = odoo.registry(db)
        with api.Environment.manage(), registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "UTC"})
            docs = Builder(env).build()
            uids = {user.login: user.id for user in env["res.users"].search([])}
            actions = suite_actions(env)
            cr.commit()
        yield db, docs, uids, actions
    finally:
        odoo.sql_db.close_db(db)
        odoo.modules.registry.Registry.delete(db)
        drop_db(db)


class Caller(object):
    """Calls over the API of the copy, as one user at a time."""

    def __init__(self, db, uids):
        self.db, self.uids = db, uids

    def __call__(self, login, model, method, args, kwargs=None):
        thread = threading.current_thread()
        previous = getattr(thread, "dbname", None)
        try:
            return execute_kw(self.db, self.uids[login], model, method, args, kwargs or {})
        finally:
            if previous is not None:
                thread.dbname = previous

    def create(self, login, key, docs):
        """The record of a dialog, created by `login` (see CALLS)."""
        if key == "import":
            with open(SAMPLE, "rb") as sample:
                values = {"file": base64.b64encode(sample.read()).decode(),
                          "filename": "orders.csv"}
            return "ecom.order.import", [self(login, "ecom.order.import", "create", [values])]
        if key == "cod_import":
            content = "运单号,代收金额,日期\nRPC-COD-API,12,2026-12-02".encode("utf-8")
            return "ecom.cod.import", [self(login, "ecom.cod.import", "create", [{
                "file": base64.b64encode(content).decode(), "filename": "rpc-cod-api.csv"}])]
        if key == "settlement_import":
            number = next(UPLOADS)
            return "ecom.settlement.import", [self(login, "ecom.settlement.import", "create", [{
                "channel_id": docs["settlement_channel"][1][0],
                "filename": "rpc-upload-%d.csv" % number, "file": base64.b64encode(
                    (SETTLEMENT % (number, 50.0, 45.0)).encode("utf-8")).decode()}])]
        if key == "kpi_export":
            return "ecom.kpi.export", [self(login, "ecom.kpi.export", "create",
                                            [{"report_model": "ecom.order.report"}])]
        model, ids = docs[key]
        wizard = self(login, "ecom.backorder.allocation", "create",
                      [{"backorder_ids": [(6, 0, ids)]}])
        if key == "bo_allocate_preview":
            self(login, "ecom.backorder.allocation", "action_preview", [[wizard]])
        return "ecom.backorder.allocation", [wizard]


@pytest.mark.slow
def test_every_suite_action_is_called_or_excluded(rpc):
    _db, _docs, _uids, actions = rpc
    missing = sorted(actions - set(CALLS) - set(EXCLUDED))
    assert not missing, "call these over the API here, or exclude them with the " \
        "reason: %s" % missing
    stale = sorted((set(CALLS) | set(EXCLUDED)) - actions)
    assert not stale, "no such action any more: %s" % stale


@pytest.mark.slow
def test_every_contract_action_answers_over_xmlrpc_and_jsonrpc(rpc):
    db, docs, uids, _actions = rpc
    call = Caller(db, uids)
    failures = []
    for (model, method), (login, document, args, kwargs) in sorted(CALLS.items()):
        where = "%s.%s as %s" % (model, method, login)
        try:
            if isinstance(document, tuple):
                target, ids = call.create(login, document[1], docs)
            else:
                target, ids = docs[document]
            assert target == model, (target, model)
            args = [uids[arg] if isinstance(arg, Uid) else arg for arg in args]
            result = call(login, model, method, [ids] + args, kwargs)
        except Exception as error:  # noqa: B902 -- reported below, with the others
            failures.append("%s failed: %s" % (where, getattr(error, "name", None) or error))
            continue
        try:
            marshal(result)
        except (TypeError, ValueError, OverflowError) as error:
            failures.append("%s answered %r: %s" % (where, result, error))
    assert not failures, "\n".join(failures)


@pytest.mark.slow
def test_print_waybill_downloads_the_delivery_note(rpc):
    """The answer still tells the web client which PDF to download."""
    db, docs, uids, _actions = rpc
    _model, ids = docs["pk_to_print_2"]
    call = Caller(db, uids)
    action = call("ecom_warehouse", "stock.picking", "action_ecom_print_waybill", [ids])
    assert action["type"] == "ir.actions.report"
    assert action["report_name"] == "ecom_order_mgmt.report_ecom_delivery_note"
    assert action["report_type"] == "qweb-pdf"
    # no data: the web client downloads /report/pdf/<report>/<active_ids>
    assert "data" not in action
    assert action["context"]["active_ids"] == ids
    assert call("ecom_warehouse", "stock.picking", "read",
                [ids, ["ecom_fulfil_state"]])[0]["ecom_fulfil_state"] == "printed"


@pytest.mark.slow
def test_every_report_answers_read_group_over_xmlrpc(rpc):
    db, _docs, uids, _actions = rpc
    call = Caller(db, uids)
    reports = call("ecom_manager", "ir.model", "search_read",
                   [[("model", "in", REPORTS)], ["model"]])
    assert len(reports) == len(REPORTS)
    for model in REPORTS:
        for domain in ([], [("id", "=", 0)]):
            for groupby in ([], ["channel_id"], ["date:month"]):
                result = call("ecom_manager", model, "read_group",
                              [domain, [], groupby], {"lazy": True})
                marshal(result)
