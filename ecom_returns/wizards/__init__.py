from . import ecom_return_reject
from . import ecom_return_receive
from . import ecom_kpi_export
