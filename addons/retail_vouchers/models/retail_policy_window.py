from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# (field, ISO weekday 1 = Monday) in calendar order: the till and the SQL report read the same table
WEEKDAY_FIELDS = [("mon", 1), ("tue", 2), ("wed", 3), ("thu", 4), ("fri", 5), ("sat", 6), ("sun", 7)]


class RetailPolicyWindow(models.Model):
    """A recurring time window of a discount policy: the weekdays it starts on and an hour range in
    the branch's local time. A range whose end is not after its start crosses midnight: Friday
    22:00-02:00 also covers Saturday 00:00-02:00 (the window that started on Friday)."""

    _name = "retail.policy.window"
    _description = "Discount Policy Time Window"
    _order = "program_id, hour_from, id"

    program_id = fields.Many2one("loyalty.program", string="Policy", required=True, ondelete="cascade", index=True)
    mon = fields.Boolean(string="Monday", default=True)
    tue = fields.Boolean(string="Tuesday", default=True)
    wed = fields.Boolean(string="Wednesday", default=True)
    thu = fields.Boolean(string="Thursday", default=True)
    fri = fields.Boolean(string="Friday", default=True)
    sat = fields.Boolean(string="Saturday", default=True)
    sun = fields.Boolean(string="Sunday", default=True)
    hour_from = fields.Float(string="From", required=True, default=0.0, help="Local time at the branch.")
    hour_to = fields.Float(
        string="To", required=True, default=24.0,
        help="Local time at the branch, excluded. An end before the start crosses midnight into the next day.")
    crosses_midnight = fields.Boolean(compute="_compute_crosses_midnight")

    @api.depends("hour_from", "hour_to")
    def _compute_crosses_midnight(self):
        for window in self:
            window.crosses_midnight = window.hour_to <= window.hour_from

    @api.constrains("hour_from", "hour_to", *[name for name, _day in WEEKDAY_FIELDS])
    def _check_hours(self):
        for window in self:
            if not 0 <= window.hour_from < 24 or not 0 < window.hour_to <= 24:
                raise ValidationError(self.env._(
                    "A time window runs from an hour between 00:00 and 23:59 to an hour between 00:01 and 24:00."))
            if window.hour_from == window.hour_to:
                raise ValidationError(self.env._(
                    "A time window cannot start and end at the same hour; use 00:00 to 24:00 for a whole day."))
            if not window._weekdays():
                raise ValidationError(self.env._("A time window needs at least one weekday."))

    def _weekdays(self):
        """ISO weekdays (1 = Monday) on which the window starts."""
        self.ensure_one()
        return {day for name, day in WEEKDAY_FIELDS if self[name]}

    def _contains(self, local_moment):
        """Whether the branch-local naive datetime ``local_moment`` falls in this window."""
        self.ensure_one()
        hour = local_moment.hour + local_moment.minute / 60.0 + local_moment.second / 3600.0
        weekdays = self._weekdays()
        if local_moment.isoweekday() in weekdays and hour >= self.hour_from and (
                self.crosses_midnight or hour < self.hour_to):
            return True
        # the tail after midnight of a window that started the day before
        previous_day = (local_moment - timedelta(days=1)).isoweekday()
        return self.crosses_midnight and previous_day in weekdays and hour < self.hour_to

    def _pos_data(self):
        """What the till needs to evaluate the window: [ISO weekdays], from, to."""
        return [{"weekdays": sorted(window._weekdays()), "hour_from": window.hour_from, "hour_to": window.hour_to}
                for window in self]
