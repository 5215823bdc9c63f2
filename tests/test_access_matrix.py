"""Who may do what, checked on the server (not by the views).

The two tables below are the access matrix of the suite. Each cell is run:
the document is put in the stage where the action is due (by the system),
then each role presses the button through the ORM, as an RPC client would.
"Y" must succeed, every allowed role pressing the real button; "." must be
refused as a matter of rights: `AccessError`, with the guard's "... is
reserved to: <groups>." or Odoo's own access message; "s" must be refused by
the sign-off rules of the stage although the user is in one of the action's
groups (the general manager before the director, the director again after
signing, purchasing submitting a draft that customer service submits):
`UserError`, whose message is neither a rights refusal nor a wrong stage nor
a lock taken (the document is in the stage where the action is due). Each row and each cell run in a
savepoint of their own (unique names), and each row checks that it left the
database as it found it.

Every action of the suite's models (`action_*` methods the suite defines,
found in the registry, as tests/test_rpc_contract.py finds them) is a row of
ACTIONS or listed in NOT_A_ROW with the reason.

Shown to fail (tests/mutation_check.py, `guard_widened`): finance allowed to
pass the CS review turns the cell "sale.order/action_ecom_cs_approve as
finance" into "allowed".

Roles: the six of SPEC (manager, director and GM include CS and the
warehouse, not finance: money is finance's alone) and purchasing (Odoo's
purchase user), each as its demo user, an internal user with nothing but
`base.group_user`, and a portal user.
"""
import base64
import csv
import io
import itertools
import re
from contextlib import contextmanager
from datetime import date, timedelta

from test_rpc_contract import suite_actions

from odoo import fields
from odoo.exceptions import AccessError, UserError

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase
from odoo.addons.ecom_order_mgmt.tools import order_import as oi

ROLES = ("cs", "finance", "warehouse", "manager", "director", "gm", "purchase", "user",
         "portal")

# Contract actions: Y = allowed, . = refused on the server.
ACTIONS = """
action                                       cs fin wh mgr dir gm pur user portal
sale.order/action_ecom_cs_approve            Y  .   .  Y   Y   Y  .   .    .
sale.order/action_ecom_finance_approve       .  Y   .  .   .   .  .   .    .
sale.order/action_ecom_set_exception         Y  Y   .  Y   Y   Y  .   .    .
sale.order/action_ecom_resume                Y  .   .  Y   Y   Y  .   .    .
sale.order/action_ecom_cancel                Y  .   .  Y   Y   Y  .   .    .
sale.order/action_ecom_apply_review_rules    Y  Y   .  Y   Y   Y  .   .    .
sale.order/action_ecom_reassign              .  .   .  Y   Y   Y  .   .    .
sale.order/action_ecom_check_shortage        Y  Y   .  Y   Y   Y  .   .    .
sale.order/action_ecom_bulk_review           .  Y   .  .   .   .  .   .    .
sale.order/action_ecom_approve_safety_stock  .  .   .  Y   Y   Y  .   .    .
stock.picking/action_ecom_print_waybill      .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_pick               .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_pack               .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_scan               .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_reset_scans        .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_check              .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_ship               .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_receive_scan       .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_receive_check      .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_receive_validate   .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_confirm_delivered  Y  .   Y  Y   Y   Y  .   .    .
ecom.handover/action_scan_parcel             .  .   Y  Y   Y   Y  .   .    .
ecom.handover/action_close                   .  .   Y  Y   Y   Y  .   .    .
ecom.backorder/action_notify_supplier        Y  .   .  Y   Y   Y  Y   .    .
ecom.backorder/action_cancel                 Y  .   .  Y   Y   Y  .   .    .
ecom.backorder.allocation/action_preview     Y  .   Y  Y   Y   Y  .   .    .
ecom.backorder.allocation/action_commit      Y  .   Y  Y   Y   Y  .   .    .
ecom.custom.request/action_record_feasibility .  .  .  .   .   .  Y   .    .
ecom.custom.request/action_buyer_accept      Y  .   .  Y   Y   Y  .   .    .
ecom.custom.request/action_buyer_decline     Y  .   .  Y   Y   Y  .   .    .
ecom.custom.request/action_submit            Y  .   .  Y   Y   Y  s   .    .
ecom.custom.request/action_approve           .  .   .  .   Y   s  .   .    .
ecom.custom.request/action_reject            .  .   .  .   Y   s  .   .    .
ecom.custom.request/action_approve@gm        .  .   .  .   s   Y  .   .    .
ecom.custom.request/action_confirm_deposit   .  Y   .  .   .   .  .   .    .
ecom.custom.request/action_place_po          .  .   .  .   .   .  Y   .    .
ecom.custom.request/action_receive           .  .   Y  Y   Y   Y  Y   .    .
ecom.custom.request/action_request_balance   Y  .   .  Y   Y   Y  .   .    .
ecom.custom.request/action_confirm_balance   .  Y   .  .   .   .  .   .    .
ecom.custom.request/action_cancel            Y  .   .  Y   Y   Y  .   .    .
ecom.custom.request/action_done              Y  .   Y  Y   Y   Y  .   .    .
ecom.return/action_approve                   .  .   .  Y   Y   Y  .   .    .
ecom.return/action_reject                    .  .   .  Y   Y   Y  .   .    .
ecom.return/action_refund                    .  Y   .  .   .   .  .   .    .
ecom.return/action_receive                   .  .   Y  Y   Y   Y  .   .    .
ecom.handover/action_review                  .  Y   .  .   .   .  .   .    .
ecom.carrier.claim/action_claim              Y  .   .  Y   Y   Y  .   .    .
ecom.carrier.claim/action_accept             Y  Y   .  Y   Y   Y  .   .    .
ecom.carrier.claim/action_refuse             Y  Y   .  Y   Y   Y  .   .    .
ecom.carrier.claim/action_paid               .  Y   .  .   .   .  .   .    .
ecom.feedback/action_start                   Y  .   .  Y   Y   Y  .   .    .
ecom.feedback/action_resolve                 Y  .   .  Y   Y   Y  .   .    .
ecom.feedback/action_open_return             Y  .   .  Y   Y   Y  .   .    .
ecom.feedback/action_cancel                  Y  .   .  Y   Y   Y  .   .    .
ecom.order.import/action_preview             Y  .   .  Y   Y   Y  .   .    .
ecom.order.import/action_import              Y  .   .  Y   Y   Y  .   .    .
ecom.cod.import/action_import                .  Y   .  .   .   .  .   .    .
ecom.cod.statement.line/action_resolve       .  Y   .  .   .   .  .   .    .
ecom.settings/execute                        .  .   .  Y   Y   Y  .   .    .
"""

NAVIGATION = "opens a window and changes nothing: what it shows is read with the user's " \
    "own read rights (MODELS)"
DIALOG = "a dialog of the web client whose button calls %s (a row), with its rights"
# Actions of the suite that are not rows, and why.
NOT_A_ROW = {
    "sale.order/action_ecom_view_custom_requests": NAVIGATION,
    "sale.order/action_ecom_view_returns": NAVIGATION,
    "sale.order/action_ecom_view_refunds": NAVIGATION,
    "sale.order/action_view_ecom_backorders": NAVIGATION,
    "stock.picking/action_ecom_open_scanner": NAVIGATION,
    "stock.picking/action_ecom_open_ship_wizard": NAVIGATION,
    "ecom.handover/action_open_scanner": NAVIGATION,
    "ecom.custom.request/action_view_purchase_order": NAVIGATION,
    "ecom.return/action_open_reject_wizard": NAVIGATION,
    "ecom.return/action_open_receive_wizard": NAVIGATION,
    "ecom.channel/action_view_product_map": NAVIGATION,
    "ecom.import.profile/action_try_file": NAVIGATION,
    "ecom.review.rule/action_view_orders": NAVIGATION,
    "ecom.order.import/action_open_orders": NAVIGATION,
    "ecom.order.import/action_back": "a step back in the user's own import dialog",
    "ecom.order.import/action_new_import": "a new, empty import dialog of the user's own",
    "ecom.order.import/action_reimport_rejected": DIALOG % "action_import",
    "ecom.dashboard/action_open_orders": NAVIGATION,
    "ecom.dashboard/action_open_to_review": NAVIGATION,
    "ecom.dashboard/action_open_to_finance": NAVIGATION,
    "ecom.dashboard/action_open_to_ship": NAVIGATION,
    "ecom.dashboard/action_open_held": NAVIGATION,
    "ecom.dashboard/action_open_late": NAVIGATION,
    "ecom.dashboard/action_open_breached": NAVIGATION,
    "ecom.dashboard/action_open_exceptions": NAVIGATION,
    "ecom.dashboard/action_open_backorders": NAVIGATION,
    "ecom.dashboard/action_open_returns": NAVIGATION,
    "ecom.dashboard/action_open_refunds_due": NAVIGATION,
    "ecom.settlement.line/action_open_resolve": NAVIGATION,
    "ecom.settlement.import/action_open_known": NAVIGATION,
    "sale.order/action_ecom_open_reassign": NAVIGATION,
    "ecom.reassign.wizard/action_confirm": DIALOG % "sale.order/action_ecom_reassign",
    "ecom.handover/action_print_manifest": "prints the batch's manifest (a PDF of what the "
                                           "user may read) and changes nothing",
    "stock.picking/action_ecom_print_receiving_note": "prints the receipt's note (a PDF of "
                                                      "what the user may read), changes nothing",
    "ecom.settlement.import/action_import":
        "finance's alone: refused to every other role in ecom_order_mgmt/tests/"
        "test_settlement.py (test_every_settlement_action_is_refused_to_the_other_roles)",
    "ecom.settlement/action_match_again":
        "finance's alone: refused to every other role in ecom_order_mgmt/tests/test_settlement.py",
    "ecom.settlement.resolve/action_resolve":
        "finance's alone: refused to every other role in ecom_order_mgmt/tests/test_settlement.py",
    "ecom.kpi.export/action_export": "a download of a report's rows, read with the user's "
                                     "read right on the report (tests/test_kpi_export.py)",
    "ecom.exception.wizard/action_confirm": DIALOG % "sale.order/action_ecom_set_exception",
    "ecom.scan.wizard/action_scan": DIALOG % "action_ecom_scan / action_scan_parcel",
    "ecom.ship.wizard/action_ship": DIALOG % "stock.picking/action_ecom_ship",
    "ecom.return.reject.wizard/action_confirm": DIALOG % "ecom.return/action_reject",
    "ecom.custom.request.decision.wizard/action_confirm": DIALOG % "action_approve/reject",
    "ecom.custom.request.feasibility.wizard/action_confirm":
        DIALOG % "action_record_feasibility",
    "ecom.custom.request.buyer.wizard/action_confirm": DIALOG % "action_buyer_accept",
    "ecom.return.receive.wizard/action_confirm": DIALOG % "ecom.return/action_receive",
    "ecom.return.receive.wizard/action_scan": DIALOG % "ecom.return/action_receive",
    "ecom.return.receive.wizard/action_fill": DIALOG % "ecom.return/action_receive",
    "ecom.backorder.source/action_confirm": "urgent sourcing: transfers and purchase "
                                            "orders, Odoo's own rights (test_backorder)",
}
# What a refusal for rights says: the guard's, or Odoo's access rights and rules.
RIGHTS = re.compile(r"is reserved to: |Sorry, you are not allowed to|"
                    r"due to security restrictions")
# What a sign-off refusal ("s") must not be: rights, a wrong stage, a lock.
NOT_SIGNOFF = re.compile(RIGHTS.pattern + r"|You are not allowed|is at stage|"
                         r"this step needs stage|Someone else is processing")
# Tables a row may create rows in: each row must leave them as it found them.
COUNTED = ["sale_order", "stock_picking", "stock_move", "ecom_custom_request",
           "ecom_return", "account_invoice", "account_payment", "purchase_order",
           "mail_message"]
_SAVEPOINTS = itertools.count()

# Access rights on the suite's models: c/r/w/u letters granted, "-" none.
MODELS = """
model                        cs   fin  wh   mgr  dir  gm   pur  user portal
ecom.channel                 r    r    r    crwu crwu crwu r    r    -
ecom.exception.reason        r    r    r    crwu crwu crwu r    r    -
ecom.review.rule             r    r    -    crwu crwu crwu -    -    -
ecom.assignment.rule         r    r    -    crwu crwu crwu -    -    -
ecom.picking.scan            r    r    crwu crwu crwu crwu r    r    -
ecom.handover                r    r    crw  crwu crwu crwu r    r    -
ecom.receipt.difference      r    r    crwu crwu crwu crwu r    r    -
ecom.backorder               crw  crw  rw   crwu crwu crwu rw   r    -
ecom.custom.request          crw  rw   rw   crwu crwu crwu rw   r    -
ecom.custom.request.approval r    r    r    r    r    r    r    r    -
ecom.return                  crwu rw   rw   crwu crwu crwu -    -    -
ecom.return.line             crwu r    rw   crwu crwu crwu -    -    -
ecom.return.reason           r    r    r    crwu crwu crwu r    r    -
ecom.carrier.claim           crw  rw   r    crwu crwu crwu -    -    -
ecom.feedback                crw  r    r    crwu crwu crwu -    -    -
ecom.shipping.ledger         -    r    r    r    r    r    -    -    -
ecom.cod.statement           -    rw   -    r    r    r    -    -    -
ecom.cod.statement.line      -    rw   -    r    r    r    -    -    -
ecom.calendar.workday        r    r    r    crwu crwu crwu r    r    -
resource.calendar            r    r    r    crw  crw  crw  r    r    -
resource.calendar.attendance r    r    r    crwu crwu crwu r    r    -
"""


def _table(text):
    rows = [line.split() for line in text.strip().splitlines()]
    header = rows[0][1:]
    assert len(header) == len(ROLES), header
    return {row[0]: dict(zip(ROLES, row[1:])) for row in rows[1:]}


def _day(offset):
    return fields.Date.to_string(date.today() + timedelta(days=offset))


class TestAccessMatrix(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestAccessMatrix, cls).setUpClass()
        env = cls.env
        Users = env["res.users"].with_context(no_reset_password=True)

        def user(login, *groups):
            return Users.create({
                "name": login, "login": login, "email": "%s@example.com" % login,
                "groups_id": [(6, 0, [env.ref(g).id for g in groups])]})
        cls.users["purchase"] = env.ref("ecom_backorder.user_ecom_purchase")
        cls.users["user"] = user("test_matrix_user", "base.group_user")
        cls.users["portal"] = user("test_matrix_portal", "base.group_portal")
        cls.vendor = env["res.partner"].create({"name": "Matrix vendor", "supplier": True})
        for product in (cls.product_a, cls.product_out):
            env["product.supplierinfo"].create({
                "name": cls.vendor.id, "product_tmpl_id": product.product_tmpl_id.id,
                "price": 10.0})
        env.user.company_id.ecom_return_days = 30
        cls.warehouse._ecom_ensure_return_locations()

    @contextmanager
    def _rollback(self):
        """Run the block, then undo it (database and ORM cache). Each savepoint
        has a name of its own: with one name, a row's ROLLBACK TO would land
        on the savepoint of its last cell and keep the row's set-up."""
        cr = self.env.cr
        name = "matrix_%d" % next(_SAVEPOINTS)
        cr.execute('SAVEPOINT "%s"' % name)
        try:
            yield
        finally:
            cr.execute('ROLLBACK TO SAVEPOINT "%s"' % name)
            cr.execute('RELEASE SAVEPOINT "%s"' % name)
            self.env.clear()

    def _counts(self):
        self.env.cr.execute(" UNION ALL ".join(
            "SELECT '%s', count(*) FROM %s" % (table, table) for table in COUNTED))
        return dict(self.env.cr.fetchall())

    # ------------------------------------------------------------------
    # Each action: (document in the stage where it is due, the call)
    # ------------------------------------------------------------------
    def _reviewed(self, lines=None):
        order = self._order(lines)
        order.action_ecom_cs_approve()
        return order

    def _picking_at(self, stage):
        picking = self._delivery(self._approved())
        if stage != "to_print":
            self._walk_system(picking, stage)
        return picking

    def _walk_system(self, picking, stage):
        users = self.users
        self.users = dict(users, warehouse=self.env.user)
        try:
            self._walk(picking, stage)
        finally:
            self.users = users

    def _receipt(self):
        """A purchase receipt of 2 shirts, ready to receive."""
        suppliers = self.env.ref("stock.stock_location_suppliers")
        receipt = self.env["stock.picking"].create({
            "partner_id": self.vendor.id, "picking_type_id": self.warehouse.in_type_id.id,
            "location_id": suppliers.id, "location_dest_id": self.stock_location.id,
            "move_lines": [(0, 0, {
                "name": "shirt", "product_id": self.product_a.id, "product_uom_qty": 2,
                "product_uom": self.product_a.uom_id.id, "location_id": suppliers.id,
                "location_dest_id": self.stock_location.id})]})
        receipt.action_confirm()
        receipt.action_assign()
        return receipt

    def _request(self, stage, price_change=False):
        order = self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.product_out.id, "product_uom_qty": 2,
                                   "price_unit": 100.0})]})
        request = self.env["ecom.custom.request"].create({
            "order_id": order.id, "line_id": order.order_line.id, "buyer_date": _day(30),
            "packaging_standard": "Kraft box", "price_change": price_change,
            "new_price_unit": 120.0 if price_change else 0.0})
        if stage == "draft_new":
            return request
        request.action_record_feasibility(True, inbound_date=_day(20), inbound_qty=2,
                                          vendor_id=self.vendor.id, production_cycle_days=10)
        if stage == "draft":
            return request
        request.action_buyer_accept(10, "Cotton", False)
        if stage == "accepted":
            return request
        request.action_submit()
        if stage in ("price_approval", "deposit_pending"):
            return request
        if stage == "price_approval_gm":
            return request
        request.action_confirm_deposit()
        request.action_submit()
        director = self.users["director"]
        request.sudo(director).action_approve()
        request.sudo(self.users["gm"]).action_approve()
        if stage == "purchasing":
            return request
        request.action_place_po()
        request.purchase_order_id.button_confirm()
        if stage == "ordered":
            return request
        request.action_receive()
        if stage == "received":
            return request
        request.action_request_balance()
        if stage == "balance_pending":
            return request
        request.action_confirm_balance()
        for picking in request._customer_deliveries():  # shipped: the request is ready
            for line in picking.move_line_ids:
                line.qty_done = line.product_uom_qty
            picking.button_validate()
        return request

    def _case(self, state):
        if state == "waiting_return":
            order = self._approved([(self.product_a, 1)])
            self._walk_system(self._delivery(order), "delivered")
            case = self.env["ecom.return"].create({
                "order_id": order.id, "type": "return_refund",
                "line_ids": [(0, 0, {"product_id": self.product_a.id, "quantity": 1,
                                     "responsibility": "company"})]})
            case.action_approve()
            return case
        order = self._approved([(self.product_a, 2)])
        case = self.env["ecom.return"].create({
            "order_id": order.id, "type": "refund_only",
            "line_ids": [(0, 0, {"product_id": self.product_a.id, "quantity": 1,
                                 "responsibility": "customer"})]})
        if state == "approved":
            case.action_approve()
        return case

    def _claim(self, state):
        order = self._approved()
        self._walk_system(self._delivery(order), "shipped")
        claim = self.env["ecom.carrier.claim"].create({
            "carrier_id": self.carrier.id, "amount": 10.0, "tracking_ref": "SF1"})
        if state in ("claimed", "accepted"):
            claim.action_claim()
        if state == "accepted":
            claim.action_accept()
        return claim

    def _backorder(self):
        order = self._reviewed([(self.product_out, 2)])
        order.action_ecom_finance_approve()
        return order.ecom_backorder_ids

    @staticmethod
    def _allocate(backorders):
        wizard = backorders.env["ecom.backorder.allocation"].create(
            {"backorder_ids": [(6, 0, backorders.ids)]})
        wizard.action_preview()
        wizard.action_commit()
        assert backorders.quantity_allocated == 2

    @staticmethod
    def _import_cod(record):
        """A COD statement of one unknown parcel, imported by `record`'s user."""
        content = "运单号,代收金额,日期\nSF-MATRIX-%d,10,2026-12-01\n" % record.env.uid
        wizard = record.env["ecom.cod.import"].create({
            "file": base64.b64encode(content.encode("utf-8")), "filename": "cod.csv"})
        action = wizard.action_import()
        return record.env["ecom.cod.statement"].browse(action["res_id"])

    def _setup(self, key):
        """(record, callable(record)) for one row of ACTIONS."""
        model, action = key.split("/")
        action = action.split("@")[0]
        if model == "sale.order":
            if action == "action_ecom_finance_approve":
                return self._reviewed(), lambda r: r.action_ecom_finance_approve()
            if action == "action_ecom_resume":
                order = self._order()
                order.action_ecom_set_exception("risk")
                return order, lambda r: r.action_ecom_resume()
            if action == "action_ecom_set_exception":
                return self._order(), lambda r: r.action_ecom_set_exception("risk", "check")
            if action == "action_ecom_reassign":
                cs = self.users["cs"].id
                return self._order(), lambda r: r.action_ecom_reassign(cs)
            if action == "action_ecom_check_shortage":
                return self._reviewed(), lambda r: r.action_ecom_check_shortage()
            if action == "action_ecom_bulk_review":
                return self._reviewed() | self._reviewed(), self._bulk_review
            if action == "action_ecom_approve_safety_stock":
                self.product_a.ecom_safety_stock = self.product_a.qty_available - 1
                order = self._reviewed([(self.product_a, 2)])
                order.action_ecom_check_shortage()
                return order, lambda r: r.action_ecom_approve_safety_stock()
            return self._order(), lambda r: getattr(r, action)()
        if model == "stock.picking" and "_receive_" in action:
            receipt = self._receipt()
            if action != "action_ecom_receive_scan":
                receipt.action_ecom_receive_scan(self.product_a.barcode, 2)
            if action == "action_ecom_receive_validate":
                receipt.action_ecom_receive_check()
            if action == "action_ecom_receive_scan":
                return receipt, lambda r: r.action_ecom_receive_scan(self.product_a.barcode)
            return receipt, lambda r: getattr(r, action)()
        if model == "stock.picking":
            stage = {"action_ecom_print_waybill": "to_print", "action_ecom_pick": "printed",
                     "action_ecom_pack": "picked", "action_ecom_scan": "packed",
                     "action_ecom_reset_scans": "packed",
                     "action_ecom_check": "packed", "action_ecom_ship": "checked",
                     "action_ecom_confirm_delivered": "shipped"}[action]
            picking = self._picking_at(stage)
            if action == "action_ecom_print_waybill":
                picking.write({"carrier_id": self.carrier.id, "carrier_tracking_ref": "SF1"})
            if action == "action_ecom_scan":
                return picking, lambda r: r.action_ecom_scan(self.product_a.barcode)
            if action == "action_ecom_reset_scans":
                picking.action_ecom_scan(self.product_a.barcode)
                return picking, lambda r: r.action_ecom_reset_scans()
            if action == "action_ecom_check":
                picking.action_ecom_scan(self.product_a.barcode)
            if action == "action_ecom_ship":
                # with the courier's count of parcels
                return picking, lambda r: r.action_ecom_ship(r.ecom_package_count)
            return picking, lambda r: getattr(r, action)()
        if model == "ecom.backorder":
            return self._backorder(), lambda r: getattr(r, action)()
        if model == "ecom.handover":
            batch = self.env["ecom.handover"].create({"carrier_id": self.carrier.id})
            picking = self._picking_at("checked")
            if action == "action_scan_parcel":
                return batch, lambda r: r.action_scan_parcel(picking.carrier_tracking_ref)
            batch.action_scan_parcel(picking.carrier_tracking_ref)
            batch.carrier_count = picking.ecom_package_count
            if action == "action_review":
                return batch, lambda r: r.action_review()
            return batch, lambda r: r.action_close()
        if model == "ecom.backorder.allocation":
            backorder = self._backorder()
            self.env["stock.quant"]._update_available_quantity(
                self.product_out, self.stock_location, 2)
            # The wizard is the user's own (transient records are per user).
            if action == "action_preview":
                return backorder, lambda r: r.env[model].create(
                    {"backorder_ids": [(6, 0, r.ids)]}).action_preview()
            return backorder, self._allocate
        if model == "ecom.order.import":
            content = self._import_file()
            return self.env[model], lambda r: getattr(r.create(
                {"file": content, "filename": "matrix.csv"}), action)()
        if model == "ecom.custom.request":
            stage, call = {
                "action_record_feasibility": ("draft_new", lambda r: r.action_record_feasibility(
                    True, inbound_date=_day(20), inbound_qty=2, vendor_id=self.vendor.id)),
                "action_buyer_accept": ("draft", lambda r: r.action_buyer_accept(10, "Cotton")),
                "action_buyer_decline": ("draft", lambda r: r.action_buyer_decline("Too late")),
                "action_submit": ("accepted", lambda r: r.action_submit()),
                "action_approve": ("price_approval", lambda r: r.action_approve()),
                "action_reject": ("price_approval", lambda r: r.action_reject("Too dear")),
                "action_confirm_deposit": ("deposit_pending",
                                           lambda r: r.action_confirm_deposit()),
                "action_place_po": ("purchasing", lambda r: r.action_place_po()),
                "action_receive": ("ordered", lambda r: r.action_receive()),
                "action_request_balance": ("received", lambda r: r.action_request_balance()),
                "action_confirm_balance": ("balance_pending",
                                           lambda r: r.action_confirm_balance()),
                "action_cancel": ("deposit_pending", lambda r: r.action_cancel("Buyer left")),
                "action_done": ("ready", lambda r: r.action_done()),
            }[action]
            request = self._request(stage, price_change=stage == "price_approval")
            if key.endswith("@gm"):
                request.sudo(self.users["director"]).action_approve()
            return request, call
        if model == "ecom.return":
            if action == "action_refund":
                return self._case("approved"), lambda r: r.action_refund()
            if action == "action_reject":
                return self._case("draft"), lambda r: r.action_reject("Worn")
            if action == "action_receive":
                return self._case("waiting_return"), lambda r: r.action_receive()
            return self._case("draft"), lambda r: r.action_approve()
        if model == "ecom.carrier.claim":
            state = {"action_claim": "draft", "action_paid": "accepted"}.get(action, "claimed")
            return self._claim(state), lambda r: getattr(r, action)()
        if model == "ecom.cod.import":
            # The wizard is the user's own (transient records are per user).
            return self.channel, self._import_cod
        if model == "ecom.cod.statement.line":
            line = self._import_cod(self.channel).line_ids
            return line, lambda r: r.action_resolve()
        if model == "ecom.settings":
            # a page of the user's own (transient records are per user)
            return self.env["ecom.settings"], lambda r: r.create(
                {"ecom_return_days": 21}).execute()
        if model == "ecom.feedback":
            feedback = self.env["ecom.feedback"].create({
                "name": "Where is my parcel?", "partner_id": self.buyer.id,
                "resolution": "Told the buyer", "order_id": self._approved().id})
            return feedback, lambda r: getattr(r, action)()
        raise AssertionError("no set-up for %s" % key)

    @staticmethod
    def _bulk_review(orders):
        """The bulk review answers with a summary, each order passing or
        failing on its own: when an order did not pass, the refusal is the
        one its own button gives (the reason the summary shows)."""
        orders.action_ecom_bulk_review()
        orders.invalidate_cache()
        left = orders.filtered(lambda o: o.ecom_state != "approved")
        if left:
            left[0].action_ecom_finance_approve()
            raise AssertionError("%s not approved by the bulk review" % left[0].name)

    def _import_file(self):
        """A one-order export in the suite's template, base64 (a wizard's file)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([column.label for column in oi.COLUMNS])
        line = {"channel_code": self.channel.code, "platform_ref": "MATRIX-1",
                "order_time": "2026-11-20 10:00:00", "buyer_name": "买家", "phone": "13900000001",
                "province": "浙江省", "city": "杭州市", "district": "西湖区", "street": "文三路1号",
                "product_code": self.product_a.default_code, "quantity": "1",
                "unit_price": "10.00", "paid_amount": "10.00", "payment_mode": "支付宝"}
        writer.writerow([line.get(column.key, "") for column in oi.COLUMNS])
        return base64.b64encode(out.getvalue().encode("utf-8"))

    # ------------------------------------------------------------------
    @staticmethod
    def _verdict(error):
        """The table's letter for what happened, and the refusal's text."""
        if error is None:
            return "Y", ""
        text = "%s: %s" % (type(error).__name__, error.name)
        if isinstance(error, AccessError):
            return ("." if RIGHTS.search(error.name) else "?"), text
        return ("?" if NOT_SIGNOFF.search(error.name) else "s"), text

    def test_action_matrix(self):
        """Every contract action, every role: allowed or refused as the table says."""
        wrong = []
        for key, expected in _table(ACTIONS).items():
            before = self._counts()
            with self._rollback():
                record, call = self._setup(key)
                for role in ROLES:
                    with self._rollback():
                        records = record.sudo(self.users[role]).with_context(lang="en_US")
                        error = None
                        try:
                            call(records)
                        except (AccessError, UserError) as refusal:
                            error = refusal
                        outcome, text = self._verdict(error)
                        if outcome != expected[role]:
                            wrong.append("%s as %s: %s, expected %s %s" % (
                                key, role, outcome, expected[role], text))
            self.assertEqual(self._counts(), before, "%s left rows behind" % key)
        self.assertFalse(wrong, "\n".join(wrong))

    def test_model_access_matrix(self):
        """create/read/write/unlink rights of every role on every model of the suite."""
        wrong = []
        for model, expected in _table(MODELS).items():
            for role in ROLES:
                Model = self.env[model].sudo(self.users[role])
                granted = "".join(op[0] for op in ("create", "read", "write", "unlink")
                                  if Model.check_access_rights(op, raise_exception=False))
                granted = "".join(c for c in "crwu" if c in granted) or "-"
                if granted != expected[role]:
                    wrong.append("%s as %s: %s, expected %s" % (
                        model, role, granted, expected[role]))
        self.assertFalse(wrong, "\n".join(wrong))

    def test_every_action_of_the_suite_is_in_the_matrix(self):
        """A new action of any model of the suite must be a row (and so be
        checked) or be listed in NOT_A_ROW with the reason."""
        listed = {key.split("@")[0] for key in _table(ACTIONS)}
        found = {"%s/%s" % action for action in suite_actions(self.env)}
        self.assertGreater(len(found), 60)
        self.assertFalse(found - listed - set(NOT_A_ROW), "actions neither rows nor excluded")
        gone = (listed | set(NOT_A_ROW)) - found - {"ecom.settings/execute"}
        self.assertFalse(gone, "rows or exclusions of actions that do not exist")
        self.assertFalse(listed & set(NOT_A_ROW), "both a row and excluded")

    # ------------------------------------------------------------------
    # Fields only the actions set
    # ------------------------------------------------------------------
    def test_review_stage_is_not_writable_directly(self):
        """CS cannot skip the finance review by writing the stage."""
        order = self._reviewed()
        for role in ("cs", "warehouse", "user"):
            with self.assertRaises(AccessError, msg=role):
                order.sudo(self.users[role]).write({"ecom_state": "approved"})
        with self.assertRaises(UserError):
            order.sudo(self.users["cs"]).action_confirm()
        self.assertEqual((order.ecom_state, order.state), ("to_finance", "draft"))

    def test_case_state_and_money_are_not_writable_directly(self):
        case = self._case("draft")
        for vals in ({"state": "approved"}, {"approved_by": self.users["cs"].id},
                     {"refund_invoice_id": False, "state": "done"}):
            with self.assertRaises(AccessError, msg=vals):
                case.sudo(self.users["cs"]).write(vals)
        case.sudo(self.users["cs"]).write({"evidence": "Photo of the torn tag"})
        with self.assertRaises(AccessError):
            self.env["ecom.return"].sudo(self.users["cs"]).create({
                "order_id": case.order_id.id, "type": "refund_only", "state": "done"})
        self.assertEqual(case.sudo(self.users["cs"]).copy().state, "draft")
        self.assertEqual(case.state, "draft")

    def test_custom_request_state_and_money_are_not_writable_directly(self):
        request = self._request("deposit_pending")
        for vals in ({"state": "deposit_paid"}, {"deposit_amount": 1.0},
                     {"deposit_received": 60.0}):
            with self.assertRaises(AccessError, msg=vals):
                request.sudo(self.users["finance"]).write(vals)
        self.assertEqual(request.state, "deposit_pending")

    def test_portal_user_reads_nothing_of_the_suite(self):
        order = self._order()
        for record in (order, self.channel, self._case("draft")):
            with self.assertRaises(AccessError):
                record.sudo(self.users["portal"]).read(["display_name"])
