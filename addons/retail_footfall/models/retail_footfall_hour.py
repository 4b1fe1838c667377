from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, create_index

WATERMARK_PARAM = "retail_footfall.receipt_watermark"
# Orders committed by a transaction that started before the last refresh carry an older
# write_date; looking this far back again catches them (recomputing an hour is idempotent).
WATERMARK_OVERLAP = timedelta(minutes=15)


class RetailFootfallHour(models.Model):
    """Visitors and receipts per branch (or zone) and local hour: what the reports read.

    Visitors are recomputed for the hours each batch of counts touches; receipts for the hours
    of the POS orders written since the last refresh. Reports never scan counts or orders.
    A row without counter data has no visitors (NULL), which is not zero visitors.
    """

    _name = "retail.footfall.hour"
    _description = "Visitors and Receipts per Hour"
    _order = "hour_local desc"
    _log_access = False

    pos_config_id = fields.Many2one("pos.config", string="Branch", required=True, readonly=True, index=True)
    zone_id = fields.Many2one("retail.footfall.zone", readonly=True,
                              help="Empty for the branch's entrance counters and its receipts.")
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    hour_local = fields.Datetime(string="Hour (branch time)", required=True, readonly=True,
                                 help="Start of the hour in the branch's own timezone.")
    visitors_in = fields.Integer(readonly=True)
    visitors_out = fields.Integer(readonly=True)
    counted_minutes = fields.Integer(readonly=True, help="Minutes of the hour covered by counter data.")
    receipts = fields.Integer(readonly=True, help="Validated POS orders, refunds excluded.")
    revenue = fields.Float(readonly=True, help="Untaxed amount of those orders.")

    def init(self):
        self.env.cr.execute(SQL(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS retail_footfall_hour_key
                ON retail_footfall_hour (pos_config_id, COALESCE(zone_id, 0), hour_local)
            """
        ))
        create_index(self.env.cr, "retail_footfall_hour_hour_idx", self._table, ["hour_local"])
        # What the incremental receipt refresh reads on pos_order.
        create_index(self.env.cr, "pos_order_retail_write_date_idx", "pos_order", ["write_date"])
        create_index(self.env.cr, "pos_order_retail_config_date_idx", "pos_order", ["config_id", "date_order"])

    # ------------------------------------------------------------------ visitors

    @api.model
    def _refresh_counter_range(self, counter, start_utc, end_utc):
        """Recompute the visitors of the counter's branch/zone in the hours [start_utc, end_utc) touches."""
        # The branch and its timezone go in as literals and the UTC window as scalar subqueries,
        # so that PostgreSQL reads the counts through the (pos_config_id, interval_start) index.
        self.env.cr.execute(SQL(
            """
            WITH hours AS (
                SELECT generate_series(
                           date_trunc('hour', (%(start)s::timestamp AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s),
                           (%(end)s::timestamp AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s,
                           interval '1 hour') AS hour_local
            ), counts AS (
                SELECT date_trunc('hour', (c.interval_start AT TIME ZONE 'UTC') AT TIME ZONE %(tz)s) AS hour_local,
                       c.visitors_in, c.visitors_out, c.interval_minutes
                  FROM retail_footfall_count c
                 WHERE c.pos_config_id = %(branch)s
                   AND c.zone_id IS NOT DISTINCT FROM %(zone)s
                   AND c.interval_start >= (SELECT (min(hour_local) AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC' FROM hours)
                   AND c.interval_start < (SELECT ((max(hour_local) + interval '1 hour') AT TIME ZONE %(tz)s)
                                                  AT TIME ZONE 'UTC' FROM hours)
            )
            INSERT INTO retail_footfall_hour (pos_config_id, zone_id, company_id, hour_local,
                                              visitors_in, visitors_out, counted_minutes)
            SELECT %(branch)s, %(zone)s, %(company)s, h.hour_local,
                   sum(c.visitors_in), sum(c.visitors_out), coalesce(sum(c.interval_minutes), 0)
              FROM hours h
              LEFT JOIN counts c ON c.hour_local = h.hour_local
             GROUP BY h.hour_local
            ON CONFLICT (pos_config_id, COALESCE(zone_id, 0), hour_local) DO UPDATE
               SET visitors_in = EXCLUDED.visitors_in,
                   visitors_out = EXCLUDED.visitors_out,
                   counted_minutes = EXCLUDED.counted_minutes
            """,
            branch=counter.pos_config_id.id, zone=counter.zone_id.id or None, company=counter.company_id.id,
            tz=counter.pos_config_id.retail_tz, start=start_utc, end=end_utc,
        ))

    # ------------------------------------------------------------------ receipts

    @api.model
    def _receipt_condition(self):
        """Which orders count as receipts: validated, and not refunds."""
        return SQL("o.state IN ('paid', 'done', 'invoiced') AND o.amount_total > 0")

    @api.model
    def _refresh_receipts(self, full=False):
        """Recompute receipts and revenue of the hours of every order written since the last refresh."""
        self.env.flush_all()
        params = self.env["ir.config_parameter"].sudo()
        watermark = params.get_param(WATERMARK_PARAM)
        since = fields.Datetime.to_datetime("1970-01-01 00:00:00")
        if watermark and not full:
            since = fields.Datetime.to_datetime(watermark) - WATERMARK_OVERLAP
        self.env.cr.execute(SQL("SELECT max(write_date) FROM pos_order"))
        newest = self.env.cr.fetchone()[0]
        self.env.cr.execute(SQL(
            """
            WITH touched AS (
                SELECT DISTINCT o.config_id AS pos_config_id, pc.company_id, pc.retail_tz AS tz,
                       date_trunc('hour', (o.date_order AT TIME ZONE 'UTC') AT TIME ZONE pc.retail_tz) AS hour_local
                  FROM pos_order o
                  JOIN pos_config pc ON pc.id = o.config_id
                 WHERE o.write_date >= %(since)s
            )
            INSERT INTO retail_footfall_hour (pos_config_id, zone_id, company_id, hour_local, receipts, revenue)
            SELECT t.pos_config_id, NULL, t.company_id, t.hour_local,
                   count(o.id) FILTER (WHERE %(is_receipt)s),
                   coalesce(sum(o.amount_total - o.amount_tax) FILTER (WHERE %(is_receipt)s), 0)
              FROM touched t
              LEFT JOIN pos_order o
                     ON o.config_id = t.pos_config_id
                    AND o.date_order >= (t.hour_local AT TIME ZONE t.tz) AT TIME ZONE 'UTC'
                    AND o.date_order < ((t.hour_local + interval '1 hour') AT TIME ZONE t.tz) AT TIME ZONE 'UTC'
             GROUP BY t.pos_config_id, t.company_id, t.hour_local
            ON CONFLICT (pos_config_id, COALESCE(zone_id, 0), hour_local) DO UPDATE
               SET receipts = EXCLUDED.receipts, revenue = EXCLUDED.revenue
            """,
            since=since, is_receipt=self._receipt_condition(),
        ))
        if newest:
            params.set_param(WATERMARK_PARAM, fields.Datetime.to_string(newest))
        self.env.invalidate_all()

    @api.model
    def _cron_refresh_receipts(self):
        self._refresh_receipts()

    # ------------------------------------------------------------------ bulk

    @api.model
    def _rebuild_all(self):
        """Recompute every row from counts and orders (after a bulk load or a timezone change)."""
        self.env.flush_all()
        self.env.cr.execute(SQL("TRUNCATE retail_footfall_hour"))
        self.env.cr.execute(SQL(
            """
            INSERT INTO retail_footfall_hour (pos_config_id, zone_id, company_id, hour_local,
                                              visitors_in, visitors_out, counted_minutes)
            SELECT c.pos_config_id, c.zone_id, c.company_id,
                   date_trunc('hour', (c.interval_start AT TIME ZONE 'UTC') AT TIME ZONE pc.retail_tz),
                   sum(c.visitors_in), sum(c.visitors_out), sum(c.interval_minutes)
              FROM retail_footfall_count c
              JOIN pos_config pc ON pc.id = c.pos_config_id
             GROUP BY 1, 2, 3, 4
            """
        ))
        self._refresh_receipts(full=True)
