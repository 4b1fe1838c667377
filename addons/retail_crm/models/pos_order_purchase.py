from odoo import models


class PosOrder(models.Model):
    _inherit = "pos.order"

    def action_pos_order_paid(self):
        result = super().action_pos_order_paid()
        self._retail_refresh_customer_purchase_stats()
        return result

    def write(self, vals):
        # A customer set or changed on an order already paid moves the order between two customers.
        previous = self.partner_id if "partner_id" in vals else self.env["res.partner"]
        result = super().write(vals)
        if "partner_id" in vals:
            paid = self.filtered(lambda order: order.state in ("paid", "done", "invoiced"))
            if paid:
                (previous | paid.partner_id)._retail_refresh_purchase_stats()
        return result

    def _retail_refresh_customer_purchase_stats(self):
        """Only the customers of these orders, in the validating transaction."""
        self.partner_id._retail_refresh_purchase_stats()
