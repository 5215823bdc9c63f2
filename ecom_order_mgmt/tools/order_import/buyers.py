# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How the buyer of an imported order is recognised and recorded.

A buyer is the same person within a channel when the digits of the phone
are the same ("138 0013 8000" is 13800138000); a province is found by its
name with or without the suffix the platforms add or drop ("广西壮族自治区"
and "广西" are the same state).
"""

# Longest first: the first suffix that matches is the one removed.
STATE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


def phone_key(phone):
    """The digits of a phone number: what two spellings of one number share."""
    return "".join(char for char in phone or "" if char.isdigit())


def phone_stored(phone):
    """Phone as kept on a new buyer: its digits, with the leading + if any."""
    phone = (phone or "").strip()
    return ("+" if phone.startswith("+") else "") + phone_key(phone)


def phone_spellings(phone):
    """The spellings under which the buyer's phone may be stored already."""
    return {(phone or "").strip(), phone_key(phone), phone_stored(phone)}


def state_key(name):
    """A province name without spaces and without its administrative suffix."""
    name = "".join((name or "").split())
    for suffix in STATE_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[:-len(suffix)]
    return name
