from . import ecom_backorder_report
