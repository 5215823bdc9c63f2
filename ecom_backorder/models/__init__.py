from . import res_partner
from . import product
from . import purchase
from . import ecom_backorder
from . import sale_order
from . import stock_move
