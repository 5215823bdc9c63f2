"""The documents of tests/test_access_matrix.py: for each row of its ACTIONS
table, the document put in the stage where the action is due (by the
system), and the call a role makes (`MatrixSetup._setup`)."""
import base64
import csv
import io
from datetime import date, timedelta

from odoo import fields

from odoo.addons.ecom_order_mgmt.tools import order_import as oi


def _day(offset):
    return fields.Date.to_string(date.today() + timedelta(days=offset))


class MatrixSetup(object):
    """Mixed into the matrix's test case (an EcomCase): the builders use its
    users, products, warehouse and order helpers."""

    def _reviewed(self, lines=None):
        order = self._order(lines)
        order.action_ecom_cs_approve()
        return order

    def _picking_at(self, stage):
        picking = self._delivery(self._approved())
        if stage != "to_print":
            self._walk_system(picking, stage)
        return picking

    def _walk_system(self, picking, stage):
        users = self.users
        self.users = dict(users, warehouse=self.env.user)
        try:
            self._walk(picking, stage)
        finally:
            self.users = users

    def _receipt(self):
        """A purchase receipt of 2 shirts, ready to receive."""
        suppliers = self.env.ref("stock.stock_location_suppliers")
        receipt = self.env["stock.picking"].create({
            "partner_id": self.vendor.id, "picking_type_id": self.warehouse.in_type_id.id,
            "location_id": suppliers.id, "location_dest_id": self.stock_location.id,
            "move_lines": [(0, 0, {
                "name": "shirt", "product_id": self.product_a.id, "product_uom_qty": 2,
                "product_uom": self.product_a.uom_id.id, "location_id": suppliers.id,
                "location_dest_id": self.stock_location.id})]})
        receipt.action_confirm()
        receipt.action_assign()
        return receipt

    def _request(self, stage, price_change=False):
        order = self.env["sale.order"].create({
            "partner_id": self.buyer.id,
            "order_line": [(0, 0, {"product_id": self.product_out.id, "product_uom_qty": 2,
                                   "price_unit": 100.0})]})
        request = self.env["ecom.custom.request"].create({
            "order_id": order.id, "line_id": order.order_line.id, "buyer_date": _day(30),
            "packaging_standard": "Kraft box", "price_change": price_change,
            "new_price_unit": 120.0 if price_change else 0.0})
        if stage == "draft_new":
            return request
        request.action_record_feasibility(True, inbound_date=_day(20), inbound_qty=2,
                                          vendor_id=self.vendor.id, production_cycle_days=10)
        if stage == "draft":
            return request
        request.action_buyer_accept(10, "Cotton", False)
        if stage == "accepted":
            return request
        request.action_submit()
        if stage in ("price_approval", "deposit_pending"):
            return request
        if stage == "price_approval_gm":
            return request
        request.action_confirm_deposit()
        request.action_submit()
        director = self.users["director"]
        request.sudo(director).action_approve()
        request.sudo(self.users["gm"]).action_approve()
        if stage == "purchasing":
            return request
        request.action_place_po()
        request.purchase_order_id.button_confirm()
        if stage == "ordered":
            return request
        request.action_receive()
        if stage == "received":
            return request
        request.action_request_balance()
        if stage == "balance_pending":
            return request
        request.action_confirm_balance()
        for picking in request._customer_deliveries():  # shipped: the request is ready
            for line in picking.move_line_ids:
                line.qty_done = line.product_uom_qty
            picking.button_validate()
        return request

    def _case(self, state):
        if state == "waiting_return":
            order = self._approved([(self.product_a, 1)])
            self._walk_system(self._delivery(order), "delivered")
            case = self.env["ecom.return"].create({
                "order_id": order.id, "type": "return_refund",
                "line_ids": [(0, 0, {"product_id": self.product_a.id, "quantity": 1,
                                     "responsibility": "company"})]})
            case.action_approve()
            return case
        order = self._approved([(self.product_a, 2)])
        case = self.env["ecom.return"].create({
            "order_id": order.id, "type": "refund_only",
            "line_ids": [(0, 0, {"product_id": self.product_a.id, "quantity": 1,
                                 "responsibility": "customer"})]})
        if state == "approved":
            case.action_approve()
        return case

    def _claim(self, state):
        order = self._approved()
        self._walk_system(self._delivery(order), "shipped")
        claim = self.env["ecom.carrier.claim"].create({
            "carrier_id": self.carrier.id, "amount": 10.0, "tracking_ref": "SF1"})
        if state in ("claimed", "accepted"):
            claim.action_claim()
        if state == "accepted":
            claim.action_accept()
        return claim

    def _backorder(self):
        order = self._reviewed([(self.product_out, 2)])
        order.action_ecom_finance_approve()
        return order.ecom_backorder_ids

    @staticmethod
    def _allocate(backorders):
        wizard = backorders.env["ecom.backorder.allocation"].create(
            {"backorder_ids": [(6, 0, backorders.ids)]})
        wizard.action_preview()
        wizard.action_commit()
        assert backorders.quantity_allocated == 2

    @staticmethod
    def _import_cod(record):
        """A COD statement of one unknown parcel, imported by `record`'s user."""
        content = "运单号,代收金额,日期\nSF-MATRIX-%d,10,2026-12-01\n" % record.env.uid
        wizard = record.env["ecom.cod.import"].create({
            "file": base64.b64encode(content.encode("utf-8")), "filename": "cod.csv"})
        action = wizard.action_import()
        return record.env["ecom.cod.statement"].browse(action["res_id"])

    def _setup(self, key):
        """(record, callable(record)) for one row of ACTIONS: the document in
        the stage where the action is due, and the call."""
        model, action = key.split("/")
        action = action.split("@")[0]
        if model == "stock.picking" and "_receive_" in action:
            return self._setup_receipt(action)
        builder = getattr(self, "_setup_" + model.replace(".", "_"), None)
        if builder is None:
            raise AssertionError("no set-up for %s" % key)
        return builder(action, key)

    def _setup_sale_order(self, action, key):
        if action == "action_ecom_finance_approve":
            return self._reviewed(), lambda r: r.action_ecom_finance_approve()
        if action == "action_ecom_resume":
            order = self._order()
            order.action_ecom_set_exception("risk")
            return order, lambda r: r.action_ecom_resume()
        if action == "action_ecom_set_exception":
            return self._order(), lambda r: r.action_ecom_set_exception("risk", "check")
        if action == "action_ecom_reassign":
            cs = self.users["cs"].id
            return self._order(), lambda r: r.action_ecom_reassign(cs)
        if action == "action_ecom_check_shortage":
            return self._reviewed(), lambda r: r.action_ecom_check_shortage()
        if action == "action_ecom_bulk_review":
            return self._reviewed() | self._reviewed(), self._bulk_review
        if action == "action_ecom_approve_safety_stock":
            self.product_a.ecom_safety_stock = self.product_a.qty_available - 1
            order = self._reviewed([(self.product_a, 2)])
            order.action_ecom_check_shortage()
            return order, lambda r: r.action_ecom_approve_safety_stock()
        return self._order(), lambda r: getattr(r, action)()

    def _setup_receipt(self, action):
        receipt = self._receipt()
        if action != "action_ecom_receive_scan":
            receipt.action_ecom_receive_scan(self.product_a.barcode, 2)
        if action == "action_ecom_receive_validate":
            receipt.action_ecom_receive_check()
        if action == "action_ecom_receive_scan":
            return receipt, lambda r: r.action_ecom_receive_scan(self.product_a.barcode)
        return receipt, lambda r: getattr(r, action)()

    def _setup_stock_picking(self, action, key):
        stage = {"action_ecom_print_waybill": "to_print", "action_ecom_pick": "printed",
                 "action_ecom_pack": "picked", "action_ecom_scan": "packed",
                 "action_ecom_reset_scans": "packed",
                 "action_ecom_check": "packed", "action_ecom_ship": "checked",
                 "action_ecom_confirm_delivered": "shipped"}[action]
        picking = self._picking_at(stage)
        if action == "action_ecom_print_waybill":
            picking.write({"carrier_id": self.carrier.id, "carrier_tracking_ref": "SF1"})
        if action == "action_ecom_scan":
            return picking, lambda r: r.action_ecom_scan(self.product_a.barcode)
        if action == "action_ecom_reset_scans":
            picking.action_ecom_scan(self.product_a.barcode)
            return picking, lambda r: r.action_ecom_reset_scans()
        if action == "action_ecom_check":
            picking.action_ecom_scan(self.product_a.barcode)
        if action == "action_ecom_ship":
            # with the courier's count of parcels
            return picking, lambda r: r.action_ecom_ship(r.ecom_package_count)
        return picking, lambda r: getattr(r, action)()

    def _setup_ecom_backorder(self, action, key):
        return self._backorder(), lambda r: getattr(r, action)()

    def _setup_ecom_handover(self, action, key):
        batch = self.env["ecom.handover"].create({"carrier_id": self.carrier.id})
        picking = self._picking_at("checked")
        if action == "action_scan_parcel":
            return batch, lambda r: r.action_scan_parcel(picking.carrier_tracking_ref)
        batch.action_scan_parcel(picking.carrier_tracking_ref)
        batch.carrier_count = picking.ecom_package_count
        if action == "action_review":
            return batch, lambda r: r.action_review()
        return batch, lambda r: r.action_close()

    def _setup_ecom_backorder_allocation(self, action, key):
        backorder = self._backorder()
        self.env["stock.quant"]._update_available_quantity(
            self.product_out, self.stock_location, 2)
        # The wizard is the user's own (transient records are per user).
        if action == "action_preview":
            return backorder, lambda r: r.env["ecom.backorder.allocation"].create(
                {"backorder_ids": [(6, 0, r.ids)]}).action_preview()
        return backorder, self._allocate

    def _setup_ecom_order_import(self, action, key):
        content = self._import_file()
        return self.env["ecom.order.import"], lambda r: getattr(r.create(
            {"file": content, "filename": "matrix.csv"}), action)()

    def _setup_ecom_custom_request(self, action, key):
        stage, call = {
            "action_record_feasibility": ("draft_new", lambda r: r.action_record_feasibility(
                True, inbound_date=_day(20), inbound_qty=2, vendor_id=self.vendor.id)),
            "action_buyer_accept": ("draft", lambda r: r.action_buyer_accept(10, "Cotton")),
            "action_buyer_decline": ("draft", lambda r: r.action_buyer_decline("Too late")),
            "action_submit": ("accepted", lambda r: r.action_submit()),
            "action_approve": ("price_approval", lambda r: r.action_approve()),
            "action_reject": ("price_approval", lambda r: r.action_reject("Too dear")),
            "action_confirm_deposit": ("deposit_pending",
                                       lambda r: r.action_confirm_deposit()),
            "action_place_po": ("purchasing", lambda r: r.action_place_po()),
            "action_receive": ("ordered", lambda r: r.action_receive()),
            "action_request_balance": ("received", lambda r: r.action_request_balance()),
            "action_confirm_balance": ("balance_pending",
                                       lambda r: r.action_confirm_balance()),
            "action_cancel": ("deposit_pending", lambda r: r.action_cancel("Buyer left")),
            "action_done": ("ready", lambda r: r.action_done()),
        }[action]
        request = self._request(stage, price_change=stage == "price_approval")
        if key.endswith("@gm"):
            request.sudo(self.users["director"]).action_approve()
        return request, call

    def _setup_ecom_return(self, action, key):
        if action == "action_refund":
            return self._case("approved"), lambda r: r.action_refund()
        if action == "action_reject":
            return self._case("draft"), lambda r: r.action_reject("Worn")
        if action == "action_receive":
            return self._case("waiting_return"), lambda r: r.action_receive()
        return self._case("draft"), lambda r: r.action_approve()

    def _setup_ecom_carrier_claim(self, action, key):
        state = {"action_claim": "draft", "action_paid": "accepted"}.get(action, "claimed")
        return self._claim(state), lambda r: getattr(r, action)()

    def _setup_ecom_cod_import(self, action, key):
        # The wizard is the user's own (transient records are per user).
        return self.channel, self._import_cod

    def _setup_ecom_cod_statement_line(self, action, key):
        line = self._import_cod(self.channel).line_ids
        return line, lambda r: r.action_resolve()

    def _setup_ecom_settings(self, action, key):
        # a page of the user's own (transient records are per user)
        return self.env["ecom.settings"], lambda r: r.create(
            {"ecom_return_days": 21}).execute()

    def _setup_ecom_feedback(self, action, key):
        feedback = self.env["ecom.feedback"].create({
            "name": "Where is my parcel?", "partner_id": self.buyer.id,
            "resolution": "Told the buyer", "order_id": self._approved().id})
        return feedback, lambda r: getattr(r, action)()

    @staticmethod
    def _bulk_review(orders):
        """The bulk review answers with a summary, each order passing or
        failing on its own: when an order did not pass, the refusal is the
        one its own button gives (the reason the summary shows)."""
        orders.action_ecom_bulk_review()
        orders.invalidate_cache()
        left = orders.filtered(lambda o: o.ecom_state != "approved")
        if left:
            left[0].action_ecom_finance_approve()
            raise AssertionError("%s not approved by the bulk review" % left[0].name)

    def _import_file(self):
        """A one-order export in the suite's template, base64 (a wizard's file)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([column.label for column in oi.COLUMNS])
        line = {"channel_code": self.channel.code, "platform_ref": "MATRIX-1",
                "order_time": "2026-11-20 10:00:00", "buyer_name": "买家", "phone": "13900000001",
                "province": "浙江省", "city": "杭州市", "district": "西湖区", "street": "文三路1号",
                "product_code": self.product_a.default_code, "quantity": "1",
                "unit_price": "10.00", "paid_amount": "10.00", "payment_mode": "支付宝"}
        writer.writerow([line.get(column.key, "") for column in oi.COLUMNS])
        return base64.b64encode(out.getvalue().encode("utf-8"))
