from odoo import api, fields, models
from odoo.tools import SQL

WEEKDAYS = [("1", "Monday"), ("2", "Tuesday"), ("3", "Wednesday"), ("4", "Thursday"), ("5", "Friday"),
            ("6", "Saturday"), ("7", "Sunday")]
HOURS = [(f"{hour:02d}", f"{hour:02d}:00") for hour in range(24)]

# Ratios are recomputed from the summed parts of each group: an average of ratios is wrong.
RATIOS = {
    "conversion_rate": ("covered_receipts", "visitors", 100.0),
    "revenue_per_visitor": ("covered_revenue", "visitors", 1.0),
    "average_basket": ("revenue", "receipts", 1.0),
}


class RetailFootfallReport(models.Model):
    """Visitors against receipts per branch (or zone) and local hour."""

    _name = "retail.footfall.report"
    _description = "Footfall Conversion Report"
    _auto = False
    _order = "date desc"
    _rec_name = "date"

    date = fields.Datetime(string="Hour (branch time)", readonly=True)
    weekday = fields.Selection(WEEKDAYS, readonly=True)
    hour_of_day = fields.Selection(HOURS, string="Hour of Day", readonly=True)
    pos_config_id = fields.Many2one("pos.config", string="Branch", readonly=True)
    zone_id = fields.Many2one("retail.footfall.zone", readonly=True,
                              help="Empty: the branch's entrance counters, which the conversion rate uses.")
    company_id = fields.Many2one("res.company", readonly=True)
    visitors = fields.Integer(readonly=True)
    counted_minutes = fields.Integer(readonly=True, help="Minutes of the period covered by counter data.")
    receipts = fields.Integer(readonly=True)
    revenue = fields.Float(readonly=True)
    covered_receipts = fields.Integer(readonly=True, help="Receipts of the hours with counter data.")
    covered_revenue = fields.Float(readonly=True, help="Revenue of the hours with counter data.")
    conversion_rate = fields.Float(string="Conversion (%)", readonly=True, aggregator="avg",
                                   help="Receipts per 100 visitors.")
    revenue_per_visitor = fields.Float(readonly=True, aggregator="avg")
    average_basket = fields.Float(readonly=True, aggregator="avg")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT h.id,
                   h.hour_local AS date,
                   extract(isodow FROM h.hour_local)::text AS weekday,
                   to_char(h.hour_local, 'HH24') AS hour_of_day,
                   h.pos_config_id,
                   h.zone_id,
                   h.company_id,
                   h.visitors_in AS visitors,
                   h.counted_minutes,
                   h.receipts,
                   h.revenue,
                   CASE WHEN h.visitors_in IS NOT NULL THEN h.receipts END AS covered_receipts,
                   CASE WHEN h.visitors_in IS NOT NULL THEN h.revenue END AS covered_revenue,
                   CASE WHEN h.visitors_in > 0 THEN 100.0 * coalesce(h.receipts, 0) / h.visitors_in END
                       AS conversion_rate,
                   CASE WHEN h.visitors_in > 0 THEN coalesce(h.revenue, 0) / h.visitors_in END
                       AS revenue_per_visitor,
                   CASE WHEN h.receipts > 0 THEN h.revenue / h.receipts END AS average_basket
              FROM retail_footfall_hour h
            """
        )

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False, lazy=True):
        requested = {spec.split(":")[0].split("(")[0] for spec in fields}
        ratios = [name for name in RATIOS if name in requested]
        parts = {part for name in ratios for part in RATIOS[name][:2]} - requested
        groups = super().read_group(domain, [*fields, *parts], groupby, offset=offset, limit=limit,
                                    orderby=orderby, lazy=lazy)
        for group in groups:
            for name in ratios:
                numerator, denominator, scale = RATIOS[name]
                total = group.get(denominator)
                group[name] = scale * (group.get(numerator) or 0) / total if total else False
        return groups
