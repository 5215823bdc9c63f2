# Odoo's test runner (odoo --test-enable) runs the test modules imported here;
# pytest finds the same files on its own. tests/test_odoo_runner.py checks
# that every test_*.py file of the folder is listed.
from . import test_backorder
from . import test_backorder_report
from . import test_custom_money
from . import test_custom_request
from . import test_custom_request_create
from . import test_custom_request_money
from . import test_custom_request_purchasing
from . import test_dashboard_backorders
from . import test_purchase_role
from . import test_receiving_purchase
from . import test_signoff
from . import test_stock_agreement
from . import test_supply_warehouse
from . import test_tools
