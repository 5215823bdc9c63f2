from . import ecom_document_reports
from . import ecom_shipping_ledger
from . import ecom_shipping_ledger_xlsx
