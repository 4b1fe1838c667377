from odoo import fields, models


class RetailFootfallToken(models.TransientModel):
    """Shows a counter's new API token once; only its hash is stored on the counter."""

    _name = "retail.footfall.token"
    _description = "Counter API Token"

    counter_id = fields.Many2one("retail.footfall.counter", required=True, readonly=True)
    token = fields.Char(readonly=True)
