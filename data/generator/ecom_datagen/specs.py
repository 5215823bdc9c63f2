# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Channel orders to write: receipt times, stages, lines, payment, the
times of each step (specs for `OrderWriter.write`)."""
from collections import defaultdict
from datetime import datetime, timedelta

import pytz

from .world import FULFIL, HOURS, PAYMENT, STAGE_BY_AGE, WEEKDAY, _weighted


def _ages(rng, now, count):
    """Receipt times over the last 12 months: weekly and daily patterns, a
    slow growth and the 11.11 and 6.18 shopping festivals (naive UTC).
    Small sets span fewer days, so that every stage still has orders."""
    span = 365 if count >= 20000 else max(20, min(365, count // 55))
    days = []
    weights = []
    for d in range(span):
        day = (now - timedelta(days=d)).date()
        w = WEEKDAY[day.weekday()] * (1.0 + 0.6 * (span - d) / float(span))
        if (day.month, day.day) in ((11, 11), (6, 18)):
            w *= 4
        elif (day.month == 11 and 1 <= day.day <= 12) or (day.month == 6 and 1 <= day.day <= 18):
            w *= 1.5
        days.append(day)
        weights.append(w)
    hours = list(range(24))
    result = []
    for day in rng.choices(days, weights, k=count):
        hour = rng.choices(hours, HOURS)[0]
        local = datetime(day.year, day.month, day.day, hour, rng.randrange(60),
                         rng.randrange(60))
        utc = local - timedelta(hours=8)
        if utc >= now:
            utc = now - timedelta(seconds=rng.randrange(60, 3600 * 6))
        result.append(utc)
    return result


def _stage(rng, age_hours):
    for limit, weights in STAGE_BY_AGE:
        if limit is None or age_hours < limit:
            return _weighted(rng, list(weights.items()))


def _steps(rng, start, now, count, minutes):
    """`count` increasing times after `start`, about `minutes` apart, before `now`."""
    times, t = [], start
    for i in range(count):
        room = (now - t).total_seconds() - 60 * (count - i)
        step = min(rng.uniform(0.3, 1.7) * minutes * 60, max(room / (count - i + 1), 1))
        t = t + timedelta(seconds=max(step, 1))
        times.append(t)
    return times


class OrderSpecs(object):
    """Makes the spec of each channel order (see `OrderWriter.write`) from one
    random generator, in one fixed order of draws: the same seed, the same orders."""

    def __init__(self, ctx, rng, buyers, channel_rows, products):
        self.ctx, self.rng, self.buyers = ctx, rng, buyers
        self.channel_rows = channel_rows
        self.channel_by_id = {c.id: (c, x) for c, x in channel_rows}
        self.products = products
        self.no_stock = products[:max(2, len(products) // 10)]   # never in stock: backorders
        self.stocked = products[len(self.no_stock):]
        self.zipf = [1.0 / (i + 1) ** 0.8 for i in range(len(self.stocked))]
        self.deadline_cache = {}
        self.day_cache = {}
        self.stats = defaultdict(int)
        self.serial = 0

    def make(self, received_at):
        """The spec of the next order, received at `received_at` (naive UTC)."""
        ctx, rng = self.ctx, self.rng
        self.serial += 1
        buyer = rng.choice(self.buyers)
        channel, _cdef = self.channel_by_id[buyer[6]] if rng.random() < 0.8 else \
            self.channel_by_id[_weighted(rng, [(c.id, x[3]) for c, x in self.channel_rows])]
        age = (ctx.now - received_at).total_seconds() / 3600.0
        stage, backorder = self._stage(age)
        lines = self._lines(backorder)
        total = round(sum(q * p for _x, q, p, _s in lines), 2)
        mode, paid, pay_state = self._payment(stage, total)
        deadline, day = self._deadline(channel, received_at)
        times = self._times(received_at, age)
        approved = stage in FULFIL
        cs_done, before_exc = self._review(stage, approved)
        remark = rng.choice((None,) * 8 + ("请尽快发货", "送人的，不要放发票", "周末送货"))
        order = self._order(
            buyer, channel, received_at, stage, times, total, mode, paid, pay_state)
        packed_at = times["packed"] if approved and FULFIL.index(stage) >= 3 else None
        order.update({
            "ecom_state_before_exception": before_exc, "ecom_buyer_remark": remark,
            "ecom_order_date": day, "ecom_sla_deadline": deadline,
            "ecom_sla_done_at": packed_at,
            "ecom_sla_breached": bool(packed_at and packed_at > deadline),
            "ecom_cs_user_id": ctx.cs_uid if cs_done else None,
            "ecom_cs_date": times["cs"] if cs_done else None,
            "ecom_shortage": ("backorder" if backorder else "stock")
            if approved or stage == "to_finance" else None,
        })
        for line in lines:
            if line[3] is None and order["ecom_shortage"]:
                line[3] = "stock"
        self.stats[stage] += 1
        self.stats["backorder"] += backorder
        return {"order": order, "lines": [tuple(x) for x in lines],
                "fulfil": stage if approved else None, "times": times,
                "reserve": not backorder, "backorder": backorder}

    def _stage(self, age):
        """(stage, backorder) of an order `age` hours old."""
        rng = self.rng
        stage = _stage(rng, age)
        backorder = False
        if stage in ("to_print", "printed") and rng.random() < 0.35 or \
                stage in ("shipped",) and age < 24 * 14 and rng.random() < 0.03:
            # a backorder: approved, one line has no stock, waiting
            backorder = True
            stage = "to_print"
        return stage, backorder

    def _lines(self, backorder):
        """[product, quantity, price, shortage] of each line; a backorder has one
        more line of a product never in stock."""
        rng = self.rng
        n_lines = _weighted(rng, [(1, 62), (2, 28), (3, 8), (4, 2)])
        chosen = rng.choices(self.stocked, self.zipf, k=n_lines)
        seen = set()
        lines = []
        for product in chosen:
            if product["id"] in seen:
                continue
            seen.add(product["id"])
            lines.append([product, float(_weighted(rng, [(1, 75), (2, 18), (3, 7)])),
                          product["price"], None])
        if backorder:
            lines.append([rng.choice(self.no_stock), float(rng.choice((1, 1, 2, 5))),
                          self.no_stock[0]["price"], "backorder"])
        return lines

    def _payment(self, stage, total):
        """(payment mode, amount paid, payment state)."""
        rng = self.rng
        mode = _weighted(rng, PAYMENT)
        paid = 0.0 if mode in ("cod", "cod_inspect") and stage != "delivered" else total
        if stage == "exception" and rng.random() < 0.4:
            paid = round(total * 0.9, 2)
        pay_state = "paid" if paid >= total and total else (
            "cod" if mode in ("cod", "cod_inspect") else "partial" if paid else "unpaid")
        return mode, paid, pay_state

    def _deadline(self, channel, received_at):
        """(SLA deadline, the order's day on the channel's clock), by the channel."""
        key = (channel.id, received_at)
        if key not in self.deadline_cache:
            self.deadline_cache[key] = channel._sla_deadline(received_at)
            # the order's day on the channel's clock (stored: the KPI pivot reads it)
            self.day_cache[key] = pytz.utc.localize(received_at).astimezone(
                pytz.timezone(channel.tz or "Asia/Shanghai")).date()
        deadline = datetime.strptime(self.deadline_cache[key], "%Y-%m-%d %H:%M:%S")
        return deadline, self.day_cache[key]

    def _times(self, received_at, age):
        """When each step was (or would have been) done."""
        rng, now = self.rng, self.ctx.now
        steps = _steps(rng, received_at, now, 8, 45 if age < 72 else 180)
        times = {"cs": steps[0], "finance": steps[1], "printed": steps[2],
                 "picked": steps[3], "packed": steps[4], "checked": steps[5],
                 "shipped": steps[6],
                 "delivered": min(steps[6] + timedelta(hours=rng.uniform(20, 96)),
                                  now - timedelta(minutes=1))}
        return {k: v.replace(microsecond=0) for k, v in times.items()}

    def _review(self, stage, approved):
        """(CS review done, the stage before an exception)."""
        cs_done = stage in ("to_finance",) or approved
        before_exc = None
        if stage == "exception":
            before_exc = self.rng.choice(("to_review", "to_review", "to_finance"))
            cs_done = before_exc == "to_finance"
        return cs_done, before_exc

    def _order(self, buyer, channel, received_at, stage, times, total, mode, paid,
               pay_state):
        """The order's values by column (those of the review and SLA aside)."""
        ctx, serial = self.ctx, self.serial
        approved = stage in FULFIL
        return {
            "name": "SB%07d" % serial, "origin": None,
            "state": "sale" if approved else ("cancel" if stage == "cancel" else "draft"),
            "date_order": received_at, "create_date": received_at,
            "confirmation_date": times["finance"] if approved else None,
            "user_id": ctx.cs_uid, "partner_id": buyer[0], "partner_invoice_id": buyer[0],
            "partner_shipping_id": buyer[0], "pricelist_id": ctx.pricelist.id,
            "invoice_status": "to invoice" if approved else "no",
            "amount_untaxed": total, "amount_tax": 0.0, "amount_total": total,
            "company_id": ctx.company.id, "team_id": ctx.team_id,
            "write_date": times["finance"] if approved else received_at,
            "create_uid": 1, "write_uid": 1,
            "picking_policy": "one", "warehouse_id": ctx.warehouse.id,
            "ecom_channel_id": channel.id, "ecom_platform_ref": "%s%012d" % (
                channel.code[1:3], serial),
            "ecom_state": "approved" if approved else stage,
            "ecom_buyer_name": buyer[1], "ecom_buyer_phone": buyer[2],
            "ecom_province": buyer[3], "ecom_city": buyer[4], "ecom_district": None,
            "ecom_street": buyer[5], "ecom_payment_mode": mode, "ecom_paid_amount": paid,
            "ecom_payment_state": pay_state, "ecom_received_at": received_at,
            "ecom_finance_user_id": ctx.finance_uid if approved else None,
            "ecom_finance_date": times["finance"] if approved else None,
            "ecom_exception_reason_id": ctx.reasons.get(
                "amount_mismatch" if paid < total else "address_incomplete")
            if stage == "exception" else None,
            "ecom_exception_date": times["cs"] if stage == "exception" else None,
            "ecom_split_consent": False,
        }
