from . import ecom_channel
