import pytz

from odoo import fields, models


class PosConfig(models.Model):
    _inherit = "pos.config"

    def _retail_local_date(self, moment=None):
        """The branch's calendar day at ``moment`` (UTC, default now): birthdays and windows use it."""
        self.ensure_one()
        moment = moment or fields.Datetime.now()
        return pytz.utc.localize(moment).astimezone(pytz.timezone(self.retail_tz or "UTC")).date()
