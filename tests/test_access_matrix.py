"""Who may do what, checked on the server (not by the views).

The two tables below are the access matrix of the suite. Each cell is run:
the document is put in the stage where the action is due (by the system),
then each role presses the button through the ORM, as an RPC client would.
"Y" must succeed, every allowed role pressing the real button; "." must be
refused as a matter of rights: `AccessError`, with the guard's "... is
reserved to: <groups>." or Odoo's own access message; "s" must be refused by
the sign-off rules of the stage although the user is in one of the action's
groups (the general manager before the director, the director again after
signing, purchasing submitting a draft that customer service submits):
`UserError`, whose message is neither a rights refusal nor a wrong stage nor
a lock taken (the document is in the stage where the action is due). Each row and each cell run in a
savepoint of their own (unique names), and each row checks that it left the
database as it found it.

Every action of the suite's models (`action_*` methods the suite defines,
found in the registry, as tests/test_rpc_contract.py finds them) is a row of
ACTIONS or listed in NOT_A_ROW with the reason.

Shown to fail (tests/mutation_check.py, `guard_widened`): finance allowed to
pass the CS review turns the cell "sale.order/action_ecom_cs_approve as
finance" into "allowed".

Roles: the six of SPEC (manager, director and GM include CS and the
warehouse, not finance: money is finance's alone) and purchasing (Odoo's
purchase user), each as its demo user, an internal user with nothing but
`base.group_user`, and a portal user.
"""
import itertools
import re
from contextlib import contextmanager

from access_matrix_setup import MatrixSetup
from test_rpc_contract import suite_actions

from odoo.exceptions import AccessError, UserError

from odoo.addons.ecom_order_mgmt.tests.common import EcomCase

ROLES = ("cs", "finance", "warehouse", "manager", "director", "gm", "purchase", "user",
         "portal")

# Contract actions: Y = allowed, . = refused on the server.
ACTIONS = """
action                                       cs fin wh mgr dir gm pur user portal
sale.order/action_ecom_cs_approve            Y  .   .  Y   Y   Y  .   .    .
sale.order/action_ecom_finance_approve       .  Y   .  .   .   .  .   .    .
sale.order/action_ecom_set_exception         Y  Y   .  Y   Y   Y  .   .    .
sale.order/action_ecom_resume                Y  .   .  Y   Y   Y  .   .    .
sale.order/action_ecom_cancel                Y  .   .  Y   Y   Y  .   .    .
sale.order/action_ecom_apply_review_rules    Y  Y   .  Y   Y   Y  .   .    .
sale.order/action_ecom_reassign              .  .   .  Y   Y   Y  .   .    .
sale.order/action_ecom_check_shortage        Y  Y   .  Y   Y   Y  .   .    .
sale.order/action_ecom_bulk_review           .  Y   .  .   .   .  .   .    .
sale.order/action_ecom_approve_safety_stock  .  .   .  Y   Y   Y  .   .    .
stock.picking/action_ecom_print_waybill      .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_pick               .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_pack               .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_scan               .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_reset_scans        .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_check              .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_ship               .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_receive_scan       .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_receive_check      .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_receive_validate   .  .   Y  Y   Y   Y  .   .    .
stock.picking/action_ecom_confirm_delivered  Y  .   Y  Y   Y   Y  .   .    .
ecom.handover/action_scan_parcel             .  .   Y  Y   Y   Y  .   .    .
ecom.handover/action_close                   .  .   Y  Y   Y   Y  .   .    .
ecom.backorder/action_notify_supplier        Y  .   .  Y   Y   Y  Y   .    .
ecom.backorder/action_cancel                 Y  .   .  Y   Y   Y  .   .    .
ecom.backorder.allocation/action_preview     Y  .   Y  Y   Y   Y  .   .    .
ecom.backorder.allocation/action_commit      Y  .   Y  Y   Y   Y  .   .    .
ecom.custom.request/action_record_feasibility .  .  .  .   .   .  Y   .    .
ecom.custom.request/action_buyer_accept      Y  .   .  Y   Y   Y  .   .    .
ecom.custom.request/action_buyer_decline     Y  .   .  Y   Y   Y  .   .    .
ecom.custom.request/action_submit            Y  .   .  Y   Y   Y  s   .    .
ecom.custom.request/action_approve           .  .   .  .   Y   s  .   .    .
ecom.custom.request/action_reject            .  .   .  .   Y   s  .   .    .
ecom.custom.request/action_approve@gm        .  .   .  .   s   Y  .   .    .
ecom.custom.request/action_confirm_deposit   .  Y   .  .   .   .  .   .    .
ecom.custom.request/action_place_po          .  .   .  .   .   .  Y   .    .
ecom.custom.request/action_receive           .  .   Y  Y   Y   Y  Y   .    .
ecom.custom.request/action_request_balance   Y  .   .  Y   Y   Y  .   .    .
ecom.custom.request/action_confirm_balance   .  Y   .  .   .   .  .   .    .
ecom.custom.request/action_cancel            Y  .   .  Y   Y   Y  .   .    .
ecom.custom.request/action_done              Y  .   Y  Y   Y   Y  .   .    .
ecom.return/action_approve                   .  .   .  Y   Y   Y  .   .    .
ecom.return/action_reject                    .  .   .  Y   Y   Y  .   .    .
ecom.return/action_refund                    .  Y   .  .   .   .  .   .    .
ecom.return/action_receive                   .  .   Y  Y   Y   Y  .   .    .
ecom.handover/action_review                  .  Y   .  .   .   .  .   .    .
ecom.carrier.claim/action_claim              Y  .   .  Y   Y   Y  .   .    .
ecom.carrier.claim/action_accept             Y  Y   .  Y   Y   Y  .   .    .
ecom.carrier.claim/action_refuse             Y  Y   .  Y   Y   Y  .   .    .
ecom.carrier.claim/action_paid               .  Y   .  .   .   .  .   .    .
ecom.feedback/action_start                   Y  .   .  Y   Y   Y  .   .    .
ecom.feedback/action_resolve                 Y  .   .  Y   Y   Y  .   .    .
ecom.feedback/action_open_return             Y  .   .  Y   Y   Y  .   .    .
ecom.feedback/action_cancel                  Y  .   .  Y   Y   Y  .   .    .
ecom.order.import/action_preview             Y  .   .  Y   Y   Y  .   .    .
ecom.order.import/action_import              Y  .   .  Y   Y   Y  .   .    .
ecom.cod.import/action_import                .  Y   .  .   .   .  .   .    .
ecom.cod.statement.line/action_resolve       .  Y   .  .   .   .  .   .    .
ecom.settings/execute                        .  .   .  Y   Y   Y  .   .    .
"""

NAVIGATION = "opens a window and changes nothing: what it shows is read with the user's " \
    "own read rights (MODELS)"
DIALOG = "a dialog of the web client whose button calls %s (a row), with its rights"
# Actions of the suite that are not rows, and why.
NOT_A_ROW = {
    "sale.order/action_ecom_view_custom_requests": NAVIGATION,
    "sale.order/action_ecom_view_returns": NAVIGATION,
    "sale.order/action_ecom_view_refunds": NAVIGATION,
    "sale.order/action_view_ecom_backorders": NAVIGATION,
    "stock.picking/action_ecom_open_scanner": NAVIGATION,
    "stock.picking/action_ecom_open_ship_wizard": NAVIGATION,
    "ecom.handover/action_open_scanner": NAVIGATION,
    "ecom.custom.request/action_view_purchase_order": NAVIGATION,
    "ecom.return/action_open_reject_wizard": NAVIGATION,
    "ecom.return/action_open_receive_wizard": NAVIGATION,
    "ecom.channel/action_view_product_map": NAVIGATION,
    "ecom.import.profile/action_try_file": NAVIGATION,
    "ecom.review.rule/action_view_orders": NAVIGATION,
    "ecom.order.import/action_open_orders": NAVIGATION,
    "ecom.order.import/action_back": "a step back in the user's own import dialog",
    "ecom.order.import/action_new_import": "a new, empty import dialog of the user's own",
    "ecom.order.import/action_reimport_rejected": DIALOG % "action_import",
    "ecom.dashboard/action_open_orders": NAVIGATION,
    "ecom.dashboard/action_open_to_review": NAVIGATION,
    "ecom.dashboard/action_open_to_finance": NAVIGATION,
    "ecom.dashboard/action_open_to_ship": NAVIGATION,
    "ecom.dashboard/action_open_held": NAVIGATION,
    "ecom.dashboard/action_open_late": NAVIGATION,
    "ecom.dashboard/action_open_breached": NAVIGATION,
    "ecom.dashboard/action_open_exceptions": NAVIGATION,
    "ecom.dashboard/action_open_backorders": NAVIGATION,
    "ecom.dashboard/action_open_returns": NAVIGATION,
    "ecom.dashboard/action_open_refunds_due": NAVIGATION,
    "ecom.settlement.line/action_open_resolve": NAVIGATION,
    "ecom.settlement.import/action_open_known": NAVIGATION,
    "sale.order/action_ecom_open_reassign": NAVIGATION,
    "ecom.reassign.wizard/action_confirm": DIALOG % "sale.order/action_ecom_reassign",
    "ecom.handover/action_print_manifest": "prints the batch's manifest (a PDF of what the "
                                           "user may read) and changes nothing",
    "stock.picking/action_ecom_print_receiving_note": "prints the receipt's note (a PDF of "
                                                      "what the user may read), changes nothing",
    "ecom.settlement.import/action_import":
        "finance's alone: refused to every other role in ecom_order_mgmt/tests/"
        "test_settlement.py (test_every_settlement_action_is_refused_to_the_other_roles)",
    "ecom.settlement/action_match_again":
        "finance's alone: refused to every other role in ecom_order_mgmt/tests/test_settlement.py",
    "ecom.settlement.resolve/action_resolve":
        "finance's alone: refused to every other role in ecom_order_mgmt/tests/test_settlement.py",
    "ecom.kpi.export/action_export": "a download of a report's rows, read with the user's "
                                     "read right on the report (tests/test_kpi_export.py)",
    "ecom.exception.wizard/action_confirm": DIALOG % "sale.order/action_ecom_set_exception",
    "ecom.scan.wizard/action_scan": DIALOG % "action_ecom_scan / action_scan_parcel",
    "ecom.ship.wizard/action_ship": DIALOG % "stock.picking/action_ecom_ship",
    "ecom.return.reject.wizard/action_confirm": DIALOG % "ecom.return/action_reject",
    "ecom.custom.request.decision.wizard/action_confirm": DIALOG % "action_approve/reject",
    "ecom.custom.request.feasibility.wizard/action_confirm":
        DIALOG % "action_record_feasibility",
    "ecom.custom.request.buyer.wizard/action_confirm": DIALOG % "action_buyer_accept",
    "ecom.return.receive.wizard/action_confirm": DIALOG % "ecom.return/action_receive",
    "ecom.return.receive.wizard/action_scan": DIALOG % "ecom.return/action_receive",
    "ecom.return.receive.wizard/action_fill": DIALOG % "ecom.return/action_receive",
    "ecom.backorder.source/action_confirm": "urgent sourcing: transfers and purchase "
                                            "orders, Odoo's own rights (test_backorder)",
}
# What a refusal for rights says: the guard's, or Odoo's access rights and rules.
RIGHTS = re.compile(r"is reserved to: |Sorry, you are not allowed to|"
                    r"due to security restrictions")
# What a sign-off refusal ("s") must not be: rights, a wrong stage, a lock.
NOT_SIGNOFF = re.compile(RIGHTS.pattern + r"|You are not allowed|is at stage|"
                         r"this step needs stage|Someone else is processing")
# Tables a row may create rows in: each row must leave them as it found them.
COUNTED = ["sale_order", "stock_picking", "stock_move", "ecom_custom_request",
           "ecom_return", "account_invoice", "account_payment", "purchase_order",
           "mail_message"]
_SAVEPOINTS = itertools.count()

# Access rights on the suite's models: c/r/w/u letters granted, "-" none.
MODELS = """
model                        cs   fin  wh   mgr  dir  gm   pur  user portal
ecom.channel                 r    r    r    crwu crwu crwu r    r    -
ecom.exception.reason        r    r    r    crwu crwu crwu r    r    -
ecom.review.rule             r    r    -    crwu crwu crwu -    -    -
ecom.assignment.rule         r    r    -    crwu crwu crwu -    -    -
ecom.picking.scan            r    r    crwu crwu crwu crwu r    r    -
ecom.handover                r    r    crw  crwu crwu crwu r    r    -
ecom.receipt.difference      r    r    crwu crwu crwu crwu r    r    -
ecom.backorder               crw  crw  rw   crwu crwu crwu rw   r    -
ecom.custom.request          crw  rw   rw   crwu crwu crwu rw   r    -
ecom.custom.request.approval r    r    r    r    r    r    r    r    -
ecom.return                  crwu rw   rw   crwu crwu crwu -    -    -
ecom.return.line             crwu r    rw   crwu crwu crwu -    -    -
ecom.return.reason           r    r    r    crwu crwu crwu r    r    -
ecom.carrier.claim           crw  rw   r    crwu crwu crwu -    -    -
ecom.feedback                crw  r    r    crwu crwu crwu -    -    -
ecom.shipping.ledger         -    r    r    r    r    r    -    -    -
ecom.cod.statement           -    rw   -    r    r    r    -    -    -
ecom.cod.statement.line      -    rw   -    r    r    r    -    -    -
ecom.calendar.workday        r    r    r    crwu crwu crwu r    r    -
resource.calendar            r    r    r    crw  crw  crw  r    r    -
resource.calendar.attendance r    r    r    crwu crwu crwu r    r    -
"""


def _table(text):
    rows = [line.split() for line in text.strip().splitlines()]
    header = rows[0][1:]
    assert len(header) == len(ROLES), header
    return {row[0]: dict(zip(ROLES, row[1:])) for row in rows[1:]}


class TestAccessMatrix(MatrixSetup, EcomCase):

    @classmethod
    def setUpClass(cls):
        super(TestAccessMatrix, cls).setUpClass()
        env = cls.env
        Users = env["res.users"].with_context(no_reset_password=True)

        def user(login, *groups):
            return Users.create({
                "name": login, "login": login, "email": "%s@example.com" % login,
                "groups_id": [(6, 0, [env.ref(g).id for g in groups])]})
        cls.users["purchase"] = env.ref("ecom_backorder.user_ecom_purchase")
        cls.users["user"] = user("test_matrix_user", "base.group_user")
        cls.users["portal"] = user("test_matrix_portal", "base.group_portal")
        cls.vendor = env["res.partner"].create({"name": "Matrix vendor", "supplier": True})
        for product in (cls.product_a, cls.product_out):
            env["product.supplierinfo"].create({
                "name": cls.vendor.id, "product_tmpl_id": product.product_tmpl_id.id,
                "price": 10.0})
        env.user.company_id.ecom_return_days = 30
        cls.warehouse._ecom_ensure_return_locations()

    @contextmanager
    def _rollback(self):
        """Run the block, then undo it (database and ORM cache). Each savepoint
        has a name of its own: with one name, a row's ROLLBACK TO would land
        on the savepoint of its last cell and keep the row's set-up."""
        cr = self.env.cr
        name = "matrix_%d" % next(_SAVEPOINTS)
        cr.execute('SAVEPOINT "%s"' % name)
        try:
            yield
        finally:
            cr.execute('ROLLBACK TO SAVEPOINT "%s"' % name)
            cr.execute('RELEASE SAVEPOINT "%s"' % name)
            self.env.clear()

    def _counts(self):
        self.env.cr.execute(" UNION ALL ".join(
            "SELECT '%s', count(*) FROM %s" % (table, table) for table in COUNTED))
        return dict(self.env.cr.fetchall())

    # ------------------------------------------------------------------
    @staticmethod
    def _verdict(error):
        """The table's letter for what happened, and the refusal's text."""
        if error is None:
            return "Y", ""
        text = "%s: %s" % (type(error).__name__, error.name)
        if isinstance(error, AccessError):
            return ("." if RIGHTS.search(error.name) else "?"), text
        return ("?" if NOT_SIGNOFF.search(error.name) else "s"), text

    def test_action_matrix(self):
        """Every contract action, every role: allowed or refused as the table says."""
        wrong = []
        for key, expected in _table(ACTIONS).items():
            before = self._counts()
            with self._rollback():
                record, call = self._setup(key)
                for role in ROLES:
                    with self._rollback():
                        records = record.sudo(self.users[role]).with_context(lang="en_US")
                        error = None
                        try:
                            call(records)
                        except (AccessError, UserError) as refusal:
                            error = refusal
                        outcome, text = self._verdict(error)
                        if outcome != expected[role]:
                            wrong.append("%s as %s: %s, expected %s %s" % (
                                key, role, outcome, expected[role], text))
            self.assertEqual(self._counts(), before, "%s left rows behind" % key)
        self.assertFalse(wrong, "\n".join(wrong))

    def test_model_access_matrix(self):
        """create/read/write/unlink rights of every role on every model of the suite."""
        wrong = []
        for model, expected in _table(MODELS).items():
            for role in ROLES:
                Model = self.env[model].sudo(self.users[role])
                granted = "".join(op[0] for op in ("create", "read", "write", "unlink")
                                  if Model.check_access_rights(op, raise_exception=False))
                granted = "".join(c for c in "crwu" if c in granted) or "-"
                if granted != expected[role]:
                    wrong.append("%s as %s: %s, expected %s" % (
                        model, role, granted, expected[role]))
        self.assertFalse(wrong, "\n".join(wrong))

    def test_every_action_of_the_suite_is_in_the_matrix(self):
        """A new action of any model of the suite must be a row (and so be
        checked) or be listed in NOT_A_ROW with the reason."""
        listed = {key.split("@")[0] for key in _table(ACTIONS)}
        found = {"%s/%s" % action for action in suite_actions(self.env)}
        self.assertGreater(len(found), 60)
        self.assertFalse(found - listed - set(NOT_A_ROW), "actions neither rows nor excluded")
        gone = (listed | set(NOT_A_ROW)) - found - {"ecom.settings/execute"}
        self.assertFalse(gone, "rows or exclusions of actions that do not exist")
        self.assertFalse(listed & set(NOT_A_ROW), "both a row and excluded")

    # ------------------------------------------------------------------
    # Fields only the actions set
    # ------------------------------------------------------------------
    def test_review_stage_is_not_writable_directly(self):
        """CS cannot skip the finance review by writing the stage."""
        order = self._reviewed()
        for role in ("cs", "warehouse", "user"):
            with self.assertRaises(AccessError, msg=role):
                order.sudo(self.users[role]).write({"ecom_state": "approved"})
        with self.assertRaises(UserError):
            order.sudo(self.users["cs"]).action_confirm()
        self.assertEqual((order.ecom_state, order.state), ("to_finance", "draft"))

    def test_case_state_and_money_are_not_writable_directly(self):
        case = self._case("draft")
        for vals in ({"state": "approved"}, {"approved_by": self.users["cs"].id},
                     {"refund_invoice_id": False, "state": "done"}):
            with self.assertRaises(AccessError, msg=vals):
                case.sudo(self.users["cs"]).write(vals)
        case.sudo(self.users["cs"]).write({"evidence": "Photo of the torn tag"})
        with self.assertRaises(AccessError):
            self.env["ecom.return"].sudo(self.users["cs"]).create({
                "order_id": case.order_id.id, "type": "refund_only", "state": "done"})
        self.assertEqual(case.sudo(self.users["cs"]).copy().state, "draft")
        self.assertEqual(case.state, "draft")

    def test_custom_request_state_and_money_are_not_writable_directly(self):
        request = self._request("deposit_pending")
        for vals in ({"state": "deposit_paid"}, {"deposit_amount": 1.0},
                     {"deposit_received": 60.0}):
            with self.assertRaises(AccessError, msg=vals):
                request.sudo(self.users["finance"]).write(vals)
        self.assertEqual(request.state, "deposit_pending")

    def test_portal_user_reads_nothing_of_the_suite(self):
        order = self._order()
        for record in (order, self.channel, self._case("draft")):
            with self.assertRaises(AccessError):
                record.sudo(self.users["portal"]).read(["display_name"])
