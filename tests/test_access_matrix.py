"""Who may do what, checked on the server (not by the views).

The two tables below are the access matrix of the suite. Each cell is run:
the document is put in the stage where the action is due (by the system),
then each role presses the button through the ORM, as an RPC client would.
"Y" must succeed; "." must be refused with `AccessError` (wrong group) or
`UserError` (the group is right but the sign-off rules forbid it, e.g. the
general manager before the director). Each cell runs in its own savepoint.

Roles: the six of SPEC (manager, director and GM include CS and the
warehouse, not finance: money is finance's alone) and purchasing (Odoo's
purchase user), each as its demo user, an internal user with nothing but
`base.group_user`, and a portal user.
"""
import base64
from contextlib import contextmanager
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase

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
sale.order/action_ecom_check_shortage        Y  Y   .  Y   Y   Y  .   .    .
stock.picking/action_ecom_print_waybill      .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_pick               .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_pack               .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_scan               .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_check              .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_ship               .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_confirm_delivered  Y  .   Y  Y   Y   Y  .   .    .
ecom.backorder/action_notify_supplier        Y  .   .  Y   Y   Y  Y   .    .
ecom.backorder/action_cancel                 Y  .   .  Y   Y   Y  .   .    .
ecom.backorder.allocation/action_commit      Y  .   Y  Y   Y   Y  .   .    .
ecom.custom.request/action_record_feasibility .  .  .  .   .   .  Y   .    .
ecom.custom.request/action_buyer_accept      Y  .   .  Y   Y   Y  .   .    .
ecom.custom.request/action_buyer_decline     Y  .   .  Y   Y   Y  .   .    .
ecom.custom.request/action_submit            Y  .   .  Y   Y   Y  .   .    .
ecom.custom.request/action_approve           .  .   .  .   Y   .  .   .    .
ecom.custom.request/action_reject            .  .   .  .   Y   .  .   .    .
ecom.custom.request/action_approve@gm        .  .   .  .   .   Y  .   .    .
ecom.custom.request/action_confirm_deposit   .  Y   .  .   .   .  .   .    .
ecom.custom.request/action_place_po          .  .   .  .   .   .  Y   .    .
ecom.custom.request/action_receive           .  .   Y  Y   Y   Y  Y   .    .
ecom.custom.request/action_request_balance   Y  .   .  Y   Y   Y  .   .    .
ecom.custom.request/action_confirm_balance   .  Y   .  .   .   .  .   .    .
ecom.custom.request/action_cancel            Y  .   .  Y   Y   Y  .   .    .
ecom.return/action_approve                   .  .   .  Y   Y   Y  .   .    .
ecom.return/action_reject                    .  .   .  Y   Y   Y  .   .    .
ecom.return/action_refund                    .  Y   .  .   .   .  .   .    .
ecom.return/action_receive                   .  .   Y  Y   Y   Y  .   .    .
ecom.carrier.claim/action_claim              Y  .   .  Y   Y   Y  .   .    .
ecom.carrier.claim/action_paid               .  Y   .  .   .   .  .   .    .
ecom.feedback/action_resolve                 Y  .   .  Y   Y   Y  .   .    .
ecom.cod.import/action_import                .  Y   .  .   .   .  .   .    .
ecom.cod.statement.line/action_resolve       .  Y   .  .   .   .  .   .    .
ecom.settings/execute                        .  .   .  Y   Y   Y  .   .    .
"""

# Rows whose action is slow (invoices, payments, purchase orders, confirmation):
# the first allowed role runs it whole, the other allowed roles run its server
# guard only (`_ecom_ensure`: groups, row lock, stage and data checks), which
# is what the button runs first. Refused roles always press the real button.
HEAVY = {
    "sale.order/action_ecom_finance_approve": "finance_approve",
    "ecom.custom.request/action_confirm_deposit": "confirm_deposit",
    "ecom.custom.request/action_confirm_balance": "confirm_balance",
    "ecom.custom.request/action_place_po": "place_po",
    "ecom.custom.request/action_receive": "receive",
    "ecom.return/action_refund": "refund",
}

# Access rights on the suite's models: c/r/w/u letters granted, "-" none.
MODELS = """
model                        cs   fin  wh   mgr  dir  gm   pur  user portal
ecom.channel                 r    r    r    crwu crwu crwu r    r    -
ecom.exception.reason        r    r    r    crwu crwu crwu r    r    -
ecom.review.rule             r    r    -    crwu crwu crwu -    -    -
ecom.picking.scan            r    r    crwu crwu crwu crwu r    r    -
ecom.handover                r    r    crw  crwu crwu crwu r    r    -
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
        """Run the block, then undo it (database and ORM cache)."""
        cr = self.env.cr
        cr.execute("SAVEPOINT matrix_cell")
        try:
            yield
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT matrix_cell")
            self.env.clear()

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
            if action == "action_ecom_check_shortage":
                return self._reviewed(), lambda r: r.action_ecom_check_shortage()
            return self._order(), lambda r: getattr(r, action)()
        if model == "stock.picking":
            stage = {"action_ecom_print_waybill": "to_print", "action_ecom_pick": "printed",
                     "action_ecom_pack": "picked", "action_ecom_scan": "packed",
                     "action_ecom_check": "packed", "action_ecom_ship": "checked",
                     "action_ecom_confirm_delivered": "shipped"}[action]
            picking = self._picking_at(stage)
            if action == "action_ecom_print_waybill":
                picking.write({"carrier_id": self.carrier.id, "carrier_tracking_ref": "SF1"})
            if action == "action_ecom_scan":
                return picking, lambda r: r.action_ecom_scan(self.product_a.barcode)
            if action == "action_ecom_check":
                picking.action_ecom_scan(self.product_a.barcode)
            if action == "action_ecom_ship":
                # with the courier's count of parcels
                return picking, lambda r: r.action_ecom_ship(r.ecom_package_count)
            return picking, lambda r: getattr(r, action)()
        if model == "ecom.backorder":
            return self._backorder(), lambda r: getattr(r, action)()
        if model == "ecom.backorder.allocation":
            backorder = self._backorder()
            self.env["stock.quant"]._update_available_quantity(
                self.product_out, self.stock_location, 2)
            # The wizard is the user's own (transient records are per user).
            return backorder, self._allocate
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
            state = "draft" if action == "action_claim" else "accepted"
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
                "resolution": "Told the buyer"})
            return feedback, lambda r: r.action_resolve()
        raise AssertionError("no set-up for %s" % key)

    # ------------------------------------------------------------------
    def test_action_matrix(self):
        """Every contract action, every role: allowed or refused as the table says."""
        wrong = []
        for key, expected in _table(ACTIONS).items():
            with self._rollback():
                record, call = self._setup(key)
                ran_whole = False
                for role in ROLES:
                    press = call
                    if key in HEAVY and ran_whole and expected[role] == "Y":
                        press = lambda r: r._ecom_ensure(HEAVY[key])  # noqa: E731
                    with self._rollback():
                        records = record.sudo(self.users[role]).with_context(lang="en_US")
                        try:
                            press(records)
                            outcome = "Y"
                            ran_whole = ran_whole or press is call
                        except (AccessError, UserError) as error:
                            outcome = "."
                            refusal = error.name
                        if outcome != expected[role]:
                            wrong.append("%s as %s: %s%s" % (
                                key, role, "allowed" if outcome == "Y" else "refused",
                                "" if outcome == "Y" else " (%s)" % refusal))
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
        """A new contract action must be added to the table (and so be checked)."""
        listed = {key.split("@")[0] for key in _table(ACTIONS)}
        for key in ("sale.order/action_ecom_cs_approve", "ecom.return/action_refund"):
            self.assertIn(key, listed)
        for model in ("ecom.custom.request", "ecom.return", "ecom.backorder"):
            Model = type(self.env[model])
            actions = {name for name in dir(Model) if name.startswith("action_")
                       and not name.startswith(("action_view", "action_open", "action_ecom_view",
                                                "action_unfollow", "action_follow",
                                                "action_feedback"))}
            missing = {a for a in actions if "%s/%s" % (model, a) not in listed}
            missing -= {"action_done"}  # shipped delivery: test_custom_request_purchasing
            self.assertFalse(missing, "%s: %s not in the matrix" % (model, sorted(missing)))

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


class TestCompanyRules(EcomCase):
    """A user of company B neither reads nor changes company A's documents."""

    @classmethod
    def setUpClass(cls):
        super(TestCompanyRules, cls).setUpClass()
        env = cls.env
        cls.company_b = env["res.company"].create({"name": "Other shop company"})
        groups = [env.ref("ecom_order_mgmt.group_ecom_manager").id]
        cls.user_b = env["res.users"].with_context(no_reset_password=True).create({
            "name": "Manager B", "login": "test_matrix_manager_b",
            "email": "mb@example.com", "company_id": cls.company_b.id,
            "company_ids": [(6, 0, [cls.company_b.id])], "groups_id": [(6, 0, groups)]})
        cls.channel.company_id = env.user.company_id
        order = cls._order([(cls.product_out, 1)])
        order.action_ecom_cs_approve()
        order.action_ecom_finance_approve()
        cls.order = order
        cls.backorder = order.ecom_backorder_ids
        cls.case = env["ecom.return"].create({
            "order_id": order.id, "type": "refund_only",
            "line_ids": [(0, 0, {"product_id": cls.product_out.id, "quantity": 1,
                                 "responsibility": "customer"})]})
        plain = env["sale.order"].create({
            "partner_id": cls.buyer.id,
            "order_line": [(0, 0, {"product_id": cls.product_out.id, "product_uom_qty": 1,
                                   "price_unit": 10.0})]})
        cls.request = env["ecom.custom.request"].create({
            "order_id": plain.id, "line_id": plain.order_line.id, "buyer_date": _day(30)})

    def test_other_company_sees_and_changes_nothing(self):
        documents = [self.channel, self.order, self.backorder, self.case, self.request,
                     self.order.picking_ids]
        for record in documents:
            self.assertTrue(record.company_id, record)
            Model = self.env[record._name].sudo(self.user_b)
            self.assertFalse(Model.search([("id", "=", record.id)]), record._name)
            with self.assertRaises(AccessError, msg=record._name):
                record.sudo(self.user_b).read(["display_name"])
            with self.assertRaises((AccessError, UserError, ValidationError),
                                   msg=record._name):
                record.sudo(self.user_b).write({"message_follower_ids": []})
                record.sudo(self.user_b).check_access_rule("write")

    def test_other_company_cannot_press_the_buttons(self):
        calls = [(self.order, lambda r: r.action_ecom_cancel()),
                 (self.backorder, lambda r: r.action_cancel()),
                 (self.case, lambda r: r.action_approve()),
                 (self.request, lambda r: r.action_cancel("no"))]
        for record, call in calls:
            with self.assertRaises(AccessError, msg=record._name):
                call(record.sudo(self.user_b))
