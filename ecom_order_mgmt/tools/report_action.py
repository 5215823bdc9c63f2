# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Report actions that any RPC client can carry (no ORM here).

A button that prints returns Odoo's report action (``report_action()``):
it holds ``data: None`` and the caller's whole context, which XML-RPC
cannot marshal (None, or whatever the context carries), so the call fails
after its work is committed. The web client needs only the report and the
records: with no ``data`` it downloads ``/report/<type>/<report>/<ids>``,
the ids being the action context's ``active_ids`` (web's and report_xlsx's
``ir_actions_report``).
"""


def downloadable(action, model, ids):
    """`action` (an ``ir.actions.report`` dict) reduced to what the download
    needs: no None, no ``data``, a context of the records only.

    :param model: the model of the records to print
    :param ids: their ids
    """
    clean = {key: value for key, value in action.items()
             if value is not None and key not in ("data", "context")}
    clean["context"] = {"active_model": model, "active_ids": list(ids)}
    return clean
