"""The suite's views render in the web client.

Odoo 11's web client evaluates the modifiers of each field (readonly,
invisible, required; from `attrs`, `states` and the fields' own `states`)
against the other fields of the view: a modifier that reads a field the view
does not load stops the list with "Unknown field state in domain" (found by
the browser tests on the channel order list). And a form gives each field one
widget, the last one declared: a field shown twice loses its status bar.
"""
import json

from lxml import etree

from odoo.tests.common import TransactionCase

ADDONS = ("ecom_order_mgmt", "ecom_backorder", "ecom_returns")


def _leaves(domain):
    for leaf in domain if isinstance(domain, list) else []:
        if isinstance(leaf, (list, tuple)) and len(leaf) == 3:
            yield leaf


class TestViews(TransactionCase):

    def _views(self, view_type):
        data = self.env["ir.model.data"].search([
            ("module", "in", ADDONS), ("model", "=", "ir.ui.view")])
        # The suite's own views and the views it extends (their root).
        views = self.env["ir.ui.view"]
        for view in self.env["ir.ui.view"].browse(data.mapped("res_id")):
            while view.inherit_id:
                view = view.inherit_id
            views |= view
        views = views.filtered(lambda v: v.type == view_type and v.mode == "primary"
                               and v.model in self.env)
        self.assertTrue(views, "no %s view found" % view_type)
        return views

    def test_list_modifiers_only_read_fields_of_the_list(self):
        problems = []
        for view in self._views("tree"):
            arch = self.env[view.model].fields_view_get(view.id, "tree")["arch"]
            root = etree.fromstring(arch)
            names = {field.get("name") for field in root.iterchildren("field")}
            for field in root.iterchildren("field"):
                modifiers = json.loads(field.get("modifiers") or "{}")
                for modifier, domain in modifiers.items():
                    for leaf in _leaves(domain):
                        if leaf[0] not in names:
                            problems.append("%s: %s %s reads %s" % (
                                view.xml_id, field.get("name"), modifier, leaf[0]))
        self.assertFalse(problems, "\n".join(problems))

    def test_a_status_bar_field_appears_once_in_its_form(self):
        problems = []
        for view in self._views("form"):
            arch = self.env[view.model].fields_view_get(view.id, "form")["arch"]
            root = etree.fromstring(arch)
            for bar in root.iter("field"):
                if bar.get("widget") != "statusbar":
                    continue
                # Fields of sub-views (one2many lists) are another view's.
                same = [f for f in root.iter("field") if f.get("name") == bar.get("name")
                        and not any(a.tag in ("tree", "kanban") for a in f.iterancestors())]
                if len(same) > 1:
                    problems.append("%s: %s" % (view.xml_id, bar.get("name")))
        self.assertFalse(problems, "\n".join(problems))
