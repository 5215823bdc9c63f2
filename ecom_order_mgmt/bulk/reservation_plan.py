# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reserve plain stock for many moves at once (no ORM here).

It takes what Odoo's reservation (``stock.move._update_reserved_quantity``,
not strict) takes for a product without lots, packages or owners, in its
own unit, with the FIFO removal strategy: each move gets the free quantity
of its source location and children, rounded down to the unit, taken from
the quants oldest first. Done for thousands of moves in one pass, so that
the caller can write the result in a few statements.
"""
from collections import namedtuple

from odoo.tools.float_utils import float_compare, float_round

# `quantity` to reserve over `moves` (MoveNeed), first move first; `rounding`
# of the product's unit
Request = namedtuple("Request", "key product quantity rounding moves")
# a move: its key, the locations it may take from, the quantity it misses
MoveNeed = namedtuple("MoveNeed", "key locations missing")
# lines: [(move key, location, quantity)], one per move and location;
# taken: {request key: quantity}; moves: {move key: quantity};
# quants: {quant key: quantity taken}
Reservation = namedtuple("Reservation", "lines taken moves quants")


def reserve(requests, quants):
    """Serve `requests`, in the order given, from `quants`.

    :param requests: iterable of Request
    :param quants: {product: [(quant key, location, free quantity)]} oldest
                   first; not modified
    :return: Reservation (requests and moves that get nothing are left out)
    """
    free = {product: [[key, location, quantity] for key, location, quantity in rows]
            for product, rows in quants.items()}
    result = Reservation([], {}, {}, {})
    for request in requests:
        rounding = request.rounding
        got_total = 0.0
        for move in request.moves:
            rows = [row for row in free.get(request.product, ())
                    if row[1] in move.locations
                    and float_compare(row[2], 0, precision_rounding=rounding) > 0]
            # as Odoo: never more than the move misses or than is free, in whole units
            need = float_round(min(move.missing, request.quantity - got_total,
                                   sum(row[2] for row in rows)),
                               precision_rounding=rounding, rounding_method="DOWN")
            per_location = {}
            for row in rows:
                if float_compare(need, 0, precision_rounding=rounding) <= 0:
                    break
                take = min(row[2], need)
                row[2] -= take
                need -= take
                result.quants[row[0]] = result.quants.get(row[0], 0.0) + take
                per_location[row[1]] = per_location.get(row[1], 0.0) + take
            for location, quantity in per_location.items():
                result.lines.append((move.key, location, quantity))
                result.moves[move.key] = result.moves.get(move.key, 0.0) + quantity
                got_total += quantity
        if got_total:
            result.taken[request.key] = got_total
    return result
