from . import ecom_return_reject
