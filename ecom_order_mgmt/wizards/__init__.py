from . import ecom_review_result
from . import ecom_exception_wizard
from . import ecom_scan_wizard
from . import ecom_order_import_lines
from . import ecom_ship_wizard
from . import ecom_order_import
from . import ecom_kpi_export
from . import ecom_settlement_import
