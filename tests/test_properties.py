"""Properties that hold whatever people do, in whatever order.

Pure functions take many generated examples. The ORM properties play random
sequences of contract actions by random roles and check after every step,
against oracles written from SPEC (never from the code under test):

- each document only moves along a transition of SPEC, and an action that
  succeeded led where SPEC says it leads; a refused action changes nothing;
- an action succeeds only for a user in a group SPEC names for it (read
  from the user's groups, not from the action tables);
- money is read back from accounting: the payments posted for a custom
  request are its deposit, then the order total; the credit notes of an
  order never exceed what was paid for it; goods taken back never exceed
  what was delivered.

Refusals are part of the game, but a run where an action never succeeds
proves nothing about it: steps ask for "the next step" or "the right
person" most of the time, and each test asserts that every action type
succeeded at least once across its examples.

Size: ``ECOM_PROPERTY_EXAMPLES`` examples per ORM property (default 100, the
CI size; a nightly run takes more, e.g. 1000), derandomized so that CI is
reproducible; ``ECOM_PROPERTY_SEED=<int>`` explores other examples instead.
Each ORM example runs in a savepoint rolled back afterwards, and no example
database is written. A failure message carries the shrunk counterexample:
the generated steps, and what each of them did.

Shown to fail (tests/mutation_check.py): widening who may pass CS review,
dropping the refund cap, rounding the deposit the wrong way.
"""
import os
import unittest
from collections import Counter
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.ecom_backorder.tools.deposit import split_deposit
from odoo.addons.ecom_order_mgmt.const import CS, DIRECTOR, FINANCE, GM, PURCHASE, WAREHOUSE
from odoo.addons.ecom_order_mgmt.tests.common import EcomCase
from odoo.addons.ecom_returns.tools.refund import refund_amount

EXAMPLES = int(os.environ.get("ECOM_PROPERTY_EXAMPLES") or 100)
SEED = os.environ.get("ECOM_PROPERTY_SEED")
PURE = settings(max_examples=max(400, EXAMPLES), deadline=None, derandomize=not SEED,
                database=None)
ORM = settings(max_examples=EXAMPLES, deadline=None, derandomize=not SEED, database=None,
               suppress_health_check=list(HealthCheck))

ROLES = ["cs", "finance", "warehouse", "manager", "director", "gm"]
# "right": the person SPEC gives the action to; "next": the step the
# document waits for. Repeated so that most steps move the document on.
RIGHT, NEXT = "right", "next"
ROLE_CHOICES = [RIGHT] * 3 + ROLES
CENT = Decimal("0.01")

# ----------------------------------------------------------------------
# SPEC, written out (sections 2, 3, 4, 5 and "Who uses it")
# ----------------------------------------------------------------------
ORDER_MOVES = {
    ("to_review", "to_finance"), ("to_finance", "approved"),
    ("to_review", "exception"), ("to_finance", "exception"),
    ("exception", "to_review"), ("exception", "to_finance"),
    ("to_review", "cancel"), ("to_finance", "cancel"),
}
FULFIL = ["to_print", "printed", "picked", "packed", "checked", "shipped", "delivered"]
PICKING_MOVES = set(zip(FULFIL, FULFIL[1:]))
ORDER_ACTIONS = ["cs", "finance", "exception", "resume", "cancel"]
PICKING_ACTIONS = ["print", "pick", "pack", "check", "ship", "deliver"]
# where a successful action leads (None: back where the order came from)
LEADS_TO = {"check_short": "checked",
            "cs": "to_finance", "finance": "approved", "exception": "exception",
            "resume": None, "cancel": "cancel", "print": "printed", "pick": "picked",
            "pack": "packed", "check": "checked", "ship": "shipped", "deliver": "delivered"}
# the groups SPEC names for an action (any of them); absent: SPEC is silent
SPEC_GROUPS = {"cs": [CS], "finance": [FINANCE], "print": [WAREHOUSE], "pick": [WAREHOUSE],
               "pack": [WAREHOUSE], "check": [WAREHOUSE], "ship": [WAREHOUSE],
               "deliver": [WAREHOUSE, CS],
               "deposit": [FINANCE], "confirm_balance": [FINANCE]}
RIGHT_ROLE = {"cs": "cs", "finance": "finance", "exception": "cs", "resume": "cs",
              "cancel": "cs", "print": "warehouse", "pick": "warehouse",
              "pack": "warehouse", "check": "warehouse", "check_short": "warehouse",
              "ship": "warehouse", "deliver": "warehouse"}

REQUEST_MOVES = {
    ("draft", "price_approval"), ("draft", "deposit_pending"),
    ("price_approval", "deposit_pending"), ("price_approval", "draft"),
    ("deposit_pending", "deposit_paid"), ("deposit_paid", "procurement_approval"),
    ("procurement_approval", "purchasing"), ("procurement_approval", "deposit_paid"),
    ("purchasing", "received"), ("received", "balance_pending"),
    ("balance_pending", "ready"),
    ("draft", "cancel"), ("price_approval", "cancel"), ("deposit_pending", "cancel"),
}
REQUEST_ACTIONS = ["submit", "approve", "reject", "deposit", "place_po", "receive",
                   "request_balance", "confirm_balance", "cancel"]
SIGNING = ("price_approval", "procurement_approval")
REQUEST_NEXT = {"draft": "submit", "price_approval": "approve", "deposit_pending": "deposit",
                "deposit_paid": "submit", "procurement_approval": "approve",
                "received": "request_balance", "balance_pending": "confirm_balance"}
SPEC_GROUPS.update({"approve": [DIRECTOR, GM], "reject": [DIRECTOR, GM],
                    "place_po": [PURCHASE], "receive": [PURCHASE, WAREHOUSE]})

CASE_MOVES = {("draft", "approved"), ("draft", "rejected"), ("approved", "done"),
              ("approved", "waiting_return"), ("waiting_return", "received"),
              ("received", "done")}

amounts = st.decimals(min_value=0, max_value=Decimal("9999999.99"), places=2)


def _half_up_cents(value):
    """`value` (a Fraction of yuan) in whole cents, half-up: integers only."""
    cents = value * 100
    floor = cents.numerator // cents.denominator
    return floor + (1 if cents - floor >= Fraction(1, 2) else 0)


def _cents(amount):
    return int((Decimal(str(amount)) * 100).to_integral_value(rounding=ROUND_HALF_UP))


class TestPureProperties(unittest.TestCase):
    """No database needed: the arithmetic of deposits and refunds, against
    exact fractions (not the Decimal code under test)."""

    @PURE
    @given(total=amounts, percent=st.decimals(min_value=0, max_value=100, places=2))
    def test_deposit_is_the_percentage_of_the_total_to_the_cent(self, total, percent):
        deposit, balance = split_deposit(total, percent)
        exact = Fraction(str(total)) * Fraction(str(percent)) / 100
        self.assertEqual(_cents(deposit), _half_up_cents(exact), (total, percent, deposit))
        self.assertEqual(deposit.as_tuple().exponent, -2)
        # the balance is the rest of the percentage, to half a cent
        rest = Fraction(str(total)) * (100 - Fraction(str(percent))) / 100
        self.assertLessEqual(abs(Fraction(str(balance)) - rest), Fraction(1, 200),
                             (total, percent, balance))

    @PURE
    @given(percent=st.one_of(st.decimals(max_value=Decimal("-0.01"), places=2,
                                         allow_nan=False),
                             st.decimals(min_value=Decimal("100.01"), places=2,
                                         allow_nan=False)))
    def test_deposit_outside_0_100_is_refused(self, percent):
        with self.assertRaises(ValueError):
            split_deposit(100, percent)

    @PURE
    @given(paid=amounts,
           cases=st.lists(st.tuples(
               st.lists(st.tuples(st.integers(1, 5), amounts), min_size=1, max_size=3),
               st.decimals(min_value=0, max_value=50, places=2)), max_size=5))
    def test_refunds_never_exceed_what_was_paid(self, paid, cases):
        paid_cents = _cents(paid)
        refunded = 0
        for lines, fee in cases:
            result = refund_amount(lines, fee, paid, Decimal(refunded) / 100)
            amount = _cents(result.amount)
            # what the buyer sent back, less their fee, in exact cents
            owed = sum(_half_up_cents(q * Fraction(str(p))) for q, p in lines) - _cents(fee)
            self.assertGreaterEqual(amount, 0, (lines, fee))
            # never more than owed, and all of it while the payment covers it
            self.assertEqual(amount, max(0, min(owed, paid_cents - refunded)),
                             (paid, refunded, lines, fee, result))
            refunded += amount
        self.assertLessEqual(refunded, paid_cents)


class PropertyCase(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(PropertyCase, cls).setUpClass()
        cls.users = dict(cls.users)
        cls.users["purchase"] = cls.env["res.users"].create({
            "name": "Property purchasing", "login": "prop_ecom_purchase",
            "email": "prop_ecom_purchase@example.com",
            "groups_id": [(6, 0, [cls.env.ref(PURCHASE).id])]})

    @contextmanager
    def _example(self):
        """One generated example: run it, then undo it (database and cache)."""
        self.env.clear()
        self.env.cr.execute("SAVEPOINT property_example")
        try:
            yield
        finally:
            self.env.cr.execute("ROLLBACK TO SAVEPOINT property_example")
            self.env.clear()

    def _try(self, call):
        try:
            with self.env.cr.savepoint():
                call()
            return True
        except (AccessError, UserError, ValidationError):
            return False

    def _check_role(self, action, role, trace):
        """A successful action was done by someone SPEC gives it to."""
        groups = SPEC_GROUPS.get(action)
        if groups:
            user = self.users[role]
            self.assertTrue(any(user.has_group(group) for group in groups),
                            "%s succeeded for %s, who is in none of %s\n%s" % (
                                action, role, groups, "\n".join(trace)))

    def _check_all_succeeded(self, tally, actions):
        missing = [action for action in actions if not tally[action]]
        self.assertFalse(missing, "never succeeded in %d examples: %s (successes: %s)" % (
            EXAMPLES, missing, dict(tally)))

    @staticmethod
    def _seeded(function):
        return seed(int(SEED))(function) if SEED else function


class TestOrderLifecycle(PropertyCase):
    """Orders and their deliveries, starting from every stage of SPEC."""

    # the documents each example starts from (built once, rolled back after
    # every example): the steps of a generated run pick among them
    START = ["to_review", "to_finance", "exception", "to_print", "printed", "picked",
             "packed", "checked", "shipped"]

    @classmethod
    def setUpClass(cls):
        super(TestOrderLifecycle, cls).setUpClass()
        cls.orders = []
        for number, stage in enumerate(cls.START):
            order = cls._order([(cls.product_a if number % 2 else cls.product_b, 1)])
            as_role = lambda role, records: records.sudo(cls.users[role])  # noqa: E731
            if stage != "to_review":
                as_role("cs", order).action_ecom_cs_approve()
            if stage == "exception":
                as_role("finance", order).action_ecom_set_exception("risk")
            elif stage not in ("to_review", "to_finance"):
                as_role("finance", order).action_ecom_finance_approve()
                picking = order.picking_ids
                picking.write({"carrier_id": cls.carrier.id,
                               "carrier_tracking_ref": "SFP%d" % number})
                warehouse = as_role("warehouse", picking)
                steps = FULFIL[1:FULFIL.index(stage) + 1]
                for step in steps:
                    if step == "checked":
                        for move in picking.move_lines:
                            warehouse.action_ecom_scan(move.product_id.barcode,
                                                       int(move.product_qty))
                    method = {"printed": "print_waybill", "picked": "pick",
                              "packed": "pack", "checked": "check",
                              "shipped": "ship"}[step]
                    getattr(warehouse, "action_ecom_" + method)(
                        *([picking.ecom_package_count] if step == "shipped" else []))
            cls.orders.append(order)

    def _next_action(self, order, picking):
        if order.ecom_state == "approved" and picking:
            stage = picking.ecom_fulfil_state
            return PICKING_ACTIONS[min(FULFIL.index(stage), len(PICKING_ACTIONS) - 1)]
        return {"to_review": "cs", "to_finance": "finance", "exception": "resume"}.get(
            order.ecom_state, "cs")

    def _act(self, order, role, action):
        rec = lambda records: self._as(role, records).with_context(lang="en_US")  # noqa
        picking = self._delivery(order)
        if action in ORDER_ACTIONS:
            method = "action_ecom_" + {"cs": "cs_approve", "finance": "finance_approve",
                                       "exception": "set_exception"}.get(action, action)
            args = ("risk",) if action == "exception" else ()
            return self._try(lambda: getattr(rec(order), method)(*args))
        if not picking:
            return False
        if action == "print":
            picking.write({"carrier_id": self.carrier.id, "carrier_tracking_ref": "SF1"})
            return self._try(lambda: rec(picking).action_ecom_print_waybill())
        if action in ("check", "check_short"):
            # check_short: one unit of the first line is not scanned
            def scan_and_check():
                for number, move in enumerate(picking.move_lines):
                    qty = int(move.product_qty) - (action == "check_short" and not number)
                    if qty:
                        rec(picking).action_ecom_scan(move.product_id.barcode, qty)
                rec(picking).action_ecom_check()
            return self._try(scan_and_check)
        if action == "ship":
            # with the courier's count of parcels
            return self._try(lambda: rec(picking).action_ecom_ship(picking.ecom_package_count))
        method = {"pick": "action_ecom_pick", "pack": "action_ecom_pack",
                  "deliver": "action_ecom_confirm_delivered"}
        return self._try(lambda: getattr(rec(picking), method[action])())

    def _step(self, order, role, action, trace, tally):
        picking = self._delivery(order)
        if action == NEXT:
            action = self._next_action(order, picking)
        if role == RIGHT:
            role = RIGHT_ROLE[action]
        before = (order.ecom_state, picking.ecom_fulfil_state)
        came_from = order.ecom_state_before_exception
        done = self._act(order, role, action)
        order.invalidate_cache()
        picking = self._delivery(order)
        after = (order.ecom_state, picking.ecom_fulfil_state)
        trace.append("%s %s by %s: %s, %s -> %s" % (
            order.name, action, role, "done" if done else "refused", before, after))
        why = "\n".join(trace)
        if before[0] != after[0]:
            self.assertIn((before[0], after[0]), ORDER_MOVES, why)
        if before[1] and before[1] != after[1]:
            self.assertIn((before[1], after[1]), PICKING_MOVES, why)
        if picking:
            self.assertEqual(order.ecom_state, "approved",
                             "a delivery exists only for approved orders\n" + why)
        if not done:
            self.assertEqual(before, after, "a refused action changes nothing\n" + why)
            return
        self.assertNotEqual(action, "check_short", "a parcel one unit short passed the "
                                                   "check (SPEC 3)\n" + why)
        tally[action] += 1
        self._check_role(action, role, trace)
        target = LEADS_TO[action] or came_from
        self.assertIn(target, after, "%s did not lead to %s\n%s" % (action, target, why))

    def test_orders_and_deliveries_move_only_along_the_spec(self):
        tally = Counter()

        @ORM
        @given(steps=st.lists(st.tuples(
            st.sampled_from(self.START), st.sampled_from(ROLE_CHOICES),
            st.sampled_from([NEXT] * 4 + ORDER_ACTIONS + PICKING_ACTIONS + ["check_short"])),
            min_size=1, max_size=6))
        def example(steps):
            with self._example():
                trace = ["steps: %r" % (steps,)]
                for start, role, action in steps:
                    self._step(self.orders[self.START.index(start)], role, action, trace,
                               tally)
        self._seeded(example)()
        self._check_all_succeeded(tally, ORDER_ACTIONS + PICKING_ACTIONS)


def _day(offset):
    return fields.Date.to_string(date.today() + timedelta(days=offset))


class TestCustomRequestLifecycle(PropertyCase):
    """Custom requests from the purchasing answer to the release of the
    delivery, starting from every stage; their money read from the payments
    posted in accounting."""

    # (stage to start from, unit price, quantity, price change); totals whose
    # 30 % falls on half a cent (1000.05, 0.15 x 3) test the rounding
    START = [("draft", "1000.05", 1, True), ("draft", "19.99", 3, False),
             ("price_approval", "0.15", 3, True), ("price_gm", "250.00", 2, True),
             ("deposit_pending", "1000.05", 1, False), ("deposit_paid", "33.33", 3, False),
             ("procurement_approval", "1000.05", 1, False),
             ("procurement_gm", "12.34", 5, True), ("purchasing", "99.95", 1, False),
             ("ordered", "1000.05", 1, False), ("received", "0.15", 3, False),
             ("balance_pending", "1000.05", 1, True)]
    WALK = ["draft", "price_approval", "price_gm", "deposit_pending", "deposit_paid",
            "procurement_approval", "procurement_gm", "purchasing", "ordered", "received",
            "balance_pending"]

    @classmethod
    def setUpClass(cls):
        super(TestCustomRequestLifecycle, cls).setUpClass()
        cls.vendor = cls.env["res.partner"].create({"name": "Prop vendor", "supplier": True})
        cls.requests = [cls._walk_request(*start) for start in cls.START]

    @classmethod
    def _where(cls, request):
        """The request's place in WALK."""
        if request.state in SIGNING and request.approval_tier_due == "gm":
            return request.state.split("_")[0] + "_gm"
        if request.state == "purchasing" and request.purchase_order_id:
            return "ordered"
        return request.state

    @classmethod
    def _walk_request(cls, stage, price, qty, price_change):
        """A new request taken by the real actions, each as its person, to `stage`."""
        env = cls.env
        order = env["sale.order"].create({
            "partner_id": cls.buyer.id,
            "order_line": [(0, 0, {"product_id": cls.product_out.id,
                                   "product_uom_qty": qty, "price_unit": float(price)})]})
        request = env["ecom.custom.request"].sudo(cls.users["cs"]).create({
            "order_id": order.id, "line_id": order.order_line.id, "buyer_date": _day(30),
            "packaging_standard": "Box", "price_change": price_change,
            "new_price_unit": float(price) + 1 if price_change else 0.0})
        request = env["ecom.custom.request"].browse(request.id)
        as_role = lambda role: request.sudo(cls.users[role])  # noqa: E731
        as_role("purchase").action_record_feasibility(
            True, inbound_date=_day(20), inbound_qty=qty, vendor_id=cls.vendor.id)
        as_role("cs").action_buyer_accept(10, "Cotton")
        while cls._where(request) != stage:
            assert cls.WALK.index(cls._where(request)) < cls.WALK.index(stage), (
                stage, request.state)
            if request.state in SIGNING:
                as_role(request.approval_tier_due).action_approve()
            elif cls._where(request) == "purchasing":
                as_role("purchase").action_place_po()
            else:
                role, method = {
                    "draft": ("cs", "action_submit"),
                    "deposit_pending": ("finance", "action_confirm_deposit"),
                    "deposit_paid": ("cs", "action_submit"),
                    "ordered": ("purchase", "action_receive"),
                    "received": ("cs", "action_request_balance")}[cls._where(request)]
                getattr(as_role(role), method)()
            request.invalidate_cache()
        return request

    def _resolve(self, request, role, action):
        if action == NEXT:
            action = REQUEST_NEXT.get(request.state, "approve")
            if request.state == "purchasing":
                action = "receive" if request.purchase_order_id else "place_po"
        if role == RIGHT:
            role = {"submit": "cs", "deposit": "finance", "confirm_balance": "finance",
                    "place_po": "purchase", "receive": "purchase",
                    "request_balance": "cs", "cancel": "cs"}.get(action)
            if not role:  # approve, reject: whoever's signature is due
                role = "gm" if request.approval_tier_due == "gm" else "director"
        return role, action

    def _call(self, mine, action):
        args = {"reject": ("No",), "cancel": ("Buyer left",)}.get(action, ())
        method = "action_" + {"deposit": "confirm_deposit"}.get(action, action)
        return lambda: getattr(mine, method)(*args)

    def _collected(self, request):
        """Yuan posted in accounting as this request's customer payments."""
        payments = self.env["account.payment"].search([
            ("communication", "=like", request.name + " %"), ("payment_type", "=", "inbound"),
            ("state", "in", ("posted", "sent", "reconciled"))])
        return sum(payments.mapped("amount")), len(payments)

    def _check_money(self, request, total, percent, deposits, why):
        collected, count = self._collected(request)
        deposit = _half_up_cents(Fraction(str(total)) * Fraction(str(percent)) / 100)
        state = request.state
        if state in ("draft", "price_approval", "deposit_pending", "cancel"):
            self.assertEqual((_cents(collected), request.deposit_received), (0, 0),
                             "no money before the deposit is confirmed\n" + why)
        elif state == "ready":
            self.assertEqual(_cents(collected), _cents(total),
                             "deposit and balance payments are the order total\n" + why)
        else:
            self.assertEqual(_cents(collected), deposit,
                             "the deposit posted is %s %% of %s\n%s" % (percent, total, why))
        self.assertLessEqual(count, 2, "one payment for the deposit, one for the balance\n"
                             + why)
        self.assertLessEqual(deposits, 1, "the deposit is confirmed once\n" + why)

    def test_requests_move_only_along_the_spec_and_money_adds_up(self):
        tally = Counter()

        @ORM
        @given(start=st.integers(0, len(self.START) - 1),
               steps=st.lists(st.tuples(
                   st.sampled_from(ROLE_CHOICES + ["purchase"]),
                   st.sampled_from([NEXT] * 5 + REQUEST_ACTIONS + ["reject"])),
               min_size=1, max_size=4))
        def example(start, steps):
            with self._example():
                request = self.requests[start]
                trace = ["start %r, steps: %r" % (self.START[start], steps)]
                deposits = 1 if request.deposit_user_id else 0
                for role, action in steps:
                    role, action = self._resolve(request, role, action)
                    before = request.state
                    told = (request.deposit_amount, request.balance_amount)
                    done = self._try(self._call(
                        request.sudo(self.users[role]).with_context(lang="en_US"), action))
                    request.invalidate_cache()
                    trace.append("%s by %s: %s, %s -> %s" % (
                        action, role, "done" if done else "refused", before, request.state))
                    why = "\n".join(trace)
                    if request.state != before:
                        self.assertIn((before, request.state), REQUEST_MOVES, why)
                    if not done:
                        self.assertEqual(request.state, before, "a refused action changes "
                                                                "nothing\n" + why)
                    else:
                        tally[action] += 1
                        deposits += action == "deposit"
                        self._check_role(action, role, trace)
                    if before != "price_approval":
                        # once the price is agreed, the buyer was told both
                        # amounts: confirming the deposit changes neither
                        self.assertEqual((request.deposit_amount, request.balance_amount),
                                         told, "the amounts told to the buyer changed\n" + why)
                    total = request.order_id.amount_total
                    self._check_money(request, total, request.deposit_percent, deposits, why)
        self._seeded(example)()
        self._check_all_succeeded(tally, REQUEST_ACTIONS)


class TestReturnQuantities(PropertyCase):
    """Goods taken back never exceed what was delivered; credit notes in
    accounting never exceed what was paid for the order."""

    @classmethod
    def setUpClass(cls):
        super(TestReturnQuantities, cls).setUpClass()
        env = cls.env
        env.user.company_id.ecom_return_days = 30
        cls.warehouse._ecom_ensure_return_locations()
        cls.returns = cls.warehouse.ecom_return_location_id | \
            cls.warehouse.ecom_defective_location_id
        order = cls._order([(cls.product_a, 3)])
        order.action_ecom_cs_approve()
        order.action_ecom_finance_approve()
        picking = order.picking_ids
        picking.write({"carrier_id": cls.carrier.id, "carrier_tracking_ref": "SF9"})
        for method in ("action_ecom_print_waybill", "action_ecom_pick", "action_ecom_pack"):
            getattr(picking, method)()
        picking.action_ecom_scan(cls.product_a.barcode, 3)
        picking.action_ecom_check()
        picking.action_ecom_ship(picking.ecom_package_count)
        picking.action_ecom_confirm_delivered()
        cls.delivered = order

    def _returned_stock(self):
        moves = self.env["stock.move"].search([
            ("product_id", "=", self.product_a.id), ("state", "=", "done"),
            ("location_dest_id", "in", self.returns.ids)])
        return sum(moves.mapped("product_qty"))

    def _paid_in_accounting(self, order):
        """What accounting holds as paid for `order`: the inbound payments of
        its invoices once channels have a clearing journal (SPEC 8, Money);
        until then the paid amount the platform reported."""
        if "journal_id" not in self.env["ecom.channel"]._fields:
            return order.ecom_paid_amount
        payments = order.invoice_ids.mapped("payment_ids").filtered(
            lambda p: p.payment_type == "inbound" and p.state != "cancelled")
        return sum(payments.mapped("amount"))

    def _refunded_in_accounting(self, order):
        refunds = self.env["account.invoice"].search([
            ("type", "=", "out_refund"), ("state", "in", ("open", "paid")),
            "|", ("origin", "like", order.name),
            ("id", "in", self.env["ecom.return"].search([
                ("order_id", "=", order.id)]).mapped("refund_invoice_id").ids)])
        return sum(refunds.mapped("amount_total"))

    def _case_step(self, order, qty, receive, refund, trace, tally):
        created = []
        if self._try(lambda: created.append(self._as("cs", self.env["ecom.return"]).create({
                "order_id": order.id, "type": "return_refund",
                "line_ids": [(0, 0, {"product_id": self.product_a.id, "quantity": qty,
                                     "responsibility": "company"})]}))):
            tally["create"] += 1
        if not created:
            trace.append("case of %d refused" % qty)
            return
        case = self.env["ecom.return"].browse(created[0].id)
        if self._try(lambda: self._as("manager", case).action_approve()):
            tally["approve"] += 1
        if receive and case.return_picking_id:
            picking = case.return_picking_id
            for line in picking.move_line_ids:
                line.qty_done = line.product_uom_qty
            if self._try(lambda: self._as("warehouse", picking).button_validate()):
                tally["receive"] += 1
        if refund and self._try(lambda: self._as("finance", case).action_refund()):
            tally["refund"] += 1
        case.invalidate_cache()
        trace.append("case of %d: %s, refund %s" % (qty, case.state,
                                                    case.refund_invoice_id.amount_total))

    def test_returned_goods_and_refunds_stay_within_delivery_and_payment(self):
        tally = Counter()

        @ORM
        @given(cases=st.lists(st.tuples(st.integers(-1, 4), st.booleans(), st.booleans()),
                              min_size=1, max_size=3))
        def example(cases):
            order = self.delivered
            with self._example():
                trace = ["cases: %r" % (cases,)]
                for qty, receive, refund in cases:
                    self._case_step(order, qty, receive, refund, trace, tally)
                    why = "\n".join(trace)
                    self.assertLessEqual(self._returned_stock(), 3, why)
                    open_cases = self.env["ecom.return"].search([
                        ("order_id", "=", order.id),
                        ("state", "not in", ("rejected", "draft"))])
                    self.assertLessEqual(sum(open_cases.mapped("line_ids.quantity")), 3, why)
                    self.assertLessEqual(_cents(self._refunded_in_accounting(order)),
                                         _cents(self._paid_in_accounting(order)), why)
        self._seeded(example)()
        self._check_all_succeeded(tally, ["create", "approve", "receive", "refund"])
