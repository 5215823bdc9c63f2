# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How a platform's item is known in a channel's SKU map.

An item of an export without a merchant code the suite knows is found in
the channel's SKU map (``ecom.channel.product``) by the platform's product
ID (else its merchant code, else its title) and its spec. The spec is
written differently from export to export ("颜色:红色;尺码:M",
"颜色：红色； 尺码：M"): :func:`sku_key` compares them alike.
"""
import re
import unicodedata

_SEPARATORS_RE = re.compile(r"[;,/|]+")


def _text(value):
    return "".join(unicodedata.normalize("NFKC", value or "").split()).lower()


def sku_ref(product_ref, product_code, title):
    """What identifies the item's product in the export: the platform's
    product ID, else the merchant code, else the title."""
    return (product_ref or product_code or title or "").strip()


def spec_key(spec):
    """A spec as compared: width, case, spaces and separators aside."""
    return _SEPARATORS_RE.sub(";", _text(spec)).strip(";")


def sku_key(ref, spec):
    """The key of an item in a channel's SKU map."""
    return "%s|%s" % (_text(ref), spec_key(spec))


def line_sku_key(line):
    """The SKU map key of a parsed order line."""
    return sku_key(sku_ref(line.product_ref, line.product_code, line.title), line.spec)
