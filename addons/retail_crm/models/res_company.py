from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    retail_quiet_start = fields.Float(
        string="Quiet Hours From", default=21.0,
        help="Scheduled customer messages (birthdays, tier news) are held from this local hour...")
    retail_quiet_end = fields.Float(
        string="Quiet Hours Until", default=8.0, help="...until this local hour. Equal hours: no quiet hours.")
    retail_sms_provider_id = fields.Many2one(
        "retail.sms.provider", string="SMS Provider",
        help="Where this company's customer SMS go: Odoo SMS or the carrier's brand-name gateway.")

    _sql_constraints = [
        ("retail_quiet_hours_range",
         "CHECK(retail_quiet_start >= 0 AND retail_quiet_start < 24 "
         "AND retail_quiet_end >= 0 AND retail_quiet_end < 24)",
         "Quiet hours must be between 0 and 24."),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        self.env["retail.message.event"]._create_default_rules(companies)
        return companies

    def _retail_is_quiet_hour(self, hour):
        """Whether the local ``hour`` (float) falls inside the quiet hours (which may span midnight)."""
        self.ensure_one()
        start, end = self.retail_quiet_start, self.retail_quiet_end
        if start == end:
            return False
        return (hour >= start or hour < end) if start > end else start <= hour < end
