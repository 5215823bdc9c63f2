"""Every report model of the three addons answers `read_group` in a form
XML-RPC can carry (external BI tools read the KPIs over the API).

The report models are found in the registry (SQL views of the suite's
addons), so that a new one is checked without being listed here. Each is
asked with no grouping, by each field it can be grouped by, and by two
fields at once as the pivot asks; on the database as it is (demo data) and
with nothing to aggregate (a domain matching no row, and a user of a company
that has no data). The answer is marshalled as Odoo's XML-RPC server does
(`allow_none=False`) and as JSON.
"""
import json
import xmlrpc.client

from odoo.tests.common import TransactionCase
from odoo.tools import ustr

ADDONS = ("ecom_order_mgmt", "ecom_backorder", "ecom_returns")
GROUPABLE = ("many2one", "selection", "char", "boolean", "date", "datetime")
MEASURES = ("integer", "float", "monetary")


def report_models(env):
    """Names of the suite's SQL report models."""
    return sorted(
        name for name, model in env.registry.items()
        if not model._auto and not model._abstract and not model._transient
        and model._original_module in ADDONS)


def marshal(result):
    """Fail as Odoo's XML-RPC and JSON-RPC answers would."""
    xmlrpc.client.dumps((result,), methodresponse=1, allow_none=False)
    json.dumps(result, default=ustr)


class TestReportReadGroup(TransactionCase):

    def _variants(self, report):
        """(fields, groupby, lazy) of the questions to ask `report`."""
        described = report.fields_get()
        stored = {name: spec for name, spec in described.items()
                  if spec.get("store") and name != "id"}
        measures = [name for name, spec in stored.items() if spec["type"] in MEASURES]
        groupable = [name for name, spec in stored.items() if spec["type"] in GROUPABLE]
        variants = [(measures, [], True), ([], [], True)]
        for name in groupable:
            spec = "%s:day" % name if stored[name]["type"] in ("date", "datetime") else name
            variants.append((measures + [name], [spec], True))
        pair = groupable[:2]
        if len(pair) == 2:
            variants.append((measures + pair, pair, False))
        return variants

    def _ask(self, report, domain):
        count = 0
        for fields_list, groupby, lazy in self._variants(report):
            result = report.read_group(domain, fields_list, groupby, lazy=lazy)
            try:
                marshal(result)
            except (TypeError, OverflowError) as error:
                self.fail("%s.read_group(%r, %r, %r, lazy=%r): %s\n%r" % (
                    report._name, domain, fields_list, groupby, lazy, error, result))
            count += 1
        return count

    def test_the_suite_has_report_models(self):
        self.assertTrue({"ecom.order.report", "ecom.shipping.ledger", "ecom.backorder.report",
                         "ecom.return.report"} <= set(report_models(self.env)))

    def test_every_report_on_the_database_as_it_is(self):
        for name in report_models(self.env):
            report = self.env[name]
            self.assertTrue(report.search_count([]), "%s has rows in the demo data" % name)
            self.assertGreater(self._ask(report, []), 2)

    def test_every_report_with_nothing_to_aggregate(self):
        company = self.env["res.company"].create({"name": "Report API Co (empty)"})
        manager = self.env["res.users"].create({
            "name": "Empty manager", "login": "report_api_empty_manager",
            "company_id": company.id, "company_ids": [(6, 0, company.ids)],
            "groups_id": [(6, 0, [self.env.ref("ecom_order_mgmt.group_ecom_manager").id,
                                  self.env.ref("ecom_order_mgmt.group_ecom_finance").id])]})
        for name in report_models(self.env):
            self._ask(self.env[name], [("id", "=", 0)])
            report = self.env[name].sudo(manager)
            self.assertFalse(report.search_count([]), name)
            self._ask(report, [])

    def test_sums_over_nothing_are_zero_and_averages_empty(self):
        report = self.env["ecom.backorder.report"]
        totals = report.read_group([("id", "=", 0)], ["quantity_ordered", "fill_pct"], [])[0]
        self.assertEqual(totals["quantity_ordered"], 0)
        self.assertIs(totals["fill_pct"], False)
        self.assertEqual(totals["__count"], 0)
