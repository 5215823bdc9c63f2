# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The suite's performance layer, in one place.

Everything here makes the suite faster without changing what it does: the
business models read as business, the SQL that shadows Odoo's stock is
reviewed here, and the whole layer can be switched off (system parameter
``ecom_order_mgmt.bulk_layer``, ``switch.py``) to bisect a bug; the plain
ORM path then runs instead of each piece. Loaded by ``models/__init__.py``,
after the business models.

- ``switch.py``: ``bulk_layer_on(env)``, the only reader of the switch;
- ``indexes.py``: every index the suite adds to Odoo's tables (stays on);
- ``create_mixin.py``: ``Model._ecom_create_many(vals_list)``, many records
  in one INSERT per model (off: ``create()`` per record);
- ``create_hooks.py``: what sale.order, sale.order.line and res.partner tell
  the bulk creation;
- ``batch_read.py``: related fields of a page read in batch
  (``ecom.related.read.mixin``), sale's totals and invoice status with all
  the lines prefetched (off: the ORM reads as it does);
- ``reservation.py``: ``stock.move._ecom_reserve_bulk(requests)``, the
  reservation of many delivery moves in a few statements (off: Odoo's
  ``_update_reserved_quantity`` move by move),
  ``stock.picking._ecom_reserve_in_bulk()``, a batch of confirmed
  deliveries reserved through it (off: Odoo's ``action_assign`` per
  delivery), and ``stock.picking._ecom_lock_stock()``, the stock lock of a
  batch of reservations (off: no lock of its own);
- ``reservation_plan.py``: what that reservation takes, FIFO (no ORM);
- ``supply.py``: ``stock.quant._ecom_free_quantities(domain)`` and
  ``stock.move._ecom_dated_quantities(domain)``, grouped reads in one query
  (off: ``read_group`` and ``search_read``);
- ``rule_domain.py``: the multi-company record rules' ``child_of`` company
  tree expanded once per cached rule domain instead of once per query
  (off: Odoo's rule domains as they are);
- ``recompute_together.py``: ``sale.order._ecom_recompute_together()``, the pending
  recomputations of a field marked under several contexts written as one
  batch (off: Odoo's ``recompute()`` as it is);
- ``notify.py``: a message with no follower reading the Odoo inbox is not
  formatted for the bus (off: Odoo formats it for nobody);
- ``invoice_values.py``: the automatic invoices' values carry the bank
  account as their creation defaults it, so account's partner onchange is
  not run per invoice (off: it runs).
"""
from . import indexes
from . import create_mixin
from . import create_hooks
from . import batch_read
from . import reservation
from . import supply
from . import rule_domain
from . import recompute_together
from . import notify
from . import invoice_values
