"""What the documents of upgrade_release_data.py hold (run in `odoo shell`).

Used by tests/test_upgrade_release.py before the upgrade (the release's code)
and after it (the working tree's): reads the documents whose ids are in
RELEASE_DATA (environment, JSON) through the ORM and prints
`RELEASE_STATE=<json>`: states, amounts, sign-offs, links, the review rules'
payment modes. With RECOMPUTE=1 it also recomputes every stored computed
field of the suite (in a savepoint, rolled back) and prints the values the
upgrade left stale as `RELEASE_STALE=<json>`: a field whose meaning changed
without a migration shows up there.
"""
import json
import os

env = env(context=dict(env.context, lang="en_US", tz="UTC",  # noqa: F821 (odoo shell)
                       active_test=False))
data = json.loads(os.environ["RELEASE_DATA"])


def login(user):
    return user.login or False


def money(value):
    return round(value or 0.0, 2)


def invoice(inv):
    return inv and [inv.type, inv.state, money(inv.amount_total), money(inv.residual),
                    inv.partner_id.name]


def order_state(sale):
    return {
        "name": sale.name, "ref": sale.ecom_platform_ref, "state": sale.state,
        "ecom_state": sale.ecom_state, "total": money(sale.amount_total),
        "paid": money(sale.ecom_paid_amount), "payment_state": sale.ecom_payment_state,
        "mode": sale.ecom_payment_mode, "cs": login(sale.ecom_cs_user_id),
        "finance": login(sale.ecom_finance_user_id),
        "exception": [sale.ecom_exception_reason_id.code or False,
                      sale.ecom_exception_note or False, sale.ecom_had_exception],
        "channel": sale.ecom_channel_id.code,
        "lines": sorted([line.product_id.default_code, line.product_uom_qty,
                         money(line.price_unit)] for line in sale.order_line),
        "pickings": sorted([
            p.name, p.state, p.picking_type_code, p.ecom_fulfil_state or False,
            p.carrier_tracking_ref or False, login(p.ecom_printed_by),
            login(p.ecom_packer_id), login(p.ecom_checker_id), bool(p.ecom_shipped_at),
            bool(p.ecom_delivered_at), sum(p.ecom_scan_ids.mapped("quantity")),
            sorted([m.product_id.default_code, m.product_uom_qty, m.quantity_done]
                   for m in p.move_lines)] for p in sale.picking_ids),
        "invoices": sorted(invoice(inv) for inv in sale.invoice_ids),
    }


request = env["ecom.custom.request"].browse(data["request"])
case = env["ecom.return"].browse(data["case"])
state = {
    "orders": {stage: order_state(env["sale.order"].browse(sale_id))
               for stage, sale_id in data["orders"].items()},
    "request": {
        "state": request.state, "order": order_state(request.order_id),
        "percent": request.deposit_percent, "deposit": money(request.deposit_amount),
        "balance": money(request.balance_amount),
        "received": money(request.deposit_received),
        "deposit_invoice": invoice(request.deposit_invoice_id),
        "deposit_payment": [money(request.deposit_payment_id.amount),
                            request.deposit_payment_id.state],
        "deposit_by": login(request.deposit_user_id), "tier_due": request.approval_tier_due,
        "requester": login(request.requester_id), "price_change": request.price_change,
        "new_price": money(request.new_price_unit),
        "signoffs": [[a.stage, a.tier, a.decision, login(a.user_id), a.submission,
                      a.comment or False] for a in request.approval_ids.sorted("id")],
    },
    "case": {
        "state": case.state, "type": case.type, "order": case.order_id.name,
        "refund": invoice(case.refund_invoice_id),
        "return_picking": [case.return_picking_id.state,
                           case.return_picking_id.location_dest_id.complete_name],
        "lines": sorted([line.product_id.default_code, line.quantity, line.responsibility]
                        for line in case.line_ids),
    },
    "rules": {},
}
for name, rule_id in data["rules"].items():
    rule = env["ecom.review.rule"].browse(rule_id)
    if "payment_mode_ids" in rule._fields:
        codes = rule.payment_mode_ids.mapped("code")
    else:  # the release: a comma-separated Char
        codes = [code.strip() for code in (rule.payment_modes or "").split(",")
                 if code.strip()]
    state["rules"][name] = {"codes": sorted(codes), "outcome": rule.outcome,
                            "channels": rule.channel_ids.mapped("code")}
print("RELEASE_STATE=" + json.dumps(state, sort_keys=True))


def _plain(value):
    if hasattr(value, "_name"):
        return value.ids
    return value


if os.environ.get("RECOMPUTE") == "1":
    stale = []
    env.cr.execute("SAVEPOINT recompute_check")
    for name in sorted(env.registry):
        Model = env[name]
        if Model._abstract or not Model._auto or Model._transient:
            continue
        fields_ = [field for fname, field in Model._fields.items()
                   if field.store and field.compute and not field.related
                   and (name.startswith("ecom.") or fname.startswith("ecom_"))]
        if not fields_:
            continue
        records = Model.search([])
        stored = {field.name: [_plain(r[field.name]) for r in records] for field in fields_}
        for field in fields_:
            env.add_todo(field, records)
        Model.recompute()
        for field in fields_:
            fresh = [_plain(r[field.name]) for r in records]
            for record, old, new in zip(records, stored[field.name], fresh):
                if old != new and not (isinstance(old, float) and abs(old - new) < 0.005):
                    stale.append([name, field.name, record.id, repr(old), repr(new)])
    env.cr.execute("ROLLBACK TO SAVEPOINT recompute_check")
    print("RELEASE_STALE=" + json.dumps(stale[:200]))

if os.environ.get("CONTINUE") == "1":
    # The work goes on with the upgraded code (then everything is rolled back).
    users = {role: env.ref("ecom_order_mgmt.user_ecom_%s" % role)
             for role in ("cs", "finance", "warehouse", "gm")}
    done = {}
    request.sudo(users["gm"]).action_approve()
    done["request"] = request.state
    sale = env["sale.order"].browse(data["orders"]["to_finance"])
    sale.sudo(users["finance"]).action_ecom_finance_approve()
    done["cod order"] = [sale.ecom_state, len(sale.picking_ids)]
    picking = env["sale.order"].browse(data["orders"]["packed"]).picking_ids
    for move in picking.move_lines:
        picking.sudo(users["warehouse"]).action_ecom_scan(move.product_id.barcode,
                                                          int(move.product_qty))
    picking.sudo(users["warehouse"]).action_ecom_check()
    # since 11.0.2.0.0 with the courier's count of parcels
    picking.sudo(users["warehouse"]).action_ecom_ship(picking.ecom_package_count)
    done["packed delivery"] = [picking.ecom_fulfil_state, picking.state]
    # The migrated rules decide by their payment modes: each order below is
    # decided by the first of the release's rules whose modes it has.
    env["ecom.review.rule"].search([("id", "not in", list(data["rules"].values()))]).write(
        {"active": False})
    template = env["sale.order"].browse(data["orders"]["to_review"])
    names = {rule_id: name for name, rule_id in data["rules"].items()}
    done["decided by"] = {}
    for mode in ("cod", "cod_inspect", "prepaid", "instalment"):
        new = template.copy({"ecom_platform_ref": "REL-RULE-%s" % mode,
                             "ecom_payment_mode": mode,
                             "ecom_channel_id": template.ecom_channel_id.id})
        new.ecom_paid_amount = new.amount_total if mode in ("prepaid", "instalment") else 0
        new.sudo(users["cs"]).with_context(active_test=True).action_ecom_apply_review_rules()
        done["decided by"][mode] = [names.get(new.ecom_rule_id.id, new.ecom_rule_id.name),
                                    new.ecom_state]
    print("RELEASE_CONTINUED=" + json.dumps(done, sort_keys=True))
env.cr.rollback()
