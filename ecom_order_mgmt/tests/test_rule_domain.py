# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Multi-company rules with their company tree expanded once
(bulk/rule_domain.py): a user still sees the records of their company and
of its child companies, not those of other companies, and a company moved
in or out of the tree is seen or hidden from then on."""
from odoo.addons.ecom_order_mgmt.bulk.switch import PARAM
from odoo.addons.ecom_order_mgmt.tests.common import EcomCase


class TestRuleDomain(EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestRuleDomain, cls).setUpClass()
        env = cls.env
        cls.home = cls.users["manager"].company_id
        cls.child = env["res.company"].create({"name": "Rule tree: branch",
                                               "parent_id": cls.home.id})
        cls.grandchild = env["res.company"].create({"name": "Rule tree: sub-branch",
                                                    "parent_id": cls.child.id})
        cls.other = env["res.company"].create({"name": "Rule tree: other shop"})
        Rule = env["ecom.review.rule"]
        cls.rules = {}
        for key, company in (("home", cls.home), ("child", cls.child),
                             ("grandchild", cls.grandchild), ("other", cls.other)):
            cls.rules[key] = Rule.create({
                "name": "Rule tree %s" % key, "company_id": company.id,
                "outcome": "pass_cs"})

    def _seen(self, user):
        """Which of the test's review rules `user` finds and reads."""
        found = self.env["ecom.review.rule"].sudo(user).search(
            [("name", "=like", "Rule tree %")])
        found.read(["name"])  # read access too, not only the search
        return {key for key, rule in self.rules.items() if rule in found}

    def test_parent_company_sees_its_tree_only(self):
        manager = self.users["manager"]
        self.assertEqual(self._seen(manager), {"home", "child", "grandchild"})
        # the same answer again, from the rule domain Odoo cached
        self.assertEqual(self._seen(manager), {"home", "child", "grandchild"})
        branch_user = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Branch manager", "login": "rule_tree_branch",
            "company_id": self.child.id, "company_ids": [(6, 0, self.child.ids)],
            "groups_id": [(6, 0, manager.groups_id.ids)]})
        self.assertEqual(self._seen(branch_user), {"child", "grandchild"})

    def test_company_moved_into_and_out_of_the_tree(self):
        manager = self.users["manager"]
        self.assertNotIn("other", self._seen(manager))
        self.other.parent_id = self.child
        self.assertIn("other", self._seen(manager))
        self.child.parent_id = False
        self.assertEqual(self._seen(manager), {"home"})

    def test_same_records_with_the_layer_off(self):
        manager = self.users["manager"]
        seen = self._seen(manager)
        params = self.env["ir.config_parameter"].sudo()
        params.set_param(PARAM, "0")
        try:
            # Odoo's own child_of, level by level
            self.assertEqual(self._seen(manager), seen)
        finally:
            params.set_param(PARAM, False)
            # the parameter's cache does not follow the test's rollback
            self.registry.clear_caches()
