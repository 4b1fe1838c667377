from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.tools.misc import format_amount

from .retail_footfall_report import HOURS, WEEKDAYS

MEASURES = ["visitors", "covered_receipts", "covered_revenue", "receipts", "revenue",
            "conversion_rate", "revenue_per_visitor", "average_basket"]


class RetailFootfallReport(models.Model):
    _inherit = "retail.footfall.report"

    @api.model
    def get_dashboard_data(self, days=28, pos_config_id=False):
        """Figures of the last `days` days against the `days` before, per branch, and a
        weekday x hour conversion heatmap (of one branch, or of all)."""
        days = max(1, min(int(days), 366))
        tz = pytz.timezone(self.env.user.tz or "UTC")
        end = datetime.combine(datetime.now(tz).date() + timedelta(days=1), time.min)
        current = [("date", ">=", end - timedelta(days=days)), ("date", "<", end)]
        previous = [("date", ">=", end - timedelta(days=2 * days)), ("date", "<", end - timedelta(days=days))]
        entrances = [("zone_id", "=", False)]
        totals = self.read_group([*entrances, *current], MEASURES, [])[0]
        before = self.read_group([*entrances, *previous], MEASURES, [])[0]
        return {
            "date_from": fields.Date.to_string(end.date() - timedelta(days=days)),
            "date_to": fields.Date.to_string(end.date() - timedelta(days=1)),
            "kpis": self._dashboard_kpis(totals, before),
            "branches": self._dashboard_branches(entrances, current, previous),
            "heatmap": self._dashboard_heatmap([*entrances, *current], pos_config_id),
        }

    def _format_kpi(self, key, value):
        if value in (None, False):
            return "-"
        if key == "conversion_rate":
            return f"{value:.1f} %"
        if key in ("revenue", "revenue_per_visitor", "average_basket"):
            return format_amount(self.env, value, self.env.company.currency_id)
        return f"{int(value):,}"

    def _dashboard_kpis(self, totals, before):
        labels = {
            "visitors": self.env._("Visitors"),
            "receipts": self.env._("Receipts"),
            "conversion_rate": self.env._("Conversion"),
            "revenue_per_visitor": self.env._("Revenue per visitor"),
        }
        kpis = []
        for key, label in labels.items():
            value, previous = totals.get(key), before.get(key)
            change = (value - previous) / previous * 100 if value and previous else None
            kpis.append({
                "key": key,
                "label": label,
                "value": self._format_kpi(key, value),
                "trend": self.env._("%(change)+.1f %% vs previous period", change=change) if change is not None
                else self.env._("no previous period"),
                "trend_class": "text-muted" if change is None else ("text-success" if change >= 0 else "text-danger"),
            })
        return kpis

    def _dashboard_branches(self, entrances, current, previous):
        now_groups = self.read_group([*entrances, *current], MEASURES, ["pos_config_id"])
        before = {group["pos_config_id"][0]: group
                  for group in self.read_group([*entrances, *previous], MEASURES, ["pos_config_id"])}
        counters_by_branch = dict(self.env["retail.footfall.counter"]._read_group(
            [], ["pos_config_id"], ["id:recordset"]))
        rows = []
        for group in sorted(now_groups, key=lambda g: -(g["revenue"] or 0)):
            branch_id, branch_name = group["pos_config_id"]
            counters = counters_by_branch.get(self.env["pos.config"].browse(branch_id),
                                              self.env["retail.footfall.counter"])
            rows.append({
                "id": branch_id,
                "name": branch_name,
                "visitors": self._format_kpi("visitors", group["visitors"]),
                "receipts": self._format_kpi("receipts", group["receipts"]),
                "conversion": self._format_kpi("conversion_rate", group["conversion_rate"]),
                "previous_conversion": self._format_kpi(
                    "conversion_rate", before.get(branch_id, {}).get("conversion_rate")),
                "revenue": self._format_kpi("revenue", group["revenue"]),
                "revenue_per_visitor": self._format_kpi("revenue_per_visitor", group["revenue_per_visitor"]),
                "offline_counters": len(counters.filtered("is_offline")),
            })
        return rows

    def _dashboard_heatmap(self, domain, pos_config_id):
        if pos_config_id:
            domain = [*domain, ("pos_config_id", "=", int(pos_config_id))]
        groups = self.read_group([*domain, ("visitors", "!=", False)], MEASURES, ["weekday", "hour_of_day"],
                                 lazy=False)
        cells = {(group["weekday"], group["hour_of_day"]): group["conversion_rate"] for group in groups}
        hours = sorted({hour for _day, hour in cells})
        highest = max([value for value in cells.values() if value] or [0])
        weekday_names = dict(self._fields["weekday"]._description_selection(self.env))
        return {
            "hours": [dict(HOURS)[hour] for hour in hours],
            "rows": [{
                "weekday": weekday_names[day],
                "cells": [self._heat_cell(cells.get((day, hour)), highest) for hour in hours],
            } for day, _label in WEEKDAYS],
        }

    def _heat_cell(self, value, highest):
        if value in (None, False):
            return {"label": "", "style": ""}
        share = value / highest if highest else 0
        return {"label": f"{value:.0f}", "style": f"background-color: rgba(1, 126, 132, {0.08 + 0.8 * share:.2f});"}
