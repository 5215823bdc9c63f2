from . import ecom_backorder_demo
