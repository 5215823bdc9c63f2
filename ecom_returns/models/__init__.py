from . import res_company
from . import stock_warehouse
from . import ecom_return_reason
from . import ecom_return
from . import ecom_carrier_claim
from . import ecom_feedback
from . import stock_picking
from . import sale_order
