# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Builders shared by the tests of printed documents, ledger and order list.

Channel orders are taken through the real review and fulfilment actions, as
the warehouse would, so that the documents are tested on real deliveries.
"""


class EcomDocsFixtures(object):
    """Mixin for TransactionCase: channel, products, orders, shipped deliveries."""

    def _docs_setup(self):
        env = self.env
        self.warehouse = env.ref("stock.warehouse0")
        self.stock_location = self.warehouse.lot_stock_id
        self.channel = env["ecom.channel"].create({
            "name": "Docs Tmall", "code": "DOCS1", "platform": "tmall",
            "warehouse_id": self.warehouse.id})
        self.partner = env["res.partner"].create({"name": "Tmall buyers (docs)"})
        self.categ = env["product.category"].create({"name": "Docs Shoes"})
        self.product_a = self._docs_product("DOCS-A1", "Running shoe", 199.0)
        self.product_b = self._docs_product("DOCS-B2", "Sport sock", 19.9)
        self.carrier_sf = self._docs_carrier("SF Express docs")
        self.carrier_yto = self._docs_carrier("YTO docs")

    def _docs_product(self, code, name, price, stock=100.0, **values):
        vals = dict({
            "name": name, "default_code": code, "type": "product", "list_price": price,
            "categ_id": self.categ.id, "barcode": "69" + code.replace("-", ""),
        }, **values)
        product = self.env["product.product"].create(vals)
        if stock:
            self.env["stock.quant"]._update_available_quantity(
                product, self.stock_location, stock)
        return product

    def _docs_carrier(self, name):
        service = self.env["product.product"].create({
            "name": "%s fee" % name, "type": "service", "list_price": 0.0})
        return self.env["delivery.carrier"].create({"name": name, "product_id": service.id})

    def _docs_order(self, ref, lines, approve=True, **values):
        """A channel order `ref` with [(product, qty)] lines, paid in full.

        With `approve`, it passes CS and finance review (which confirms it
        and creates its delivery).
        """
        vals = dict({
            "partner_id": self.partner.id,
            "ecom_channel_id": self.channel.id,
            "ecom_platform_ref": ref,
            "ecom_buyer_name": "张三",
            "ecom_buyer_phone": "13800138000",
            "ecom_province": "浙江省",
            "ecom_city": "杭州市",
            "ecom_district": "西湖区",
            "ecom_street": "文三路 90 号",
            "ecom_payment_mode": "prepaid",
            "order_line": [(0, 0, {
                "product_id": product.id, "product_uom_qty": qty,
                "product_uom": product.uom_id.id, "price_unit": product.list_price,
            }) for product, qty in lines],
        }, **values)
        order = self.env["sale.order"].create(vals)
        if "ecom_paid_amount" not in values:
            order.ecom_paid_amount = order.amount_total
        if approve:
            order.action_ecom_cs_approve()
            order.action_ecom_finance_approve()
        return order

    def _docs_delivery(self, order, carrier, tracking, parcels=1):
        """The order's delivery, reserved, with its carrier and parcels set."""
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        picking.ensure_one()
        if not picking.ecom_fulfil_state:
            # Workaround while stock.picking.create() cannot see the order of
            # a delivery made by procurement (its moves, hence its group and
            # sale_id, come after the create): these tests are about the
            # documents, not about entering the fulfilment stages.
            picking.ecom_fulfil_state = "to_print"
        picking.action_assign()
        picking.write({"carrier_id": carrier.id, "carrier_tracking_ref": tracking,
                       "ecom_package_count": parcels, "ecom_weight": 1.5 * parcels})
        return picking

    def _docs_ship(self, picking, shipped_at=None):
        """Print, pick, pack, scan every unit, check and ship `picking`."""
        picking.action_ecom_print_waybill()
        picking.action_ecom_pick()
        picking.action_ecom_pack()
        for move in picking.move_lines:
            picking.action_ecom_scan(move.product_id.default_code,
                                     int(round(move.product_uom_qty)))
        picking.action_ecom_check()
        picking.action_ecom_ship(picking.ecom_package_count)
        if shipped_at:
            # Pin the shipping time, to test the local day of the ledger.
            picking.ecom_shipped_at = shipped_at
        return picking
