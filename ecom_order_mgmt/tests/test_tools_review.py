# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The automatic review decision (tools/review.py): pure Python, no database."""
import unittest

from ..tools.review import BOTH, CS, HOLD, KEEP, OrderFacts, Rule, decide, note

ORDER = OrderFacts(company_id=1, channel_id=7, channel_code="TMALL01", amount=250.0,
                   payment_mode="prepaid", remark=False, stage="to_review",
                   cs_problem=None, finance_problem=None, shortages=())
RULE = Rule(id=1, name="Routine", company_id=1, channel_ids=frozenset(), amount_min=0.0,
            amount_max=0.0, payment_modes=frozenset(), require_no_remark=False,
            require_address_complete=False, require_paid=False, require_stock=False,
            outcome="pass_both", exception_reason_id=False)
LABELS = {"pass_cs": "Pass CS review", "pass_both": "Pass CS and finance review",
          "exception": "Hold as exception"}
ADDRESS = ("address_incomplete", "Order SO1: the shipping address lacks city.")
UNPAID = ("amount_mismatch", "Order SO1: paid 10.00, but the order total is 250.00.")


def order(**values):
    return ORDER._replace(**values)


def rule(**values):
    return RULE._replace(**values)


def why_not(rule_values, **facts):
    """The texts of the failed conditions of one rule for one order."""
    decision = decide(order(**facts), [rule(**rule_values)])
    return [message.text() for _rule, failed in decision.failures for message in failed]


class TestReviewDecision(unittest.TestCase):
    # unittest.TestCase: Odoo's own runner (--test-enable) sees them too

    def test_first_rule_that_holds_decides_and_earlier_ones_say_why_not(self):
        first = rule(id=1, name="Small", amount_max=100.0)
        second = rule(id=2, name="Tmall", channel_ids=frozenset([7]))
        third = rule(id=3, name="Anything")
        decision = decide(ORDER, [first, second, third])
        assert (decision.rule, decision.action) == (second, BOTH)
        assert [(r.name, [m.text() for m in failed]) for r, failed in decision.failures] == [
            ("Small", ["total 250.00 above 100.00"])]
        assert note(decision, outcome_labels=LABELS) == (
            'Rule "Tmall" (Pass CS and finance review) decided. Rules before it did not apply: '
            "Small: total 250.00 above 100.00.")

    def test_no_rule_keeps_the_order_with_every_reason(self):
        rules = [rule(id=1, name="Paid", require_paid=True),
                 rule(id=2, name="Quiet", require_no_remark=True, require_stock=True)]
        decision = decide(order(finance_problem=UNPAID, remark="礼盒", shortages=("A-1", "B-2")),
                          rules)
        assert (decision.rule, decision.action) == (None, KEEP)
        assert note(decision) == ("No rule passed this order. Paid: not paid as the order total"
                                  " | Quiet: buyer remark not empty; short of A-1, B-2")
        assert decide(ORDER, []) == decision._replace(failures=())

    def test_every_condition_and_its_message(self):
        assert why_not({"company_id": 2}) == ["other company"]
        assert why_not({"channel_ids": frozenset([8, 9])}) == ["channel TMALL01 not in the rule"]
        assert why_not({"amount_min": 300.0}) == ["total 250.00 below 300.00"]
        assert why_not({"payment_modes": frozenset(["cod", "cod_inspect"])}) == [
            "payment mode prepaid"]
        assert why_not({"payment_modes": frozenset(["cod"])}, payment_mode=False) == [
            "payment mode -"]
        assert why_not({"require_no_remark": True}, remark="请用礼盒") == ["buyer remark not empty"]
        assert why_not({"require_address_complete": True}, cs_problem=ADDRESS) == [
            "address incomplete"]
        assert why_not({"require_paid": True}, finance_problem=UNPAID) == [
            "not paid as the order total"]
        assert why_not({"require_stock": True}, shortages=("TST-HAT",)) == ["short of TST-HAT"]
        # several at once, in this order
        assert why_not({"amount_min": 300.0, "require_no_remark": True}, remark="x") == [
            "total 250.00 below 300.00", "buyer remark not empty"]

    def test_bounds_and_blank_remark_hold(self):
        assert why_not({"amount_min": 250.0, "amount_max": 250.0}) == []
        assert why_not({"require_no_remark": True}, remark="  \n ") == []
        assert why_not({"payment_modes": frozenset(["prepaid"])}) == []
        # the conditions a rule does not ask for are not checked
        assert why_not({}, cs_problem=ADDRESS, finance_problem=UNPAID, remark="x",
                       shortages=("A",)) == []

    def test_exception_rule_holds_with_its_reason(self):
        decision = decide(ORDER, [rule(outcome="exception", exception_reason_id=42)])
        assert (decision.action, decision.reason_id, decision.reason_code) == (HOLD, 42, None)
        assert note(decision, outcome_labels=LABELS) == (
            'Rule "Routine" (Hold as exception) decided.')

    def test_a_rule_never_passes_what_cs_review_would_refuse(self):
        decision = decide(order(cs_problem=ADDRESS), [rule(outcome="pass_cs")])
        assert (decision.action, decision.reason_code) == (HOLD, "address_incomplete")
        assert note(decision, outcome_labels=LABELS) == (
            'Rule "Routine" (Pass CS review) decided. '
            "Order SO1: the shipping address lacks city.")
        # a problem without a reason code of its own is held as a risk
        decision = decide(order(cs_problem=(None, "Order SO1 has no product to ship.")), [RULE])
        assert (decision.action, decision.reason_code) == (HOLD, "risk")

    def test_cs_problem_no_longer_counts_once_the_order_waits_for_finance(self):
        decision = decide(order(stage="to_finance", cs_problem=ADDRESS), [RULE])
        assert decision.action == BOTH

    def test_pass_cs_rule(self):
        assert decide(ORDER, [rule(outcome="pass_cs")]).action == CS
        decision = decide(order(stage="to_finance"), [rule(outcome="pass_cs")])
        assert (decision.action, decision.rule.id) == (KEEP, 1)
        assert note(decision, outcome_labels=LABELS).endswith(
            "decided. The rule passes CS review only; finance review is left to people.")

    def test_pass_both_leaves_a_money_problem_to_people(self):
        decision = decide(order(finance_problem=UNPAID), [RULE])
        assert decision.action == CS
        assert note(decision, outcome_labels=LABELS).endswith(
            "decided. Finance review left to people: Order SO1: paid 10.00, but the order "
            "total is 250.00.")
        decision = decide(order(stage="to_finance", finance_problem=UNPAID), [RULE])
        assert (decision.action, decision.reason_code) == (HOLD, "amount_mismatch")
        assert decide(order(stage="to_finance"), [RULE]).action == BOTH

    def test_note_translates_each_template_before_filling_it(self):
        french = {"%s decided.": "%s a décidé.", "Rule \"%s\" (%s)": "La règle « %s » (%s)",
                  "Rules before it did not apply: %s.": "Avant elle : %s.",
                  "total %.2f above %.2f": "total %.2f au-dessus de %.2f"}
        decision = decide(ORDER, [rule(name="Petit", amount_max=100.0), rule(id=2)])
        assert note(decision, lambda text: french.get(text, text), {"pass_both": "Les deux"}) == (
            "La règle « Routine » (Les deux) a décidé. "
            "Avant elle : Petit: total 250.00 au-dessus de 100.00.")
