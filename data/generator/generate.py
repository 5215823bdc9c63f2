#!/usr/bin/env python
# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Volume data for benchmarks: `make demo-data SIZE=N` (see README "Performance").

The command line of the generator, and the names the benchmarks and the tests
use (``import generate`` with this folder on the path, or this file loaded by
its path). The generator itself is the package ``ecom_datagen`` next to it:
``bulk`` (COPY, foreign keys, indexes), ``masters`` (what the ORM makes),
``specs`` (the orders to write), ``orders`` (the order writer and the stock),
``aftersales`` (backorders, after-sales cases, feedback, custom requests),
``invariants`` (the sanity pass) and ``run`` (``generate()`` and ``main()``).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:   # loaded by its path (bench/bench_allocation.py)
    sys.path.insert(0, HERE)

from ecom_datagen.aftersales import (  # noqa: E402,F401 - the names used elsewhere
    _orm_returns,
    _write_backorders,
    _write_custom_requests,
    _write_feedback_and_returns,
)
from ecom_datagen.bulk import (  # noqa: E402,F401
    BULK_TABLES,
    Bulk,
    drop_foreign_keys,
    drop_plain_indexes,
    restore_foreign_keys,
    restore_indexes,
)
from ecom_datagen.invariants import check_invariants  # noqa: E402,F401
from ecom_datagen.masters import Context, product_rows, setup_masters  # noqa: E402,F401
from ecom_datagen.orders import OrderWriter, write_stock  # noqa: E402,F401
from ecom_datagen.run import generate, main  # noqa: E402,F401

if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(HERE)))
    sys.exit(main())
