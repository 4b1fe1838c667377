import calendar
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

WEEKDAYS = [("0", "Monday"), ("1", "Tuesday"), ("2", "Wednesday"), ("3", "Thursday"), ("4", "Friday"),
            ("5", "Saturday"), ("6", "Sunday")]


class RetailMemberDay(models.Model):
    """A recurring day chosen by the shop on which members get multiplied benefits."""

    _name = "retail.member.day"
    _description = "Member Day"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        [("month_day", "A day of every month"), ("weekday", "A day of every week"), ("dates", "A list of dates")],
        required=True, default="month_day", string="Recurs")
    month_day = fields.Integer(
        string="Day of the Month", default=1,
        help="31 means the last day of shorter months too.")
    weekday = fields.Selection(WEEKDAYS, string="Day of the Week", default="0")
    date_list = fields.Text(
        string="Dates", help="One date a line, as 2026-12-24.")
    tier_ids = fields.Many2many(
        "retail.tier", string="Tiers", help="Tiers that get the benefit; empty means every tier.")
    discount_multiplier = fields.Float(default=1.0)
    points_multiplier = fields.Float(default=2.0)

    @api.constrains("kind", "month_day", "date_list", "discount_multiplier", "points_multiplier")
    def _check_definition(self):
        for day in self:
            if day.kind == "month_day" and not 1 <= day.month_day <= 31:
                raise ValidationError(self.env._("The day of the month must be between 1 and 31."))
            if day.kind == "dates":
                day._parsed_dates()
            if day.discount_multiplier < 1 or day.points_multiplier < 1:
                raise ValidationError(self.env._("Member day multipliers must be 1 or more (x2, x3...)."))

    def _parsed_dates(self):
        self.ensure_one()
        dates = set()
        for line in (self.date_list or "").split():
            try:
                dates.add(date.fromisoformat(line.strip().rstrip(",")))
            except ValueError:
                raise ValidationError(self.env._(
                    "%(value)s is not a date: write one date a line, as 2026-12-24.", value=line)) from None
        if self.kind == "dates" and not dates:
            raise ValidationError(self.env._("List at least one date for member day %(name)s.", name=self.name))
        return dates

    def _falls_on(self, day):
        self.ensure_one()
        if self.kind == "month_day":
            last_day = calendar.monthrange(day.year, day.month)[1]
            return day.day == min(self.month_day, last_day)
        if self.kind == "weekday":
            return day.weekday() == int(self.weekday)
        return day in self._parsed_dates()
