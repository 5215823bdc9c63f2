# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Many records of a model created with one INSERT (the order import's path).

Odoo 11 creates records one at a time: every ``create`` inserts one row,
looks up the records depending on it (one search per dependency path),
evaluates the record rules of every read and recomputes the stored fields
of that one record. An imported order with two lines and a new buyer costs
about 150 queries and 30-50 ms that way, which caps an import at about 25
order lines per second. Odoo 13 (``create(vals_list)``) does the same work
once per batch; this mixin does it for the models of the import:

- values are completed the way ``create`` completes them: the model's own
  ``create`` preparation (``_ecom_bulk_prepare_values``, which calls the same
  helpers as the overrides of the modules listed in
  ``_ecom_bulk_create_modules``), then the defaults
  (``_add_missing_default_values``, per record, ``default_get`` evaluated
  once per batch but for the defaults unique per record, such as the portal
  access token: ``_BatchDefaults``);
- one multi-row INSERT per model and batch, the many2many rows, the
  one2many children (themselves in bulk) inserted under their parent;
- stored related fields whose first step is a many2one of the values are
  read from their targets, in batch, and inserted with the row (empty
  through a relation to many the new records do not have);
- then the ORM's own machinery, once for the batch: ``modified`` (marks what
  depends on the new records), the Python constraints, the stored computed
  fields (the models' own compute methods, the values of the new records
  written with one UPDATE per table: ``create_recompute.py``) and the
  record rules.

It is used only where it gives the same records as ``create``: if another
module overrides ``create`` of the model (not in the list), if the model has
a parent store or delegated inheritance, for mail threads unless tracking is
disabled (``create`` would subscribe and log), and for values it does not
handle (fields with an inverse, translatable text in another language, or
what ``_ecom_bulk_values_ok`` refuses), it falls back to ``create`` record
by record; so does every call while the performance layer is switched off
(``switch.py``). What each model tells the mixin is in ``create_hooks.py``.
Port forward: from Odoo 12 on, ``create(vals_list)`` replaces it.
"""
import logging

from psycopg2.extras import execute_values

from odoo import api, models

from .create_recompute import recompute_new
from .switch import bulk_layer_on

_logger = logging.getLogger(__name__)

# Commands of x2many values the bulk path writes itself.
_M2M_COMMANDS = (4, 5, 6)


def _related_path(records, path):
    """`path` from `records` with each many2one on it that is itself a
    non-stored related field replaced by its own path (the lines' currency
    is their order's pricelist's): the same records, without Odoo 11
    setting that related field on each record met, one at a time."""
    steps = []
    for step in path:
        field = records._fields[step]
        if field.type == "many2one" and field.related and not field.store:
            steps.extend(_related_path(records, field.related))
        else:
            steps.append(step)
        if field.relational:
            records = records.env[field.comodel_name]
    return steps


class _BatchDefaults(object):
    """The defaults of the records of one bulk creation (context
    ``ecom_bulk_defaults``), computed once per model and list of fields.

    ``default_get`` walks every field of the model for each record (the
    company's sale note, the salesperson, a buyer's category ... read again
    each time), the same values for every record of the batch but for the
    few that are unique per record (the portal access token): those are
    found by asking twice (what differs) and asked again for each record.
    """

    def __init__(self):
        self.known = {}  # (model, fields, default_* keys) -> (defaults, per-record names)

    def get(self, model, fields_list, default_get):
        """`default_get`(fields_list)'s values for a record of `model`."""
        key = (model._name, tuple(sorted(fields_list)), tuple(sorted(
            (name, repr(value)) for name, value in model.env.context.items()
            if name.startswith("default_"))))
        if key not in self.known:
            first, second = default_get(fields_list), default_get(fields_list)
            own = {name for name in set(first) | set(second)
                   if first.get(name, self) != second.get(name, self)}
            self.known[key] = (first, sorted(own))
        defaults, own = self.known[key]
        # each record its own dict and lists (create() may edit them)
        values = {name: list(value) if isinstance(value, list) else value
                  for name, value in defaults.items() if name not in own}
        if own:
            values.update(default_get(own))
        return values


class EcomBulkCreateMixin(models.AbstractModel):
    _name = "ecom.bulk.create.mixin"
    _description = "Bulk creation of records"

    # Modules whose ``create`` override of this model the bulk path
    # reproduces in `_ecom_bulk_prepare_values` (or that do nothing for the
    # values it accepts); each model using the mixin lists them.
    _ecom_bulk_create_modules = ()

    # ------------------------------------------------------------------
    # What a model says about itself
    # ------------------------------------------------------------------
    @api.model
    def _ecom_bulk_prepare_values(self, vals):
        """Values as the model's ``create`` overrides would pass them on."""
        return vals

    @api.model
    def _ecom_bulk_values_ok(self, vals):
        """Whether the bulk path handles these values like ``create`` would."""
        return True

    def _ecom_bulk_prefetch(self):
        """Load for all these new records what the recomputation would read
        record by record (Odoo 11 prefetches some relations per record)."""
        return

    def _ecom_bulk_computed_values(self, full, ids):
        """Put into the completed values `full` the stored computed fields
        that ``create`` would give the rows about to be inserted with these
        `ids` (drawn from the table's sequence, in order), where each record
        gets a value of its own; return their names.

        ``recompute`` writes such a value with one ``UPDATE`` per record,
        and each of those looks up again what depends on it; written in the
        ``INSERT``, they cost nothing more. The values are final, whatever
        the children inserted with the records: they are not computed
        again. Nothing by default: ``recompute`` computes every stored field.
        """
        return []

    @api.model
    def _ecom_bulk_unsupported(self):
        """Why this model cannot be created in bulk here, or None."""
        if self._inherits or self._parent_store or not self._log_access:
            return "delegated inheritance, parent store or no log columns"
        allowed = set(self._ecom_bulk_create_modules)
        for cls in type(self).__mro__:
            module = vars(cls).get("_module")
            if "create" in vars(cls) and module and module not in allowed:
                return "create() is overridden by module %s" % module
        if "message_follower_ids" in self._fields \
                and not self.env.context.get("tracking_disable"):
            return "mail thread without tracking_disable"
        return None

    # ------------------------------------------------------------------
    # Entry point
    # ------------------------------------------------------------------
    @api.model
    def _ecom_create_many(self, vals_list):
        """Create one record per dict of `vals_list`; the records, in order.

        Same access checks and same records as ``create`` called for each
        dict; an error (constraint, access, bad value) raises and the caller's
        savepoint takes the whole batch back.
        """
        vals_list = [dict(vals) for vals in vals_list]
        if not vals_list:
            return self.browse()
        if bulk_layer_on(self.env):
            why = self._ecom_bulk_why_not(vals_list)
        else:
            why = "the performance layer is switched off"
        if why:
            _logger.debug("%s: %d records created one by one (%s)", self._name,
                          len(vals_list), why)
            records = self.browse()
            for vals in vals_list:
                records |= self.create(vals)
            return records
        for model in self._ecom_bulk_models(vals_list):
            self.env[model].check_access_rights("create")
        # values and defaults as the user (salesperson, company, team ...),
        # the writing as superuser (record rules are checked below, once)
        full = self._ecom_bulk_complete(vals_list)
        # prefetch_fields=False: the computations read the few columns they
        # use, not the hundred of an order for every record of the batch
        writer = self.sudo().with_context(prefetch_fields=False)
        records = writer._ecom_bulk_insert(full, self.env.uid).with_env(self.env)
        # record rules of the user, as create() checks them (children too)
        records.check_access_rule("create")
        for name in self._ecom_bulk_o2m_names(vals_list):
            records.mapped(name).check_access_rule("create")
        return records

    def _ecom_bulk_o2m_names(self, vals_list):
        return sorted({name for vals in vals_list for name in vals
                       if name in self._fields and self._fields[name].type == "one2many"})

    def _ecom_bulk_models(self, vals_list):
        models_ = [self._name]
        for name in self._ecom_bulk_o2m_names(vals_list):
            models_.append(self._fields[name].comodel_name)
        return models_

    def _ecom_bulk_why_not(self, vals_list):
        """Why these values go through ``create`` one by one, or None."""
        why = self._ecom_bulk_unsupported()
        if why:
            return why
        lang = self.env.lang and self.env.lang != "en_US"
        plain = set()  # fields whose every value goes in bulk (checked once)
        children = {}  # one2many name -> the values of its new records
        for vals in vals_list:
            if not self._ecom_bulk_values_ok(vals):
                return "values the model creates itself"
            for name, value in vals.items():
                if name in plain:
                    continue
                field = self._fields.get(name)
                if field is None or field.inherited:
                    return "field %s" % name
                if field.inverse:
                    return "field %s has an inverse" % name
                if lang and field.translate:
                    return "translated field %s" % name
                if field.type not in ("many2many", "one2many"):
                    plain.add(name)
                if field.type == "many2many" and any(
                        command[0] not in _M2M_COMMANDS for command in value or []):
                    return "many2many commands of %s" % name
                if field.type == "one2many":
                    if any(command[0] != 0 for command in value or []):
                        return "one2many commands of %s" % name
                    children.setdefault(name, []).extend(
                        command[2] for command in value or [])
        # the children of all the records, checked together
        for name in sorted(children):
            comodel = self.env[self._fields[name].comodel_name]
            if not hasattr(comodel, "_ecom_bulk_why_not"):
                return "%s is not created in bulk" % comodel._name
            why = comodel.with_context(
                self._ecom_bulk_child_context())._ecom_bulk_why_not(children[name])
            if why:
                return "%s: %s" % (name, why)
        return None

    def _ecom_bulk_child_context(self):
        # create() drops default_* keys before writing x2many fields
        return {key: value for key, value in self.env.context.items()
                if not key.startswith("default_")}

    # ------------------------------------------------------------------
    # The insert (as superuser: the checks are the caller's)
    # ------------------------------------------------------------------
    @api.model
    def default_get(self, fields_list):
        batch = self.env.context.get("ecom_bulk_defaults")
        if not isinstance(batch, _BatchDefaults):
            return super(EcomBulkCreateMixin, self).default_get(fields_list)
        return batch.get(self, fields_list,
                         super(EcomBulkCreateMixin, self).default_get)

    def _ecom_bulk_complete(self, vals_list):
        """The values create() would write: the model's own preparation, then
        the defaults (the same for every record, computed once per batch, but
        those unique per record: see _BatchDefaults), children included."""
        if not isinstance(self.env.context.get("ecom_bulk_defaults"), _BatchDefaults):
            self = self.with_context(ecom_bulk_defaults=_BatchDefaults())
        full = []
        for vals in vals_list:
            vals = self._add_missing_default_values(self._ecom_bulk_prepare_values(vals))
            for name in models.MAGIC_COLUMNS + ["parent_left", "parent_right"]:
                vals.pop(name, None)
            for name in self._ecom_bulk_o2m_names([vals]):
                field = self._fields[name]
                # the inverse is set at insert time; default_* keys do not apply
                comodel = self.env[field.comodel_name].with_context(
                    self._ecom_bulk_child_context())
                children = comodel._ecom_bulk_complete([
                    dict(command[2], **{field.inverse_name: False})
                    for command in vals[name] or []])
                vals[name] = [(0, 0, child) for child in children]
            full.append(vals)
        return full

    def _ecom_bulk_insert(self, full, uid, recompute=True):
        """INSERT the rows of the completed values `full`, their many2many and
        one2many values; mark and recompute what depends on them. `uid` is
        recorded as the creator."""
        columns, m2m, o2m = self._ecom_bulk_sort_fields(full)
        related = self._ecom_bulk_related_values(full)
        ids = self._ecom_bulk_new_ids(len(full))
        computed = self._ecom_bulk_computed_values(full, ids) if ids else []
        columns = sorted(columns | set(related) | set(computed))
        ids = self._ecom_bulk_insert_rows(full, columns, uid, ids)
        records = self.browse(ids)
        for name in sorted(m2m):
            self._ecom_bulk_m2m(name, ids, full)
        # invalidate and mark for recomputation what depends on the new rows
        records.modified(self._fields)
        # related and computed values were inserted with the row: nothing to
        # recompute
        for name in related + computed:
            records._recompute_done(self._fields[name])
        for name in sorted(o2m):
            records._ecom_bulk_o2m(name, full, uid)
        # the children marked again what depends on them: the computed
        # values inserted are final (see _ecom_bulk_computed_values)
        for name in computed if o2m else ():
            records._recompute_done(self._fields[name])
        records._validate_fields(set(columns) | m2m | o2m)
        if recompute and self.env.recompute and self.env.context.get("recompute", True):
            records._ecom_bulk_prefetch()
            created = {self._name: set(ids)}
            for name in sorted(o2m):
                created.setdefault(self._fields[name].comodel_name, set()).update(
                    records.mapped(name).ids)
            # the stored computed fields of the new records, one UPDATE per table
            recompute_new(self, created)
            # the recomputation wrote as superuser: the creator made them
            for table in self._ecom_bulk_tables(o2m):
                self.env.cr.execute('UPDATE "%s" SET write_uid = %%s WHERE id IN %%s '
                                    'AND write_uid != %%s' % table[0],
                                    (uid, tuple(table[1](records)) or (0,), uid))
        records._ecom_bulk_related = related
        records._ecom_bulk_computed = computed
        return records

    def _ecom_bulk_sort_fields(self, full):
        """({column names}, {many2many names}, {one2many names}) of the
        values `full`, which lose their fields not stored and get False for
        the stored booleans they lack (create() writes False, not NULL)."""
        booleans = [name for name, field in self._fields.items()
                    if field.type == "boolean" and field.store and field.column_type]
        columns, m2m, o2m = set(), set(), set()
        kinds = {}  # how each field is stored, decided once per batch
        for vals in full:
            for name in booleans:
                vals.setdefault(name, False)
            for name in list(vals):
                kind = kinds.get(name)
                if kind is None:
                    kind = kinds[name] = self._ecom_bulk_kind(self._fields[name])
                if kind == "none":
                    del vals[name]
                elif kind == "column":
                    columns.add(name)
                elif kind == "many2many":
                    m2m.add(name)
                elif kind == "one2many":
                    o2m.add(name)
                elif vals[name]:
                    # e.g. a binary kept as an attachment: create() writes it
                    raise ValueError("%s.%s cannot be created in bulk" % (self._name, name))
        return columns, m2m, o2m

    def _ecom_bulk_new_ids(self, count):
        """`count` ids drawn from the table's sequence, in order, when the
        model computes values that need them (`_ecom_bulk_computed_values`
        overridden); else None (the INSERT draws them)."""
        own = type(self)._ecom_bulk_computed_values
        if own is EcomBulkCreateMixin._ecom_bulk_computed_values:
            return None
        self.env.cr.execute("SELECT nextval(%s) FROM generate_series(1, %s) ORDER BY 1",
                            ("%s_id_seq" % self._table, count))
        return [row[0] for row in self.env.cr.fetchall()]

    def _ecom_bulk_insert_rows(self, full, columns, uid, ids=None):
        """One multi-row INSERT of the `columns` of `full` (with these `ids`,
        if given); the new ids, in order."""
        column_fields = [(name, self._fields[name]) for name in columns]
        selections = {name for name, field in column_fields
                      if getattr(field, "selection", None)}
        # A float's column value depends on the value alone (its digits look
        # up the decimal precision at each call) and a selection value is
        # checked once: the same prices and states repeat on every row
        floats = {name for name, field in column_fields if field.type == "float"}
        known = {}
        rows = []
        for vals in full:
            row = []
            for name, field in column_fields:
                if name not in vals:
                    row.append(None)
                    continue
                value = vals[name]
                if name in floats or name in selections:
                    key = (name, value)
                    if key not in known:
                        if value and name in selections:
                            self._check_selection_field_value(name, value)
                        known[key] = field.convert_to_column(value, self, vals)
                    row.append(known[key])
                    continue
                row.append(field.convert_to_column(value, self, vals))
            rows.append(tuple(row) + (uid, uid))
        if ids:
            columns = ["id"] + list(columns)
            rows = [(record_id,) + row for record_id, row in zip(ids, rows)]
        now = "(now() at time zone 'UTC')"
        names = ", ".join('"%s"' % name for name in columns)
        query = 'INSERT INTO "%s" (%s, create_uid, write_uid, create_date, write_date) ' \
                'VALUES %%s RETURNING id' % (self._table, names)
        template = "(%s)" % ", ".join(["%s"] * (len(columns) + 2) + [now, now])
        return [row[0] for row in execute_values(self.env.cr, query, rows, template=template,
                                                 page_size=len(rows), fetch=True)]

    def _ecom_bulk_o2m(self, name, full, uid):
        """Insert the children of one2many `name` of these new records (whose
        completed values are `full`, in order), in bulk."""
        field = self._fields[name]
        children = []
        for record_id, vals in zip(self.ids, full):
            for command in vals.get(name) or []:
                children.append(dict(command[2], **{field.inverse_name: record_id}))
        if not children:
            self.modified([name])
            return
        comodel = self.env[field.comodel_name].with_context(self._ecom_bulk_child_context())
        lines = comodel._ecom_bulk_insert(children, uid, recompute=False)
        self.modified([name])
        # the parents' one2many marks the children's related and computed
        # fields again: their values are in the rows already
        for done_name in lines._ecom_bulk_related + lines._ecom_bulk_computed:
            lines._recompute_done(comodel._fields[done_name])

    @staticmethod
    def _ecom_bulk_kind(field):
        """'none' (not stored), 'column', 'many2many', 'one2many' or 'other'."""
        if not field.store:
            return "none"
        if field.column_type:
            return "column"
        if field.type in ("many2many", "one2many"):
            return field.type
        return "other"

    def _ecom_bulk_tables(self, o2m):
        tables = [(self._table, lambda records: records.ids)]
        for name in sorted(o2m):
            comodel = self.env[self._fields[name].comodel_name]
            tables.append((comodel._table,
                           lambda records, name=name: records.mapped(name).ids))
        return tables

    def _ecom_bulk_m2m(self, name, ids, full):
        field = self._fields[name]
        rows = set()
        for record_id, vals in zip(ids, full):
            linked = []
            for command in vals.get(name) or []:
                if command[0] == 6:
                    linked = list(command[2])
                elif command[0] == 5:
                    linked = []
                elif command[0] == 4:
                    linked.append(command[1])
            rows.update((record_id, other) for other in linked)
        if rows:
            execute_values(self.env.cr, 'INSERT INTO "%s" ("%s", "%s") VALUES %%s' % (
                field.relation, field.column1, field.column2), sorted(rows))

    def _ecom_bulk_related_values(self, full):
        """Put the stored related fields reached through a many2one of the
        values (or through a relation to many that no record of `full` has)
        into `full`; return their names.

        ``recompute`` would read them record by record while the monetary
        fields of the batch are being computed; reading their targets once
        gives the same values.
        """
        names = []
        for name, field in self._fields.items():
            if not (field.store and field.related and field.column_type):
                continue
            first = self._fields.get(field.related[0])
            if first and first.type in ("one2many", "many2many") \
                    and not any(vals.get(first.name) for vals in full):
                # through a relation no new record has yet (the next activity's
                # deadline): empty, as the ORM computes it
                for vals in full:
                    vals[name] = False
                names.append(name)
                continue
            if not first or first.type != "many2one" or first.name == name:
                continue
            if first.compute and not all(first.name in vals for vals in full):
                # computed after the INSERT (the commercial entity)
                continue
            # else a many2one the values lack is empty: so is the field
            target_ids = {vals[first.name] for vals in full if vals.get(first.name)}
            targets = self.env[first.comodel_name].browse(list(target_ids))
            path = _related_path(targets, field.related[1:])
            values = {}
            for target in targets:
                value = target
                for step in path:
                    value = value[step]
                values[target.id] = value.id if field.type == "many2one" else value
            for vals in full:
                target_id = vals.get(first.name)
                vals[name] = values[target_id] if target_id else False
            names.append(name)
        return names
