from datetime import timedelta

from odoo import fields, models

PAID_STATES = ("paid", "done", "invoiced")
THANK_YOU_MAX_AGE_PARAM = "retail_crm.thank_you_max_age_hours"


class PosOrder(models.Model):
    _inherit = "pos.order"

    def _process_saved_order(self, draft):
        """Thank the customer once the order is fully recorded (points and tiers included); an
        order synced again finds its message already logged and sends nothing."""
        order_id = super()._process_saved_order(draft)
        if not draft:
            self._retail_send_thank_you()
        return order_id

    def _retail_send_thank_you(self):
        # an offline till syncs within hours; history imported or replayed later is not thanked for
        max_age = int(self.env["ir.config_parameter"].sudo().get_param(THANK_YOU_MAX_AGE_PARAM, 24))
        oldest = fields.Datetime.now() - timedelta(hours=max_age)
        for order in self.filtered(lambda o: o.partner_id and o.state in PAID_STATES and o.amount_total > 0
                                   and o.date_order >= oldest):
            order.partner_id._retail_message_event(
                "thank_you", f"pos.order-{order.id}", order._retail_thank_you_values(), branch=order.config_id)

    def _retail_thank_you_values(self):
        """Placeholders of the thank-you message; retail_loyalty adds the tier and points."""
        self.ensure_one()
        return {"pos_order_id": self.id, "amount": self.amount_total}
