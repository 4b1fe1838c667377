import base64
import io
from datetime import datetime

import openpyxl

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import FootfallCase


@tagged("post_install", "-at_install")
class TestImport(FootfallCase):
    def wizard(self, content, filename):
        return self.env["retail.footfall.import"].create({
            "counter_id": self.counter.id, "data_file": base64.b64encode(content), "filename": filename,
        })

    def test_csv_export_is_previewed_then_imported(self):
        content = b"Timestamp;Count\n2025-03-01 09:00;12\n2025-03-01 09:15;8\n"
        wizard = self.wizard(content, "door.csv")
        wizard.action_preview()
        self.assertEqual((wizard.valid_count, wizard.error_count), (2, 0))
        self.assertEqual(wizard.line_ids.mapped("row_number"), [2, 3])
        wizard.action_import()
        self.assertEqual(wizard.imported_count, 2)
        counts = self.Count.search([("counter_id", "=", self.counter.id)])
        self.assertEqual(sorted(counts.mapped("visitors_in")), [8, 12])
        self.assertEqual(set(counts.mapped("source")), {"import"})
        self.assertEqual(self.hour("2025-03-01 09:00:00").visitors_in, 20)

    def test_file_with_bad_rows_is_reported_line_by_line_and_nothing_imported(self):
        content = b"time,in\n2025-03-01 09:00,12\nnot a date,3\n2025-03-01 09:30,-1\n"
        wizard = self.wizard(content, "door.csv")
        wizard.action_preview()
        errors = {line.row_number: line.error for line in wizard.line_ids if line.error}
        self.assertEqual(sorted(errors), [3, 4])
        with self.assertRaises(UserError):
            wizard.action_import()
        self.assertFalse(self.Count.search([("counter_id", "=", self.counter.id)]))

    def test_file_without_named_columns_is_refused(self):
        wizard = self.wizard(b"2025-03-01 09:00,12\n2025-03-01 09:15,8\n", "door.csv")
        with self.assertRaises(UserError):
            wizard.action_preview()

    def test_xlsx_export_is_imported(self):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["start", "in", "out", "minutes"])
        sheet.append([datetime(2025, 3, 2, 10, 0), 30, 25, 30])  # a spreadsheet date: branch time
        sheet.append(["2025-03-02 10:30", 20, 22, 30])
        buffer = io.BytesIO()
        workbook.save(buffer)
        wizard = self.wizard(buffer.getvalue(), "export.xlsx")
        wizard.action_import()
        counts = self.Count.search([("counter_id", "=", self.counter.id)], order="interval_start")
        self.assertEqual(counts.mapped("visitors_in"), [30, 20])
        self.assertEqual(counts.mapped("visitors_out"), [25, 22])
        self.assertEqual(counts.mapped("interval_minutes"), [30, 30])
        self.assertEqual(self.hour("2025-03-02 10:00:00").visitors_in, 50)
