from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetailStoredValueBonus(models.Model):
    """One step of a top-up bonus schedule: from a minimum top-up, a fixed amount or a percent of
    the top-up is credited on top of it (pay 1,000,000, receive 1,500,000). A step without level
    applies to every level that has no step of its own."""

    _name = "retail.stored.value.bonus"
    _description = "Recoin Top-up Bonus"
    _order = "program_id, level_id, min_amount desc, id"

    program_id = fields.Many2one("loyalty.program", required=True, ondelete="cascade", index=True,
                                 domain=[("retail_stored_value", "=", True)])
    level_id = fields.Many2one("retail.stored.value.level", ondelete="cascade",
                               domain="[('program_id', '=', program_id)]",
                               help="Empty: for every level without a schedule of its own.")
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    currency_id = fields.Many2one(related="program_id.currency_id")
    min_amount = fields.Monetary(string="Minimum Top-up", required=True)
    bonus_type = fields.Selection([("fixed", "Fixed amount"), ("percent", "Percent of the top-up")],
                                  required=True, default="fixed")
    bonus_amount = fields.Monetary()
    bonus_percent = fields.Float(string="Bonus (%)", digits=(16, 2))

    _sql_constraints = [
        ("amounts_positive", "CHECK(min_amount > 0 AND COALESCE(bonus_amount, 0) >= 0 "
         "AND COALESCE(bonus_percent, 0) >= 0)", "A bonus step needs a positive minimum and a non-negative bonus."),
    ]

    @api.constrains("level_id", "program_id")
    def _check_level_program(self):
        for bonus in self:
            if bonus.level_id and bonus.level_id.program_id != bonus.program_id:
                raise ValidationError(self.env._("A bonus step belongs to a level of its own program."))

    @api.depends("min_amount", "bonus_type", "bonus_amount", "bonus_percent")
    def _compute_display_name(self):
        for bonus in self:
            gift = (bonus.currency_id.format(bonus.bonus_amount) if bonus.bonus_type == "fixed"
                    else f"{bonus.bonus_percent:g} %")
            bonus.display_name = self.env._("From %(minimum)s: +%(gift)s",
                                            minimum=bonus.currency_id.format(bonus.min_amount), gift=gift)

    def _bonus_for(self, amount):
        """The bonus this step gives on a top-up of ``amount``."""
        self.ensure_one()
        if self.bonus_type == "fixed":
            return self.bonus_amount
        return self.currency_id.round(amount * self.bonus_percent / 100)
