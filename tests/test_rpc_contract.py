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
from datetime import date, timedelta

import pytest
from ecom_db import copy_test_db, drop_db

import odoo
from odoo import SUPERUSER_ID, api, fields
from odoo.service.model import execute_kw
from odoo.tools import ustr

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "data", "samples", "orders_with_bad_row.csv")
IN_20_DAYS = fields.Date.to_string(date.today() + timedelta(days=20))
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

# A platform settlement of one line (number, gross) that finds no order;
# those uploaded over the API each of its own line.
SETTLEMENT = "Line No.,Platform Order No.,Date,Gross,Commission,Other Fees,Net\r\n" \
    "RPCSTL-%d,RPC-NO-SUCH-ORDER,2026-11-20,%.2f,5.00,0.00,%.2f"
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


# ----------------------------------------------------------------------
# The documents, each in the stage where its action is due
# ----------------------------------------------------------------------
class Builder(object):
    """Creates the documents as the superuser (the stages as the system)."""

    def __init__(self, env):
        self.env = env
        self.refs = itertools.count(1)
        self.warehouse = env.ref("stock.warehouse0")
        self.channel = env["ecom.channel"].create({
            "name": "RPC shop", "code": "RPCT", "platform": "tmall",
            "warehouse_id": self.warehouse.id})
        self.vendor = env["res.partner"].create({"name": "RPC vendor", "supplier": True})
        self.buyer = env["res.partner"].create({"name": "RPC buyer", "customer": True})
        self.shirt = self.product("RPC-SHIRT", 500)
        self.out = self.product("RPC-OUT", 0)
        self.custom = self.product("RPC-CUSTOM", 0)
        self.safe = self.product("RPC-SAFE", 10)
        self.safe.ecom_safety_stock = 9
        self.carrier = env["delivery.carrier"].create({
            "name": "RPC courier", "delivery_type": "fixed", "fixed_price": 0,
            "product_id": env["product.product"].create({
                "name": "RPC courier service", "type": "service"}).id})
        env["res.users"].with_context(no_reset_password=True).create({
            "name": "RPC purchaser", "login": "rpc_purchase", "email": "rpc_purchase@example.com",
            "groups_id": [(6, 0, [env.ref("purchase.group_purchase_user").id])]})
        env.user.company_id.ecom_return_days = 30
        self.warehouse._ecom_ensure_return_locations()

    def product(self, code, quantity):
        product = self.env["product.product"].create({
            "name": code, "default_code": code, "type": "product", "list_price": 100.0,
            "taxes_id": [(5,)]})
        self.env["product.supplierinfo"].create({
            "name": self.vendor.id, "product_tmpl_id": product.product_tmpl_id.id,
            "price": 10.0})
        if quantity:
            self.env["stock.quant"]._update_available_quantity(
                product, self.warehouse.lot_stock_id, quantity)
        return product

    # -- orders and deliveries ------------------------------------------
    def order(self, product=None, quantity=1):
        product = product or self.shirt
        order = self.env["sale.order"].create({
            "partner_id": self.buyer.id, "ecom_channel_id": self.channel.id,
            "ecom_platform_ref": "RPC%05d" % next(self.refs),
            "ecom_buyer_name": "王小明", "ecom_buyer_phone": "13800138000",
            "ecom_province": "浙江省", "ecom_city": "杭州市", "ecom_street": "文三路 90 号",
            "ecom_payment_mode": "prepaid",
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": quantity,
                                   "price_unit": 100.0})]})
        order.ecom_paid_amount = order.amount_total
        return order

    def reviewed(self, product=None, quantity=1):
        order = self.order(product, quantity)
        order.action_ecom_cs_approve()
        return order

    def approved(self, product=None, quantity=1):
        order = self.reviewed(product, quantity)
        order.action_ecom_finance_approve()
        return order

    def picking(self, stage):
        picking = self.approved().picking_ids
        picking.write({"carrier_id": self.carrier.id,
                       "carrier_tracking_ref": "RPCSF%06d" % picking.id})
        steps = ["printed", "picked", "packed", "scanned", "checked", "shipped"]
        for step in steps[:steps.index(stage) + 1] if stage in steps else []:
            if step == "printed":
                picking.action_ecom_print_waybill()
            elif step == "picked":
                picking.action_ecom_pick()
            elif step == "packed":
                picking.action_ecom_pack()
            elif step == "scanned":
                picking.action_ecom_scan("RPC-SHIRT", 1)
            elif step == "checked":
                picking.action_ecom_check()
            else:
                picking.action_ecom_ship(picking.ecom_package_count)
        return picking

    def handover(self, scanned=False):
        batch = self.env["ecom.handover"].create({"carrier_id": self.carrier.id})
        if scanned:
            picking = self.picking("checked")
            batch.action_scan_parcel(picking.carrier_tracking_ref)
            batch.carrier_count = picking.ecom_package_count
        return batch

    def receipt(self, stage):
        """A receipt of 2 shirts from the vendor, scanned and checked up to `stage`."""
        suppliers = self.env.ref("stock.stock_location_suppliers")
        stock = self.warehouse.lot_stock_id
        receipt = self.env["stock.picking"].create({
            "partner_id": self.vendor.id, "picking_type_id": self.warehouse.in_type_id.id,
            "location_id": suppliers.id, "location_dest_id": stock.id,
            "move_lines": [(0, 0, {
                "name": "RPC-SHIRT", "product_id": self.shirt.id, "product_uom_qty": 2,
                "product_uom": self.shirt.uom_id.id, "location_id": suppliers.id,
                "location_dest_id": stock.id})]})
        receipt.action_confirm()
        receipt.action_assign()
        if stage in ("scanned", "checked"):
            receipt.action_ecom_receive_scan("RPC-SHIRT", 1)
        if stage == "checked":
            receipt.action_ecom_receive_check()
        return receipt

    # -- custom requests --------------------------------------------------
    def request(self, stage):
        env = self.env
        day = lambda days: fields.Date.to_string(date.today() + timedelta(days=days))  # noqa
        order = env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.custom.id, "product_uom_qty": 2,
                                   "price_unit": 100.0})]})
        request = env["ecom.custom.request"].create({
            "order_id": order.id, "line_id": order.order_line.id, "buyer_date": day(30),
            "packaging_standard": "Kraft box", "price_change": stage == "price_approval",
            "new_price_unit": 120.0 if stage == "price_approval" else 0.0})
        chain = ["new", "draft", "accepted", "price_approval", "deposit_pending",
                 "purchasing", "ordered", "received", "balance_pending", "ready"]
        for step in chain[1:chain.index(stage) + 1]:
            if step == "draft":
                request.action_record_feasibility(
                    True, inbound_date=day(20), inbound_qty=2, vendor_id=self.vendor.id,
                    production_cycle_days=10)
            elif step == "accepted":
                request.action_buyer_accept(10, "Cotton", False)
            elif step in ("price_approval", "deposit_pending") and request.state == "draft":
                request.action_submit()
            elif step == "purchasing":
                request.action_confirm_deposit()
                request.action_submit()
                request.sudo(env.ref("ecom_order_mgmt.user_ecom_director")).action_approve()
                request.sudo(env.ref("ecom_order_mgmt.user_ecom_gm")).action_approve()
            elif step == "ordered":
                request.action_place_po()
                request.purchase_order_id.button_confirm()
            elif step == "received":
                request.action_receive()
            elif step == "balance_pending":
                request.action_request_balance()
            elif step == "ready":
                request.action_confirm_balance()
                for picking in request._customer_deliveries():
                    for line in picking.move_line_ids:
                        line.qty_done = line.product_uom_qty
                    picking.button_validate()
        assert request.state == {"new": "draft", "accepted": "draft", "ordered": "purchasing",
                                 }.get(stage, stage), (stage, request.state)
        return request

    # -- after-sales ------------------------------------------------------
    def case(self, approved=False):
        order = self.approved(quantity=2)
        case = self.env["ecom.return"].create({
            "order_id": order.id, "type": "refund_only",
            "line_ids": [(0, 0, {"product_id": self.shirt.id, "quantity": 1,
                                 "responsibility": "customer"})]})
        if approved:
            case.action_approve()
        return case

    def returning(self):
        """An approved return case whose parcel is on its way back."""
        order = self.picking("shipped").sale_id
        case = self.env["ecom.return"].create({
            "order_id": order.id, "type": "return_refund",
            "line_ids": [(0, 0, {"product_id": self.shirt.id, "quantity": 1,
                                 "responsibility": "customer"})]})
        case.action_approve()
        assert case.state == "waiting_return", case.state
        return case

    def claim(self, stage):
        claim = self.env["ecom.carrier.claim"].create({
            "carrier_id": self.carrier.id, "amount": 10.0, "tracking_ref": "RPC-CLAIM"})
        if stage in ("claimed", "accepted"):
            claim.action_claim()
        if stage == "accepted":
            claim.action_accept()
        return claim

    def feedback(self):
        return self.env["ecom.feedback"].create({
            "name": "Where is my parcel?", "partner_id": self.buyer.id,
            "order_id": self.approved().id, "resolution": "Told the buyer"})

    # -- money ------------------------------------------------------------
    def money(self):
        """A settlement of the demo Tmall shop (clearing journal 支付宝) and a
        COD statement, each of one line that finds nothing: to resolve."""
        def upload(model, values, content):
            values["file"] = base64.b64encode(content.encode("utf-8"))
            action = self.env[model].create(values).action_import()
            return self.env[action["res_model"]].browse(action["res_id"])
        return upload("ecom.settlement.import", {
            "channel_id": self.env.ref("ecom_order_mgmt.channel_tmall").id,
            "filename": "rpc-settlement.csv"}, SETTLEMENT % (0, 100.0, 95.0)), upload(
            "ecom.cod.import", {"filename": "rpc-cod.csv"}, "运单号,代收金额,日期\nRPC-COD,10,2026-12-01")

    # -- all of them ------------------------------------------------------
    def build(self):
        """{key: (model, ids)} of the documents of CALLS, committed by the caller."""
        docs = {}

        def keep(key, records):
            docs[key] = (records._name, records.ids)

        # Backorders first, while the product is out of stock.
        keep("bo_notify", self.approved(self.out, 2).ecom_backorder_ids)
        keep("bo_cancel", self.approved(self.out, 2).ecom_backorder_ids)
        allocate = self.approved(self.out, 2).ecom_backorder_ids
        keep("bo_allocate", allocate)
        keep("bo_allocate_preview", allocate | self.approved(self.out, 1).ecom_backorder_ids)
        keep("so_review", self.order())
        keep("so_finance", self.reviewed())
        keep("so_exception", self.order())
        held = self.order()
        held.action_ecom_set_exception("risk")
        keep("so_held", held)
        keep("so_cancel", self.order())
        keep("so_bulk", self.order() | self.reviewed())
        keep("so_rules", self.order() | self.order())
        keep("so_shortage", self.reviewed())
        keep("so_safety", self.reviewed(self.safe, 5))
        keep("so_any", self.approved())
        for key, stage in (("pk_to_print", "to_print"), ("pk_to_print_2", "to_print"),
                           ("pk_printed", "printed"),
                           ("pk_picked", "picked"), ("pk_packed", "packed"),
                           ("pk_scanned", "scanned"), ("pk_scanned_2", "scanned"),
                           ("pk_checked", "checked"), ("pk_checked_2", "checked"),
                           ("pk_shipped", "shipped")):
            picking = self.picking(stage)
            keep(key, picking)
        keep("ho_empty", self.handover())
        scan = self.handover()
        self.picking("checked").carrier_tracking_ref = "RPCSCAN"
        keep("ho_scan", scan)
        keep("ho_close", self.handover(scanned=True))
        keep("ho_review", self.handover(scanned=True))
        for key in ("rc_open", "rc_open_2", "rc_scanned", "rc_checked"):
            keep(key, self.receipt(key[3:].rstrip("_2")))
        keep("ho_review_2", self.handover(scanned=True))
        for key, stage in (("cr_new", "new"), ("cr_draft", "draft"), ("cr_draft_2", "draft"),
                           ("cr_accepted", "accepted"), ("cr_price", "price_approval"),
                           ("cr_price_2", "price_approval"),
                           ("cr_deposit", "deposit_pending"),
                           ("cr_deposit_2", "deposit_pending"),
                           ("cr_purchasing", "purchasing"), ("cr_ordered", "ordered"),
                           ("cr_ordered_2", "ordered"), ("cr_received", "received"),
                           ("cr_balance", "balance_pending"), ("cr_ready", "ready")):
            keep(key, self.request(stage))
        for key in ("rt_draft", "rt_draft_2", "rt_draft_3"):
            keep(key, self.case())
        keep("rt_approved", self.case(approved=True))
        keep("rt_returning", self.returning())
        keep("rt_returning_2", self.returning())
        keep("channel", self.channel)
        keep("dashboard", self.env["ecom.dashboard"].search([
            ("channel_id", "=", self.channel.id)]))
        keep("profile", self.env["ecom.import.profile"].search([], limit=1))
        for key, stage in (("cl_draft", "draft"), ("cl_claimed", "claimed"),
                           ("cl_claimed_2", "claimed"), ("cl_accepted", "accepted")):
            keep(key, self.claim(stage))
        for key in ("fb_new", "fb_new_2", "fb_new_3", "fb_new_4"):
            keep(key, self.feedback())
        settlement, cod = self.money()
        keep("settlement", settlement)
        keep("settlement_channel", settlement.channel_id)
        keep("settlement_line", settlement.line_ids)
        keep("cod_line", cod.line_ids)
        keep("rule", self.env["ecom.review.rule"].create({
            "name": "RPC rule", "require_paid": True, "outcome": "pass_cs",
            "channel_ids": [(6, 0, self.channel.ids)]}))
        # stock for the allocation, once the backorders exist
        self.env["stock.quant"]._update_available_quantity(
            self.out, self.warehouse.lot_stock_id, 3)
        return docs


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
