from . import ecom_guard_mixin
from . import ecom_channel
from . import ecom_exception_reason
from . import ecom_review_rule
from . import sale_order
from . import stock_picking
from . import stock_move
from . import ecom_handover
