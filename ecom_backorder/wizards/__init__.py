from . import ecom_backorder_allocation
from . import ecom_backorder_source
