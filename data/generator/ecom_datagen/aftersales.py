# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Backorders, feedback, after-sales cases and custom requests of the
generated orders (bulk), and a few after-sales cases walked through the ORM."""
from datetime import timedelta

from .bulk import Bulk
from .world import CUSTOM_STATES, _weighted


def _write_backorders(cr, ctx, written):
    """An open backorder for each line of `written` orders short of stock."""
    rows = Bulk(cr, "ecom_backorder", [
        "name", "order_id", "line_id", "partner_id", "channel_id", "company_id",
        "warehouse_id", "priority", "order_date", "product_id", "quantity",
        "quantity_allocated", "quantity_promised", "state", "urgent", "create_uid",
        "create_date", "write_uid", "write_date"])
    todo = []
    for oid, spec, line_ids, _pid in written:
        if spec["backorder"]:
            for line, line_id in zip(spec["lines"], line_ids):
                if line[3] == "backorder":
                    todo.append((oid, spec, line, line_id))
    bid = rows.reserve(len(todo))
    cr.execute("SELECT id, ecom_priority FROM res_partner WHERE ecom_priority != '0'")
    priority = dict(cr.fetchall())
    for oid, spec, line, line_id in todo:
        o = spec["order"]
        rows.add(bid, ["%s / %s" % (o["name"], line[0]["code"]), oid, line_id, o["partner_id"],
                       o["ecom_channel_id"], ctx.company.id, ctx.warehouse.id,
                       priority.get(o["partner_id"], "0"), o["date_order"], line[0]["id"],
                       line[1], 0.0, 0.0, "open", False, 1, spec["times"]["finance"], 1,
                       spec["times"]["finance"]])
        bid += 1
    rows.flush()


def _write_feedback_and_returns(cr, ctx, written, rng, env):
    """Feedback on ~7 % of delivered orders, after-sales cases on ~4 % (drafts
    and rejections; cases that move goods and money are made by the ORM)."""
    reasons = env["ecom.return.reason"].search([])
    feedback = Bulk(cr, "ecom_feedback", [
        "name", "kind", "contact_channel", "order_id", "channel_id", "partner_id",
        "company_id", "user_id", "deadline", "description", "resolution", "state",
        "picking_id", "create_uid", "create_date", "write_uid", "write_date"])
    cases = Bulk(cr, "ecom_return", [
        "name", "type", "state", "order_id", "partner_id", "channel_id", "company_id",
        "user_id", "evidence", "tags_intact", "packaging_intact", "before_shipment",
        "reject_reason", "create_uid", "create_date", "write_uid", "write_date"])
    case_lines = Bulk(cr, "ecom_return_line", [
        "return_id", "product_id", "quantity", "reason_id", "responsibility", "sale_line_id",
        "price_unit", "quantity_defective", "create_uid", "create_date", "write_uid",
        "write_date"])
    delivered = [w for w in written if w[1]["fulfil"] == "delivered"]
    fb = [w for w in delivered if rng.random() < 0.07]
    rc = [w for w in delivered if rng.random() < 0.04]
    fid = feedback.reserve(len(fb))
    for oid, spec, _lines, pid in fb:
        o = spec["order"]
        at = spec["times"]["delivered"]
        kind = _weighted(rng, [("question", 40), ("suggestion", 10), ("complaint", 25),
                               ("return_request", 15), ("delivery_followup", 10)])
        old = (ctx.now - at).days > 3
        state = _weighted(rng, [("resolved", 90), ("cancel", 5), ("in_progress", 5)]) \
            if old else _weighted(rng, [("new", 60), ("in_progress", 40)])
        feedback.add(fid, [
            "%s: %s" % (o["name"], kind), kind, _weighted(rng, [
                ("platform_chat", 60), ("phone", 15), ("wechat", 15), ("review", 10)]),
            oid, o["ecom_channel_id"], o["partner_id"], ctx.company.id, ctx.cs_uid,
            (at + timedelta(days=1)).date(), "买家留言", "已处理" if state == "resolved" else None,
            state, pid, 1, at, 1, at])
        fid += 1
    feedback.flush()
    cid = cases.reserve(len(rc))
    lid = case_lines.reserve(len(rc))
    for n, (oid, spec, line_ids, _pid) in enumerate(rc, 1):
        o = spec["order"]
        at = spec["times"]["delivered"] + timedelta(hours=rng.uniform(2, 100))
        at = min(at, ctx.now).replace(microsecond=0)
        state = "rejected" if rng.random() < 0.4 else "draft"
        ctype = _weighted(rng, [("return_refund", 70), ("exchange", 20), ("reissue", 10)])
        cases.add(cid, [
            "RMA/B%06d" % n, ctype, state, oid, o["partner_id"], o["ecom_channel_id"],
            ctx.company.id, ctx.cs_uid, "买家申请售后", True, True, False,
            "超过七天无理由退货期限" if state == "rejected" else None, 1, at, 1, at])
        product, qty, price, _s = spec["lines"][0]
        case_lines.add(lid, [cid, product["id"], 1.0, reasons and rng.choice(reasons.ids),
                             "customer", line_ids[0], price, 0.0, 1, at, 1, at])
        cid += 1
        lid += 1
    cases.flush()
    case_lines.flush()


def _write_custom_requests(cr, ctx, written, rng):
    """Custom-order requests, a few in each stage (0.05 % of orders, at least one each)."""
    rows = Bulk(cr, "ecom_custom_request", [
        "name", "state", "order_id", "company_id", "partner_id", "line_id", "product_id",
        "quantity", "requester_id", "feasibility", "buyer_decision", "approval_submission",
        "deposit_percent", "deposit_amount", "balance_amount", "deposit_received", "note",
        "create_uid", "create_date", "write_uid", "write_date"])
    pools = {
        "open": [w for w in written if w[1]["order"]["ecom_state"] in ("to_review",
                                                                       "to_finance")],
        "waiting": [w for w in written if w[1]["fulfil"] == "to_print"],
        "delivered": [w for w in written if w[1]["fulfil"] == "delivered"],
        "cancel": [w for w in written if w[1]["order"]["state"] == "cancel"],
    }
    per_state = max(1, len(written) // 20000)
    todo = []
    used = set()
    for state in CUSTOM_STATES:
        pool = pools["open"] if state in ("draft", "price_approval", "deposit_pending") else \
            pools["delivered"] if state == "done" else pools["cancel"] if state == "cancel" \
            else pools["waiting"]
        for w in rng.sample(pool, min(per_state, len(pool))):
            if w[0] not in used:
                used.add(w[0])
                todo.append((state, w))
    rid = rows.reserve(len(todo))
    for n, (state, (oid, spec, line_ids, _pid)) in enumerate(todo, 1):
        o = spec["order"]
        product, qty, price, _s = spec["lines"][0]
        answered = state not in ("draft",)
        deposit = round(o["amount_total"] * 0.3, 2)
        paid = state not in ("draft", "price_approval", "deposit_pending", "cancel")
        rows.add(rid, [
            "CR/B%05d" % n, state, oid, ctx.company.id, o["partner_id"], line_ids[0],
            product["id"], qty, ctx.cs_uid, "yes" if answered else "pending",
            "accepted" if answered else "pending", 0, 30.0, deposit,
            round(o["amount_total"] - deposit, 2), deposit if paid else 0.0, "定制刺绣",
            1, o["create_date"], 1, o["create_date"]])
        rid += 1
    rows.flush()


def _orm_returns(env, ctx, written, rng, count, log):
    """A few after-sales cases through the real actions: approved, received, refunded."""
    recent = [w for w in written if w[1]["fulfil"] == "delivered"
              and (ctx.now - w[1]["times"]["delivered"]).days < 5]
    Case = env["ecom.return"]
    reason = env["ecom.return.reason"].search([], limit=1)
    done = 0
    for oid, spec, _lines, _pid in rng.sample(recent, min(count, len(recent))):
        product, _qty, _price, _s = spec["lines"][0]
        try:
            with env.cr.savepoint():
                case = Case.create({
                    "order_id": oid, "type": "return_refund", "evidence": "尺码不合适",
                    "line_ids": [(0, 0, {"product_id": product["id"], "quantity": 1,
                                         "reason_id": reason.id,
                                         "responsibility": "customer"})]})
                stage = done % 4
                if stage >= 1:
                    case.action_approve()
                if stage >= 2:
                    case._ecom_demo_receive()
                if stage >= 3:
                    case.action_refund()
                done += 1
        except Exception as error:   # noqa: B902 - reported, the data stays usable
            log("after-sales case on order %s not walked: %s" % (oid, error))
    return done


# ----------------------------------------------------------------------
