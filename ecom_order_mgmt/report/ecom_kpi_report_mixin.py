# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models


class EcomKpiReportMixin(models.AbstractModel):
    """What the KPI reports share: the XLSX export layout of their rows.

    Each report (an SQL view with `date`, `channel_id` and `company_id`)
    lists in `_kpi_xlsx_columns` the (field, width, kind) of its export;
    the kind picks the number format (see tools/xlsx_common.py). Summable
    columns get a SUM in the totals row, `avg` columns their average.
    """

    _name = "ecom.kpi.report.mixin"
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
