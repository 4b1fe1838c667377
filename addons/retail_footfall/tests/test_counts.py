from odoo.tests import tagged

from .common import FootfallCase


@tagged("post_install", "-at_install")
class TestCounts(FootfallCase):
    def test_resend_replaces_the_interval_never_doubles_it(self):
        self.store([{"start": "2025-01-15T09:00:00+07:00", "minutes": 15, "in": 10, "out": 8}])
        self.store([{"start": "2025-01-15T09:00:00+07:00", "minutes": 15, "in": 7, "out": 6}])
        counts = self.Count.search([("counter_id", "=", self.counter.id)])
        self.assertEqual(len(counts), 1)
        self.assertEqual((counts.visitors_in, counts.visitors_out), (7, 6))
        self.assertEqual(self.hour("2025-01-15 09:00:00").visitors_in, 7)

    def test_timestamps_without_offset_are_read_in_the_counter_timezone(self):
        self.store([{"start": "2025-01-15 09:00", "in": 3}])
        count = self.Count.search([("counter_id", "=", self.counter.id)])
        self.assertEqual(str(count.interval_start), "2025-01-15 02:00:00")
        self.assertEqual(count.interval_minutes, 15, "the counter's interval length is the default")

    def test_intervals_at_the_hour_edge_go_to_their_own_branch_hour(self):
        # 08:45-09:00 belongs to 08:00; 09:00-09:15 to 09:00 (sent in UTC here: 01:45Z and 02:00Z).
        self.store([{"start": "2025-01-15T01:45:00Z", "in": 4}, {"start": "2025-01-15T02:00:00Z", "in": 6}])
        self.assertEqual(self.hour("2025-01-15 08:00:00").visitors_in, 4)
        self.assertEqual(self.hour("2025-01-15 09:00:00").visitors_in, 6)

    def test_receipts_at_the_hour_edge_go_to_their_own_branch_hour(self):
        self.sell("2025-01-15 08:59:59")
        self.sell("2025-01-15 09:00:00")
        self.sell("2025-01-15 09:00:01")
        self.Hour._refresh_receipts()
        self.assertEqual(self.hour("2025-01-15 08:00:00").receipts, 1)
        self.assertEqual(self.hour("2025-01-15 09:00:00").receipts, 2)

    def test_refunds_are_not_receipts(self):
        order = self.sell("2025-01-15 10:10:00", quantity=2)
        self.Hour._refresh_receipts()
        self.assertEqual(self.hour("2025-01-15 10:00:00").receipts, 1)
        refund = self.sell("2025-01-15 10:20:00", quantity=-1)
        self.assertLess(refund.amount_total, 0)
        self.Hour._refresh_receipts()
        row = self.hour("2025-01-15 10:00:00")
        self.assertEqual(row.receipts, 1)
        self.assertEqual(row.revenue, order.amount_total - order.amount_tax)

    def test_gap_is_listed_and_its_hours_have_no_visitors_rather_than_zero(self):
        morning = [{"start": f"2025-01-16T{hour}:{minute}:00+07:00", "in": 5}
                   for hour in ("09", "10") for minute in ("00", "15", "30", "45")]
        afternoon = [{"start": f"2025-01-16T14:{minute}:00+07:00", "in": 5} for minute in ("00", "15", "30", "45")]
        self.store(morning + afternoon)
        gaps = self.env["retail.footfall.gap"].search([("counter_id", "=", self.counter.id)])
        self.assertEqual(len(gaps), 1)
        self.assertEqual((str(gaps.gap_start), str(gaps.gap_end), gaps.minutes),
                         ("2025-01-16 04:00:00", "2025-01-16 07:00:00", 180))
        self.assertFalse(self.hour("2025-01-16 12:00:00").visitors_in)
        self.sell("2025-01-16 12:30:00")
        self.Hour._refresh_receipts()
        noon = self.hour("2025-01-16 12:00:00")
        self.assertEqual(noon.receipts, 1)
        self.assertEqual(noon.counted_minutes, 0, "no counter data for that hour: not zero visitors")

        # The device sends the missing hours later: the gap closes.
        self.store([{"start": f"2025-01-16T{hour}:{minute}:00+07:00", "in": 1}
                    for hour in ("11", "12", "13") for minute in ("00", "15", "30", "45")])
        self.assertFalse(self.env["retail.footfall.gap"].search([("counter_id", "=", self.counter.id)]))
        self.assertEqual(self.hour("2025-01-16 12:00:00").visitors_in, 4)

    def test_counter_without_recent_data_is_offline(self):
        self.assertTrue(self.counter.is_offline)
        self.store([{"start": "2025-01-15T09:00:00+07:00", "in": 1}])
        self.assertEqual(str(self.counter.last_interval_end), "2025-01-15 02:15:00")

    def test_malformed_rows_are_reported_by_number(self):
        rows = [
            {"start": "2025-01-15T09:00:00+07:00", "in": 1},
            {"start": "yesterday", "in": 1},
            {"start": "2025-01-15T09:15:00+07:00", "in": -2},
            {"start": "2025-01-15T09:30:00+07:00", "in": 2.5},
            {"start": "2025-01-15T09:45:00+07:00"},
            {"start": "2025-01-15T09:00:00+07:00", "in": 4},
            {"start": "2025-01-15T10:00:00+07:00", "in": 1, "minutes": 0},
            {"start": "2099-01-01T00:00:00Z", "in": 1},
        ]
        _parsed, errors = self.Count._parse_rows(self.counter, rows)
        self.assertEqual([number for number, _message in errors], [2, 3, 4, 5, 6, 7, 8])
        self.assertIn("future", dict(errors)[8])
        self.assertIn("row 1", dict(errors)[6])

    def test_api_token_is_shown_once_and_stored_hashed(self):
        action = self.counter.action_generate_token()
        token = self.env["retail.footfall.token"].browse(action["res_id"]).token
        self.assertTrue(self.counter.has_token)
        self.assertNotEqual(self.counter.sudo().token_hash, token)
        self.assertEqual(self.env["retail.footfall.counter"]._find_by_token(token), self.counter)
        self.counter.action_revoke_token()
        self.assertFalse(self.env["retail.footfall.counter"]._find_by_token(token))
