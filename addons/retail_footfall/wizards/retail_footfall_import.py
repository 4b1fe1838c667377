import base64
import csv
import io

import openpyxl

from odoo import api, fields, models
from odoo.exceptions import UserError

TIMESTAMP_HEADERS = {"timestamp", "time", "start", "datetime", "date", "interval_start"}
IN_HEADERS = {"count", "in", "visitors", "visitors_in", "enter", "entries"}
OUT_HEADERS = {"out", "visitors_out", "exit", "exits"}
MINUTES_HEADERS = {"minutes", "interval", "duration"}


class RetailFootfallImport(models.TransientModel):
    """Import a counter's export (CSV or XLSX: timestamp, count [, out, minutes]) with a preview."""

    _name = "retail.footfall.import"
    _description = "Import Visitor Counts"

    counter_id = fields.Many2one("retail.footfall.counter", required=True)
    data_file = fields.Binary(string="File", required=True)
    filename = fields.Char()
    line_ids = fields.One2many("retail.footfall.import.line", "wizard_id", string="Preview", readonly=True)
    state = fields.Selection([("upload", "Upload"), ("preview", "Preview"), ("done", "Done")], default="upload")
    valid_count = fields.Integer(compute="_compute_counts")
    error_count = fields.Integer(compute="_compute_counts")
    imported_count = fields.Integer(readonly=True)
    has_out_column = fields.Boolean()

    @api.depends("line_ids.error")
    def _compute_counts(self):
        for wizard in self:
            wizard.error_count = len(wizard.line_ids.filtered("error"))
            wizard.valid_count = len(wizard.line_ids) - wizard.error_count

    # ------------------------------------------------------------------ reading the file

    def _read_table(self):
        """Rows of the file as lists of cells, the header row first."""
        content = base64.b64decode(self.data_file or b"")
        name = (self.filename or "").lower()
        if name.endswith(".xlsx") or content[:2] == b"PK":
            return self._read_xlsx(content)
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError(self.env._("The file is neither UTF-8 CSV nor XLSX."))
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [row for row in csv.reader(io.StringIO(text), dialect) if any(cell.strip() for cell in row)]

    def _read_xlsx(self, content):
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:
            raise UserError(self.env._("The XLSX file cannot be read: %s", error))
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True) if any(cell not in (None, "") for cell in row)]

    def _columns(self, header):
        names = [str(cell or "").strip().lower() for cell in header]

        def find(candidates):
            return next((index for index, name in enumerate(names) if name in candidates), None)

        columns = {"start": find(TIMESTAMP_HEADERS), "in": find(IN_HEADERS),
                   "out": find(OUT_HEADERS), "minutes": find(MINUTES_HEADERS)}
        if columns["start"] is None or columns["in"] is None:
            raise UserError(self.env._(
                "The first row must name the columns: a timestamp column (timestamp, time or start) and a "
                "count column (count, in or visitors). Found: %s", ", ".join(names) or "-"))
        return columns

    def _raw_rows(self):
        table = self._read_table()
        if len(table) < 2:
            raise UserError(self.env._("The file has no data rows."))
        columns = self._columns(table[0])
        rows = []
        for cells in table[1:]:
            row = {}
            for key, index in columns.items():
                if index is not None:
                    value = cells[index] if index < len(cells) else None
                    row[key] = value.strip() if isinstance(value, str) else value
            rows.append(row)
        return rows

    # ------------------------------------------------------------------ actions

    def action_preview(self):
        self.ensure_one()
        raw_rows = self._raw_rows()
        parsed, errors = self.env["retail.footfall.count"]._parse_rows(self.counter_id, raw_rows, first_row_number=2)
        lines = [{"row_number": number, "error": message} for number, message in errors]
        lines += [{"row_number": row["row"], "interval_start": row["start"], "minutes": row["minutes"],
                   "visitors_in": row["in"], "visitors_out": row["out"] or 0} for row in parsed]
        for line in lines:
            line["raw_timestamp"] = str(raw_rows[line["row_number"] - 2].get("start") or "")
        self.line_ids = [fields.Command.clear(), *[fields.Command.create(line) for line in lines]]
        self.has_out_column = any(row.get("out") not in (None, "") for row in raw_rows)
        self.state = "preview"
        return self._reopen()

    def action_import(self):
        self.ensure_one()
        if self.state != "preview":
            self.action_preview()
        if self.error_count:
            raise UserError(self.env._(
                "%s rows have errors (see the preview): correct the file and upload it again. Nothing was imported.",
                self.error_count))
        rows = [{"start": line.interval_start, "minutes": line.minutes, "in": line.visitors_in,
                 "out": line.visitors_out if self.has_out_column else None} for line in self.line_ids]
        self.imported_count = self.env["retail.footfall.count"]._store_rows(self.counter_id, rows, "import")
        self.state = "done"
        return self._reopen()

    def _reopen(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new", "name": self.env._("Import Visitor Counts")}


class RetailFootfallImportLine(models.TransientModel):
    _name = "retail.footfall.import.line"
    _description = "Visitor Count Import Line"
    _order = "row_number"

    wizard_id = fields.Many2one("retail.footfall.import", required=True, ondelete="cascade")
    row_number = fields.Integer(string="Row")
    raw_timestamp = fields.Char(string="Timestamp in file")
    interval_start = fields.Datetime()
    minutes = fields.Integer()
    visitors_in = fields.Integer(string="In")
    visitors_out = fields.Integer(string="Out")
    error = fields.Char()
