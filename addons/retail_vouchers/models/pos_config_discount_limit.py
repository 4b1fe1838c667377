from odoo import api, fields, models
from odoo.tools import float_compare


class PosConfig(models.Model):
    """A branch's limit on the discounts its cashiers type by hand: above it, a manager approves at
    the till (``retail.discount.approval``) and the server checks the approval when the order arrives."""

    _inherit = "pos.config"

    retail_discount_approval = fields.Boolean(
        string="Manager Approval of Discounts",
        help="A cashier's manual line discount above the limit needs a manager's approval (their PIN) at the "
        "till. Managers discount freely; member tier discounts, discount policies and rewards are not manual.")
    retail_discount_limit = fields.Float(
        string="Manual Discount Limit (%)", digits=(5, 2), default=10.0,
        help="The highest line discount, in percent, a cashier may type without a manager's approval.")

    _sql_constraints = [(
        "retail_discount_limit_range", "CHECK(retail_discount_limit >= 0 AND retail_discount_limit <= 100)",
        "The manual discount limit is a percentage between 0 and 100.",
    )]

    def _retail_discount_limit(self):
        """The highest manual discount without approval at this branch (100 when approval is off)."""
        self.ensure_one()
        return self.retail_discount_limit if self.retail_discount_approval else 100.0

    def _retail_discount_exceeds(self, percent, allowed):
        return float_compare(percent, allowed, precision_digits=2) > 0

    def _retail_discount_manager_groups(self):
        """Who may approve a discount above the limit: POS managers and retail managers."""
        self.ensure_one()
        return self.group_pos_manager_id | self.env.ref("retail_crm.group_retail_manager")

    def _retail_is_discount_manager(self, user):
        self.ensure_one()
        return bool(user) and bool(user.sudo().groups_id & self._retail_discount_manager_groups())

    def _retail_discount_managers(self):
        """The internal users of the branch's company who may approve (with a PIN or not)."""
        self.ensure_one()
        users = self._retail_discount_manager_groups().sudo().users
        return users.filtered(lambda user: user.active and not user.share and self.company_id in user.company_ids
                              and user.id != 1).sorted("name")

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_list = super()._load_pos_data_fields(config_id)
        # an empty list loads every field
        return [*fields_list, "retail_discount_approval", "retail_discount_limit"] if fields_list else fields_list
