from odoo import models


class PosConfig(models.Model):
    _inherit = "pos.config"

    def _get_program_ids(self):
        # Recoin cards are looked up one customer at a time (loyalty.card.retail_pos_stored_value) and
        # spent as a payment line: pos_loyalty must neither load them nor apply them as rewards
        return super()._get_program_ids().filtered(lambda program: not program.retail_stored_value)
