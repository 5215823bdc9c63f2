"""Every source string of every addon has its Simplified Chinese translation.

The terms are generated from the test database exactly as Odoo's export
does (fields, selections, views, menus, reports, data, and the strings of
the Python code), and each must have a non-empty msgstr in the addon's
i18n/zh_CN.po. `scripts/i18n.sh` refreshes the .pot and .po files after a
change.
"""
import io
import os

import pytest

import odoo
from odoo.tools.translate import PoFile, trans_generate

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = ["ecom_order_mgmt", "ecom_backorder", "ecom_returns"]


def _installed(cr, addon):
    cr.execute("SELECT state FROM ir_module_module WHERE name = %s", (addon,))
    row = cr.fetchone()
    return row and row[0] == "installed"


@pytest.mark.parametrize("addon", ADDONS)
def test_every_term_is_translated_to_chinese(addon):
    registry = odoo.registry(odoo.tools.config["db_name"])
    with registry.cursor() as cr:
        assert _installed(cr, addon), addon
        terms = {row[4] for row in trans_generate(None, [addon], cr) if row[0] == addon}
    path = os.path.join(ROOT, addon, "i18n", "zh_CN.po")
    translated = set()
    if os.path.exists(path):
        with open(path, "rb") as po:
            for _type, _name, _res_id, source, translation, _comments in \
                    PoFile(io.BytesIO(po.read())):
                if translation.strip():
                    translated.add(source)
    missing = sorted(terms - translated)
    assert not missing, "%d of %d terms of %s have no Chinese translation, e.g.:\n%s" % (
        len(missing), len(terms), addon, "\n".join(missing[:30]))
