"""A day's work by role, over XML-RPC, as the demo users (password = login).

Used by tests/test_multinode.py (short) and bench/bench_multinode.py (long).
`prepare()` commits the morning's documents on the cluster's database (a
shop, stock, orders waiting for review, custom requests waiting for
signatures, an export file to import); `Day` then runs bounded client
threads, each a person at one of the two servers, until everything is done
or the time is up. A person works like the suite's users: look at one's
queue (`search`), press the button of the document on top; another person
may have taken it meanwhile (a clean refusal: try the next one). `check()`
reads the end of the day back and lists what is wrong.
"""
import collections
import csv
import http.client
import io
import random
import threading
import time
import xmlrpc.client

from odoo import SUPERUSER_ID, api

# Faults whose message says the server lost its database connection: the
# call is retried (the transaction was rolled back, nothing was written).
CONNECTION_LOST = ("terminating connection", "server closed the connection",
                   "connection already closed", "could not connect to server",
                   "SSL SYSCALL", "connection not open", "Connection refused",
                   "the connection is closed", "Unable to use a closed cursor",
                   # a new connection while PostgreSQL restarts
                   "the database system is shutting down",
                   "the database system is starting up")
REFUSAL_CODES = (2, 3, 4)  # UserError/MissingError, AccessDenied, AccessError
# Odoo 11 sends a ValidationError (a constraint's refusal, not a UserError)
# as an application error (code 1) with its traceback: a refusal all the same.
REFUSAL_TEXTS = ("odoo.exceptions.ValidationError:",)
CARRIERS = 2
CALL_TIMEOUT = 180  # seconds a call may take (a socket timeout is retried)


class Stats(object):
    """Latency and outcome of every call, by model.method (thread-safe)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.calls = collections.defaultdict(list)
        self.outcomes = collections.defaultdict(collections.Counter)
        self.errors = []
        self.refusals = {}
        self.started = time.time()

    def record(self, name, seconds, outcome, detail=None):
        with self.lock:
            if outcome == "ok":
                self.calls[name].append(seconds)
            self.outcomes[name][outcome] += 1
            if outcome == "error":
                self.errors.append("%s: %s" % (name, detail))
            if outcome == "refused":
                self.refusals.setdefault(name, collections.Counter())[
                    (detail or "").splitlines()[0][:90]] += 1

    def percentiles(self, name):
        """(p50, p95) in milliseconds of the successful calls of `name`."""
        times = sorted(self.calls[name])
        if not times:
            return 0.0, 0.0
        return (times[len(times) // 2] * 1000,
                times[min(len(times) - 1, int(len(times) * 0.95))] * 1000)

    def total(self):
        return sum(sum(count.values()) - count["unmarshallable"]
                   for count in self.outcomes.values())

    def report(self, wall):
        lines = ["%-46s %6s %6s %6s %6s %8s %8s" % ("call", "ok", "refus", "retry", "error",
                                                    "p50 ms", "p95 ms")]
        bad = {name: count["unmarshallable"] for name, count in self.outcomes.items()
               if count["unmarshallable"]}
        for name in sorted(self.outcomes):
            count = self.outcomes[name]
            p50, p95 = self.percentiles(name)
            lines.append("%-46s %6d %6d %6d %6d %8.0f %8.0f" % (
                name, count["ok"], count["refused"], count["retried"], count["error"],
                p50, p95))
        total = self.total()
        lines.append("%d calls in %.0f s: %.1f calls/s" % (total, wall, total / wall))
        lines.append("Refusals, most frequent reason of each call:")
        for name, reasons in sorted(self.refusals.items()):
            reason, count = reasons.most_common(1)[0]
            lines.append("  %s: %d x %s" % (name, count, reason))
        if bad:
            lines.append("Results that XML-RPC could not carry (None inside; the call itself "
                         "was done): %s" % bad)
        return "\n".join(lines)


class Refused(Exception):
    """The server refused the action cleanly (UserError, AccessError...)."""


class TimeoutTransport(xmlrpc.client.Transport):
    """XML-RPC over HTTP with a socket timeout: no call waits for ever."""

    def __init__(self, timeout):
        super(TimeoutTransport, self).__init__()
        self.timeout = timeout

    def make_connection(self, host):
        connection = super(TimeoutTransport, self).make_connection(host)
        connection.timeout = self.timeout
        return connection


class Rpc(object):
    """One person's XML-RPC session on one server."""

    def __init__(self, url, db, login, stats, retries=6):
        assert url.startswith("http://127.0.0.1:"), "loopback only: %s" % url
        self.db, self.login, self.stats, self.retries = db, login, stats, retries
        self.common = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common",
                                                transport=TimeoutTransport(CALL_TIMEOUT))
        self.object = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/object", allow_none=True,
                                                transport=TimeoutTransport(CALL_TIMEOUT))
        self.uid = self._retry("common.authenticate", lambda: self.common.authenticate(
            db, login, login, {}))
        assert self.uid, "cannot log in as %s" % login

    def _retry(self, name, call):
        for attempt in range(self.retries + 1):
            start = time.time()
            try:
                result = call()
            except xmlrpc.client.Fault as fault:
                seconds = time.time() - start
                if "cannot marshal None" in fault.faultString:
                    # done and committed, but the result does not go over
                    # XML-RPC (a contract bug, counted and reported)
                    self.stats.record(name, seconds, "ok")
                    self.stats.record(name, 0, "unmarshallable")
                    return None
                if fault.faultCode in REFUSAL_CODES:
                    self.stats.record(name, seconds, "refused", fault.faultString)
                    raise Refused(fault.faultString)
                if any(text in fault.faultString for text in REFUSAL_TEXTS):
                    reason = fault.faultString.strip().splitlines()[-1]
                    self.stats.record(name, seconds, "refused", reason)
                    raise Refused(reason)
                lost = any(mark in fault.faultString for mark in CONNECTION_LOST)
                if not lost or attempt == self.retries:
                    self.stats.record(name, seconds, "error", fault.faultString[-600:])
                    raise
                self.stats.record(name, seconds, "retried")
            except (OSError, http.client.HTTPException, xmlrpc.client.ProtocolError) as error:
                self.stats.record(name, time.time() - start, "retried")
                if attempt == self.retries:
                    self.stats.record(name, 0, "error", repr(error))
                    raise
            else:
                self.stats.record(name, time.time() - start, "ok")
                return result
            time.sleep(min(0.5 * 2 ** attempt, 5))

    def __call__(self, model, method, *args, **kwargs):
        return self._retry("%s.%s" % (model, method), lambda: self.object.execute_kw(
            self.db, self.uid, self.login, model, method, list(args), kwargs))


# ----------------------------------------------------------------------
# The morning: documents committed before the clients start
# ----------------------------------------------------------------------
def prepare(registry, tag, orders=30, imported=6, requests=2, chunk=4, threshold=None):
    """Commit the day's documents; return what the clients and check() need."""
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "UTC"})
        warehouse = env.ref("stock.warehouse0")
        code = "DAY%s" % tag
        channel = env["ecom.channel"].create({
            "name": "Day shop %s" % tag, "code": code, "platform": "tmall",
            "warehouse_id": warehouse.id, "allow_cod": True})
        products = []
        for n in range(3):
            product = env["product.product"].create({
                "name": "Day shirt %s-%d" % (tag, n), "default_code": "DAY-%s-%d" % (tag, n),
                "barcode": "699%05d%04d" % (int(time.time()) % 100000, n),
                "type": "product", "list_price": 50.0 + 25 * n, "taxes_id": [(5,)]})
            env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id,
                                                          10 * (orders + imported))
            products.append(product)
        carriers = _carriers(env, tag)
        buyer = env["res.partner"].create({"name": "Day buyer %s" % tag, "customer": True})
        env.user.company_id.ecom_return_days = 30
        warehouse._ecom_ensure_return_locations()
        order_ids = []
        for n in range(orders):
            if n == orders // 2:
                # the second half (and the imported orders) invoiced when
                # shipped, the first half at finance approval
                channel.invoice_policy = "shipment"
            mode = "cod" if n % 5 == 4 else "prepaid"
            order = env["sale.order"].create({
                "partner_id": buyer.id, "ecom_channel_id": channel.id,
                "ecom_platform_ref": "DAY-%s-%04d" % (tag, n), "ecom_buyer_name": "王%d" % n,
                "ecom_buyer_phone": "1380000%04d" % n, "ecom_province": "浙江省",
                "ecom_city": "杭州市", "ecom_district": "西湖区", "ecom_street": "文三路 %d 号" % n,
                "ecom_payment_mode": mode,
                # one in seven: the buyer asks for something CS handles aside
                "ecom_buyer_remark": "请包装结实" if n % 7 == 3 else False,
                "order_line": [(0, 0, {"product_id": products[(n + i) % 3].id,
                                       "product_uom_qty": 1 + (n + i) % 2,
                                       "price_unit": products[(n + i) % 3].list_price})
                               for i in range(1 + n % 2)]})
            if mode == "prepaid":
                order.ecom_paid_amount = order.amount_total
            order_ids.append(order.id)
        request_ids = _custom_requests(env, tag, buyer, requests)
        params = env["ir.config_parameter"]
        params.set_param("ecom_order_mgmt.bulk_job_threshold", str(threshold or chunk))
        params.set_param("ecom_order_mgmt.bulk_job_chunk", str(chunk))
        # The servers cache system parameters: tell them, as a server does
        # after a request that cleared caches (Registry.signal_changes).
        cr.execute("SELECT nextval('base_cache_signaling')")
        cr.execute("SELECT COALESCE(MAX(id), 0) FROM queue_job")
        first_job = cr.fetchone()[0] + 1
        export = _export(code, tag, products, imported)
        cr.commit()
    return {"tag": tag, "channel": channel.id, "code": code, "orders": order_ids,
            "requests": request_ids, "carriers": carriers, "first_job": first_job,
            "file": export,
            "returns": max(1, orders // 8)}


def _carriers(env, tag):
    """Ids of the day's couriers (CARRIERS of them)."""
    ids = []
    for n in range(CARRIERS):
        service = env["product.product"].create({
            "name": "Day courier service %s-%d" % (tag, n), "type": "service"})
        ids.append(env["delivery.carrier"].create({
            "name": "Day courier %s-%d" % (tag, n), "delivery_type": "fixed",
            "fixed_price": 0, "product_id": service.id}).id)
    return ids


def _custom_requests(env, tag, buyer, count):
    """Custom requests with a price change, waiting for the director's signature."""
    product = env["product.product"].create({"name": "Day custom cap %s" % tag,
                                             "type": "product", "list_price": 100.05})
    vendor = env["res.partner"].create({"name": "Day workshop %s" % tag, "supplier": True})
    cs = env.ref("ecom_order_mgmt.user_ecom_cs")
    ids = []
    for n in range(count):
        order = env["sale.order"].create({
            "partner_id": buyer.id, "order_line": [(0, 0, {
                "product_id": product.id, "product_uom_qty": 2 + n, "price_unit": 100.05})]})
        request = env["ecom.custom.request"].sudo(cs).create({
            "order_id": order.id, "line_id": order.order_line.id, "packaging_standard": "Box",
            "buyer_date": "2099-01-31", "price_change": True, "new_price_unit": 120.05})
        request = env["ecom.custom.request"].browse(request.id)
        request.action_record_feasibility(True, inbound_date="2099-01-20",
                                          inbound_qty=2 + n, vendor_id=vendor.id)
        request.sudo(cs).action_buyer_accept(10, "Cotton")
        request.sudo(cs).action_submit()
        assert request.state == "price_approval", request.state
        ids.append(request.id)
    return ids


def _export(code, tag, products, count):
    """A platform export in the suite's template: `count` prepaid orders."""
    from odoo.addons.ecom_order_mgmt.tools import order_import as oi
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column.label for column in oi.COLUMNS])
    for n in range(count):
        product = products[n % len(products)]
        line = {"channel_code": code, "platform_ref": "DAYIMP-%s-%03d" % (tag, n),
                "order_time": "2026-11-20 10:00:00", "buyer_name": "进口%d" % n,
                "phone": "1390000%04d" % n, "province": "江苏省", "city": "南京市",
                "district": "玄武区", "street": "中山路%d号" % n,
                "product_code": product.default_code, "quantity": "1",
                "unit_price": "%.2f" % product.list_price,
                "paid_amount": "%.2f" % product.list_price, "payment_mode": "支付宝",
                "remark": ""}
        writer.writerow([line.get(column.key, "") for column in oi.COLUMNS])
    return out.getvalue()


# ----------------------------------------------------------------------
# The day
# ----------------------------------------------------------------------
class Day(object):
    """Client threads doing the day's work on `urls` (one server each, in turn)."""

    def __init__(self, urls, db, world, clients=6, seconds=240, stats=None):
        self.urls, self.db, self.world = urls, db, world
        self.stats = stats or Stats()
        self.deadline = time.time() + seconds
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.imported = False
        self.returns_opened = 0
        self.people = self._people(clients)
        self.failures = []

    def _people(self, clients):
        """Who works today: at least one of each role the day needs."""
        roles = ["cs", "finance", "warehouse", "boss", "warehouse", "cs", "finance",
                 "warehouse", "cs", "warehouse", "finance", "cs"]
        return roles[:max(4, min(clients, len(roles)))]

    def run(self):
        threads = [threading.Thread(target=self._person, args=(n, role), daemon=True)
                   for n, role in enumerate(self.people)]
        started = time.time()
        for thread in threads:
            thread.start()
        while time.time() < self.deadline and not self.stop.is_set():
            if self._finished():
                break
            time.sleep(2)
        self.stop.set()
        for thread in threads:
            thread.join(max(30, self.deadline + 60 - time.time()))
        return time.time() - started

    def _person(self, number, role):
        url = self.urls[number % len(self.urls)]
        rng = random.Random(number)
        work = getattr(self, "_" + role)
        try:
            sessions = {login: Rpc(url, self.db, login, self.stats)
                        for login in self._logins(role)}
        except Exception as error:  # noqa: B902 -- reported by the caller
            self._failed(role, number, error)
            return
        while not self.stop.is_set() and time.time() < self.deadline:
            try:
                if not work(sessions, rng, number):
                    time.sleep(1 + 2 * rng.random())
            except Exception as error:  # noqa: B902 -- reported by the caller
                # recorded; the person goes on with the day, as a user
                # shown an error does (the work is still there)
                self._failed(role, number, error)
                time.sleep(1 + 2 * rng.random())

    def _failed(self, role, number, error):
        with self.lock:
            self.failures.append("%s #%d: %r" % (role, number, error))

    @staticmethod
    def _logins(role):
        if role == "boss":
            return ["ecom_manager", "ecom_director", "ecom_gm"]
        return ["ecom_%s" % role]

    # -- what is left -----------------------------------------------------
    def _open(self, rpc):
        world = self.world
        left = rpc("sale.order", "search_count", [
            ("ecom_channel_id", "=", world["channel"]),
            ("ecom_state", "not in", ("approved", "cancel"))])
        left += rpc("stock.picking", "search_count", [
            ("ecom_channel_id", "=", world["channel"]), ("picking_type_code", "=", "outgoing"),
            ("ecom_fulfil_state", "not in", ("shipped", "delivered"))])
        left += rpc("ecom.return", "search_count", [
            ("order_id.ecom_channel_id", "=", world["channel"]), ("state", "!=", "done")])
        left += rpc("ecom.custom.request", "search_count", [
            ("id", "in", world["requests"]), ("state", "!=", "deposit_paid")])
        return left

    def _finished(self):
        """The people's work is done (jobs may still be finishing: wait_jobs)."""
        if not self.imported or self.returns_opened < self.world["returns"]:
            return False
        try:
            return self._open(Rpc(self.urls[0], self.db, "admin", Stats())) == 0
        except Exception:  # noqa: B902 -- a failing look is "not yet"
            return False

    def wait_jobs(self, timeout=300):
        """Wait for the day's jobs to end; return those still pending,
        enqueued or started after `timeout` seconds (ids)."""
        rpc = Rpc(self.urls[0], self.db, "admin", Stats())
        deadline = time.time() + timeout
        while True:
            left = rpc("queue.job", "search", [("id", ">=", self.world["first_job"]),
                                               ("state", "not in", ("done", "failed"))])
            if not left or time.time() > deadline:
                return left
            time.sleep(2)

    def _press(self, rpc, model, method, ids, *args):
        """Press a button; a clean refusal (someone else, wrong stage) is False."""
        try:
            rpc(model, method, ids, *args)
            return True
        except Refused:
            return False

    def _mine(self, rpc, model, domain, rng, limit=6):
        ids = rpc(model, "search", domain, limit=limit, order="id")
        rng.shuffle(ids)
        return ids

    # -- the roles --------------------------------------------------------
    def _cs(self, sessions, rng, number):
        rpc = sessions["ecom_cs"]
        world = self.world
        with self.lock:
            importing, self.imported = not self.imported, True
        if importing:
            result = rpc("ecom.order.import", "import_file",
                         xmlrpc.client.Binary(world["file"].encode("utf-8")), "day.csv")
            assert result["imported"] + result["duplicates"] == \
                len(world["file"].splitlines()) - 1, result
            return True
        for order_id in self._mine(rpc, "sale.order", [
                ("ecom_channel_id", "=", world["channel"]),
                ("ecom_state", "in", ("to_review", "exception"))], rng):
            order = rpc("sale.order", "read", [order_id],
                        ["ecom_state", "ecom_buyer_remark", "ecom_had_exception"])[0]
            if order["ecom_state"] == "exception":
                return self._press(rpc, "sale.order", "action_ecom_resume", [order_id])
            if order["ecom_buyer_remark"] and not order["ecom_had_exception"]:
                return self._press(rpc, "sale.order", "action_ecom_set_exception", [order_id],
                                   "buyer_remark", "Asked the buyer")
            return self._press(rpc, "sale.order", "action_ecom_cs_approve", [order_id])
        return self._open_return(rpc, rng)

    def _open_return(self, rpc, rng):
        world = self.world
        with self.lock:
            if self.returns_opened >= world["returns"]:
                return False
        # a prepaid order: a COD order is paid to the carrier, later (a refund
        # of it is refused while nothing is recorded as paid)
        for picking in rpc("stock.picking", "search_read", [
                ("ecom_channel_id", "=", world["channel"]), ("picking_type_code", "=", "outgoing"),
                ("ecom_fulfil_state", "in", ("shipped", "delivered")),
                ("sale_id.ecom_payment_mode", "=", "prepaid")],
                ["sale_id", "ecom_fulfil_state", "move_lines"], limit=40, order="id"):
            order_id = picking["sale_id"][0]
            if rpc("ecom.return", "search_count", [("order_id", "=", order_id)]):
                continue
            if picking["ecom_fulfil_state"] == "shipped":
                self._press(rpc, "stock.picking", "action_ecom_confirm_delivered",
                            [picking["id"]])
            move = rpc("stock.move", "read", picking["move_lines"][:1],
                       ["product_id", "product_uom_qty"])[0]
            with self.lock:
                if self.returns_opened >= world["returns"]:
                    return False
                self.returns_opened += 1
            try:
                rpc("ecom.return", "create", {
                    "order_id": order_id, "type": "return_refund",
                    "line_ids": [(0, 0, {"product_id": move["product_id"][0], "quantity": 1,
                                         "responsibility": "company"})]})
            except Refused:
                with self.lock:
                    self.returns_opened -= 1
                continue
            return True
        return False

    def _finance(self, sessions, rng, number):
        rpc = sessions["ecom_finance"]
        world = self.world
        waiting = rpc("sale.order", "search", [("ecom_channel_id", "=", world["channel"]),
                                               ("ecom_state", "=", "to_finance")],
                      limit=12, order="id")
        if len(waiting) > 4 and rng.random() < 0.7:
            # a big selection: the bulk review queues jobs (threshold 4)
            return self._press(rpc, "sale.order", "action_ecom_bulk_review", waiting)
        for order_id in waiting[:3]:
            if self._press(rpc, "sale.order", "action_ecom_finance_approve", [order_id]):
                return True
        for model, domain, method in (
                ("ecom.return", [("order_id.ecom_channel_id", "=", world["channel"]),
                                 ("state", "=", "received")], "action_refund"),
                ("ecom.custom.request", [("id", "in", world["requests"]),
                                         ("state", "=", "deposit_pending")],
                 "action_confirm_deposit")):
            for record_id in self._mine(rpc, model, domain, rng):
                if self._press(rpc, model, method, [record_id]):
                    return True
        return bool(waiting)

    def _warehouse(self, sessions, rng, number):
        rpc = sessions["ecom_warehouse"]
        world = self.world
        pickings = rpc("stock.picking", "search_read", [
            ("ecom_channel_id", "=", world["channel"]), ("picking_type_code", "=", "outgoing"),
            ("state", "=", "assigned"),
            ("ecom_fulfil_state", "in", ("to_print", "printed", "picked", "packed"))],
            ["ecom_fulfil_state", "move_lines", "carrier_id"], limit=8, order="id")
        rng.shuffle(pickings)
        for picking in pickings:
            if self._fulfil_step(rpc, picking):
                return True
        return self._handover(rpc, number) or self._receive_return(rpc, rng)

    def _fulfil_step(self, rpc, picking):
        ids = [picking["id"]]
        stage = picking["ecom_fulfil_state"]
        if stage == "to_print":
            carrier = self.world["carriers"][picking["id"] % CARRIERS]
            try:
                rpc("stock.picking", "write", ids, {
                    "carrier_id": carrier, "carrier_tracking_ref": "DAY%08d" % picking["id"]})
            except Refused:
                return False
            return self._press(rpc, "stock.picking", "action_ecom_print_waybill", ids)
        if stage in ("printed", "picked"):
            method = "action_ecom_pick" if stage == "printed" else "action_ecom_pack"
            return self._press(rpc, "stock.picking", method, ids)
        # packed: scan every unit, then check
        for move in rpc("stock.move", "read", picking["move_lines"],
                        ["product_id", "product_uom_qty"]):
            barcode = rpc("product.product", "read", [move["product_id"][0]],
                          ["barcode"])[0]["barcode"]
            if not self._press(rpc, "stock.picking", "action_ecom_scan", ids, barcode,
                               int(move["product_uom_qty"])):
                self._press(rpc, "stock.picking", "action_ecom_reset_scans", ids)
                return False
        return self._press(rpc, "stock.picking", "action_ecom_check", ids)

    def _handover(self, rpc, number):
        """The parcels of one carrier, counted into a batch and handed over."""
        carriers = self.world["carriers"]
        for turn in range(len(carriers)):
            carrier = carriers[(number + turn) % len(carriers)]
            parcels = rpc("stock.picking", "search_read", [
                ("ecom_channel_id", "=", self.world["channel"]), ("carrier_id", "=", carrier),
                ("ecom_fulfil_state", "=", "checked"), ("ecom_handover_id", "=", False)],
                ["carrier_tracking_ref"], limit=5, order="id")
            if parcels:
                return self._hand_over(rpc, carrier, parcels)
        return False

    def _hand_over(self, rpc, carrier, parcels):
        batch = rpc("ecom.handover", "create", {"carrier_id": carrier})
        scanned = sum(self._press(rpc, "ecom.handover", "action_scan_parcel", [batch],
                                  parcel["carrier_tracking_ref"]) for parcel in parcels)
        if not scanned:
            return False
        count = rpc("ecom.handover", "read", [batch], ["parcel_count"])[0]["parcel_count"]
        rpc("ecom.handover", "write", [batch], {"carrier_count": count})
        return self._press(rpc, "ecom.handover", "action_close", [batch])

    def _receive_return(self, rpc, rng):
        """The parcel of a case comes back complete (the receiving screen's
        button: ecom.return.action_receive without counts)."""
        for case_id in self._mine(rpc, "ecom.return", [
                ("order_id.ecom_channel_id", "=", self.world["channel"]),
                ("state", "=", "waiting_return")], rng, limit=4):
            if self._press(rpc, "ecom.return", "action_receive", [case_id]):
                return True
        return False

    def _boss(self, sessions, rng, number):
        """The manager approves returns; the director and the GM sign."""
        world = self.world
        manager = sessions["ecom_manager"]
        for case_id in self._mine(manager, "ecom.return", [
                ("order_id.ecom_channel_id", "=", world["channel"]),
                ("state", "=", "draft")], rng):
            if self._press(manager, "ecom.return", "action_approve", [case_id]):
                return True
        for request in manager("ecom.custom.request", "search_read", [
                ("id", "in", world["requests"]), ("state", "=", "price_approval")],
                ["approval_tier_due"]):
            signer = sessions["ecom_%s" % request["approval_tier_due"]]
            if self._press(signer, "ecom.custom.request", "action_approve", [request["id"]]):
                return True
        return False
