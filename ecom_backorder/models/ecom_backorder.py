# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict, namedtuple
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_round

from odoo.addons import decimal_precision as dp
from odoo.addons.ecom_order_mgmt.const import CS, MANAGER, PURCHASE, WAREHOUSE
from odoo.addons.ecom_order_mgmt.models.ecom_guard_mixin import ecom_action

from ..tools.allocation import Demand, allocate, backorder_state, promise
from ..tools.reservation import MoveNeed, Request, reserve

STATES = [
    ("open", "Open"),
    ("notified", "Supplier Notified"),
    ("partial", "Partly Allocated"),
    ("allocated", "Allocated"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]

# a delivery move still to reserve; `plain`: neither chained nor restricted
# to an owner
_DeliveryMove = namedtuple(
    "_DeliveryMove", "id product uom location location_dest picking demand reference plain")


class EcomBackorder(models.Model):
    """A quantity a reviewed order needs and stock could not cover (缺货订单)."""

    _name = "ecom.backorder"
    _description = "Backorder"
    _inherit = ["mail.thread", "mail.activity.mixin", "ecom.guard.mixin"]
    _order = "priority desc, order_date, id"
    # allocation, supplier requests and closing are the actions' business
    _ecom_protected_fields = ("closed", "quantity_allocated", "quantity_promised",
                              "purchase_line_id")

    name = fields.Char(compute="_compute_name", store=True)
    order_id = fields.Many2one("sale.order", required=True, index=True, ondelete="cascade",
                               readonly=True)
    line_id = fields.Many2one("sale.order.line", index=True, ondelete="cascade",
                              readonly=True)
    partner_id = fields.Many2one(related="order_id.partner_id", store=True, readonly=True,
                                 string="Customer")
    channel_id = fields.Many2one(related="order_id.ecom_channel_id", store=True,
                                 readonly=True, string="Channel")
    company_id = fields.Many2one(related="order_id.company_id", store=True, readonly=True)
    warehouse_id = fields.Many2one(related="order_id.warehouse_id", store=True,
                                   readonly=True)
    priority = fields.Selection(related="partner_id.ecom_priority", store=True,
                                readonly=True, string="Customer Priority")
    order_date = fields.Datetime(related="order_id.date_order", store=True, readonly=True)
    product_id = fields.Many2one("product.product", required=True, index=True,
                                 readonly=True)
    quantity = fields.Float(string="Quantity Short", required=True, readonly=True,
                            digits=dp.get_precision("Product Unit of Measure"))
    quantity_allocated = fields.Float(string="Allocated", readonly=True, copy=False,
                                      digits=dp.get_precision("Product Unit of Measure"),
                                      track_visibility="onchange")
    quantity_promised = fields.Float(
        string="Promised from Incoming", readonly=True, copy=False,
        digits=dp.get_precision("Product Unit of Measure"),
        help="Quantity expected from purchase receipts at the promised date.")
    requested_date = fields.Date(string="Requested Date")
    promised_date = fields.Date(string="Promised Date", track_visibility="onchange")
    picking_ids = fields.One2many(related="order_id.picking_ids", string="Batches",
                                  readonly=True)
    purchase_line_id = fields.Many2one("purchase.order.line", string="Supplier Request",
                                       readonly=True, copy=False)
    closed = fields.Selection([("done", "Done"), ("cancel", "Cancelled")], copy=False,
                              readonly=True)
    state = fields.Selection(STATES, compute="_compute_state", store=True, index=True,
                             track_visibility="onchange")
    urgent = fields.Boolean(track_visibility="onchange",
                            help="The buyer cannot wait: source it by emergency.")
    note = fields.Text()

    can_allocate = fields.Boolean(compute="_compute_ecom_can")
    can_notify_supplier = fields.Boolean(compute="_compute_ecom_can")
    can_source = fields.Boolean(compute="_compute_ecom_can")
    can_cancel = fields.Boolean(compute="_compute_ecom_can")

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A backorder quantity must be positive."),
        ("allocated_within", "CHECK(quantity_allocated >= 0 AND quantity_allocated <= quantity)",
         "A backorder cannot be allocated more than it is short."),
    ]

    @api.model
    def _ecom_actions(self):
        actions = super(EcomBackorder, self)._ecom_actions()
        is_open = ("open", "notified", "partial")
        closed = _("Backorder %(name)s is %(stage)s: it is no longer open.")
        actions.update({
            "allocate": ecom_action([CS, WAREHOUSE, MANAGER], is_open,
                                    label=_("Allocating stock"), refusal=closed),
            "notify_supplier": ecom_action(
                [CS, PURCHASE, MANAGER], ("open", "partial"), label=_("Notifying suppliers"),
                refusal=_("Backorder %(name)s is %(stage)s: the supplier is asked for open "
                          "backorders only.")),
            "source": ecom_action([CS, PURCHASE, MANAGER], is_open,
                                  label=_("Urgent sourcing"), refusal=closed),
            "cancel": ecom_action([CS, MANAGER], is_open, label=_("Cancelling backorders"),
                                  refusal=closed),
        })
        return actions

    def _ecom_why_not(self, action):
        why = super(EcomBackorder, self)._ecom_why_not(action)
        if not why and action == "notify_supplier" and self.purchase_line_id:
            return _("The supplier of backorder %s was already asked (%s).") % (
                self.name, self.purchase_line_id.order_id.name)
        return why

    @api.depends("order_id.name", "product_id.default_code")
    def _compute_name(self):
        for backorder in self:
            backorder.name = "%s / %s" % (backorder.order_id.name,
                                          backorder.product_id.default_code
                                          or backorder.product_id.name)

    @api.depends("closed", "quantity", "quantity_allocated", "purchase_line_id")
    def _compute_state(self):
        for backorder in self:
            backorder.state = backorder_state(
                backorder.closed, backorder.quantity, backorder.quantity_allocated,
                bool(backorder.purchase_line_id), backorder.product_id.uom_id.rounding or 0.001)

    # ------------------------------------------------------------------
    # Supply
    # ------------------------------------------------------------------
    @api.model
    def _ecom_select(self, model, select, domain, tail=""):
        """Rows of ``SELECT select`` over the records of `model` matching
        `domain` that the user may read (access rights and record rules).

        One query, as read_group or search_read would make, without loading
        records nor the display names of their relations (the names of 500
        products cost more than the sums).
        """
        model.check_access_rights("read")
        query = model._where_calc(domain)
        model._apply_ir_rules(query, "read")
        from_clause, where_clause, params = query.get_sql()
        self.env.cr.execute("SELECT %s FROM %s WHERE %s %s" % (
            select, from_clause, where_clause or "TRUE", tail), params)
        return self.env.cr.fetchall()

    @api.model
    def _ecom_supply(self, products, warehouses):
        """Free and incoming quantities, one query each per warehouse.

        :return: {"free": {(warehouse id, product id): on hand not reserved,
                  safety stock excluded}, "incoming": {(warehouse id, product
                  id): [(date, quantity)] of receipts not arrived, by date}}
        """
        free, incoming = defaultdict(float), defaultdict(list)
        if not products or not warehouses:
            return {"free": free, "incoming": incoming}
        for warehouse in warehouses:
            for product_id, quantity in self._ecom_select(
                    self.env["stock.quant"],
                    'stock_quant.product_id, '
                    'SUM(stock_quant.quantity) - SUM(stock_quant.reserved_quantity)',
                    [("product_id", "in", products.ids),
                     ("location_id", "child_of", warehouse.lot_stock_id.id)],
                    "GROUP BY stock_quant.product_id"):
                free[(warehouse.id, product_id)] = quantity
            for product_id, date, quantity in self._ecom_select(
                    self.env["stock.move"],
                    "stock_move.product_id, stock_move.date_expected, stock_move.product_qty",
                    [("product_id", "in", products.ids),
                     ("location_dest_id", "child_of", warehouse.view_location_id.id),
                     ("location_id.usage", "not in", ("internal", "transit")),
                     # (not "not in": the state index serves this one)
                     ("state", "in", ("waiting", "confirmed", "partially_available",
                                      "assigned"))],
                    "ORDER BY stock_move.date_expected, stock_move.id"):
                incoming[(warehouse.id, product_id)].append(
                    (fields.Datetime.from_string(date).date(), quantity))
        for product in products:
            for warehouse in warehouses:
                key = (warehouse.id, product.id)
                free[key] = max(free[key] - product.ecom_safety_stock, 0.0)
        return {"free": free, "incoming": incoming}

    # ------------------------------------------------------------------
    # Allocation
    # ------------------------------------------------------------------
    def _allocation_plan(self):
        """Who gets what: {backorder id: (from stock, from incoming, promised date)}.

        Free stock goes first, by customer priority then order date; what
        stock cannot cover is promised from incoming receipts in the same
        order (the result is in that order). Pure computation: nothing is
        reserved.
        """
        if not self:
            return {}
        self.check_access_rights("read")
        self.check_access_rule("read")
        # the six columns the plan needs, not thousands of records
        self.env.cr.execute("""
            SELECT id, warehouse_id, product_id, priority, order_date,
                   quantity - COALESCE(quantity_allocated, 0)
              FROM ecom_backorder
             WHERE id = ANY(%s) AND state IN ('open', 'notified', 'partial')""", (self.ids,))
        rows = self.env.cr.fetchall()
        demands = [Demand(id_, (warehouse_id, product_id), int(priority or 0), order_date or "",
                          quantity)
                   for id_, warehouse_id, product_id, priority, order_date, quantity in rows]
        supply = self._ecom_supply(
            self.env["product.product"].browse({row[2] for row in rows}),
            self.env["stock.warehouse"].browse({row[1] for row in rows if row[1]}))
        from_stock = allocate(demands, supply["free"])
        promises = promise(demands, from_stock, supply["incoming"])
        return {key: (from_stock.get(key, 0.0), promised, date)
                for key, (promised, date) in promises.items()}

    def _allocate(self, plan):
        """Reserve what the plan gives from stock, record promises (commit).

        Thousands of backorders are committed at once: the reservations are
        made in bulk (`_reserve_many`) and the backorders' new quantities
        written in one statement; the caller holds the backorders' row lock
        (`_ecom_lock`). The allocation wizard is the record of the decision,
        so the per-backorder chatter tracking of these values is left out
        (one message each would cost more than the allocation itself).
        """
        if not plan:
            return
        taken = self._reserve_many(
            {key: stock for key, (stock, _promised, _date) in plan.items() if stock > 0})
        digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        ids = list(plan)
        cr = self.env.cr
        cr.execute("""
            SELECT b.id, b.closed, b.quantity, COALESCE(b.quantity_allocated, 0),
                   b.purchase_line_id IS NOT NULL, u.rounding
              FROM ecom_backorder b
              JOIN product_product p ON p.id = b.product_id
              JOIN product_template t ON t.id = p.product_tmpl_id
              LEFT JOIN product_uom u ON u.id = t.uom_id
             WHERE b.id = ANY(%s)""", (ids,))
        rows = []
        for key, closed, quantity, allocated, notified, rounding in cr.fetchall():
            allocated = float_round(allocated + taken.get(key, 0.0), precision_digits=digits)
            # the state as _compute_state gives it, written with the rest
            # (the ORM would read every backorder and its product again)
            rows.append((key, allocated, float_round(plan[key][1], precision_digits=digits),
                         plan[key][2] and fields.Date.to_string(plan[key][2]),
                         backorder_state(closed, quantity, allocated, notified,
                                         rounding or 0.001)))
        cr.execute("""
            UPDATE ecom_backorder b
               SET quantity_allocated = v.allocated, quantity_promised = v.promised,
                   promised_date = COALESCE(v.promised_date, b.promised_date),
                   state = v.state, write_uid = %s, write_date = %s
              FROM unnest(%s::int[], %s::float8[], %s::float8[], %s::date[], %s::varchar[])
                   AS v(id, allocated, promised, promised_date, state)
             WHERE b.id = v.id""", [self.env.uid, fields.Datetime.now()]
                   + [list(column) for column in zip(*rows)])
        backorders = self.browse(ids)
        with self.env.protecting([self._fields["state"]], backorders):
            backorders.modified(["quantity_allocated", "quantity_promised", "promised_date"])
        backorders.invalidate_cache(["state"], ids)
        # anything else that depends on these values
        backorders.recompute()

    def _reserve_many(self, quantities):
        """Reserve {backorder id: quantity} on the backorders' delivery moves.

        The plain case is reserved in a few statements, taking what Odoo's
        reservation would take (`tools/reservation.py`): a storable product
        without lot tracking, FIFO, and no lot, package or owner on its free
        quants in the location; a move in the product's unit, neither
        chained nor restricted to an owner, whose move lines (if any) are
        plain too. The quants are locked and raised, move lines created or
        topped up, and the moves' state written once per state. Anything
        else goes through Odoo's own reservation, one backorder at a time
        (`_reserve`). :return: {backorder id: quantity reserved}
        """
        if not quantities:
            return {}
        moves = self._ecom_delivery_moves(list(quantities))
        every_move = [move for rows in moves.values() for move in rows]
        products = self.env["product.product"].with_context(prefetch_fields=False).browse(
            {move.product for move in every_move})
        units = {product.id: product.uom_id for product in products}
        reserved, line_at, odd_moves = self._ecom_move_lines(every_move, units)
        Quant = self.env["stock.quant"]
        simple = set()
        for location in self.env["stock.location"].browse({move.location for move in every_move}):
            if location.should_bypass_reservation():
                continue
            simple.update((product.id, location.id) for product in products
                          if product.type == "product" and product.tracking == "none"
                          and Quant._get_removal_strategy(product, location) == "fifo")
        children = {location: frozenset(self.env["stock.location"].search(
            [("id", "child_of", location)]).ids) for location in {loc for _p, loc in simple}}
        locked = ({product for product, _location in simple}, set().union(*children.values()))
        quants, odd = self._ecom_lock_quants(*locked)

        def plain(move):
            return ((move.product, move.location) in simple and move.plain
                    and move.uom == units[move.product].id and move.id not in odd_moves
                    and not odd.get(move.product, frozenset()) & children[move.location])

        result, requests, others = {}, [], []
        for key, quantity in quantities.items():
            if not moves.get(key):
                result[key] = 0.0
            elif all(plain(move) for move in moves[key]):
                product = moves[key][0].product
                requests.append(Request(key, product, quantity, units[product].rounding, [
                    MoveNeed(move.id, children[move.location], move.demand - reserved[move.id])
                    for move in moves[key]]))
            else:
                others.append(key)
        for key in others:
            result[key] = self.browse(key)._reserve(quantities[key])
        if others:
            # what Odoo's reservation left (the rows stay locked)
            quants, _odd = self._ecom_lock_quants(*locked)
        reservation = reserve(requests, quants)
        by_id = {move.id: move for move in every_move}
        states = {}
        for move_id, quantity in reservation.moves.items():
            move = by_id[move_id]
            full = float_compare(reserved[move_id] + quantity, move.demand,
                                 precision_rounding=units[move.product].rounding) >= 0
            states[move_id] = "assigned" if full else "partially_available"
        self._ecom_write_reservation(reservation, by_id, states, line_at)
        result.update(reservation.taken)
        return result

    def _ecom_delivery_moves(self, ids):
        """{backorder id: [_DeliveryMove]}: the moves of the backorders'
        order lines still to reserve on outgoing deliveries, in the order of
        ``line_id.move_ids`` (the model's order: delivery priority and date)."""
        self.env.cr.execute("""
            SELECT b.id, m.id, m.product_id, m.product_uom, m.location_id,
                   m.location_dest_id, m.picking_id, m.product_uom_qty,
                   m.reference, m.restrict_partner_id IS NULL AND NOT EXISTS (
                       SELECT 1 FROM stock_move_move_rel r WHERE r.move_dest_id = m.id)
              FROM ecom_backorder b
              JOIN stock_move m ON m.sale_line_id = b.line_id
             WHERE b.id = ANY(%s)
               AND m.state IN ('confirmed', 'waiting', 'partially_available')
               -- a subquery per move: joined, the planner scans all deliveries
               AND (SELECT t.code FROM stock_picking p
                      JOIN stock_picking_type t ON t.id = p.picking_type_id
                     WHERE p.id = m.picking_id) = 'outgoing'""", (ids,))
        rows = self.env.cr.fetchall()
        order = self.env["stock.move"].sudo().browse([row[1] for row in rows]).sorted().ids
        rank = {move_id: n for n, move_id in enumerate(order)}
        moves = defaultdict(list)
        for row in sorted(rows, key=lambda row: rank[row[1]]):
            moves[row[0]].append(_DeliveryMove(*row[1:]))
        return moves

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

    def _ecom_write_reservation(self, reservation, moves, states, line_at):
        """Write `reservation` (tools/reservation.py) of `moves` ({move id:
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
        # what the cache knew of these lines, moves and deliveries is older
        self.env["stock.move.line"].invalidate_cache()
        self.env["stock.move"].invalidate_cache(ids=list(states))
        self.env["stock.picking"].invalidate_cache(ids=picking_ids)

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
        Move = self.env["stock.move"].with_context(tracking_disable=True, mail_notrack=True)
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

    def _reserve(self, quantity):
        """Reserve `quantity` on this backorder's delivery move; return what was taken."""
        self.ensure_one()
        moves = self.line_id.move_ids.filtered(
            lambda m: m.state in ("confirmed", "waiting", "partially_available")
            and m.picking_code == "outgoing")
        taken = 0.0
        for move in moves:
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
    # Supplier
    # ------------------------------------------------------------------
    @api.multi
    def action_notify_supplier(self):
        """Ask the main vendor for the missing quantities (creates or tops up an RFQ)."""
        self._ecom_check_rights("notify_supplier")
        # a selection from the list: the open ones not asked yet
        todo = self.filtered(lambda b: not b._ecom_why_not("notify_supplier"))
        if not todo:
            raise UserError(_("None of these backorders is open without a supplier "
                              "request."))
        todo._ecom_lock()
        demand = defaultdict(float)
        for backorder in todo:
            demand[(backorder.product_id, backorder.company_id)] += \
                backorder.quantity - backorder.quantity_allocated
        lines = self._ecom_request_supply(demand, origin=", ".join(todo.mapped("name")))
        for backorder in todo:
            backorder._ecom_write({
                "purchase_line_id": lines[(backorder.product_id, backorder.company_id)].id})
        return True

    @api.model
    def _ecom_request_supply(self, demand, origin, vendor=None, urgent=False):
        """Create or top up draft RFQs: {(product, company): quantity}.

        One draft RFQ per vendor and company is reused (its line for the
        product is increased) unless `urgent`, which always opens a new one.
        :return: {(product, company): purchase.order.line}
        """
        PurchaseOrder = self.env["purchase.order"].sudo()
        result = {}
        orders = {}
        for (product, company), quantity in demand.items():
            if quantity <= 0:
                continue
            partner = vendor or product.seller_ids.filtered(
                lambda s: not s.company_id or s.company_id == company)[:1].name
            if not partner:
                raise UserError(_("Product %s has no vendor: set one on the product's "
                                  "purchase tab first.") % product.display_name)
            key = (partner.id, company.id)
            order = orders.get(key)
            if not order and not urgent:
                order = PurchaseOrder.search([
                    ("partner_id", "=", partner.id), ("company_id", "=", company.id),
                    ("state", "=", "draft"), ("ecom_urgent", "=", False)],
                    order="id desc", limit=1)
            if not order:
                order = PurchaseOrder.create({
                    "partner_id": partner.id, "company_id": company.id,
                    "ecom_urgent": urgent, "origin": origin})
            orders[key] = order
            line = order.order_line.filtered(lambda l: l.product_id == product)[:1]
            if line:
                line.product_qty += product.uom_id._compute_quantity(quantity,
                                                                     line.product_uom)
            else:
                line = self.env["purchase.order.line"].sudo().create(
                    self._ecom_purchase_line_values(order, product, quantity, partner))
            result[(product, company)] = line
        return result

    @api.model
    def _ecom_purchase_line_values(self, order, product, quantity, partner):
        seller = product._select_seller(partner_id=partner, quantity=quantity,
                                        uom_id=product.uom_po_id)
        planned = fields.Datetime.from_string(fields.Datetime.now())
        if seller:
            planned = planned + timedelta(days=seller.delay)
        taxes = product.supplier_taxes_id.filtered(lambda t: t.company_id == order.company_id)
        return {
            "order_id": order.id,
            "product_id": product.id,
            "name": product.display_name,
            "product_qty": product.uom_id._compute_quantity(quantity, product.uom_po_id),
            "product_uom": product.uom_po_id.id,
            "price_unit": seller.price if seller else product.standard_price,
            "date_planned": fields.Datetime.to_string(planned),
            "taxes_id": [(6, 0, taxes.ids)],
        }

    @api.multi
    def action_cancel(self):
        """Close backorders the buyer no longer waits for."""
        self._ecom_ensure("cancel")
        self._ecom_write({"closed": "cancel"})
        return True
