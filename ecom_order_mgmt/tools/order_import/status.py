# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The platform's status of an order: import it, or skip it and say why.

A seller centre exports every order of a period: unpaid, paid and waiting
to ship, shipped, closed, refunded. Only the orders paid and waiting to
ship are the warehouse's work; the others are skipped (not errors) and
counted per status. Which statuses are "waiting to ship" is the import
profile's business (data), as the platforms word them differently
(买家已付款，等待卖家发货, 待发货, 等待出库…); an after-sale status (售后
状态: 退款中) stops an order too unless the profile calls it harmless.
"""
import re
import unicodedata

# Commas, semicolons and slashes as the platforms mix them in a status.
_PUNCTUATION_RE = re.compile(r"[,;/、|]+")


def status_key(text):
    """A status as compared: width, spaces and punctuation aside."""
    text = unicodedata.normalize("NFKC", text or "")
    return _PUNCTUATION_RE.sub(",", "".join(text.split())).strip(",").lower()


def status_keys(lines):
    """The keys of the statuses written one per line (a profile's text)."""
    return frozenset(status_key(line) for line in (lines or "").splitlines()
                     if status_key(line))


def skip_reason(status, after_sale, statuses, after_sale_ok):
    """Why an order is not imported (its status as the file words it), or
    None when it is: its status is one of `statuses` and its after-sale
    status is empty or one of `after_sale_ok` (status key sets; `statuses`
    None imports every order)."""
    status = (status or "").strip()
    if statuses is not None and status_key(status) not in statuses:
        return status or "-"
    after_sale = (after_sale or "").strip()
    if after_sale and status_key(after_sale) not in (after_sale_ok or ()):
        return "%s / %s" % (status, after_sale) if status else after_sale
    return None
