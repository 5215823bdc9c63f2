from . import ecom_guard_mixin
from . import ecom_notify_mixin
from . import ecom_signoff_mixin
from . import ecom_channel
from . import ecom_channel_money
from . import ecom_exception_reason
from . import ecom_payment_mode
from . import ecom_review_rule
from . import sale_order
from . import sale_order_batch
from . import sale_order_stock
from . import sale_order_invoice
from . import account_invoice
from . import ecom_cod_statement
from . import ecom_cod_import
from . import stock_picking
from . import stock_move
from . import ecom_handover
from . import res_partner
from . import res_company
from . import res_config_settings
from . import ecom_daily_order_list
from . import ecom_order_import_writer
from . import ecom_settlement
from . import ecom_settlement_line
# The performance layer (bulk creation, batched reads, indexes, bulk
# reservation) over the models above: loaded with them, after them.
from .. import bulk
