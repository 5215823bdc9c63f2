# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The E-commerce dashboard (issue 21): each figure of each card against
known orders around midnight in Shanghai, the lists its links open, who sees
the money, and a cost that does not grow with the number of orders."""
import json
import xmlrpc.client

from lxml import etree

from odoo.exceptions import AccessError

from .common import EcomCase

# Now: Wednesday 4 March 2026 17:30 UTC = Thursday 5 March 01:30 in Shanghai.
NOW = "2026-03-04 17:30:00"


class TestDashboard(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestDashboard, cls).setUpClass()
        env = cls.env
        # The company card adds up the active channels: only the two below.
        env["ecom.channel"].search([]).write({"active": False})
        cls.ch_sh = env["ecom.channel"].create({
            "name": "Shanghai shop", "code": "TDSH", "platform": "tmall",
            "warehouse_id": cls.warehouse.id, "tz": "Asia/Shanghai"})
        cls.ch_utc = env["ecom.channel"].create({
            "name": "UTC shop", "code": "TDUTC", "platform": "jd",
            "warehouse_id": cls.warehouse.id, "tz": "UTC"})
        a, b = cls.product_a, cls.product_b
        sh = {"ecom_channel_id": cls.ch_sh.id}
        utc = {"ecom_channel_id": cls.ch_utc.id}
        # Shanghai: 00:30 today (5 Mar), 23:30 yesterday, Monday 01:00,
        # Sunday 23:00 (last week), and one cancelled today.
        cls.sh_today = cls._order([(a, 1)], **sh)
        cls.sh_yesterday = cls._order([(a, 2)], **sh)
        cls.sh_monday = cls._order([(a, 3)], **sh)
        cls.sh_sunday = cls._order([(b, 1)], **sh)
        cls.sh_cancelled = cls._order([(a, 5)], **sh)
        # UTC shop: its today is still Wednesday 4 March.
        cls.utc_today = cls._order([(a, 1)], **utc)
        cls.utc_yesterday = cls._order([(a, 1), (b, 1)], **utc)
        cs, finance = cls.users["cs"], cls.users["finance"]
        cls.sh_yesterday.sudo(cs).action_ecom_cs_approve()
        cls.sh_yesterday.sudo(finance).action_ecom_finance_approve()
        cls.sh_monday.sudo(cs).action_ecom_set_exception("risk")
        cls.sh_sunday.sudo(cs).action_ecom_cs_approve()
        cls.sh_cancelled.sudo(cs).action_ecom_cancel()
        for order, received in ((cls.sh_today, "2026-03-04 16:30:00"),
                                (cls.sh_yesterday, "2026-03-04 15:30:00"),
                                (cls.sh_monday, "2026-03-01 17:00:00"),
                                (cls.sh_sunday, "2026-03-01 15:00:00"),
                                (cls.sh_cancelled, "2026-03-04 17:00:00"),
                                (cls.utc_today, "2026-03-04 15:30:00"),
                                (cls.utc_yesterday, "2026-03-03 23:00:00")):
            order.write({"ecom_received_at": received, "ecom_sla_breached": False})
        # Yesterday's Shanghai order missed its SLA and is not packed yet.
        cls.sh_yesterday.write({"ecom_sla_breached": True})
        cls.Dashboard = env["ecom.dashboard"].with_context(ecom_dashboard_now=NOW)

    def _cards(self, role="manager"):
        cards = self.Dashboard.sudo(self.users[role]).search([])
        return {card.channel_id.code or "company": card for card in cards}

    def _figures(self, card):
        return json.loads(card.kanban_dashboard)["figures"]

    EXPECTED = {
        "TDSH": {
            "orders_today": 1, "gmv_today": 100.0, "aov_today": 100.0,
            "orders_yesterday": 1, "gmv_yesterday": 200.0, "aov_yesterday": 200.0,
            "orders_week": 3, "gmv_week": 600.0, "aov_week": 200.0,
            "breached_today": 0, "breached_yesterday": 1, "breached_week": 1,
            "exceptions_today": 0, "exceptions_yesterday": 0, "exceptions_week": 1,
            "to_review": 1, "to_finance": 1, "held": 1, "late": 1, "to_ship": 1,
        },
        "TDUTC": {
            "orders_today": 1, "gmv_today": 100.0, "aov_today": 100.0,
            "orders_yesterday": 1, "gmv_yesterday": 150.0, "aov_yesterday": 150.0,
            "orders_week": 2, "gmv_week": 250.0, "aov_week": 125.0,
            "breached_today": 0, "breached_yesterday": 0, "breached_week": 0,
            "exceptions_today": 0, "exceptions_yesterday": 0, "exceptions_week": 0,
            "to_review": 2, "to_finance": 0, "held": 0, "late": 0, "to_ship": 0,
        },
        "company": {
            "orders_today": 2, "gmv_today": 200.0, "aov_today": 100.0,
            "orders_yesterday": 2, "gmv_yesterday": 350.0, "aov_yesterday": 175.0,
            "orders_week": 5, "gmv_week": 850.0, "aov_week": 170.0,
            "breached_today": 0, "breached_yesterday": 1, "breached_week": 1,
            "exceptions_today": 0, "exceptions_yesterday": 0, "exceptions_week": 1,
            "to_review": 3, "to_finance": 1, "held": 1, "late": 1, "to_ship": 1,
        },
    }

    def test_one_card_per_active_channel_and_the_company_on_top(self):
        cards = self.Dashboard.sudo(self.users["manager"]).search([])
        self.assertEqual(len(cards), 3)
        self.assertTrue(cards[0].is_company)
        self.assertEqual(cards[1:].mapped("channel_id"), self.ch_sh | self.ch_utc)
        self.assertIn(self.env.user.company_id.name, cards[0].name)

    def test_each_figure_of_each_card(self):
        for key, card in self._cards().items():
            figures = self._figures(card)
            for figure, value in self.EXPECTED[key].items():
                self.assertEqual(figures[figure], value, "%s %s" % (key, figure))

    def test_the_graph_counts_the_last_14_days(self):
        card = self._cards()["TDSH"]
        orders = json.loads(card.kanban_graph_orders)[0]["values"]
        gmv = json.loads(card.kanban_graph_gmv)[0]["values"]
        self.assertEqual(len(orders), 14)
        # 20 February … 5 March: Sunday 1, Monday 2, Wednesday 4, Thursday 5 March
        self.assertEqual([v["value"] for v in orders], [0] * 9 + [1, 1, 0, 1, 1])
        self.assertEqual([v["y"] for v in gmv], [0] * 9 + [50.0, 300.0, 0, 200.0, 100.0])
        self.assertEqual((orders[0]["label"], orders[-1]["label"]), ("20", "5"))
        self.assertEqual((gmv[0]["x"], gmv[-1]["x"]), ("20 Feb", "5 Mar"))
        company = json.loads(self._cards()["company"].kanban_graph_orders)[0]["values"]
        # a day of the company card is that day on each channel's clock, as
        # its "today": the UTC shop's today (Wednesday) adds to Shanghai's
        # (Thursday), its yesterday to Shanghai's yesterday
        self.assertEqual([v["value"] for v in company], [0] * 9 + [1, 1, 0, 2, 2])

    def test_each_link_opens_what_was_counted(self):
        Order = self.env["sale.order"].sudo(self.users["manager"])
        Picking = self.env["stock.picking"].sudo(self.users["manager"])
        methods = {"orders": "action_open_orders", "breached": "action_open_breached",
                   "exceptions": "action_open_exceptions"}
        queues = {"to_review": "action_open_to_review", "to_finance": "action_open_to_finance",
                  "held": "action_open_held", "late": "action_open_late",
                  "to_ship": "action_open_to_ship"}
        for key, card in self._cards().items():
            expected = self.EXPECTED[key]
            for period in ("today", "yesterday", "week"):
                for figure, method in methods.items():
                    action = getattr(card.with_context(ecom_period=period), method)()
                    found = Order.search(action["domain"])
                    self.assertEqual(len(found), expected["%s_%s" % (figure, period)],
                                     "%s %s %s" % (key, figure, period))
                    if figure == "orders":
                        self.assertAlmostEqual(sum(found.mapped("amount_total")),
                                               expected["gmv_%s" % period])
            for figure, method in queues.items():
                action = getattr(card, method)()
                model = Picking if figure == "to_ship" else Order
                self.assertEqual(action["res_model"], model._name)
                self.assertEqual(len(model.search(action["domain"])), expected[figure],
                                 "%s %s" % (key, figure))
                xmlrpc.client.dumps((action,), allow_none=False)

    def test_the_list_of_orders_shows_the_orders_themselves(self):
        card = self._cards()["TDSH"]
        action = card.with_context(ecom_period="week").action_open_orders()
        found = self.env["sale.order"].search(action["domain"])
        self.assertEqual(found, self.sh_today | self.sh_yesterday | self.sh_monday)

    def test_cs_and_warehouse_get_no_money(self):
        for role in ("cs", "warehouse"):
            for key, card in self._cards(role).items():
                figures = self._figures(card)
                shown = json.loads(card.kanban_dashboard)["shown"]
                for period in ("today", "yesterday", "week"):
                    self.assertNotIn("gmv_%s" % period, figures, role)
                    self.assertNotIn("aov_%s" % period, shown, role)
                self.assertEqual(figures["orders_week"], self.EXPECTED[key]["orders_week"])
                with self.assertRaises(AccessError):
                    card.read(["kanban_graph_gmv"])
        # finance sees the money
        figures = self._figures(self._cards("finance")["company"])
        self.assertEqual(figures["gmv_week"], 850.0)

    def test_the_money_rows_are_hidden_from_cs_in_the_view(self):
        view = self.env.ref("ecom_order_mgmt.view_ecom_dashboard_kanban")

        def arch(role):
            result = self.env["ecom.dashboard"].sudo(self.users[role]).fields_view_get(
                view.id, "kanban")
            return etree.fromstring(result["arch"]), result["fields"]

        cs_arch, cs_fields = arch("cs")
        manager_arch, manager_fields = arch("manager")
        for row in ("gmv", "aov"):
            self.assertIn("invisible", cs_arch.xpath("//tr[@name='%s']" % row)[0].get(
                "modifiers"))
            self.assertNotIn("invisible", manager_arch.xpath("//tr[@name='%s']" % row)[0].get(
                "modifiers", ""))
        self.assertNotIn("kanban_graph_gmv", cs_fields)
        self.assertIn("kanban_graph_gmv", manager_fields)

    def _query_count(self, cards):
        cards.invalidate_cache()
        before = self.env.cr.sql_log_count
        cards.read(["kanban_dashboard", "kanban_graph_orders", "kanban_graph_gmv"])
        return self.env.cr.sql_log_count - before

    def test_the_same_queries_for_n_and_5n_orders(self):
        cards = self.Dashboard.sudo(self.users["manager"]).search([])
        self._query_count(cards)  # warm the caches of languages, currencies…
        for _n in range(4):
            self._order([(self.product_a, 1)], ecom_channel_id=self.ch_utc.id).write(
                {"ecom_received_at": "2026-03-04 10:00:00"})
        few = self._query_count(cards)
        for _n in range(16):
            self._order([(self.product_a, 1)], ecom_channel_id=self.ch_utc.id).write(
                {"ecom_received_at": "2026-03-04 11:00:00"})
        self.assertEqual(self._query_count(cards), few)
        self.assertEqual(self._figures(cards[0])["orders_today"], 22)

    def test_another_company_sees_its_own_cards(self):
        company, user = self._other_company_manager("Dashboard Other Co", "dash_other")
        self.assertFalse(self.Dashboard.sudo(user).search([]))

    def test_databases_made_before_the_dashboard_switch_the_manager_home(self):
        report = self.env.ref("ecom_order_mgmt.action_ecom_order_report")
        dashboard = self.env.ref("ecom_order_mgmt.action_ecom_dashboard")
        group = self.env.ref("ecom_order_mgmt.group_ecom_manager")
        manager = self.users["manager"]
        group.ecom_home_action_id = report.id
        manager.action_id = report.id
        self.env["res.groups"]._ecom_dashboard_become_home()
        self.assertEqual(group.ecom_home_action_id.id, dashboard.id)
        self.assertEqual(manager.action_id.id, dashboard.id)
        # an administrator's other choice stays
        discuss = self.env.ref("mail.mail_channel_action_client_chat")
        group.ecom_home_action_id = discuss.id
        self.env["res.groups"]._ecom_dashboard_become_home()
        self.assertEqual(group.ecom_home_action_id.id, discuss.id)
