# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a return parcel brought back (退货验收): good, defective and missing
units of each case line, and how many of them the buyer gets back.

[000] has the warehouse check a return like any receipt, and "goods that
reached the buyer in good condition and come back defective are reported to
the supervisor at once" (客户退回来后变成残次品,因及时和上级主管反映处理).
Hence the rule of `split_units`:

- missing units (announced, not in the parcel) are neither refunded nor
  replaced;
- defective units of a line the company is responsible for (quality
  problem, wrong item, not as described) or the carrier (damaged in
  transit: the company claims it from the carrier) are refunded or replaced
  like good ones: the buyer is not at fault;
- defective units of a line the buyer is responsible for (changed mind,
  wrong size chosen) left the warehouse good and came back damaged: they
  are withheld, neither refunded nor replaced, and the supervisor is told.
"""
from collections import namedtuple

from .fees import CUSTOMER, RESPONSIBILITIES

Units = namedtuple("Units", "arrived good defective missing withheld accepted")

NEGATIVE = "negative"    # a negative count
OVER = "over"            # more units than the line announced
NOTHING = "nothing"      # the parcel holds nothing of the case

Problem = namedtuple("Problem", "code key announced counted")


def split_units(announced, arrived=None, defective=0.0, responsibility=CUSTOMER):
    """The units of one case line, and how many the buyer gets back.

    :param announced: units the case is about (> 0)
    :param arrived: units that came back; None while the parcel has not been
        received (the figures are then the expected ones: every unit arrives)
    :param defective: units judged defective (expected ones before receipt)
    :param responsibility: 'customer', 'company' or 'carrier'
    :return: Units(arrived, good, defective, missing, withheld, accepted);
        accepted = units refunded (or replaced, for an exchange)
    """
    if responsibility not in RESPONSIBILITIES:
        raise ValueError("Unknown responsibility: %s" % responsibility)
    if announced < 0:
        raise ValueError("The announced quantity cannot be negative.")
    arrived = announced if arrived is None else arrived
    if not 0 <= arrived <= announced:
        raise ValueError("Between zero and the announced units can arrive.")
    defective = defective or 0.0
    if not 0 <= defective <= arrived:
        raise ValueError("Between zero and the units arrived can be defective.")
    withheld = defective if responsibility == CUSTOMER else 0.0
    return Units(arrived, arrived - defective, defective, announced - arrived, withheld,
                 arrived - withheld)


def receipt_problems(counts):
    """Every count of a receipt that cannot be right; empty when all are.

    :param counts: [(key, announced, good, defective)], one per case line
    """
    problems = []
    for key, announced, good, defective in counts:
        if good < 0 or defective < 0:
            problems.append(Problem(NEGATIVE, key, announced, min(good, defective)))
        elif good + defective > announced:
            problems.append(Problem(OVER, key, announced, good + defective))
    if counts and not problems and not any(good + defective > 0
                                           for _key, _ann, good, defective in counts):
        problems.append(Problem(NOTHING, None, sum(c[1] for c in counts), 0))
    return problems
