"""Day-of-year columns for recurring dates (birthday, wedding anniversary, founding date) and searches.

Each date is stored a second time as the integer month * 100 + day with a btree index, so "in month
M" and "in the next N days" are index range scans whatever the year. 29 February is celebrated on
28 February in years without it. To add a date: one entry in RECURRING_DATES and three fields.
"""
import calendar
from datetime import timedelta

from odoo import api, fields, models

# date field -> prefix of its month-day column and of its two search fields
RECURRING_DATES = {
    "birthday": "retail_birthday",
    "wedding_anniversary": "retail_wedding_anniversary",
    "founding_date": "retail_founding_date",
}


def _md_field(label):
    return fields.Integer(
        string=f"{label} (month-day)", compute="_compute_retail_md", store=True, index=True,
        help="Month * 100 + day of the date, for searches by month or coming days.")


def _month_field(label, search):
    return fields.Integer(string=f"{label} Month", compute="_compute_retail_md_month", search=search)


def _in_days_field(label, search):
    return fields.Integer(string=f"{label} Within (days)", compute="_compute_retail_md_in_days", search=search,
                          help="Days until the next occurrence; search 'within N days' with <= N.")


class ResPartner(models.Model):
    _inherit = "res.partner"

    retail_birthday_md = _md_field("Birthday")
    retail_birthday_month = _month_field("Birthday", "_search_retail_birthday_month")
    retail_birthday_in_days = _in_days_field("Birthday", "_search_retail_birthday_in_days")
    retail_wedding_anniversary_md = _md_field("Wedding Anniversary")
    retail_wedding_anniversary_month = _month_field("Wedding Anniversary", "_search_retail_wedding_anniversary_month")
    retail_wedding_anniversary_in_days = _in_days_field(
        "Wedding Anniversary", "_search_retail_wedding_anniversary_in_days")
    retail_founding_date_md = _md_field("Founding Date")
    retail_founding_date_month = _month_field("Founding Date", "_search_retail_founding_date_month")
    retail_founding_date_in_days = _in_days_field("Founding Date", "_search_retail_founding_date_in_days")

    @api.model
    def _retail_month_day(self, value):
        return value.month * 100 + value.day if value else 0

    @api.depends(*RECURRING_DATES)
    def _compute_retail_md(self):
        for partner in self:
            for date_field, prefix in RECURRING_DATES.items():
                partner[f"{prefix}_md"] = self._retail_month_day(partner[date_field])

    @api.depends(*RECURRING_DATES)
    def _compute_retail_md_month(self):
        for partner in self:
            for date_field, prefix in RECURRING_DATES.items():
                partner[f"{prefix}_month"] = partner[date_field].month if partner[date_field] else 0

    @api.depends(*RECURRING_DATES)
    @api.depends_context("tz")
    def _compute_retail_md_in_days(self):
        today = fields.Date.context_today(self)
        for partner in self:
            for date_field, prefix in RECURRING_DATES.items():
                partner[f"{prefix}_in_days"] = self._retail_days_until(partner[date_field], today)

    @api.model
    def _retail_days_until(self, value, today):
        if not value:
            return 0
        for year in (today.year, today.year + 1):
            day = min(value.day, calendar.monthrange(year, value.month)[1])
            occurrence = value.replace(year=year, day=day)
            if occurrence >= today:
                return (occurrence - today).days
        return 0

    def _search_retail_birthday_month(self, operator, value):
        return self._retail_md_month_domain("retail_birthday_md", operator, value)

    def _search_retail_birthday_in_days(self, operator, value):
        return self._retail_md_next_days_domain("retail_birthday_md", operator, value)

    def _search_retail_wedding_anniversary_month(self, operator, value):
        return self._retail_md_month_domain("retail_wedding_anniversary_md", operator, value)

    def _search_retail_wedding_anniversary_in_days(self, operator, value):
        return self._retail_md_next_days_domain("retail_wedding_anniversary_md", operator, value)

    def _search_retail_founding_date_month(self, operator, value):
        return self._retail_md_month_domain("retail_founding_date_md", operator, value)

    def _search_retail_founding_date_in_days(self, operator, value):
        return self._retail_md_next_days_domain("retail_founding_date_md", operator, value)

    @api.model
    def _retail_md_month_domain(self, md_field, operator, value):
        """Generic: ``md_field`` falls in month ``value`` (operator '=' or 'in')."""
        months = value if operator == "in" else [value]
        if operator not in ("=", "in") or not months:
            raise NotImplementedError(self.env._("Search the month with = or in."))
        ranges = [["&", (md_field, ">=", int(month) * 100 + 1), (md_field, "<=", int(month) * 100 + 31)]
                  for month in months]
        return ["|"] * (len(ranges) - 1) + [term for block in ranges for term in block]

    @api.model
    def _retail_md_next_days_domain(self, md_field, operator, value, today=None):
        """Generic: ``md_field`` falls between today and today + ``value`` days (operator '<=' or '<')."""
        if operator not in ("<=", "<"):
            raise NotImplementedError(self.env._("Search the coming days with <= or <."))
        days = int(value) - (1 if operator == "<" else 0)
        if days < 0:
            return [(md_field, "=", -1)]
        if days >= 365:
            return [(md_field, ">", 0)]
        today = today or fields.Date.context_today(self)
        last = today + timedelta(days=days)
        start_md, end_md = self._retail_month_day(today), self._retail_month_day(last)
        if last.month == 2 and last.day == 28 and not calendar.isleap(last.year):
            end_md = 229  # born on 29 February: celebrated on the 28th in common years
        if last.year == today.year:
            return ["&", (md_field, ">=", start_md), (md_field, "<=", end_md)]
        return ["|", (md_field, ">=", start_md), "&", (md_field, ">", 0), (md_field, "<=", end_md)]
