from . import ecom_return_report
from . import ecom_return_slip
from . import ecom_order_report
from . import ecom_management_report
