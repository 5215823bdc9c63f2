"""Two people acting on the same document at the same moment end with one decision.

Each race runs on a throw-away copy of the test database (dropped at the
end): the documents are created and committed first, then two threads, each
with its own database cursor and environment, take a first step (read the
document, which opens their transaction snapshot), meet at a
`threading.Barrier` and press the same button. The race is forced, not hoped
for: both transactions are open at once when the buttons are pressed. Exactly
one thread succeeds; the other gets a clear `UserError`; the database holds
one decision, one payment, one credit note and no over-allocation.
"""
import threading
from datetime import date, timedelta

import pytest
from ecom_db import throwaway_registry

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import UserError

BUSY = "right now"  # in every "someone else is processing/allocating" message


@pytest.fixture(scope="module")
def registry():
    with throwaway_registry("race") as copy:
        yield copy


def _commit(registry, build):
    """Run `build(env)` as the superuser and commit what it created."""
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "UTC"})
        result = build(env)
        cr.commit()
        return result


def _race(registry, logins, model, res_id, action):
    """Two users press `action` on the same record at once (or each on its own
    record when `res_id` is a list); return both outcomes."""
    barrier = threading.Barrier(len(logins), timeout=60)
    outcomes = [None] * len(logins)

    def run(i, login):
        with api.Environment.manage():
            cr = registry.cursor()
            try:
                admin = api.Environment(cr, SUPERUSER_ID, {})
                uid = admin["res.users"].search([("login", "=", login)]).id
                env = api.Environment(cr, uid, {"lang": "en_US", "tz": "UTC"})
                record = env[model].browse(res_id[i] if isinstance(res_id, list) else res_id)
                record.read(["display_name"])  # first step: the transaction is open
                barrier.wait()
                action(record)
                cr.commit()
                outcomes[i] = "ok"
            except UserError as error:
                cr.rollback()
                outcomes[i] = error
            except Exception as error:  # noqa: B902 -- reported by the assertion
                cr.rollback()
                outcomes[i] = error
                barrier.abort()
            finally:
                cr.close()

    threads = [threading.Thread(target=run, args=(i, login))
               for i, login in enumerate(logins)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return outcomes


def _one_wins(outcomes):
    assert sorted(o == "ok" for o in outcomes) == [False, True], outcomes
    loser = next(o for o in outcomes if o != "ok")
    assert isinstance(loser, UserError), repr(loser)
    assert BUSY in loser.name or "Preview again" in loser.name, loser.name
    return loser


# ----------------------------------------------------------------------
# Fixtures created and committed in the copy
# ----------------------------------------------------------------------
def _base(env, tag):
    """A channel, a stocked product, a buyer and two users of each money role."""
    warehouse = env.ref("stock.warehouse0")
    channel = env["ecom.channel"].create({
        "name": "Race shop %s" % tag, "code": "RACE%s" % tag.upper(), "platform": "tmall",
        "warehouse_id": warehouse.id})
    product = env["product.product"].create({
        "name": "Race shirt %s" % tag, "default_code": "RACE-%s" % tag, "type": "product",
        "list_price": 100.0, "taxes_id": [(5,)]})
    buyer = env["res.partner"].create({"name": "Race buyer", "customer": True})
    for role in ("finance", "manager"):
        for n in (1, 2):
            login = "race_%s_%s%s" % (tag, role, n)
            env["res.users"].create({
                "name": login, "login": login, "email": "%s@example.com" % login,
                "groups_id": [(6, 0, [env.ref("ecom_order_mgmt.group_ecom_%s" % role).id])]})
    return channel, product, buyer, warehouse


def _channel_order(env, channel, product, buyer, qty=1, stock=10):
    if stock:
        env["stock.quant"]._update_available_quantity(
            product, channel.warehouse_id.lot_stock_id, stock)
    order = env["sale.order"].create({
        "partner_id": buyer.id, "ecom_channel_id": channel.id,
        "ecom_platform_ref": "RACE-%s-%s" % (channel.code, product.id),
        "ecom_buyer_name": "王小明", "ecom_buyer_phone": "13800138000",
        "ecom_province": "浙江省", "ecom_city": "杭州市", "ecom_street": "文三路 90 号",
        "ecom_payment_mode": "prepaid",
        "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": qty,
                               "price_unit": product.list_price})]})
    order.ecom_paid_amount = order.amount_total
    return order


# ----------------------------------------------------------------------
# The races
# ----------------------------------------------------------------------
@pytest.mark.slow
def test_same_order_finance_approved_twice_at_once(registry):
    def build(env):
        channel, product, buyer, _wh = _base(env, "fa")
        order = _channel_order(env, channel, product, buyer)
        order.action_ecom_cs_approve()
        return order.id
    order_id = _commit(registry, build)
    outcomes = _race(registry, ["race_fa_finance1", "race_fa_finance2"], "sale.order",
                     order_id, lambda order: order.action_ecom_finance_approve())
    _one_wins(outcomes)

    def check(env):
        order = env["sale.order"].browse(order_id)
        assert (order.state, order.ecom_state) == ("sale", "approved")
        assert order.ecom_finance_user_id.login in ("race_fa_finance1", "race_fa_finance2")
        assert len(order.picking_ids) == 1, "one confirmation, one delivery"
        changes = order.message_ids.mapped("tracking_value_ids").filtered(
            lambda t: t.field == "ecom_state" and t.new_value_char == "Approved")
        assert len(changes) == 1, "the decision is recorded once"
    _commit(registry, check)


@pytest.mark.slow
def test_same_deposit_confirmed_twice_at_once(registry):
    def build(env):
        _channel, product, buyer, _wh = _base(env, "dp")
        product.write({"list_price": 250.0})
        vendor = env["res.partner"].create({"name": "Race workshop", "supplier": True})
        order = env["sale.order"].create({
            "partner_id": buyer.id,
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 4,
                                   "price_unit": 250.0})]})
        request = env["ecom.custom.request"].create({
            "order_id": order.id, "line_id": order.order_line.id,
            "buyer_date": fields.Date.to_string(date.today() + timedelta(days=30)),
            "packaging_standard": "Kraft box"})
        request.action_record_feasibility(
            True, inbound_date=fields.Date.to_string(date.today() + timedelta(days=20)),
            inbound_qty=4, vendor_id=vendor.id, production_cycle_days=15)
        request.action_buyer_accept(15, "Black cotton twill", False)
        request.action_submit()
        assert request.state == "deposit_pending"
        return request.id
    request_id = _commit(registry, build)
    outcomes = _race(registry, ["race_dp_finance1", "race_dp_finance2"],
                     "ecom.custom.request", request_id,
                     lambda request: request.action_confirm_deposit())
    _one_wins(outcomes)

    def check(env):
        request = env["ecom.custom.request"].browse(request_id)
        assert request.state == "deposit_paid"
        assert request.deposit_received == 300.0  # 30 % of 1,000
        payments = env["account.payment"].search([
            ("invoice_ids", "in", request.order_id.invoice_ids.ids)])
        assert len(payments) == 1, "one payment"
        assert payments.amount == 300.0
        assert len(request.order_id.invoice_ids) == 1, "one deposit invoice"
    _commit(registry, check)


@pytest.mark.slow
def test_same_return_refunded_twice_at_once(registry):
    def build(env):
        channel, product, buyer, _wh = _base(env, "rf")
        order = _channel_order(env, channel, product, buyer, qty=2)
        order.action_ecom_cs_approve()
        order.action_ecom_finance_approve()
        case = env["ecom.return"].create({
            "order_id": order.id, "type": "refund_only",
            "line_ids": [(0, 0, {"product_id": product.id, "quantity": 1,
                                 "responsibility": "customer"})]})
        case.action_approve()
        return case.id
    case_id = _commit(registry, build)
    outcomes = _race(registry, ["race_rf_finance1", "race_rf_finance2"], "ecom.return",
                     case_id, lambda case: case.action_refund())
    _one_wins(outcomes)

    def check(env):
        case = env["ecom.return"].browse(case_id)
        assert case.state == "done"
        # Odoo's refunds of the order's invoice (issue 20)
        refunds = env["account.invoice"].search([
            ("type", "=", "out_refund"),
            ("refund_invoice_id", "in", case.order_id.invoice_ids.ids)])
        assert len(refunds) == 1, "one credit note"
        assert refunds == case.refund_invoice_id
        assert refunds.amount_total == 100.0
    _commit(registry, check)


@pytest.mark.slow
def test_two_refunds_of_one_order_at_once_never_exceed_the_payment(registry):
    """Two cases of the same order, each asking for the whole payment."""
    def build(env):
        channel, product, buyer, _wh = _base(env, "r2")
        order = _channel_order(env, channel, product, buyer, qty=2)
        order.action_ecom_cs_approve()
        order.action_ecom_finance_approve()
        cases = env["ecom.return"]
        for _n in range(2):
            cases |= env["ecom.return"].create({
                "order_id": order.id, "type": "refund_only",
                "line_ids": [(0, 0, {"product_id": product.id, "quantity": 1,
                                     "responsibility": "customer"})]})
        cases[0].action_approve()
        cases[1].action_approve()
        # Finance typed a lower payment meanwhile: room for one refund only.
        order.ecom_paid_amount = 150.0
        return order.id, cases.ids
    order_id, case_ids = _commit(registry, build)
    outcomes = _race(registry, ["race_r2_finance1", "race_r2_finance2"], "ecom.return",
                     case_ids, lambda case: case.action_refund())
    _one_wins(outcomes)

    def check(env):
        order = env["sale.order"].browse(order_id)
        refunds = env["account.invoice"].search([
            ("type", "=", "out_refund"), ("refund_invoice_id", "in", order.invoice_ids.ids),
            ("state", "!=", "cancel")])
        assert len(refunds) == 1 and refunds.amount_total == 100.0, refunds
    _commit(registry, check)


def _backorder_setup(tag, orders=1):
    def build(env):
        channel, product, buyer, warehouse = _base(env, tag)
        vendor = env["res.partner"].create({"name": "Race vendor", "supplier": True})
        env["product.supplierinfo"].create({
            "name": vendor.id, "product_tmpl_id": product.product_tmpl_id.id, "price": 10.0})
        backorders = env["ecom.backorder"]
        for n in range(orders):
            order = _channel_order(env, channel, product, buyer, qty=4, stock=0)
            order.ecom_platform_ref = "RACE-BO-%s-%s" % (tag, n)
            order.action_ecom_cs_approve()
            order.action_ecom_finance_approve()
            backorders |= order.ecom_backorder_ids
        assert len(backorders) == orders
        env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, 4)
        wizards = []
        for user_n in (1, 2):
            user = env["res.users"].search([("login", "=", "race_%s_manager%d" % (tag, user_n))])
            target = backorders[(user_n - 1) % orders]
            wizard = env["ecom.backorder.allocation"].sudo(user).create(
                {"backorder_ids": [(6, 0, target.ids)]})
            wizard.action_preview()
            wizards.append(wizard.id)
        return backorders.ids, product.id, wizards
    return build


def _allocation_race(registry, tag, wizards):
    return _race(registry, ["race_%s_manager1" % tag, "race_%s_manager2" % tag],
                 "ecom.backorder.allocation", wizards, lambda wizard: wizard.action_commit())


def _reserved(env, product_id):
    env.cr.execute("SELECT COALESCE(SUM(reserved_quantity), 0), COALESCE(SUM(quantity), 0) "
                   "FROM stock_quant q JOIN stock_location l ON l.id = q.location_id "
                   "WHERE q.product_id = %s AND l.usage = 'internal'", (product_id,))
    return env.cr.fetchone()


@pytest.mark.slow
def test_same_backorder_allocated_twice_at_once(registry):
    backorder_ids, product_id, wizards = _commit(registry, _backorder_setup("ba"))
    _one_wins(_allocation_race(registry, "ba", wizards))

    def check(env):
        backorder = env["ecom.backorder"].browse(backorder_ids)
        assert backorder.quantity_allocated == 4
        reserved, on_hand = _reserved(env, product_id)
        assert reserved <= on_hand == 4, (reserved, on_hand)
    _commit(registry, check)


@pytest.mark.slow
def test_two_backorders_allocated_the_same_stock_at_once(registry):
    """Four units, two backorders of four each, two people allocating at once."""
    backorder_ids, product_id, wizards = _commit(registry, _backorder_setup("bb", orders=2))
    _one_wins(_allocation_race(registry, "bb", wizards))

    def check(env):
        backorders = env["ecom.backorder"].browse(backorder_ids)
        assert sum(backorders.mapped("quantity_allocated")) == 4, "no over-allocation"
        reserved, on_hand = _reserved(env, product_id)
        assert reserved <= on_hand == 4, (reserved, on_hand)
    _commit(registry, check)
