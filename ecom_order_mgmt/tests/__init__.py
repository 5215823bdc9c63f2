# Odoo's test runner (odoo --test-enable) runs the test modules imported here;
# pytest finds the same files on its own. tests/test_odoo_runner.py checks
# that every test_*.py file of the folder is listed.
from . import test_bulk_create
from . import test_bulk_jobs
from . import test_bulk_layer
from . import test_bulk_reservation_plan
from . import test_daily_order_list
from . import test_fulfilment
from . import test_indexes
from . import test_menu_counters
from . import test_money
from . import test_notifications
from . import test_order_import_platforms
from . import test_order_import_wizard
from . import test_order_report
from . import test_payment_modes
from . import test_printed_documents
from . import test_review
from . import test_review_queue
from . import test_review_rules
from . import test_roles
from . import test_settings
from . import test_settlement
from . import test_shipping_ledger
from . import test_sla
from . import test_tools_cod
from . import test_tools_import_buyers
from . import test_tools_import_layout
from . import test_tools_import_platforms
from . import test_tools_order_import
from . import test_tools_order_list
from . import test_tools_report_action
from . import test_tools_review
from . import test_tools_scan
from . import test_tools_settlement
from . import test_tools_sla
from . import test_tools_sql
