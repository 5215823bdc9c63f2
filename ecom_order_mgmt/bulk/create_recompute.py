# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The stored computed fields of a bulk creation, one UPDATE per field.

Odoo 11's ``recompute`` computes a stored field for all the records marked
(the ORM's own compute methods, in batch), then writes it with one
``UPDATE`` per distinct value, field after field: every new order row is
rewritten some twenty times (amounts, invoice status, payment state, SLA
deadline ...), and the fields whose value differs per order (the amounts of
a real export, the SLA deadline) cost one ``UPDATE`` per order, each also
looking up again what depends on it.

:func:`recompute_new` computes the same values, in the same order (Odoo's
``get_todo``: a field after the fields it depends on), with the same compute
methods, and writes the values of the records just created with one
``UPDATE ... FROM (VALUES ...)`` per field (per table, for a compute method
that sets several fields), before the next field is computed: a field
computed later may read the records from the database (Odoo's prefetch on a
cache miss reloads every field no longer marked), and must find there the
values computed before it. Held in the cache until the end instead, a
buyer's display name was computed from a NULL company name, depending on
the order Odoo gave the two fields in that process.
Nothing has to be marked again: the creation marked every field that
depends on the new records. What it does not handle goes back to Odoo's
``recompute``, after writing what it holds: records that already existed,
fields not stored in a plain column (or translated), and a many2one set
that is the inverse of a one2many (what depends on that one2many is found
by Odoo then).
"""
from collections import defaultdict

from psycopg2.extras import execute_values


def recompute_new(model, created):
    """Recompute what is marked, as ``model.recompute()`` does; the stored
    fields of the records of `created` ({model name: set of ids}, just
    inserted by the bulk creation) are written one UPDATE per field."""
    env = model.env
    pending = defaultdict(dict)  # model name -> {id: {field name: value}}
    while env.has_todo():
        field, recs = env.get_todo()
        fields_ = [f for f in recs._field_computed[field] if f.store]
        new = created.get(field.model_name, ())
        if not _deferrable(fields_) or any(rid not in new for rid in recs.ids):
            break
        for rec in recs:
            values = {f.name: rec[f.name] for f in fields_}
            if any(values[f.name] and recs._field_inverses[f] for f in fields_):
                # a relation set that a one2many reads back: Odoo's write
                # finds what depends on that one2many
                break
            pending[field.model_name].setdefault(rec.id, {}).update(
                rec._convert_to_write(values))
        else:
            # written before the next field is computed: a read of these
            # records from the database (Odoo's prefetch) must find them
            _write_pending(env, pending)
            pending.clear()
            for f in recs._field_computed[field]:
                recs._recompute_done(f)
            continue
        break
    _write_pending(env, pending)
    model.recompute()


def _deferrable(fields_):
    return fields_ and all(f.column_type and not f.translate for f in fields_)


def _write_pending(env, pending):
    """One ``UPDATE`` per table (per set of fields) of the held values."""
    cr = env.cr
    for model_name, by_id in pending.items():
        Model = env[model_name].sudo()
        groups = defaultdict(list)
        for rid, values in by_id.items():
            groups[tuple(sorted(values))].append(rid)
        for names, ids in groups.items():
            fields_ = [Model._fields[name] for name in names]
            checked = set()
            rows = []
            # each record converts its values (a monetary field rounds in
            # the record's currency), the whole group prefetched together
            for record in Model.browse(ids):
                values = by_id[record.id]
                row = [record.id]
                for field in fields_:
                    value = values[field.name]
                    if value and field.type == "selection" \
                            and (field.name, value) not in checked:
                        Model._check_selection_field_value(field.name, value)
                        checked.add((field.name, value))
                    row.append(field.convert_to_column(value, record, values))
                rows.append(tuple(row))
            # typed placeholders: a column of NULLs is not text
            template = "(%s)" % ", ".join(
                ["%s"] + ["%%s::%s" % field.column_type[1] for field in fields_])
            query = 'UPDATE "%s" AS t SET %s FROM (VALUES %%s) AS v(id, %s) ' \
                    'WHERE t.id = v.id' % (
                        Model._table,
                        ", ".join('"%s" = v."%s"' % (name, name) for name in names),
                        ", ".join('"%s"' % name for name in names))
            execute_values(cr, query, rows, template=template, page_size=1000)
        # the Python constraints of these fields, as a write checks them
        Model.browse(list(by_id))._validate_fields(
            {name for values in by_id.values() for name in values})
