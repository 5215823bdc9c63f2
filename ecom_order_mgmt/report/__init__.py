from . import ecom_kpi_report_mixin
from . import ecom_document_reports
from . import ecom_shipping_ledger
from . import ecom_shipping_ledger_xlsx
from . import ecom_order_report
from . import ecom_kpi_xlsx
from . import ecom_unsettled_report
