# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter

from odoo import _, api, fields, models

# aggregates that are 0 over no row (others, such as an average, have no value)
ZERO_AGGREGATES = ("sum", "count")


class EcomReportMixin(models.AbstractModel):
    """What every SQL report of the suite shares: `read_group` as the pivot,
    the graph and external clients (XML-RPC, BI tools) read it.

    - No None in the answer, which XML-RPC cannot marshal: a sum or count
      over no row is 0, another aggregate (an average) over no row or a
      grouping value that is NULL is False, as Odoo shows an empty value.
    - Measures that do not add up across groups (a distinct count, a ratio
      of two sums) are computed for each group, in any grouping, by the
      methods named in `_report_group_measures` ({field: method}); each
      method gets the groups, the domain and the grouping keys, and sets
      the field in each group. Their columns in the view hold the value of
      one row.
    """

    _name = "ecom.report.mixin"
    _description = "E-commerce report"

    # {measure: name of the method computing it per group}
    _report_group_measures = {}
    # {measure: [fields the method reads from each group]}
    _report_measure_sources = {}

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                   lazy=True):
        fields = list(fields or [])
        measures = [name for name in self._report_group_measures
                    if name in fields or not fields]
        extra = [source for name in measures
                 for source in self._report_measure_sources.get(name, ())
                 if fields and source not in fields]
        groups = super(EcomReportMixin, self).read_group(
            domain, fields + sorted(set(extra)), groupby, offset=offset, limit=limit,
            orderby=orderby, lazy=lazy)
        if groups and measures:
            keys = [groupby] if isinstance(groupby, str) else list(groupby or [])
            keys = keys[:1] if lazy else keys
            for name in measures:
                getattr(self, self._report_group_measures[name])(groups, domain or [], keys)
        for group in groups:
            for source in extra:
                group.pop(source, None)
        return [self._report_no_none(group) for group in groups]

    def _report_no_none(self, value, name=None):
        """`value` (a read_group answer) with every None replaced (see the class)."""
        if isinstance(value, dict):
            return {key: self._report_no_none(item, key) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return type(value)(self._report_no_none(item) for item in value)
        if value is None:
            field = self._fields.get(name) if name else None
            if field is not None and field.group_operator in ZERO_AGGREGATES \
                    and field.type in ("integer", "float", "monetary"):
                return 0
            return False
        return value

    def _report_group_key(self, group, keys):
        return tuple(group.get(key) for key in keys)

    def _report_distinct_count(self, groups, domain, keys, measure, field, where):
        """Set `measure` in each group: the number of distinct `field` values
        of its rows matching the domain `where` (one more query in all)."""
        names = [key.split(":")[0] for key in keys]
        rows = super(EcomReportMixin, self).read_group(
            list(domain) + list(where) + [(field, "!=", False)],
            sorted(set(names + [field])), keys + [field], lazy=False)
        counts = Counter(self._report_group_key(row, keys) for row in rows)
        for group in groups:
            group[measure] = counts.get(self._report_group_key(group, keys), 0)

    def _report_ratio(self, groups, measure, numerator, denominator, factor=100.0):
        """Set `measure` in each group: `factor` × the sum of `numerator` over
        the sum of `denominator` (False where the denominator is 0)."""
        for group in groups:
            base = group.get(denominator) or 0.0
            group[measure] = factor * (group.get(numerator) or 0.0) / base if base else False


class EcomKpiReportMixin(models.AbstractModel):
    """What the KPI reports share: the XLSX export layout of their rows.

    Each report (an SQL view with `date`, `channel_id` and `company_id`)
    lists in `_kpi_xlsx_columns` the (field, width, kind) of its export;
    the kind picks the number format (see tools/xlsx_common.py). Summable
    columns get a SUM in the totals row, `avg` columns their average.
    """

    _name = "ecom.kpi.report.mixin"
    _inherit = "ecom.report.mixin"
    _description = "E-commerce KPI report"

    # fields of the export: (field name, width, xlsx kind)
    _kpi_xlsx_columns = []

    @api.model
    def _kpi_xlsx_title(self):
        """The report's name, in the user's language."""
        return self.env["ir.model"]._get(self._name).name

    @api.model
    def _kpi_xlsx_titles(self):
        """Column titles: the fields' own (translated) labels."""
        described = self.fields_get([c[0] for c in self._kpi_xlsx_columns], ["string"])
        return {name: described[name]["string"] for name, _w, _k in self._kpi_xlsx_columns}

    @api.multi
    def _kpi_xlsx_rows(self):
        """One dict of export values per report row (dates as datetime, names as text)."""
        names = [c[0] for c in self._kpi_xlsx_columns]
        selections = {
            name: dict(self._fields[name]._description_selection(self.env))
            for name in names if self._fields[name].type == "selection"}
        rows = []
        for record in self:
            values = {}
            for name, _width, kind in self._kpi_xlsx_columns:
                field = self._fields[name]
                value = record[name]
                if field.type == "many2one":
                    value = value.display_name or ""
                elif field.type == "selection":
                    value = selections[name].get(value, "")
                elif field.type == "boolean":
                    value = _("Yes") if value else _("No")
                elif field.type == "date":
                    value = fields.Date.from_string(value) if value else None
                elif field.type == "datetime":
                    value = fields.Datetime.from_string(value) if value else None
                elif kind in ("hours", "percent") and value is False:
                    value = None
                values[name] = value
            rows.append(values)
        return rows

    @api.model
    def _kpi_xlsx_header_lines(self, domain):
        """Extra header lines of the export of `domain` (e.g. a ratio of two sums)."""
        return []

    @api.model
    def _kpi_xlsx_summary(self, domain):
        """Totals row of `domain`: sums and averages as the pivot computes them."""
        measures = [name for name, _w, kind in self._kpi_xlsx_columns
                    if self._fields[name].type in ("integer", "float", "monetary")]
        if not measures:
            return {}
        groups = self.read_group(domain, measures, [])
        return {name: (groups[0][name] or 0.0) if groups else 0.0 for name in measures}

    @api.model
    def _kpi_xlsx_totals_as_values(self):
        """Measures whose totals row holds the value itself, not a SUM of the
        rows above: averages and the measures computed per group."""
        return {name for name, _w, _k in self._kpi_xlsx_columns
                if self._fields[name].group_operator == "avg"
                or name in self._report_group_measures}
