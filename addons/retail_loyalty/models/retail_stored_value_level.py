from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetailStoredValueLevel(models.Model):
    """A level of a Recoin program (Member, Potential...): reached on revenue actually spent,
    it sets the accrual percent credited for the next visit and the top-up bonus schedule.

    A level may convert the member into a direct-discount tier (``upgrade_tier_id``): from then on
    the card earns no accrual any more, its balance stays spendable.
    """

    _name = "retail.stored.value.level"
    _description = "Recoin Level"
    _order = "program_id, sequence, id"

    program_id = fields.Many2one("loyalty.program", required=True, ondelete="cascade", index=True,
                                 domain=[("retail_stored_value", "=", True)])
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10, help="Levels are ranked by sequence: a higher sequence is a better level.")
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    currency_id = fields.Many2one(related="program_id.currency_id")
    revenue_threshold = fields.Monetary(
        string="Revenue to Reach",
        help="Revenue actually spent by the card holder (see the program) from which the card moves to this level.")
    accrual_percent = fields.Float(
        string="Accrual (%)", digits=(16, 2),
        help="Share of the revenue actually spent on an order credited to the card for the next visit.")
    upgrade_tier_id = fields.Many2one(
        "retail.tier", string="Convert to Tier", domain=[("discount_percent", ">", 0)],
        help="Reaching this level converts the member into this direct-discount tier: the Recoin balance is "
        "kept and can still be spent, accrual stops.")
    bonus_ids = fields.One2many("retail.stored.value.bonus", "level_id", string="Top-up Bonus")

    _sql_constraints = [
        ("accrual_range", "CHECK(accrual_percent >= 0 AND accrual_percent <= 100)",
         "The accrual must be between 0 and 100 %."),
        ("threshold_positive", "CHECK(revenue_threshold >= 0)", "The revenue to reach cannot be negative."),
    ]

    @api.constrains("sequence", "program_id")
    def _check_unique_rank(self):
        for level in self:
            if self.search_count([("program_id", "=", level.program_id.id), ("sequence", "=", level.sequence),
                                  ("id", "!=", level.id)]):
                raise ValidationError(self.env._(
                    "Another level of %(program)s already has the rank %(sequence)s.",
                    program=level.program_id.name, sequence=level.sequence))
