import base64
import csv
import io
import re
from datetime import date, datetime

import openpyxl

from odoo import fields, models
from odoo.exceptions import AccessError, UserError

SERIAL_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9\-_.]{2,63}$")
COLUMNS = ("serial", "value", "valid_from", "valid_to")


class RetailVoucherImport(models.TransientModel):
    """Serials a deal site sold, imported from its file (CSV or XLSX) with columns serial, value,
    valid_from, valid_to (header row first). Every row is checked before anything is written: a
    malformed row or a duplicate (in the file or already known) rejects the whole file with a report
    line per problem; otherwise every serial becomes a voucher sold by the partner, whom the invoice
    value is due from."""

    _name = "retail.voucher.import"
    _description = "Import Partner Voucher Serials"

    partner_id = fields.Many2one("res.partner", string="Deal Site", required=True)
    type_id = fields.Many2one("retail.voucher.type", string="Voucher Type", required=True)
    file = fields.Binary(required=True)
    filename = fields.Char()
    report = fields.Text(readonly=True)
    imported_count = fields.Integer(readonly=True)

    def action_import(self):
        self.ensure_one()
        if not self.env.user.has_group("retail_crm.group_retail_manager"):
            raise AccessError(self.env._("Only a retail manager may import partner serials."))
        rows = self._retail_read_rows()
        vals_list, errors = self._retail_check_rows(rows)
        if errors:
            self.write({"report": "\n".join(errors), "imported_count": 0})
            return self._retail_reopen()
        vouchers = self.env["retail.voucher"].sudo().create(vals_list)
        vouchers._retail_sell(partner=self.partner_id)
        self.write({"imported_count": len(vouchers), "report": self.env._(
            "%(count)s serials imported from %(partner)s.", count=len(vouchers), partner=self.partner_id.name)})
        return self._retail_reopen()

    def _retail_reopen(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
                "target": "new", "name": self.env._("Import Partner Serials")}

    # -- reading --------------------------------------------------------------------------------------
    def _retail_read_rows(self):
        """[(row number, {column: text})] of the file, from the header's column names."""
        content = base64.b64decode(self.file or b"")
        if not content:
            raise UserError(self.env._("The file is empty."))
        if (self.filename or "").lower().endswith(".xlsx") or content[:2] == b"PK":
            table = self._retail_xlsx_table(content)
        else:
            try:
                text = content.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise UserError(self.env._("The file is neither UTF-8 CSV nor XLSX.")) from error
            dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t") if text.strip() else csv.excel
            table = list(csv.reader(io.StringIO(text), dialect))
        if not table:
            raise UserError(self.env._("The file is empty."))
        header = [str(cell or "").strip().lower() for cell in table[0]]
        missing = [column for column in ("serial", "value") if column not in header]
        if missing:
            raise UserError(self.env._("The file's first row must name the columns %(columns)s; missing: %(missing)s.",
                                       columns=", ".join(COLUMNS), missing=", ".join(missing)))
        rows = []
        for number, cells in enumerate(table[1:], start=2):
            if not any(str(cell or "").strip() for cell in cells):
                continue
            rows.append((number, {name: cells[index] if index < len(cells) else None
                                  for index, name in enumerate(header)}))
        return rows

    def _retail_xlsx_table(self, content):
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:
            raise UserError(self.env._("The file could not be read as XLSX: %(error)s", error=error)) from error
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]

    # -- checking -------------------------------------------------------------------------------------
    def _retail_check_rows(self, rows):
        """(vals for every voucher, errors 'Row n: ...'); any error and nothing is imported."""
        errors, vals_list, seen = [], [], {}
        company = self.type_id.company_id
        serials = [str(row.get("serial") or "").strip().upper() for _number, row in rows]
        known = set(self.env["retail.voucher"].sudo().with_context(active_test=False).search(
            [("company_id", "=", company.id), ("serial", "in", serials)]).mapped("serial"))
        if not rows:
            errors.append(self.env._("The file has no serials."))
        for (number, row), serial in zip(rows, serials, strict=True):
            problems = []
            if not serial:
                problems.append(self.env._("the serial is empty"))
            elif not SERIAL_PATTERN.match(serial):
                problems.append(self.env._("serial %(serial)s has characters other than letters, digits, - _ .",
                                           serial=serial))
            elif serial in seen:
                problems.append(self.env._("serial %(serial)s is also on row %(row)s", serial=serial, row=seen[serial]))
            elif serial in known:
                problems.append(self.env._("serial %(serial)s already exists", serial=serial))
            seen.setdefault(serial, number)
            value = self._retail_number(row.get("value"))
            if value is None or value <= 0:
                problems.append(self.env._("value %(value)s is not a positive number", value=row.get("value")))
            dates = {}
            for column in ("valid_from", "valid_to"):
                dates[column] = self._retail_date(row.get(column))
                if dates[column] is False:
                    problems.append(self.env._("%(column)s %(value)s is not a date (YYYY-MM-DD)",
                                               column=column, value=row.get(column)))
            if dates["valid_from"] and dates["valid_to"] and dates["valid_from"] > dates["valid_to"]:
                problems.append(self.env._("the validity ends before it starts"))
            if problems:
                errors.append(self.env._("Row %(row)s: %(problems)s.", row=number, problems="; ".join(problems)))
                continue
            ratio = self.type_id.invoice_value / self.type_id.use_value
            vals_list.append({
                "serial": serial, "type_id": self.type_id.id, "company_id": company.id, "value": value,
                "invoice_value": company.currency_id.round(value * ratio), "partner_id": self.partner_id.id,
                "valid_from": dates["valid_from"] or False, "valid_to": dates["valid_to"] or False,
                "batch": self.env._("Imported from %(partner)s (%(file)s)", partner=self.partner_id.name,
                                    file=self.filename or ""),
            })
        return vals_list, errors

    def _retail_number(self, cell):
        if isinstance(cell, (int, float)):
            return float(cell)
        text = str(cell or "").strip().replace(" ", "").replace(",", "")
        try:
            return float(text)
        except ValueError:
            return None

    def _retail_date(self, cell):
        """A date, None when empty, False when not a date."""
        if isinstance(cell, datetime):
            return cell.date()
        if isinstance(cell, date):
            return cell
        text = str(cell or "").strip()
        if not text:
            return None
        try:
            return fields.Date.to_date(text)
        except ValueError:
            return False
