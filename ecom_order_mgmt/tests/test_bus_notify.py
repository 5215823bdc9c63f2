# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Messages and the Odoo inbox with the performance layer (bulk/notify.py):
a follower who reads the inbox still receives each message on the bus, as
formatted as without the layer; a message nobody reads in the inbox is no
longer formatted for the bus, which the queries show."""
import json

from odoo.addons.ecom_order_mgmt.bulk.switch import PARAM
from odoo.addons.ecom_order_mgmt.tests.common import EcomCase


class TestBusNotify(EcomCase):

    def _post(self, order, body):
        """Post a comment on `order`; returns (the queries it took, the
        payloads of the inbox notifications it sent, by partner id)."""
        self.env.cr.execute("SELECT coalesce(max(id), 0) FROM bus_bus")
        last = self.env.cr.fetchone()[0]
        before = self.env.cr.sql_log_count
        order.message_post(body=body, message_type="comment", subtype="mail.mt_comment")
        queries = self.env.cr.sql_log_count - before
        self.env.cr.execute("SELECT channel, message FROM bus_bus WHERE id > %s", (last,))
        sent = {}
        for channel, message in self.env.cr.fetchall():
            _db, kind, partner_id = json.loads(channel)
            if kind == "ir.needaction":
                sent[partner_id] = json.loads(message)
        return queries, sent

    def _layer(self, on):
        self.env["ir.config_parameter"].sudo().set_param(PARAM, "1" if on else "0")

    def test_an_inbox_reader_receives_the_message_formatted_as_without_the_layer(self):
        reader = self.users["manager"]
        reader.notification_type = "inbox"
        order = self._order()
        order.message_subscribe(partner_ids=reader.partner_id.ids)
        received = {}
        for on in (True, False):
            self._layer(on)
            _queries, sent = self._post(order, "Stock count at 17:00 %s" % on)
            self.assertEqual(list(sent), [reader.partner_id.id])
            received[on] = sent[reader.partner_id.id]
        self.assertIn("17:00 True", received[True]["body"])
        self.assertEqual(set(received[True]), set(received[False]))
        for key in ("model", "res_id", "author_id", "subtype_id", "message_type",
                    "partner_ids", "needaction_partner_ids"):
            self.assertEqual(received[True][key], received[False][key], key)

    def test_a_message_nobody_reads_in_the_inbox_is_not_formatted(self):
        order = self._order()
        # followed by its buyer only, who has no Odoo user (as an imported order)
        order.message_unsubscribe(partner_ids=order.message_partner_ids.ids)
        order.message_subscribe(partner_ids=self.buyer.ids)
        self.assertEqual(order.message_partner_ids, self.buyer)
        self.assertFalse(self.buyer.user_ids)
        self._post(order, "warm-up")
        queries = {}
        for on in (False, True, False, True):
            self._layer(on)
            count, sent = self._post(order, "Address checked %s" % on)
            self.assertEqual(sent, {})
            queries.setdefault(on, []).append(count)
        # the message and its followers' notifications cost the same; the
        # format for the bus is what the layer leaves out
        self.assertLess(max(queries[True]), min(queries[False]), queries)
