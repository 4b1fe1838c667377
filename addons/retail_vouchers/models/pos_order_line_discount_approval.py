from odoo import api, fields, models
from odoo.tools import float_compare


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    retail_discount_approval_token = fields.Char(
        string="Discount Approval Token", copy=False,
        help="Sent by the till with a manual discount above the branch's limit: the manager's approval.")
    retail_discount_approval_id = fields.Many2one(
        "retail.discount.approval", string="Discount Approval", readonly=True, copy=False)
    retail_discount_approved_by_id = fields.Many2one(
        related="retail_discount_approval_id.approver_id", string="Discount Approved By")
    retail_discount_unapproved = fields.Boolean(
        string="Discount Not Approved", readonly=True, copy=False,
        help="A manual discount above the branch's limit arrived without a valid manager's approval: the "
        "order is kept and flagged for a manager with the amount above the limit.")

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [*super()._load_pos_data_fields(config_id), "retail_discount_approval_token"]

    def _retail_discount_is_manual(self):
        """Whether the cashier set this line's discount: rewards (loyalty, discount policies) are separate
        lines, and a refund repeats the discount of the line it refunds."""
        self.ensure_one()
        if self.is_reward_line:
            return False
        refunded = self.refunded_orderline_id
        return not (refunded and float_compare(self.discount, refunded.discount, 2) <= 0)

    def _retail_total_at_discount(self, percent):
        self.ensure_one()
        order = self.order_id
        taxes = self.tax_ids_after_fiscal_position.compute_all(
            self.price_unit * (1 - percent / 100.0), order.currency_id, self.qty, product=self.product_id,
            partner=order.partner_id)
        return taxes["total_included"]

    def _retail_discount_excess(self, allowed):
        """What the discount took off the line (taxes included) beyond ``allowed`` percent."""
        self.ensure_one()
        return self._retail_total_at_discount(allowed) - self._retail_total_at_discount(self.discount)
