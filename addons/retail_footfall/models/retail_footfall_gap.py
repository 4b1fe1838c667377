from odoo import api, fields, models
from odoo.tools import SQL


class RetailFootfallGap(models.Model):
    """A stretch of time in which a counter sent nothing, longer than its gap alert.

    Kept as rows (recomputed around every batch a counter sends) so that missing data is
    listed and reported, never read as zero visitors.
    """

    _name = "retail.footfall.gap"
    _description = "Counter Data Gap"
    _order = "gap_start desc"
    _log_access = False

    counter_id = fields.Many2one("retail.footfall.counter", required=True, readonly=True, ondelete="cascade",
                                 index=True)
    pos_config_id = fields.Many2one(related="counter_id.pos_config_id", store=True, string="Branch")
    zone_id = fields.Many2one(related="counter_id.zone_id", store=True)
    company_id = fields.Many2one(related="counter_id.company_id", store=True)
    gap_start = fields.Datetime(required=True, readonly=True, help="End of the last interval received before.")
    gap_end = fields.Datetime(required=True, readonly=True, help="Start of the next interval received.")
    minutes = fields.Integer(readonly=True)

    @api.model
    def _refresh_counter_range(self, counter, start_utc, end_utc):
        """Recompute the counter's gaps between the data just before and just after the range."""
        self.env.cr.execute(SQL(
            """
            WITH bounds AS (
                SELECT coalesce((SELECT interval_start FROM retail_footfall_count
                                  WHERE counter_id = %(counter)s AND interval_start < %(start)s
                                  ORDER BY interval_start DESC LIMIT 1), %(start)s) AS low,
                       coalesce((SELECT interval_start FROM retail_footfall_count
                                  WHERE counter_id = %(counter)s AND interval_start >= %(end)s
                                  ORDER BY interval_start LIMIT 1), %(end)s) AS high
            ), removed AS (
                DELETE FROM retail_footfall_gap g USING bounds
                 WHERE g.counter_id = %(counter)s AND g.gap_end > bounds.low AND g.gap_start < bounds.high
            ), ordered AS (
                SELECT c.interval_start + c.interval_minutes * interval '1 minute' AS interval_end,
                       lead(c.interval_start) OVER (ORDER BY c.interval_start) AS next_start
                  FROM retail_footfall_count c
                 WHERE c.counter_id = %(counter)s
                   AND c.interval_start BETWEEN (SELECT low FROM bounds) AND (SELECT high FROM bounds)
            )
            INSERT INTO retail_footfall_gap (counter_id, pos_config_id, zone_id, company_id,
                                             gap_start, gap_end, minutes)
            SELECT %(counter)s, %(branch)s, %(zone)s, %(company)s, interval_end, next_start,
                   extract(epoch FROM next_start - interval_end)::int / 60
              FROM ordered
             WHERE next_start - interval_end > %(threshold)s * interval '1 minute'
            """,
            counter=counter.id, branch=counter.pos_config_id.id, zone=counter.zone_id.id or None,
            company=counter.company_id.id, start=start_utc, end=end_utc, threshold=counter.gap_minutes,
        ))
