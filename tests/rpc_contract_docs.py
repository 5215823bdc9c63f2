"""The documents of tests/test_rpc_contract.py, each in the stage where its
action is due: built as the superuser (the stages as the system) on the
throw-away copy, then committed (`Builder.build`)."""
import base64
import itertools
from datetime import date, timedelta

from odoo import fields

IN_20_DAYS = fields.Date.to_string(date.today() + timedelta(days=20))
# A platform settlement of one line (number, gross) that finds no order;
# those uploaded over the API each of its own line.
SETTLEMENT = "Line No.,Platform Order No.,Date,Gross,Commission,Other Fees,Net\r\n" \
    "RPCSTL-%d,RPC-NO-SUCH-ORDER,2026-11-20,%.2f,5.00,0.00,%.2f"


class Builder(object):
    """Creates the documents as the superuser (the stages as the system)."""

    def __init__(self, env):
        self.env = env
        self.refs = itertools.count(1)
        self.warehouse = env.ref("stock.warehouse0")
        self.channel = env["ecom.channel"].create({
            "name": "RPC shop", "code": "RPCT", "platform": "tmall",
            "warehouse_id": self.warehouse.id})
        self.vendor = env["res.partner"].create({"name": "RPC vendor", "supplier": True})
        self.buyer = env["res.partner"].create({"name": "RPC buyer", "customer": True})
        self.shirt = self.product("RPC-SHIRT", 500)
        self.out = self.product("RPC-OUT", 0)
        self.custom = self.product("RPC-CUSTOM", 0)
        self.safe = self.product("RPC-SAFE", 10)
        self.safe.ecom_safety_stock = 9
        self.carrier = env["delivery.carrier"].create({
            "name": "RPC courier", "delivery_type": "fixed", "fixed_price": 0,
            "product_id": env["product.product"].create({
                "name": "RPC courier service", "type": "service"}).id})
        env["res.users"].with_context(no_reset_password=True).create({
            "name": "RPC purchaser", "login": "rpc_purchase", "email": "rpc_purchase@example.com",
            "groups_id": [(6, 0, [env.ref("purchase.group_purchase_user").id])]})
        env.user.company_id.ecom_return_days = 30
        self.warehouse._ecom_ensure_return_locations()

    def product(self, code, quantity):
        product = self.env["product.product"].create({
            "name": code, "default_code": code, "type": "product", "list_price": 100.0,
            "taxes_id": [(5,)]})
        self.env["product.supplierinfo"].create({
            "name": self.vendor.id, "product_tmpl_id": product.product_tmpl_id.id,
            "price": 10.0})
        if quantity:
            self.env["stock.quant"]._update_available_quantity(
                product, self.warehouse.lot_stock_id, quantity)
        return product

    # -- orders and deliveries ------------------------------------------
    def order(self, product=None, quantity=1):
        product = product or self.shirt
        order = self.env["sale.order"].create({
            "partner_id": self.buyer.id, "ecom_channel_id": self.channel.id,
            "ecom_platform_ref": "RPC%05d" % next(self.refs),
            "ecom_buyer_name": "王小明", "ecom_buyer_phone": "13800138000",
            "ecom_province": "浙江省", "ecom_city": "杭州市", "ecom_street": "文三路 90 号",
            "ecom_payment_mode": "prepaid",
            "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": quantity,
                                   "price_unit": 100.0})]})
        order.ecom_paid_amount = order.amount_total
        return order

    def reviewed(self, product=None, quantity=1):
        order = self.order(product, quantity)
        order.action_ecom_cs_approve()
        return order

    def approved(self, product=None, quantity=1):
        order = self.reviewed(product, quantity)
        order.action_ecom_finance_approve()
        return order

    def picking(self, stage):
        picking = self.approved().picking_ids
        picking.write({"carrier_id": self.carrier.id,
                       "carrier_tracking_ref": "RPCSF%06d" % picking.id})
        steps = ["printed", "picked", "packed", "scanned", "checked", "shipped"]
        for step in steps[:steps.index(stage) + 1] if stage in steps else []:
            if step == "printed":
                picking.action_ecom_print_waybill()
            elif step == "picked":
                picking.action_ecom_pick()
            elif step == "packed":
                picking.action_ecom_pack()
            elif step == "scanned":
                picking.action_ecom_scan("RPC-SHIRT", 1)
            elif step == "checked":
                picking.action_ecom_check()
            else:
                picking.action_ecom_ship(picking.ecom_package_count)
        return picking

    def handover(self, scanned=False):
        batch = self.env["ecom.handover"].create({"carrier_id": self.carrier.id})
        if scanned:
            picking = self.picking("checked")
            batch.action_scan_parcel(picking.carrier_tracking_ref)
            batch.carrier_count = picking.ecom_package_count
        return batch

    def receipt(self, stage):
        """A receipt of 2 shirts from the vendor, scanned and checked up to `stage`."""
        suppliers = self.env.ref("stock.stock_location_suppliers")
        stock = self.warehouse.lot_stock_id
        receipt = self.env["stock.picking"].create({
            "partner_id": self.vendor.id, "picking_type_id": self.warehouse.in_type_id.id,
            "location_id": suppliers.id, "location_dest_id": stock.id,
            "move_lines": [(0, 0, {
                "name": "RPC-SHIRT", "product_id": self.shirt.id, "product_uom_qty": 2,
                "product_uom": self.shirt.uom_id.id, "location_id": suppliers.id,
                "location_dest_id": stock.id})]})
        receipt.action_confirm()
        receipt.action_assign()
        if stage in ("scanned", "checked"):
            receipt.action_ecom_receive_scan("RPC-SHIRT", 1)
        if stage == "checked":
            receipt.action_ecom_receive_check()
        return receipt

    # -- custom requests --------------------------------------------------
    def request(self, stage):
        env = self.env
        day = lambda days: fields.Date.to_string(date.today() + timedelta(days=days))  # noqa
        order = env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.custom.id, "product_uom_qty": 2,
                                   "price_unit": 100.0})]})
        request = env["ecom.custom.request"].create({
            "order_id": order.id, "line_id": order.order_line.id, "buyer_date": day(30),
            "packaging_standard": "Kraft box", "price_change": stage == "price_approval",
            "new_price_unit": 120.0 if stage == "price_approval" else 0.0})
        chain = ["new", "draft", "accepted", "price_approval", "deposit_pending",
                 "purchasing", "ordered", "received", "balance_pending", "ready"]
        for step in chain[1:chain.index(stage) + 1]:
            if step == "draft":
                request.action_record_feasibility(
                    True, inbound_date=day(20), inbound_qty=2, vendor_id=self.vendor.id,
                    production_cycle_days=10)
            elif step == "accepted":
                request.action_buyer_accept(10, "Cotton", False)
            elif step in ("price_approval", "deposit_pending") and request.state == "draft":
                request.action_submit()
            elif step == "purchasing":
                request.action_confirm_deposit()
                request.action_submit()
                request.sudo(env.ref("ecom_order_mgmt.user_ecom_director")).action_approve()
                request.sudo(env.ref("ecom_order_mgmt.user_ecom_gm")).action_approve()
            elif step == "ordered":
                request.action_place_po()
                request.purchase_order_id.button_confirm()
            elif step == "received":
                request.action_receive()
            elif step == "balance_pending":
                request.action_request_balance()
            elif step == "ready":
                request.action_confirm_balance()
                for picking in request._customer_deliveries():
                    for line in picking.move_line_ids:
                        line.qty_done = line.product_uom_qty
                    picking.button_validate()
        assert request.state == {"new": "draft", "accepted": "draft", "ordered": "purchasing",
                                 }.get(stage, stage), (stage, request.state)
        return request

    # -- after-sales ------------------------------------------------------
    def case(self, approved=False):
        order = self.approved(quantity=2)
        case = self.env["ecom.return"].create({
            "order_id": order.id, "type": "refund_only",
            "line_ids": [(0, 0, {"product_id": self.shirt.id, "quantity": 1,
                                 "responsibility": "customer"})]})
        if approved:
            case.action_approve()
        return case

    def returning(self):
        """An approved return case whose parcel is on its way back."""
        order = self.picking("shipped").sale_id
        case = self.env["ecom.return"].create({
            "order_id": order.id, "type": "return_refund",
            "line_ids": [(0, 0, {"product_id": self.shirt.id, "quantity": 1,
                                 "responsibility": "customer"})]})
        case.action_approve()
        assert case.state == "waiting_return", case.state
        return case

    def claim(self, stage):
        claim = self.env["ecom.carrier.claim"].create({
            "carrier_id": self.carrier.id, "amount": 10.0, "tracking_ref": "RPC-CLAIM"})
        if stage in ("claimed", "accepted"):
            claim.action_claim()
        if stage == "accepted":
            claim.action_accept()
        return claim

    def feedback(self):
        return self.env["ecom.feedback"].create({
            "name": "Where is my parcel?", "partner_id": self.buyer.id,
            "order_id": self.approved().id, "resolution": "Told the buyer"})

    # -- money ------------------------------------------------------------
    def money(self):
        """A settlement of the demo Tmall shop (clearing journal 支付宝) and a
        COD statement, each of one line that finds nothing: to resolve."""
        def upload(model, values, content):
            values["file"] = base64.b64encode(content.encode("utf-8"))
            action = self.env[model].create(values).action_import()
            return self.env[action["res_model"]].browse(action["res_id"])
        return upload("ecom.settlement.import", {
            "channel_id": self.env.ref("ecom_order_mgmt.channel_tmall").id,
            "filename": "rpc-settlement.csv"}, SETTLEMENT % (0, 100.0, 95.0)), upload(
            "ecom.cod.import", {"filename": "rpc-cod.csv"}, "运单号,代收金额,日期\nRPC-COD,10,2026-12-01")

    # -- all of them ------------------------------------------------------
    def build(self):
        """{key: (model, ids)} of the documents of CALLS, committed by the caller."""
        docs = {}

        def keep(key, records):
            docs[key] = (records._name, records.ids)

        self._build_orders(keep)
        self._build_fulfilment(keep)
        self._build_custom_requests(keep)
        self._build_after_sales(keep)
        self._build_money_and_settings(keep)
        # stock for the allocation, once the backorders exist
        self.env["stock.quant"]._update_available_quantity(
            self.out, self.warehouse.lot_stock_id, 3)
        return docs

    def _build_orders(self, keep):
        # Backorders first, while the product is out of stock.
        keep("bo_notify", self.approved(self.out, 2).ecom_backorder_ids)
        keep("bo_cancel", self.approved(self.out, 2).ecom_backorder_ids)
        allocate = self.approved(self.out, 2).ecom_backorder_ids
        keep("bo_allocate", allocate)
        keep("bo_allocate_preview", allocate | self.approved(self.out, 1).ecom_backorder_ids)
        keep("so_review", self.order())
        keep("so_finance", self.reviewed())
        keep("so_exception", self.order())
        held = self.order()
        held.action_ecom_set_exception("risk")
        keep("so_held", held)
        keep("so_cancel", self.order())
        keep("so_bulk", self.order() | self.reviewed())
        keep("so_rules", self.order() | self.order())
        keep("so_shortage", self.reviewed())
        keep("so_safety", self.reviewed(self.safe, 5))
        keep("so_any", self.approved())

    def _build_fulfilment(self, keep):
        for key, stage in (("pk_to_print", "to_print"), ("pk_to_print_2", "to_print"),
                           ("pk_printed", "printed"),
                           ("pk_picked", "picked"), ("pk_packed", "packed"),
                           ("pk_scanned", "scanned"), ("pk_scanned_2", "scanned"),
                           ("pk_checked", "checked"), ("pk_checked_2", "checked"),
                           ("pk_shipped", "shipped")):
            picking = self.picking(stage)
            keep(key, picking)
        keep("ho_empty", self.handover())
        scan = self.handover()
        self.picking("checked").carrier_tracking_ref = "RPCSCAN"
        keep("ho_scan", scan)
        keep("ho_close", self.handover(scanned=True))
        keep("ho_review", self.handover(scanned=True))
        for key in ("rc_open", "rc_open_2", "rc_scanned", "rc_checked"):
            keep(key, self.receipt(key[3:].rstrip("_2")))
        keep("ho_review_2", self.handover(scanned=True))

    def _build_custom_requests(self, keep):
        for key, stage in (("cr_new", "new"), ("cr_draft", "draft"), ("cr_draft_2", "draft"),
                           ("cr_accepted", "accepted"), ("cr_price", "price_approval"),
                           ("cr_price_2", "price_approval"),
                           ("cr_deposit", "deposit_pending"),
                           ("cr_deposit_2", "deposit_pending"),
                           ("cr_purchasing", "purchasing"), ("cr_ordered", "ordered"),
                           ("cr_ordered_2", "ordered"), ("cr_received", "received"),
                           ("cr_balance", "balance_pending"), ("cr_ready", "ready")):
            keep(key, self.request(stage))

    def _build_after_sales(self, keep):
        for key in ("rt_draft", "rt_draft_2", "rt_draft_3"):
            keep(key, self.case())
        keep("rt_approved", self.case(approved=True))
        keep("rt_returning", self.returning())
        keep("rt_returning_2", self.returning())
        for key, stage in (("cl_draft", "draft"), ("cl_claimed", "claimed"),
                           ("cl_claimed_2", "claimed"), ("cl_accepted", "accepted")):
            keep(key, self.claim(stage))
        for key in ("fb_new", "fb_new_2", "fb_new_3", "fb_new_4"):
            keep(key, self.feedback())

    def _build_money_and_settings(self, keep):
        keep("channel", self.channel)
        keep("dashboard", self.env["ecom.dashboard"].search([
            ("channel_id", "=", self.channel.id)]))
        keep("profile", self.env["ecom.import.profile"].search([], limit=1))
        settlement, cod = self.money()
        keep("settlement", settlement)
        keep("settlement_channel", settlement.channel_id)
        keep("settlement_line", settlement.line_ids)
        keep("cod_line", cod.line_ids)
        keep("rule", self.env["ecom.review.rule"].create({
            "name": "RPC rule", "require_paid": True, "outcome": "pass_cs",
            "channel_ids": [(6, 0, self.channel.ids)]}))
