"""Every source string of every addon has its Simplified Chinese translation.

The test database is installed with Chinese loaded (see scripts/db.sh), so
each addon's i18n/zh_CN.po is in the database: a term Odoo would show to a
Chinese user in English is a failure here. `scripts/i18n.sh` refreshes the
.pot and .po files after a change.
"""
import pytest

import odoo
from odoo.tools.translate import trans_generate

ADDONS = ["ecom_order_mgmt", "ecom_backorder", "ecom_returns"]


@pytest.mark.parametrize("addon", ADDONS)
def test_every_term_is_translated_to_chinese(addon):
    registry = odoo.registry(odoo.tools.config["db_name"])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        assert env["res.lang"].search([("code", "=", "zh_CN")]), "zh_CN is not loaded"
        rows = trans_generate("zh_CN", [addon], cr)
    missing = sorted({row[4] for row in rows if row[0] == addon and not row[5]})
    assert not missing, "%d terms of %s have no Chinese translation, e.g.:\n%s" % (
        len(missing), addon, "\n".join(missing[:30]))
