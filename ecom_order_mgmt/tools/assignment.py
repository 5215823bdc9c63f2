# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Work assignment (订单分配, [004]): which CS user gets each new order.

No ORM here. ``ecom.assignment.rule`` reads its rules, the open workload of
their users and the last user each rule gave an order to, once per batch of
orders, and calls :func:`assign`; it writes the result in one go.

Rules are tried in sequence; the first whose channel, provinces and company
fit the order decides. Round-robin gives the order to the user after the
last one the rule served (in the rule's user order); "workload" to the user
with the fewest open orders (ties: the rule's user order). Each order given
counts at once, so a batch is spread as if assigned one by one.
"""
from collections import namedtuple

ROUND_ROBIN = "round_robin"
WORKLOAD = "workload"

# provinces: a tuple of prefixes ("浙江" fits "浙江省"), empty = any;
# channel_id / company_id: False = any; user_ids: in the rule's order
Rule = namedtuple("Rule", "id channel_id provinces company_id method user_ids")
Order = namedtuple("Order", "id channel_id province company_id")


def parse_provinces(text):
    """The province prefixes of a rule, typed separated by commas, 、 or spaces."""
    for separator in (",", ",", "、", ";", ";"):
        text = (text or "").replace(separator, " ")
    return tuple(part for part in text.split() if part)


def fits(rule, order):
    """Whether `rule` applies to `order`."""
    if rule.channel_id and rule.channel_id != order.channel_id:
        return False
    if rule.company_id and rule.company_id != order.company_id:
        return False
    if rule.provinces:
        province = order.province or ""
        return any(province.startswith(prefix) for prefix in rule.provinces)
    return True


def pick(rule, last_user_id, load):
    """The user `rule` gives its next order to, or None when it has none."""
    users = list(rule.user_ids)
    if not users:
        return None
    if rule.method == WORKLOAD:
        return min(users, key=lambda user: (load.get(user, 0), users.index(user)))
    if last_user_id in users:
        return users[(users.index(last_user_id) + 1) % len(users)]
    return users[0]


def assign(orders, rules, last_users, load):
    """{order id: (rule id, user id)} for the orders a rule assigns.

    :param orders: :class:`Order` tuples, in the order they are assigned
    :param rules: :class:`Rule` tuples, in sequence
    :param last_users: {rule id: the user it last gave an order to}
    :param load: {user id: open orders}; updated as orders are given
    """
    last_users = dict(last_users)
    result = {}
    for order in orders:
        for rule in rules:
            if not fits(rule, order):
                continue
            user = pick(rule, last_users.get(rule.id), load)
            if user is None:
                continue
            result[order.id] = (rule.id, user)
            last_users[rule.id] = user
            load[user] = load.get(user, 0) + 1
            break
    return result
