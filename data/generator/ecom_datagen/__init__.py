# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Volume data for benchmarks: `make demo-data SIZE=N` (see README "Performance").

The database must already hold the three addons. The script

1. sets up through the ORM what is small: bench channels, products (10 % of
   them never in stock), a vendor;
2. bulk-inserts with SQL ``COPY`` what is big: buyers, channel orders in every
   stage with realistic time stamps, their lines, procurement groups,
   deliveries, stock moves and move lines, quants coherent with the moves
   (an initial inventory per product, done deliveries out of it, reservations
   of the deliveries in progress), backorders, custom requests, after-sales
   cases and feedback;
3. lets the ORM do what it must: SLA deadlines come from the channels'
   ``_sla_deadline``, a few after-sales cases walk the real actions (approve,
   receive, refund), and a sanity pass reads random records through the ORM,
   checks the invariants (`check_invariants`) and runs contract actions on
   generated orders inside a savepoint that is rolled back.

The bulk inserters (`Bulk`) are reused by the benchmarks to build their own
scenarios (e.g. 5,000 backorder lines) inside a transaction they roll back.
"""

DESCRIPTION = __doc__.splitlines()[0]
