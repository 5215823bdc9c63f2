# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Automatic review (自动审单): which rule decides an order, and what it does.

No ORM here. The review rule model gathers the facts of a batch of orders
(:class:`OrderFacts`) and the values of its rules (:class:`Rule`), calls
:func:`decide` per order and carries the :class:`Decision` out.

Rules are tried in the order given; the first whose conditions all hold
decides. A rule never passes more than the review itself would: an order
unfit for CS review is held (with the problem's reason), a "pass both"
rule leaves a money problem to people (or holds the order when it already
waits for finance).

Messages are English templates with a tuple of params (:class:`Message`),
marked for translation: the caller translates the template, then formats
it (:func:`note` does both, given a translate function).
"""
from collections import namedtuple


def _(message):
    """Mark a message template for translation extraction; returns it as is."""
    return message


# What a rule does with the orders it decides (ecom.review.rule.outcome)
PASS_CS = "pass_cs"
PASS_BOTH = "pass_both"
EXCEPTION = "exception"

# What happens to one order (Decision.action)
KEEP = "keep"          # left for people
CS = "cs"              # passes CS review
BOTH = "both"          # passes CS review (if still waiting for it) and finance review
HOLD = "hold"          # held as an exception

# Reason of a hold when a problem comes without a reason code of its own
DEFAULT_REASON = "risk"

OrderFacts = namedtuple("OrderFacts", [
    "company_id",       # id of the order's company
    "channel_id",       # id of the order's sales channel
    "channel_code",     # its code, for the messages
    "amount",           # order total (float)
    "payment_mode",     # code (const.PAYMENT_MODES) or False
    "remark",           # the buyer's remark, text or False
    "stage",            # "to_review" or "to_finance"
    "cs_problem",       # None, or (reason code or None, message) when CS review would refuse
    "finance_problem",  # None, or (reason code or None, message) when finance would refuse
    "shortages",        # labels of the products the stock cannot cover (empty: in stock)
])

Rule = namedtuple("Rule", [
    "id", "name", "company_id",
    "channel_ids",      # frozenset of channel ids; empty for every channel
    "amount_min",       # 0 for no lower bound
    "amount_max",       # 0 for no upper bound
    "payment_modes",    # frozenset of payment mode codes; empty for all
    "require_no_remark", "require_address_complete", "require_paid", "require_stock",
    "outcome",          # PASS_CS, PASS_BOTH or EXCEPTION
    "exception_reason_id",  # the reason of an EXCEPTION rule
])


class Message(namedtuple("Message", "template params")):
    """An English message template and the tuple that fills it."""

    __slots__ = ()

    def text(self, translate=None):
        """The message, its template translated by `translate` first."""
        template = translate(self.template) if translate else self.template
        return template % self.params


Decision = namedtuple("Decision", [
    "rule",         # the Rule that decided, or None
    "action",       # KEEP, CS, BOTH or HOLD
    "reason_id",    # HOLD by an EXCEPTION rule: the rule's exception reason
    "reason_code",  # HOLD for a problem of the order: the exception reason's code
    "failures",     # ((Rule, (Message, ...)), ...): the rules tried before, and why not
    "detail",       # Message added to the note, or None
])


def failed_conditions(rule, facts):
    """The conditions of `rule` that the order of `facts` does not meet (Messages)."""
    failed = []
    if rule.company_id != facts.company_id:
        failed.append(Message(_("other company"), ()))
    if rule.channel_ids and facts.channel_id not in rule.channel_ids:
        failed.append(Message(_("channel %s not in the rule"), (facts.channel_code,)))
    if rule.amount_min and facts.amount < rule.amount_min:
        failed.append(Message(_("total %.2f below %.2f"), (facts.amount, rule.amount_min)))
    if rule.amount_max and facts.amount > rule.amount_max:
        failed.append(Message(_("total %.2f above %.2f"), (facts.amount, rule.amount_max)))
    if rule.payment_modes and facts.payment_mode not in rule.payment_modes:
        failed.append(Message(_("payment mode %s"), (facts.payment_mode or "-",)))
    if rule.require_no_remark and (facts.remark or "").strip():
        failed.append(Message(_("buyer remark not empty"), ()))
    if rule.require_address_complete and facts.cs_problem:
        failed.append(Message(_("address incomplete"), ()))
    if rule.require_paid and facts.finance_problem:
        failed.append(Message(_("not paid as the order total"), ()))
    if rule.require_stock and facts.shortages:
        failed.append(Message(_("short of %s"), (", ".join(facts.shortages),)))
    return failed


def _problem(problem):
    """The message of a problem (already in the user's language), as a Message."""
    return Message("%s", (problem[1],))


def _outcome(rule, facts):
    """(action, reason_code, detail) of an order decided by `rule`."""
    if facts.stage == "to_review" and facts.cs_problem:
        # A rule only passes what the review itself would accept.
        return HOLD, facts.cs_problem[0] or DEFAULT_REASON, _problem(facts.cs_problem)
    if rule.outcome == PASS_CS:
        if facts.stage == "to_review":
            return CS, None, None
        return KEEP, None, Message(_("The rule passes CS review only; finance review is "
                                     "left to people."), ())
    if facts.finance_problem:
        if facts.stage == "to_review":
            return CS, None, Message(_("Finance review left to people: %s"),
                                     (facts.finance_problem[1],))
        return HOLD, facts.finance_problem[0] or DEFAULT_REASON, _problem(facts.finance_problem)
    return BOTH, None, None


def decide(facts, rules):
    """The Decision for one order: the first of `rules` whose conditions hold.

    :param facts: the order's OrderFacts
    :param rules: the Rules in the order they are tried
    :return: Decision; with no rule holding, action KEEP and rule None.
    """
    failures = []
    for rule in rules:
        failed = failed_conditions(rule, facts)
        if failed:
            failures.append((rule, tuple(failed)))
            continue
        if rule.outcome == EXCEPTION:
            return Decision(rule, HOLD, rule.exception_reason_id, None, tuple(failures), None)
        action, reason_code, detail = _outcome(rule, facts)
        return Decision(rule, action, None, reason_code, tuple(failures), detail)
    return Decision(None, KEEP, None, None, tuple(failures), None)


def note(decision, translate=None, outcome_labels=None):
    """What the order's page says of `decision` ("Automatic Review").

    :param translate: template -> template in the user's language (default: English)
    :param outcome_labels: {outcome: label} to name the deciding rule's outcome
    """
    translate = translate or (lambda text: text)
    reasons = " | ".join("%s: %s" % (rule.name, "; ".join(m.text(translate) for m in failed))
                         for rule, failed in decision.failures)
    rule = decision.rule
    if rule is None:
        return translate(_("No rule passed this order. %s")) % reasons
    label = (outcome_labels or {}).get(rule.outcome, rule.outcome)
    text = translate(_("%s decided.")) % (translate(_("Rule \"%s\" (%s)")) % (rule.name, label))
    if reasons:
        text += " " + translate(_("Rules before it did not apply: %s.")) % reasons
    if decision.detail:
        text += " " + decision.detail.text(translate)
    return text
