from . import ecom_backorder_allocation
from . import ecom_backorder_source
from . import ecom_custom_request_wizards
from . import ecom_kpi_export
