# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests.common import TransactionCase

from ..bulk.indexes import ORIGIN_INDEX, PARTNER_INDEX


class TestIndexes(TransactionCase):

    def _plan(self, model, domain):
        """PostgreSQL's plan for the ORM's search of `domain`, sequential
        scans disabled: the index is used whenever it can serve the query."""
        query = self.env[model]._where_calc(domain)
        from_clause, where_clause, params = query.get_sql()
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute('EXPLAIN SELECT "%s".id FROM %s WHERE %s' % (
            self.env[model]._table, from_clause, where_clause), params)
        return "\n".join(row[0] for row in self.env.cr.fetchall())

    def test_refund_searches_of_the_invoice_status_use_an_index(self):
        # sale.order._get_invoiced, for every order it recomputes: invoices
        # whose origin contains the order name, refunds of an invoice number
        # (the other conditions of those searches have indexes of their own,
        # the plans are asked for the origin alone)
        order = self.env["sale.order"].search([], limit=1)
        for domain in ([("origin", "like", order.name)],
                       [("origin", "=", "INV/2026/0001"), ("origin", "!=", False)]):
            plan = self._plan("account.invoice", domain)
            self.assertIn(ORIGIN_INDEX, plan, domain)
            self.assertNotIn("Seq Scan", plan, domain)

    def test_invoices_of_a_partner_are_found_by_index(self):
        # what a new or changed partner triggers (invoices' commercial partner)
        partner = self.env.ref("base.res_partner_2")
        plan = self._plan("account.invoice", [("partner_id", "in", partner.ids)])
        self.assertIn(PARTNER_INDEX, plan)
        self.assertNotIn("Seq Scan", plan)
