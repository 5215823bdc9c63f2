# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stock reservation in bulk: the SQL that writes Odoo's reservations.

- ``stock.move._ecom_reserve_bulk(requests)``: the open delivery moves of
  many order lines reserved in a few statements (the backorder allocation
  of ``ecom_backorder`` commits thousands at once), taking what Odoo's own
  reservation would take (``reservation_plan.py``); the cases it does not
  reproduce go through Odoo's reservation, move by move;
- ``stock.picking._ecom_reserve_in_bulk()``: the deliveries of a batch of
  confirmations reserved through it, what it does not reproduce left to
  Odoo's ``action_assign`` (``models/stock_picking.py``, ReservationBatch);
- ``stock.picking._ecom_lock_stock()``: the quants a batch of deliveries may
  take, locked in one fixed order before Odoo reserves them (the
  confirmation batches of ``models/stock_picking.py``).

Switched off (``switch.py``): every request goes through Odoo's
reservation (``_update_reserved_quantity``; a batch's deliveries through
``action_assign``), and nothing is locked ahead.
"""
from collections import defaultdict, namedtuple

from odoo import api, fields, models
from odoo.tools import float_compare, float_round

from .reservation_plan import MoveNeed, Request, reserve
from .switch import bulk_layer_on

# the states of a move still to reserve
OPEN_STATES = ("confirmed", "waiting", "partially_available")

# a delivery move still to reserve; `plain`: made to stock (Odoo does not
# reserve a move made to order), neither chained nor restricted to an owner
_DeliveryMove = namedtuple(
    "_DeliveryMove", "id product uom location location_dest picking demand reference plain")


class StockMove(models.Model):
    _inherit = "stock.move"

    @api.model
    def _ecom_reserve_bulk(self, requests, unserved=None):
        """Reserve stock on the delivery moves of sale order lines, many at once.

        :param requests: [(key, sale order line id, quantity)], served in
            that order: each takes up to `quantity` (the product's unit) on
            the line's outgoing moves still to reserve, in ``move_ids`` order
        :param unserved: a list: the requests the bulk path does not reproduce
            are appended to it, unserved (missing from the result), for the
            caller to pass to Odoo's own reservation
        :return: {key: quantity reserved}

        The plain case takes in a few statements what Odoo's reservation
        would take (``reservation_plan.py``): a storable product without lot
        tracking, FIFO, no lot, package or owner on its free quants in the
        location; a move in the product's unit, neither chained nor
        restricted to an owner, with plain move lines if any. Quants are
        locked and raised, move lines created or topped up, the moves' state
        written once per state. Other requests, and all while the layer is
        off, go through Odoo's reservation (``_ecom_reserve_plain``).
        """
        if not requests:
            return {}
        if not bulk_layer_on(self.env):
            if unserved is not None:
                unserved.extend(requests)
                return {}
            return self._ecom_reserve_each(requests)
        moves = self._ecom_delivery_moves(requests)
        every_move = [move for rows in moves.values() for move in rows]
        products = self.env["product.product"].with_context(prefetch_fields=False).browse(
            {move.product for move in every_move})
        units = {product.id: product.uom_id for product in products}
        reserved, line_at, odd_moves = self._ecom_move_lines(every_move, units)
        simple, children = self._ecom_plain_stock(products, every_move)
        locked = ({product for product, _location in simple}, set().union(*children.values()))
        quants, odd = self._ecom_lock_quants(*locked)

        def plain(move):
            return ((move.product, move.location) in simple and move.plain
                    and move.uom == units[move.product].id and move.id not in odd_moves
                    and not odd.get(move.product, frozenset()) & children[move.location])

        result, plans, others = {}, [], []
        for key, line_id, quantity in requests:
            if not moves.get(key):
                result[key] = 0.0
            elif all(plain(move) for move in moves[key]):
                product = moves[key][0].product
                plans.append(Request(key, product, quantity, units[product].rounding, [
                    MoveNeed(move.id, children[move.location], move.demand - reserved[move.id])
                    for move in moves[key]]))
            else:
                others.append((key, line_id, quantity))
        if unserved is not None:
            unserved.extend(others)
            others = []
        result.update(self._ecom_reserve_each(others))
        if others:
            # what Odoo's reservation left (the rows stay locked)
            quants, _odd = self._ecom_lock_quants(*locked)
        reservation = reserve(plans, quants)
        by_id = {move.id: move for move in every_move}
        states = self._ecom_reserved_states(reservation, by_id, reserved, units)
        self._ecom_write_reservation(reservation, by_id, states, line_at)
        result.update(reservation.taken)
        return result

    # ------------------------------------------------------------------
    # Odoo's own reservation (the layer off, and what the bulk path leaves)
    # ------------------------------------------------------------------
    @api.model
    def _ecom_reserve_each(self, requests):
        """{key: quantity reserved} of `requests` (as ``_ecom_reserve_bulk``),
        one after the other through Odoo's reservation."""
        return {key: self._ecom_moves_to_reserve(line_id)._ecom_reserve_plain(quantity)
                for key, line_id, quantity in requests}

    @api.model
    def _ecom_moves_to_reserve(self, line_id):
        """The outgoing moves of sale order line `line_id` still to reserve."""
        return self.env["sale.order.line"].browse(line_id).move_ids.filtered(
            lambda m: m.state in OPEN_STATES and m.picking_code == "outgoing")

    @api.multi
    def _ecom_reserve_plain(self, quantity):
        """Reserve up to `quantity` (the product's unit) on these moves, first
        first, with Odoo's reservation; return what was taken."""
        taken = 0.0
        for move in self:
            missing = move.product_uom._compute_quantity(
                move.product_uom_qty - move.reserved_availability, move.product_id.uom_id)
            need = min(missing, quantity - taken)
            if need <= 0:
                continue
            available = self.env["stock.quant"]._get_available_quantity(
                move.product_id, move.location_id)
            if available <= 0:
                continue
            got = move._update_reserved_quantity(need, min(need, available), move.location_id,
                                                 strict=False)
            taken += got
            full = float_compare(move.reserved_availability, move.product_uom_qty,
                                 precision_rounding=move.product_uom.rounding) >= 0
            move.write({"state": "assigned" if full else "partially_available"})
        return taken

    # ------------------------------------------------------------------
    # What the bulk path reads
    # ------------------------------------------------------------------
    def _ecom_delivery_moves(self, requests):
        """{key: [_DeliveryMove]}: the moves of the requests' order lines
        still to reserve on outgoing deliveries, in the order of
        ``line_id.move_ids`` (the model's order: delivery priority and date)."""
        self.env.cr.execute("""
            SELECT m.sale_line_id, m.id, m.product_id, m.product_uom, m.location_id,
                   m.location_dest_id, m.picking_id, m.product_uom_qty,
                   m.reference, m.restrict_partner_id IS NULL
                   AND m.procure_method = 'make_to_stock' AND NOT EXISTS (
                       SELECT 1 FROM stock_move_move_rel r WHERE r.move_dest_id = m.id)
              FROM stock_move m
             WHERE m.sale_line_id = ANY(%s)
               AND m.state IN %s
               -- a subquery per move: joined, the planner scans all deliveries
               AND (SELECT t.code FROM stock_picking p
                      JOIN stock_picking_type t ON t.id = p.picking_type_id
                     WHERE p.id = m.picking_id) = 'outgoing'""",
                            (list({line_id for _key, line_id, _qty in requests if line_id}),
                             OPEN_STATES))
        rows = self.env.cr.fetchall()
        order = self.sudo().browse([row[1] for row in rows]).sorted().ids
        rank = {move_id: n for n, move_id in enumerate(order)}
        by_line = defaultdict(list)
        for row in sorted(rows, key=lambda row: rank[row[1]]):
            by_line[row[0]].append(_DeliveryMove(*row[1:]))
        return {key: by_line[line_id] for key, line_id, _qty in requests
                if by_line.get(line_id)}

    def _ecom_move_lines(self, moves, units):
        """What `moves` already reserved: ({move id: quantity in the
        product's unit}, {(move id, location id): the plain line that a new
        reservation there tops up, as Odoo does}, {ids of moves with other
        lines: lots, packages, owners or another unit})."""
        reserved, line_at, odd = defaultdict(float), {}, set()
        if not moves:
            return reserved, line_at, odd
        unit_of = {move.id: units[move.product].id for move in moves}
        self.env.cr.execute("""
            SELECT move_id, id, location_id, product_uom_id, COALESCE(product_qty, 0),
                   lot_id IS NULL AND package_id IS NULL AND owner_id IS NULL
                   AND result_package_id IS NULL
              FROM stock_move_line
             WHERE move_id = ANY(%s)
             ORDER BY id""", (list(unit_of),))
        for move_id, line_id, location_id, uom_id, quantity, plain in self.env.cr.fetchall():
            reserved[move_id] += quantity
            if plain and uom_id == unit_of[move_id]:
                line_at.setdefault((move_id, location_id), line_id)
            else:
                odd.add(move_id)
        return reserved, line_at, odd

    def _ecom_plain_stock(self, products, moves):
        """({(product id, location id)} whose stock the bulk path reserves
        (storable, no lot tracking, FIFO, a location that is reserved from),
        {location id: its children and itself})."""
        Quant = self.env["stock.quant"]
        simple = set()
        for location in self.env["stock.location"].browse({move.location for move in moves}):
            if location.should_bypass_reservation():
                continue
            simple.update((product.id, location.id) for product in products
                          if product.type == "product" and product.tracking == "none"
                          and Quant._get_removal_strategy(product, location) == "fifo")
        children = {location: frozenset(self.env["stock.location"].search(
            [("id", "child_of", location)]).ids) for location in {loc for _p, loc in simple}}
        return simple, children

    def _ecom_lock_quants(self, product_ids, location_ids):
        """Lock the quants of the products in the locations for this
        transaction; return ({product id: [(quant id, location id, free)]}
        oldest first (FIFO) for the plain quants, {product id: locations
        where it has free quants with a lot, package or owner})."""
        quants, odd = defaultdict(list), defaultdict(set)
        if not product_ids or not location_ids:
            return quants, odd
        self.env.cr.execute("""
            SELECT id, product_id, location_id, quantity - reserved_quantity,
                   lot_id IS NULL AND package_id IS NULL AND owner_id IS NULL
              FROM stock_quant
             WHERE product_id = ANY(%s) AND location_id = ANY(%s)
             ORDER BY in_date ASC NULLS FIRST, id
               FOR UPDATE""", (list(product_ids), list(location_ids)))
        for quant_id, product_id, location_id, free, plain in self.env.cr.fetchall():
            if plain:
                quants[product_id].append((quant_id, location_id, free))
            elif free > 0:
                odd[product_id].add(location_id)
        return quants, odd

    # ------------------------------------------------------------------
    # What the bulk path writes
    # ------------------------------------------------------------------
    @staticmethod
    def _ecom_reserved_states(reservation, moves, reserved, units):
        """{move id: its state once `reservation` is written}, for the moves
        it reserves (`moves`: {move id: _DeliveryMove}; `reserved`: what they
        had; `units`: {product id: its unit})."""
        states = {}
        for move_id, quantity in reservation.moves.items():
            move = moves[move_id]
            full = float_compare(reserved[move_id] + quantity, move.demand,
                                 precision_rounding=units[move.product].rounding) >= 0
            states[move_id] = "assigned" if full else "partially_available"
        return states

    def _ecom_write_reservation(self, reservation, moves, states, line_at):
        """Write `reservation` (reservation_plan.py) of `moves` ({move id:
        _DeliveryMove}): quants, the moves' new `states`, move lines.

        The states are written before the new move lines are inserted (with
        their move's state, a stored related field): the ORM then has only
        the lines that were already there to recompute.
        """
        if not reservation.lines:
            return
        cr, uid, now = self.env.cr, self.env.uid, fields.Datetime.now()
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        quants = sorted(reservation.quants.items())
        picking_ids = list({moves[move_id].picking for move_id in states} - {None})
        cr.execute("""
            UPDATE stock_quant q
               SET reserved_quantity = q.reserved_quantity + v.quantity,
                   write_uid = %s, write_date = %s
              FROM unnest(%s::int[], %s::float8[]) AS v(id, quantity)
             WHERE q.id = v.id""", (uid, now, [key for key, _qty in quants],
                                    [float_round(qty, precision_digits=digits)
                                     for _key, qty in quants]))
        self.env["stock.quant"].invalidate_cache(["reserved_quantity"], [key for key, _q in quants])
        self._ecom_write_move_states(states, picking_ids)
        topped = [(line_at[(move_id, location)], quantity)
                  for move_id, location, quantity in reservation.lines
                  if (move_id, location) in line_at]
        if topped:
            cr.execute("""
                UPDATE stock_move_line l
                   SET product_uom_qty = l.product_uom_qty + v.quantity,
                       product_qty = COALESCE(l.product_qty, 0) + v.quantity,
                       write_uid = %s, write_date = %s
                  FROM unnest(%s::int[], %s::float8[]) AS v(id, quantity)
                 WHERE l.id = v.id""", (uid, now, [key for key, _qty in topped],
                                        [float_round(qty, precision_digits=digits)
                                         for _key, qty in topped]))
        new = [(moves[move_id], location, float_round(quantity, precision_digits=digits))
               for move_id, location, quantity in reservation.lines
               if (move_id, location) not in line_at]
        self._ecom_insert_move_lines(new, states, now)
        # what the cache knew of these lines, moves and deliveries is older
        self.env["stock.move.line"].invalidate_cache()
        self.env["stock.move"].invalidate_cache(ids=list(states))
        self.env["stock.picking"].invalidate_cache(ids=picking_ids)

    def _ecom_insert_move_lines(self, new, states, now):
        """INSERT the move lines `new` ([(_DeliveryMove, location id,
        quantity)]), in the moves' new `states`, made `now`."""
        cr, uid = self.env.cr, self.env.uid
        putaway = self._ecom_putaway({(move.location_dest, move.product) for move, _l, _q in new})
        cr.execute("""
            INSERT INTO stock_move_line (
                move_id, picking_id, product_id, product_uom_id, product_uom_qty,
                product_qty, ordered_qty, qty_done, location_id, location_dest_id, state,
                reference, date, create_uid, create_date, write_uid, write_date)
            SELECT v.move_id, v.picking_id, v.product_id, v.uom_id, v.quantity,
                   v.quantity, v.quantity, 0, v.location_id, v.location_dest_id, v.state,
                   v.reference, %s, %s, %s, %s, %s
              FROM unnest(%s::int[], %s::int[], %s::int[], %s::int[], %s::float8[],
                          %s::int[], %s::int[], %s::varchar[], %s::varchar[])
                   AS v(move_id, picking_id, product_id, uom_id, quantity, location_id,
                        location_dest_id, state, reference)""", (
            now, uid, now, uid, now,
            [move.id for move, _l, _q in new], [move.picking for move, _l, _q in new],
            [move.product for move, _l, _q in new], [move.uom for move, _l, _q in new],
            [quantity for _m, _l, quantity in new], [location for _m, location, _q in new],
            [putaway[(move.location_dest, move.product)] for move, _l, _q in new],
            [states[move.id] for move, _l, _q in new], [move.reference for move, _l, _q in new]))

    def _ecom_putaway(self, pairs):
        """{(location id, product id): where Odoo's putaway strategy puts the
        product in the location (the location itself without one)}."""
        Location, Product = self.env["stock.location"], self.env["product.product"]
        return {(location_id, product_id): Location.browse(location_id).get_putaway_strategy(
                    Product.browse(product_id)).id or location_id
                for location_id, product_id in pairs}

    def _ecom_write_move_states(self, states, picking_ids):
        """Write {move id: state} through the ORM, one write per state, then
        let it recompute the deliveries' state once, in bulk.

        Odoo recomputes a delivery's state from its moves filtered and
        sorted in record sets of their own (``_get_relevant_state_among_moves``),
        which read each move and delivery apart (one query each) unless the
        values are in cache: the few columns it needs are read first, for
        all the deliveries at once.
        """
        Move = self.with_context(tracking_disable=True, mail_notrack=True)
        by_state = defaultdict(list)
        for move_id, state in states.items():
            by_state[state].append(move_id)
        with Move.env.norecompute():
            for state, ids in sorted(by_state.items()):
                Move.browse(ids).write({"state": state})
        self.env.cr.execute("SELECT id FROM stock_move WHERE picking_id = ANY(%s)",
                            (picking_ids,))
        Move.browse([row[0] for row in self.env.cr.fetchall()]).read(
            ["state", "product_uom_qty", "picking_id"], load=None)
        # (in the environment of the write: a one2many's cache is per context)
        Move.env["stock.picking"].browse(picking_ids).read(["move_type", "move_lines"], load=None)
        Move.recompute()


class StockPicking(models.Model):
    _inherit = "stock.picking"

    @api.multi
    def _ecom_reserve_in_bulk(self):
        """Reserve these deliveries' open moves where the bulk path takes
        what Odoo's reservation would (``stock.move._ecom_reserve_bulk``),
        in the order of `self`; return the deliveries left with a move for
        Odoo's ``action_assign`` (all of them while the layer is off).

        A move goes to the bulk path when it is the only open move of its
        sale order line on an outgoing delivery; the bulk path itself leaves
        what it does not reproduce (consumables, lots, packages, owners,
        chained or made-to-order moves, another unit): the deliveries of
        those are reserved by Odoo after the others.
        """
        if not bulk_layer_on(self.env):
            return self
        moves = self.mapped("move_lines").filtered(
            lambda m: m.state in OPEN_STATES and m.sale_line_id
            and m.picking_code == "outgoing")
        self.env.cr.execute("""
            SELECT sale_line_id FROM stock_move
             WHERE sale_line_id = ANY(%s) AND state IN %s
             GROUP BY sale_line_id HAVING count(*) > 1""",
                            (moves.mapped("sale_line_id").ids, OPEN_STATES))
        shared = {row[0] for row in self.env.cr.fetchall()}
        moves = moves.filtered(lambda m: m.sale_line_id.id not in shared)
        unserved = []
        self.env["stock.move"]._ecom_reserve_bulk(
            [(move.id, move.sale_line_id.id, move.product_qty) for move in moves],
            unserved=unserved)
        served = set(moves.ids) - {key for key, _line, _quantity in unserved}
        return self.filtered(lambda picking: any(
            move.state in OPEN_STATES and move.id not in served
            for move in picking.move_lines))

    @api.multi
    def _ecom_lock_stock(self):
        """Lock the stock these deliveries may take, in one fixed order.

        Reserving row by row, two workers taking the same products in
        different orders would deadlock; locked all at once in the order of
        their ids, the second simply waits for the first to commit. Off
        (``switch.py``): nothing is locked ahead, as in Odoo.
        """
        if not bulk_layer_on(self.env):
            return
        moves = self.mapped("move_lines").filtered(
            lambda m: m.state not in ("draft", "cancel", "done"))
        if not moves:
            return
        locations = self.env["stock.location"].search(
            [("id", "child_of", moves.mapped("location_id").ids)])
        self.env.cr.execute("""
            SELECT id FROM stock_quant
             WHERE product_id IN %s AND location_id IN %s
             ORDER BY id FOR UPDATE""", (tuple(moves.mapped("product_id").ids),
                                         tuple(locations.ids)))
