from odoo import fields, models


class RetailFootfallZone(models.Model):
    """A floor or area inside a branch (mall floor, food court) counted on its own."""

    _name = "retail.footfall.zone"
    _description = "Footfall Zone"
    _order = "pos_config_id, sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    pos_config_id = fields.Many2one("pos.config", string="Branch", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="pos_config_id.company_id", store=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_branch_uniq", "unique(pos_config_id, name)", "This branch already has a zone of this name."),
    ]
