# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bulk creation (the order import's path) makes the records create() makes."""
from unittest.mock import patch

import psycopg2

from odoo.exceptions import AccessError, ValidationError
from odoo.tools import mute_logger

from .common import EcomCase

# Columns that differ between any two records by nature (and write_uid:
# create() leaves the superuser there when it recomputes a field as such).
OWN = {"id", "name", "write_uid", "create_date", "write_date", "access_token", "ecom_platform_ref",
       "order_id", "__last_update", "display_name", "message_ids", "message_follower_ids",
       "message_partner_ids", "message_channel_ids", "order_line", "invoice_lines",
       "procurement_group_id", "picking_ids", "phone", "sale_order_ids", "ref"}


def stored_values(records):
    """{field: value} of every stored field but the record's own identity."""
    names = [name for name, field in records._fields.items()
             if field.store and name not in OWN and field.type != "binary"]
    rows = records.read(names, load="_classic_write")
    for row in rows:
        row.pop("id")
    return rows


class TestBulkCreate(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestBulkCreate, cls).setUpClass()
        cls.tax = cls.env["account.tax"].create({
            "name": "Test VAT 13 % included", "amount": 13.0, "type_tax_use": "sale",
            "price_include": True})
        cls.cs = cls.users["cs"]
        cls.Order = cls.env["sale.order"].sudo(cls.cs).with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True,
            ecom_defer_received_mail=True)

    def _values(self, ref, buyer=None):
        buyer = buyer or self.buyer
        return {
            "partner_id": buyer.id, "partner_invoice_id": buyer.id,
            "partner_shipping_id": buyer.id,
            "pricelist_id": self.env.ref("product.list0").id,
            "ecom_channel_id": self.channel.id, "ecom_platform_ref": ref,
            "ecom_buyer_name": "王小明", "ecom_buyer_phone": "13800138000",
            "ecom_province": "浙江省", "ecom_city": "杭州市", "ecom_street": "文三路 90 号",
            "ecom_payment_mode": "prepaid", "ecom_paid_amount": 203.0,
            "ecom_received_at": "2026-11-20 02:30:00", "date_order": "2026-11-20 02:30:00",
            "order_line": [
                (0, 0, {"product_id": self.product_a.id, "name": "Shirt S",
                        "product_uom_qty": 1.0, "product_uom": self.product_a.uom_id.id,
                        "price_unit": 113.0, "tax_id": [(6, 0, self.tax.ids)]}),
                (0, 0, {"product_id": self.product_b.id, "name": "Shirt M",
                        "product_uom_qty": 2.0, "product_uom": self.product_b.uom_id.id,
                        "price_unit": 50.0, "tax_id": [(6, 0, [])], "discount": 10.0}),
            ],
        }

    def test_orders_in_bulk_are_the_orders_create_makes(self):
        one_by_one = self.Order.create(self._values("BULK-A")) | self.Order.create(
            self._values("BULK-B"))
        bulk = self.Order._ecom_create_many([self._values("BULK-C"), self._values("BULK-D")])
        self.assertEqual(bulk.mapped("ecom_platform_ref"), ["BULK-C", "BULK-D"])
        self.assertEqual(stored_values(bulk), stored_values(one_by_one))
        self.assertEqual(stored_values(bulk.mapped("order_line")),
                         stored_values(one_by_one.mapped("order_line")))
        # totals from the tax-included price, the discount and the stage
        self.assertEqual(bulk.mapped("amount_total"), [203.0, 203.0])
        self.assertEqual(bulk.mapped("ecom_state"), ["to_review"] * 2)
        self.assertEqual(bulk.mapped("ecom_payment_state"), ["paid"] * 2)
        # each order its own number and portal token; the user made them
        self.assertEqual(len(set(bulk.mapped("name")) | set(one_by_one.mapped("name"))), 4)
        self.assertEqual(len(set(bulk.mapped("access_token"))), 2)
        self.assertEqual(bulk.mapped("create_uid"), self.cs | self.cs)
        self.assertEqual(bulk.mapped("write_uid"), self.cs | self.cs)
        self.assertEqual(bulk.mapped("order_line.create_uid"), self.cs)
        self.assertEqual(bulk.mapped("user_id"), self.cs | self.cs)
        self.assertEqual(bulk.mapped("order_line.tax_id"), self.tax)

    def test_orders_of_one_batch_store_each_their_own_computed_values(self):
        # the computed fields of a batch are written together (one UPDATE per
        # table): orders of different quantities, prices and payments keep
        # each their own totals, payment state, invoice status and SLA
        def values(ref, index):
            vals = self._values("BULK-OWN-%s%d" % (ref, index))
            vals["ecom_paid_amount"] = (100.0, 318.0, 500.0)[index]
            vals["ecom_received_at"] = "2026-11-2%d 02:30:00" % (index + 3)  # Mon-Wed
            vals["order_line"][0][2].update(product_uom_qty=1.0 + index,
                                            price_unit=113.0 + index)
            return vals

        one_by_one = self.Order.browse()
        for index in range(3):
            one_by_one |= self.Order.create(values("A", index))
        bulk = self.Order._ecom_create_many([values("B", index) for index in range(3)])
        self.env.cr.execute(
            "SELECT amount_total, ecom_payment_state, invoice_status, ecom_sla_deadline, "
            "ecom_order_date FROM sale_order WHERE id IN %s ORDER BY id", (tuple(bulk.ids),))
        stored = self.env.cr.fetchall()
        self.assertEqual([row[0] for row in stored], [203.0, 318.0, 435.0])
        self.assertEqual([row[1] for row in stored], ["partial", "paid", "paid"])
        self.assertEqual({row[2] for row in stored}, {"no"})
        self.assertEqual(len({row[3] for row in stored}), 3)
        self.assertEqual(stored_values(bulk), stored_values(one_by_one))
        self.assertEqual(stored_values(bulk.mapped("order_line")),
                         stored_values(one_by_one.mapped("order_line")))

    def test_expedited_orders_in_bulk_get_the_shorter_sla_create_gives(self):
        # received Monday 16:00 Shanghai time: due at 17:00 (one SLA hour),
        # at 16:30 when expedited (half an hour)
        def values(ref, expedited):
            vals = self._values(ref)
            vals.update(ecom_expedited=expedited, ecom_received_at="2026-11-23 08:00:00")
            return vals

        one_by_one = self.Order.create(values("BULK-EXP-A", True)) | self.Order.create(
            values("BULK-EXP-B", False))
        bulk = self.Order._ecom_create_many([values("BULK-EXP-C", True),
                                             values("BULK-EXP-D", False)])
        self.assertEqual(stored_values(bulk), stored_values(one_by_one))
        self.assertEqual(bulk.mapped("ecom_sla_deadline"),
                         ["2026-11-23 08:30:00", "2026-11-23 09:00:00"])

    def test_bulk_orders_are_numbered_from_the_sequence_create_uses(self):
        # a company with its own order sequence: both paths draw from it
        other = self.env["res.company"].create({"name": "Numbered shop company"})
        self.env["ir.sequence"].create({
            "name": "Numbered shop orders", "code": "sale.order", "prefix": "NUM",
            "padding": 4, "company_id": other.id})
        created = self.env["sale.order"].create(dict(
            self._values("NUM-A"), company_id=other.id))
        bulk = self.env["sale.order"]._ecom_create_many([
            dict(self._values("NUM-%s" % ref), company_id=other.id) for ref in "BCD"])
        self.assertEqual(created.name, "NUM0001")
        self.assertEqual(bulk.mapped("name"), ["NUM0002", "NUM0003", "NUM0004"])
        # orders without a company of their own take the user's company's
        default = self.Order._ecom_create_many([self._values("NUM-E")])
        self.assertFalse(default.name.startswith("NUM"))
        self.assertNotEqual(default.name, "New")

    def test_buyers_in_bulk_are_the_buyers_create_makes(self):
        Partner = self.env["res.partner"].sudo().with_context(
            tracking_disable=True, ecom_import_buyer=True)
        state = self.env.ref("base.state_cn_33", raise_if_not_found=False)
        values = [{"name": "买家 %d" % i, "phone": "1390000000%d" % i, "city": "杭州市",
                   "street": "文三路 %d 号" % i, "state_id": state.id if state else False,
                   "country_id": self.env.ref("base.cn").id, "customer": True,
                   "ecom_channel_id": self.channel.id} for i in range(4)]
        one_by_one = Partner.create(values[0]) | Partner.create(values[1])
        bulk = Partner._ecom_create_many(values[2:])
        self.assertEqual(bulk.mapped("name"), ["买家 2", "买家 3"])
        own = {"name": None, "street": None, "commercial_partner_id": None}
        self.assertEqual([dict(row, **own) for row in stored_values(bulk)],
                         [dict(row, **own) for row in stored_values(one_by_one)])
        self.assertEqual(bulk.mapped("commercial_partner_id"), bulk)
        self.assertEqual(bulk.mapped("display_name"), ["买家 2", "买家 3"])

    def _stored_buyer_columns(self, partners):
        """(display_name, commercial entity is itself, commercial country,
        commercial company name) as the database holds them, per partner."""
        self.env.cr.execute(
            "SELECT display_name, commercial_partner_id = id, commercial_partner_country_id, "
            "commercial_company_name FROM res_partner WHERE id IN %s ORDER BY id",
            (tuple(partners.ids),))
        return self.env.cr.fetchall()

    def test_buyers_in_bulk_store_the_names_and_entity_create_computes(self):
        # the same buyers through create() and in bulk: the database holds the
        # same display name (name_get's, a company name included) and each
        # buyer is its own commercial entity, as create()'s recompute wrote them
        Partner = self.env["res.partner"].sudo().with_context(
            tracking_disable=True, ecom_import_buyer=True)
        values = [{"name": "买家 %d" % i, "phone": "1391111111%d" % i, "customer": True,
                   "country_id": self.env.ref("base.cn").id,
                   "company_name": "杭州小店" if i % 2 else False,
                   "ecom_channel_id": self.channel.id} for i in range(3)]
        one_by_one = Partner.browse()
        for vals in values:
            one_by_one |= Partner.create(vals)
        bulk = Partner._ecom_create_many(values)
        self.assertEqual(self._stored_buyer_columns(bulk),
                         self._stored_buyer_columns(one_by_one))
        self.assertEqual(bulk.mapped("display_name"), ["买家 0", "杭州小店, 买家 1", "买家 2"])
        self.assertEqual(self._stored_buyer_columns(bulk)[0][1:3],
                         (True, self.env.ref("base.cn").id))
        # the ids drawn for the INSERT are the table's own: the next partner
        # created the plain way comes after them
        later = Partner.create({"name": "买家 later", "customer": True})
        self.assertGreater(later.id, max(bulk.ids))
        self.assertEqual(later.commercial_partner_id, later)

    def test_new_buyers_cost_no_query_each_for_their_name_and_entity(self):
        # recompute wrote display_name and commercial_partner_id one UPDATE
        # per buyer, each followed by searches of what depends on them
        Partner = self.env["res.partner"].sudo().with_context(
            tracking_disable=True, ecom_import_buyer=True)
        # the bulk layer's own property: on, whatever the run's switch
        # (BULK_LAYER=0 runs the rest of the suite through create())
        self.env["ir.config_parameter"].sudo().set_param("ecom_order_mgmt.bulk_layer", "1")

        def queries(count, tag):
            values = [{"name": "买家 %s%d" % (tag, i), "phone": "13922222%03d" % i,
                       "customer": True, "ecom_channel_id": self.channel.id}
                      for i in range(count)]
            before = self.env.cr.sql_log_count
            Partner._ecom_create_many(values)
            return self.env.cr.sql_log_count - before

        queries(2, "warm")
        self.assertEqual(queries(20, "b"), queries(4, "a"))

    def test_bulk_checks_access_like_create(self):
        warehouse = self.env["sale.order"].sudo(self.users["warehouse"]).with_context(
            tracking_disable=True)
        count = self.env["sale.order"].search_count([])
        with self.assertRaises(AccessError):
            warehouse._ecom_create_many([self._values("BULK-W")])
        # a company the user does not work for: refused by the record rules
        other = self.env["res.company"].create({"name": "Other shop company"})
        values = dict(self._values("BULK-X"), company_id=other.id)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.Order._ecom_create_many([values])
        self.assertEqual(self.env["sale.order"].search_count([]), count)

    def test_bad_value_refuses_the_whole_batch(self):
        count = self.env["sale.order"].search_count([])
        with self.assertRaises(ValueError), self.env.cr.savepoint():
            self.Order._ecom_create_many([self._values("BULK-E"), dict(
                self._values("BULK-F"), ecom_payment_mode="barter")])
        with self.assertRaises(psycopg2.IntegrityError), mute_logger("odoo.sql_db"), \
                self.env.cr.savepoint():
            self.Order._ecom_create_many([self._values("BULK-G"), self._values("BULK-G")])
        self.assertEqual(self.env["sale.order"].search_count([]), count)

    def test_python_constraints_are_checked(self):
        Line = type(self.env["sale.order.line"])
        validate = Line._validate_fields

        def refuse_product_b(lines, names):
            if self.product_b in lines.mapped("product_id"):
                raise ValidationError("No M shirts today")  # pylint: disable=translation-required
            return validate(lines, names)

        with patch.object(Line, "_validate_fields", refuse_product_b), \
                self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Order._ecom_create_many([self._values("BULK-H")])
        self.assertFalse(self.env["sale.order"].search([("ecom_platform_ref", "=", "BULK-H")]))

    def test_other_create_overrides_get_create(self):
        # a module overriding create() that the bulk path does not know of:
        # every record goes through create(), with the same result
        SaleOrder = type(self.env["sale.order"])
        calls = []
        create = SaleOrder.create

        def counting_create(model, vals):
            calls.append(vals.get("ecom_platform_ref"))
            return create(model, vals)

        # the bulk path forgets sale's create(): whatever else it knows of
        known = tuple(m for m in SaleOrder._ecom_bulk_create_modules if m != "sale")
        with patch.object(SaleOrder, "_ecom_bulk_create_modules", known), \
                patch.object(SaleOrder, "create", counting_create):
            self.assertEqual(self.Order._ecom_bulk_unsupported(),
                             "create() is overridden by module sale")
            orders = self.Order._ecom_create_many([self._values("BULK-I"),
                                                   self._values("BULK-J")])
        self.assertEqual(calls, ["BULK-I", "BULK-J"])
        self.assertEqual(orders.mapped("amount_total"), [203.0, 203.0])
        # without tracking_disable, create() subscribes and logs: so does the fallback
        self.assertEqual(self.Order.with_context(tracking_disable=False)
                         ._ecom_bulk_unsupported(), "mail thread without tracking_disable")
        # values create() would complete by onchange go through create() too
        values = self._values("BULK-K")
        del values["order_line"][0][2]["name"]
        self.assertTrue(self.Order._ecom_bulk_why_not([values]))
