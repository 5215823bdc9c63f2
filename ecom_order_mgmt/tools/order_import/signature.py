# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which export a file is, told by its header row.

Each layout has a signature (:attr:`.layout.Layout.signature`): a few
column names its exports always have. A header is of a layout when it has
them all, whatever the order of the columns, the other columns around them
and the way the names are written (:func:`.layout.header_name`). A pair's
two files each have their own signature (the order report, the item report).
"""
from .messages import MSG_AMBIGUOUS_LAYOUT
from .reading import FileError

ORDERS, ITEMS = "orders", "items"


def _parts(layouts):
    """(layout, role, the Layout of that file) of every file of `layouts`."""
    for layout in layouts:
        yield layout, ORDERS, layout
        if layout.items is not None:
            yield layout, ITEMS, layout.items


def recognise(cells, layouts):
    """(layout, role) of a header row, or (None, None) when no layout's
    signature is in it; raises FileError when the signatures of different
    layouts are (two exports in one file).

    ``layouts`` are in order of preference: of two layouts with the same
    signature (a copy of a profile) the first is taken; of two whose
    signatures are both in the header, the one with more names wins when
    it includes the other's (a more specific variant of an export).
    """
    found = []
    for layout, role, part in _parts(layouts):
        if part.matches(cells):
            found.append((layout, role, frozenset(part.signature)))
    kept = [entry for entry in found
            if not any(entry[2] < other[2] for other in found)]
    if not kept:
        return None, None
    signatures = []
    for _layout, _role, signature in kept:
        if signature not in signatures:
            signatures.append(signature)
    if len(signatures) > 1:
        names = []
        for layout, _role, _signature in kept:
            if layout.name not in names:
                names.append(layout.name)
        raise FileError(MSG_AMBIGUOUS_LAYOUT, layouts=", ".join(names))
    return kept[0][0], kept[0][1]


def header_of(cells, layouts):
    """The name of the layout whose header row `cells` is, or None."""
    for layout, _role, part in _parts(layouts):
        if part.matches(cells):
            return layout.name
    return None
