from odoo import api, fields, models
from odoo.addons.base.models.res_partner import _tz_get


class PosConfig(models.Model):
    _inherit = "pos.config"

    retail_tz = fields.Selection(
        _tz_get,
        string="Branch Timezone",
        default=lambda self: self._default_retail_tz(),
        required=True,
        help="Local time of the branch: receipts, visitor counts and time windows are read in it.",
    )

    @api.model
    def _default_retail_tz(self):
        return self.env.company.partner_id.tz or self.env.user.tz or "UTC"
