from . import res_partner
from . import product
from . import purchase_order
from . import ecom_backorder
from . import sale_order
from . import stock_move
from . import res_company
from . import ecom_custom_request_approval
from . import ecom_custom_request
from . import ecom_custom_request_signoff
from . import ecom_custom_request_payment
from . import ecom_custom_request_purchase
from . import stock_picking
# queues and settings (new files, kept apart from the models they extend)
from . import ecom_backorder_queue
from . import ecom_custom_request_queue
from . import ecom_settings
from . import ecom_dashboard
