# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How the buyer of an imported order is recognised and recorded.

A buyer is the same person within a channel when the digits of the phone
are the same ("138 0013 8000" is 13800138000); a province is found by its
name with or without the suffix the platforms add or drop ("广西壮族自治区"
and "广西" are the same state).

The platforms hide the buyer's number (138****5678) or give a virtual one
for the order (13800001234-1234, 13800001234转1234): such a number is kept
as given, and is the same buyer only with the same name as well (many
buyers share a masked number).
"""
import re

_MASKED_RE = re.compile("[*\uff0a]")
# a mobile number and the extension of the order: 13800001234-1234
_VIRTUAL_RE = re.compile(r"^\+?\d{11}\s*(-|\uff0d|转|#|,|\uff0c|ext\.?)\s*\d{1,6}$",
                         re.IGNORECASE)

# Longest first: the first suffix that matches is the one removed.
STATE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


def phone_hidden(phone):
    """Whether the number is masked or virtual (see the module doc)."""
    phone = (phone or "").strip()
    return bool(_MASKED_RE.search(phone) or _VIRTUAL_RE.match(phone))


def buyer_key(phone, name):
    """What two orders of one buyer share: the phone's digits, or a hidden
    number with the buyer's name."""
    if phone_hidden(phone):
        return "%s|%s" % ((phone or "").strip(), (name or "").strip())
    return phone_key(phone)


def phone_key(phone):
    """The digits of a phone number: what two spellings of one number share."""
    return "".join(char for char in phone or "" if char.isdigit())


def phone_stored(phone):
    """Phone as kept on a new buyer: its digits, with the leading + if any
    (a hidden number as given)."""
    phone = (phone or "").strip()
    if phone_hidden(phone):
        return phone
    return ("+" if phone.startswith("+") else "") + phone_key(phone)


def phone_spellings(phone):
    """The spellings under which the buyer's phone may be stored already."""
    if phone_hidden(phone):
        return {(phone or "").strip()}
    return {(phone or "").strip(), phone_key(phone), phone_stored(phone)}


def state_key(name):
    """A province name without spaces and without its administrative suffix."""
    name = "".join((name or "").split())
    for suffix in STATE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)]
    return name
