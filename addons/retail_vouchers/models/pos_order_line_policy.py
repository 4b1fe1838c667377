from odoo import fields, models


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    retail_policy_refused = fields.Boolean(
        string="Policy Not Honoured", readonly=True, copy=False,
        help="A discount policy reward line the server found ineligible when the order arrived (wrong till "
        "clock, customer or bill outside the policy, or beaten in its exclusive group): the order is kept and "
        "flagged with the amount due; the line counts in no policy statistics.")

    def _retail_policy_tier_amount(self):
        """What the line's discount took off, taxes included."""
        self.ensure_one()
        if self.discount >= 100:
            return self.price_unit * self.qty
        return self.price_subtotal_incl / (1 - self.discount / 100) - self.price_subtotal_incl

    def _retail_policy_reward_detail(self):
        """The reward as the till shows it: its description, with the quantity of a free product."""
        self.ensure_one()
        description = self.reward_id.description or self.reward_id.program_id.name
        if self.reward_id.reward_type == "product":
            return f"{self.qty:g} x {description}"
        return description
