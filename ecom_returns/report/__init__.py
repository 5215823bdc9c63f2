from . import ecom_return_report
from . import ecom_order_report
