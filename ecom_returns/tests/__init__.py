# Odoo's test runner (odoo --test-enable) runs the test modules imported here;
# pytest finds the same files on its own. tests/test_odoo_runner.py checks
# that every test_*.py file of the folder is listed.
from . import test_after_sales_sla
from . import test_dashboard_returns
from . import test_exchange_orders
from . import test_management_report_returns
from . import test_notifications
from . import test_receiving
from . import test_refund_accounting
from . import test_refund_invoice_status
from . import test_refund_invoice_title
from . import test_return_report
from . import test_returns
from . import test_settings
from . import test_tools
from . import test_tools_refund_money
from . import test_refund_prepare
