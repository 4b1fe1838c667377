from odoo import fields, models


class PosOrder(models.Model):
    _name = "pos.order"
    # a refused prepaid line becomes a to-do for a manager on the order itself
    _inherit = ["pos.order", "mail.activity.mixin"]

    retail_prepaid_flagged = fields.Boolean(
        string="Prepaid Value Not Honoured", readonly=True, copy=False, index="btree_not_null",
        help="Stored value, product-card units or a serial on this order could not be honoured when it "
        "reached the server (missing, expired or already used reservation): the order is kept and the "
        "amount is due from the customer.")
    retail_prepaid_amount_due = fields.Monetary(string="Amount Due", readonly=True, copy=False)
    retail_prepaid_flag_note = fields.Text(string="Not Honoured", readonly=True, copy=False)

    def _retail_flag_prepaid(self, amount, note):
        """Keep the order, do not honour one prepaid line, and tell a manager what is due.

        Called once per refused line while the order is recorded; the amount adds up."""
        self.ensure_one()
        self.sudo().write({
            "retail_prepaid_flagged": True,
            "retail_prepaid_amount_due": self.retail_prepaid_amount_due + amount,
            "retail_prepaid_flag_note": "\n".join(filter(None, [self.retail_prepaid_flag_note, note])),
        })
        # logged, not sent: the cashier whose order arrives may have no email address
        self.sudo()._message_log(body=note)
        manager = self._retail_prepaid_manager()
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo", user_id=manager.id,
            summary=self.env._("Prepaid value not honoured: %(amount)s due",
                               amount=self.currency_id.format(amount)),
            note=note)

    def _retail_prepaid_manager(self):
        """Who follows up a refused prepaid line: the branch's responsible, else the company's
        first retail manager, else the administrator."""
        manager_group = self.env.ref("retail_crm.group_retail_manager")
        managers = manager_group.sudo().users.filtered(
            lambda user: self.company_id in user.company_ids and not user.share and user.id != 1)
        return managers[:1] or self.env.ref("base.user_admin")
