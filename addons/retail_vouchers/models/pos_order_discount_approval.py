from odoo import models


class PosOrder(models.Model):
    """The server's check of manual discounts: a line discounted above the branch's limit by a cashier
    who is not a manager needs a manager's approval taken at the till for that line and that discount.

    Without one (offline till, tampered order, approval used for another line or a smaller discount)
    the order is kept — the customer has left with the goods — : the line is marked
    ``retail_discount_unapproved`` and the order is flagged for a manager with the amount above the
    limit, the same way as a prepaid line or a discount policy the server does not honour
    (``_retail_flag_prepaid``: flag, amount due, note in the chatter, to-do for a manager)."""

    _inherit = "pos.order"

    def _process_saved_order(self, draft):
        if not draft and self.state != "cancel":
            self._retail_discount_recheck()
        return super()._process_saved_order(draft)

    def _retail_discount_cashier_is_manager(self):
        """Whether the order's cashier may discount freely. With pos_hr (not a dependency) the cashier is
        an employee: a manager when among the branch's employees with manager access, or through their user."""
        self.ensure_one()
        config = self.config_id
        employee = self["employee_id"] if "employee_id" in self._fields else False
        if employee:
            return employee in config["advanced_employee_ids"] or config._retail_is_discount_manager(employee.user_id)
        return config._retail_is_discount_manager(self.user_id)

    def _retail_discount_tier_percent(self):
        """The member's tier discount on the sale day (with birthday or member-day multiplier): the tier
        puts it on the lines by itself, so it is never a manual discount."""
        self.ensure_one()
        partner = self.partner_id
        if not partner.retail_tier_id:
            return 0.0
        local_date = self.config_id._retail_local_date(self.date_order)
        return partner._retail_discount_percent(partner._retail_benefit(local_date, exclude_order=self))

    def _retail_discount_recheck(self):
        for order in self:
            config = order.config_id
            lines = order.lines.filtered(lambda line: line.discount and not line.retail_discount_approval_id
                                         and not line.retail_discount_unapproved)
            if not lines:
                continue
            for line in lines.filtered("retail_discount_approval_token"):
                approval = self.env["retail.discount.approval"]._retail_find_for_line(line)
                if approval:
                    line.retail_discount_approval_id = approval
                    approval.order_line_id = line
            if not config.retail_discount_approval or order._retail_discount_cashier_is_manager():
                continue
            allowed = max(config.retail_discount_limit, order._retail_discount_tier_percent())
            for line in lines.filtered(lambda line: not line.retail_discount_approval_id):
                if line._retail_discount_is_manual() and config._retail_discount_exceeds(line.discount, allowed):
                    order._retail_flag_unapproved_discount(line, allowed)

    def _retail_flag_unapproved_discount(self, line, allowed):
        self.ensure_one()
        line.retail_discount_unapproved = True
        excess = line._retail_discount_excess(allowed)
        cashier = self["employee_id"] if "employee_id" in self._fields and self["employee_id"] else self.user_id
        self._retail_flag_prepaid(excess, self.env._(
            "Manual discount of %(discount)s%% on %(product)s by %(cashier)s without a manager's approval, "
            "above the limit of %(limit)s%% (%(amount)s more off the bill).",
            discount=round(line.discount, 2), product=line.full_product_name or line.product_id.display_name,
            cashier=cashier.name, limit=round(allowed, 2), amount=self.currency_id.format(excess)))
