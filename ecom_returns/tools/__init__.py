# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ORM-free rules of after-sales: who pays the return shipping, whether a
return is still eligible, how much a refund may be, what a return parcel
brought back and when a promise falls due."""
from . import eligibility, fees, promise, receipt, refund
