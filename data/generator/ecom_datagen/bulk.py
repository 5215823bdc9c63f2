# Copyright 2026 E-commerce Order Management contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bulk loading: rows written with ``COPY``, the foreign keys and indexes
dropped for the load and restored after it."""
import csv
import io


class Bulk(object):
    """Rows for one table, written with one COPY; ids reserved from its sequence."""

    def __init__(self, cr, table, columns):
        self.cr, self.table, self.columns = cr, table, ["id"] + list(columns)
        self.rows = []

    def reserve(self, count):
        """Reserve `count` ids; return the first."""
        if count <= 0:
            return None
        self.cr.execute("SELECT nextval(%s)", ("%s_id_seq" % self.table,))
        first = self.cr.fetchone()[0]
        self.cr.execute("SELECT setval(%s, %s)", ("%s_id_seq" % self.table, first + count - 1))
        return first

    def add(self, row_id, values):
        self.rows.append((row_id,) + tuple(values))

    def flush(self):
        if not self.rows:
            return 0
        # CSV written by the C csv module: None is an unquoted empty field,
        # which COPY reads as NULL (no value here is an empty string).
        buf = io.StringIO()
        csv.writer(buf).writerows(self.rows)
        buf.seek(0)
        self.cr._obj.copy_expert('COPY %s (%s) FROM STDIN WITH (FORMAT csv)' % (
            self.table, ", ".join('"%s"' % c for c in self.columns)), buf)
        count = len(self.rows)
        self.rows = []
        return count


ORDER_COLUMNS = [
    "name", "origin", "state", "date_order", "create_date", "confirmation_date", "user_id",
    "partner_id", "partner_invoice_id", "partner_shipping_id", "pricelist_id",
    "invoice_status", "amount_untaxed", "amount_tax", "amount_total", "company_id", "team_id",
    "create_uid", "write_uid", "write_date", "picking_policy", "warehouse_id",
    "procurement_group_id", "ecom_channel_id", "ecom_platform_ref", "ecom_state",
    "ecom_state_before_exception", "ecom_buyer_name", "ecom_buyer_phone", "ecom_province",
    "ecom_city", "ecom_district", "ecom_street", "ecom_buyer_remark", "ecom_payment_mode",
    "ecom_paid_amount", "ecom_payment_state", "ecom_received_at", "ecom_order_date",
    "ecom_sla_deadline",
    "ecom_sla_done_at", "ecom_sla_breached", "ecom_cs_user_id", "ecom_cs_date",
    "ecom_finance_user_id", "ecom_finance_date", "ecom_exception_reason_id",
    "ecom_exception_date", "ecom_split_consent", "ecom_shortage"]
LINE_COLUMNS = [
    "order_id", "name", "sequence", "invoice_status", "price_unit", "price_subtotal",
    "price_tax", "price_total", "price_reduce", "price_reduce_taxinc", "price_reduce_taxexcl",
    "discount", "product_id", "product_uom_qty", "product_uom", "qty_delivered",
    "qty_to_invoice", "qty_invoiced", "salesman_id", "currency_id", "company_id",
    "order_partner_id", "is_downpayment", "state", "customer_lead", "amt_to_invoice",
    "amt_invoiced", "create_uid", "create_date", "write_uid", "write_date", "is_delivery",
    "ecom_shortage", "ecom_from_stock", "ecom_from_incoming", "ecom_from_safety",
    "ecom_short_qty"]
GROUP_COLUMNS = ["partner_id", "name", "move_type", "create_uid", "create_date", "write_uid",
                 "write_date"]
PICKING_COLUMNS = [
    "name", "origin", "move_type", "state", "group_id", "priority", "scheduled_date", "date",
    "date_done", "location_id", "location_dest_id", "picking_type_id", "partner_id",
    "company_id", "printed", "is_locked", "create_uid", "create_date", "write_uid",
    "write_date", "sale_id", "carrier_id", "carrier_tracking_ref", "weight", "weight_uom_id",
    "number_of_packages", "ecom_channel_id", "ecom_fulfil_state", "ecom_province",
    "ecom_printed_by", "ecom_printed_at", "ecom_picker_id", "ecom_picked_at", "ecom_packer_id",
    "ecom_packed_at", "ecom_package_count", "ecom_weight", "ecom_checker_id",
    "ecom_checked_at", "ecom_shipped_at", "ecom_delivered_at"]
MOVE_COLUMNS = [
    "name", "sequence", "priority", "create_date", "date", "company_id", "date_expected",
    "product_id", "ordered_qty", "product_qty", "product_uom_qty", "product_uom",
    "location_id", "location_dest_id", "partner_id", "picking_id", "state", "price_unit",
    "origin", "procure_method", "scrapped", "group_id", "propagate", "picking_type_id",
    "warehouse_id", "additional", "reference", "create_uid", "write_uid", "write_date",
    "to_refund", "sale_line_id", "weight", "weight_uom_id"]
MOVE_LINE_COLUMNS = [
    "picking_id", "move_id", "product_id", "product_uom_id", "product_qty", "product_uom_qty",
    "ordered_qty", "qty_done", "date", "location_id", "location_dest_id", "state",
    "reference", "create_uid", "create_date", "write_uid", "write_date"]


BULK_TABLES = ("sale_order", "sale_order_line", "procurement_group", "stock_picking",
               "stock_move", "stock_move_line", "stock_quant", "ecom_backorder", "ecom_return",
               "ecom_return_line", "ecom_feedback", "ecom_custom_request")


def drop_foreign_keys(cr, tables=BULK_TABLES):
    """Drop the foreign keys of `tables`; return them for `restore_foreign_keys`.

    A foreign key is checked by a trigger per inserted row (about twenty on
    sale_order); adding it back checks every row in one join, which makes
    COPY several times faster. Restore them in the same transaction: a
    failure in between then leaves the constraints as they were.
    """
    cr.execute("""SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
                    FROM pg_constraint c
                   WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)""",
               (list(tables),))
    constraints = cr.fetchall()
    for table, name, _definition in constraints:
        cr.execute('ALTER TABLE "%s" DROP CONSTRAINT "%s"' % (table, name))
    return constraints


def restore_foreign_keys(cr, constraints):
    """Add back (and so check, one join each) what `drop_foreign_keys` dropped."""
    for table, name, definition in constraints:
        cr.execute('ALTER TABLE "%s" ADD CONSTRAINT "%s" %s' % (table, name, definition))


def drop_plain_indexes(cr, tables=BULK_TABLES):
    """Drop the non-unique indexes of `tables` (those of `index=True` fields);
    return their definitions. Building an index once after the load is
    cheaper than maintaining it row by row."""
    cr.execute("""SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                    FROM pg_index i
                   WHERE i.indrelid::regclass::text = ANY(%s)
                     AND NOT i.indisunique AND NOT i.indisprimary""", (list(tables),))
    indexes = cr.fetchall()
    for name, _definition in indexes:
        cr.execute('DROP INDEX "%s"' % name)
    return indexes


def restore_indexes(cr, indexes):
    for _name, definition in indexes:
        cr.execute(definition)
