# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ORM-free rules of after-sales: who pays the return shipping, whether a
return is still eligible, and how much a refund may be."""
from . import eligibility, fees, refund
