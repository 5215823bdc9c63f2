from . import ecom_return_report
