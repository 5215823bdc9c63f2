"""Odoo's own test runner runs every test that pytest runs.

Integrators and the OCA's CI run an addon's tests with
`odoo -i <addon> --test-enable`. Odoo 11 then runs only the test modules that
the addon's tests/__init__.py imports (odoo.modules.module.get_test_modules),
and in them only what unittest's loader finds: methods of TestCase classes,
at install time unless a class says post_install. A test_*.py file left out of
__init__.py, or a plain pytest function, would pass under pytest and never
run under Odoo, without a word.

These checks are cheap (imports and source parsing). A real
`odoo --test-enable` is not run here: it took 16 minutes for the three
addons on this 2-core machine (ecom_returns alone, on top of an installed
ecom_order_mgmt, about 4), far above what one test may cost in `make test`.
"""
import ast
import glob
import os
import unittest

import pytest

from odoo.modules.module import get_test_modules, runs_at_install, runs_post_install, unwrap_suite

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ("ecom_order_mgmt", "ecom_backorder", "ecom_returns")


def _files_on_disk(addon):
    """The test modules pytest collects from the addon (setup.cfg: test_*.py)."""
    pattern = os.path.join(ROOT, addon, "tests", "test_*.py")
    return sorted(os.path.basename(path)[:-3] for path in glob.glob(pattern))


def _tests_in_source(path):
    """`Class.test_name` for each test written in the file, `test_name` for a
    module-level function (which only pytest would run)."""
    with open(path, encoding="utf-8") as source:
        tree = ast.parse(source.read(), path)
    names = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
            names.add(node.name)
        elif isinstance(node, ast.ClassDef):
            names.update("%s.%s" % (node.name, item.name) for item in node.body
                         if isinstance(item, ast.FunctionDef) and item.name.startswith("test"))
    return names


def _tests_odoo_runs(module):
    """`Class.test_name` of each test Odoo's runner would run from the module,
    at install or after the install of all the modules (its two passes)."""
    suite = unittest.TestLoader().loadTestsFromModule(module)
    # (unwrap_suite also yields the empty suites of test-less base classes)
    return {"%s.%s" % (type(test).__name__, test._testMethodName)
            for test in unwrap_suite(suite)
            if isinstance(test, unittest.TestCase)
            and (runs_at_install(test) or runs_post_install(test))}


@pytest.mark.parametrize("addon", ADDONS)
def test_odoo_imports_every_test_module(addon):
    found = sorted(module.__name__.rsplit(".", 1)[1] for module in get_test_modules(addon))
    assert found, "Odoo finds no test module in %s" % addon
    assert found == _files_on_disk(addon), (
        "%s/tests/__init__.py must import exactly its test_*.py files" % addon)


@pytest.mark.parametrize("addon", ADDONS)
def test_odoo_runs_every_test_of_each_module(addon):
    for module in get_test_modules(addon):
        written = _tests_in_source(module.__file__)
        missed = written - _tests_odoo_runs(module)
        assert written, "%s holds no test" % module.__name__
        assert not missed, (
            "%s: Odoo's runner would skip %s (plain functions, or classes that are "
            "not unittest.TestCase)" % (module.__name__, sorted(missed)))
