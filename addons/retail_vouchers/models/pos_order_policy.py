from odoo import api, fields, models


class PosOrder(models.Model):
    """The server's re-check of discount policies: a till with a wrong clock, stale customer data or
    a tampered order gains nothing.

    When a paid order arrives, every policy reward line is checked again from ``date_order`` read in
    the branch's time zone, the customer and the bill's regular lines, then stacked (combination
    flags, best of each exclusive group, cap per bill). A line that should not have been granted is
    not undone — the customer has left with the goods — : the order is kept, the line is marked
    ``retail_policy_refused`` and the order is flagged for a manager with the amount granted wrongly
    (``_retail_flag_prepaid``)."""

    _inherit = "pos.order"

    retail_policy_ids = fields.Many2many(
        "loyalty.program", "retail_policy_pos_order_rel", "order_id", "program_id",
        string="Discount Policies", readonly=True, copy=False,
        help="The discount policies the server honoured on this order.")
    retail_policy_steps = fields.Json(
        compute="_compute_retail_policy_steps",
        help="What took money off the bill, in the order it applied: the member tier discount on the lines, "
        "then each discount policy in its sequence. The receipt prints it.")
    retail_policy_steps_text = fields.Text(
        string="Discounts Applied, in Order", compute="_compute_retail_policy_steps")

    @api.depends("lines.discount", "lines.price_subtotal_incl", "lines.qty", "lines.reward_id",
                 "lines.retail_policy_refused", "partner_id")
    def _compute_retail_policy_steps(self):
        for order in self:
            steps = order._retail_policy_steps()
            order.retail_policy_steps = steps or False
            order.retail_policy_steps_text = "\n".join(order._retail_policy_step_text(step) for step in steps) or False

    def _retail_policy_steps(self):
        """[{index, kind, name, detail, amount, refused}]: the tier discount first (it sits on the lines
        before any promotion), then the policies in the order they stack (sequence, id). Every policy line
        of the bill is listed, a refused one marked: the customer's bill carried it."""
        self.ensure_one()
        steps = []
        tier_lines = self._retail_policy_tier_lines()
        if tier_lines:
            percent = max(tier_lines.mapped("discount"))
            steps.append({
                "kind": "tier", "name": self.env._("Member tier discount"), "detail": f"-{percent:g} %",
                "amount": self.currency_id.round(sum(line._retail_policy_tier_amount() for line in tier_lines)),
                "refused": False,
            })
        policy_lines = self.lines.filtered(lambda line: line.reward_id.program_id.retail_policy)
        lines_by_policy = policy_lines.grouped(lambda line: line.reward_id.program_id)
        for program in sorted(lines_by_policy, key=lambda program: (program.sequence, program.id)):
            lines = lines_by_policy[program]
            steps.append({
                "kind": "policy", "program_id": program.id, "name": program.name,
                "detail": ", ".join(dict.fromkeys(line._retail_policy_reward_detail() for line in lines)),
                "amount": self.currency_id.round(-sum(lines.mapped("price_subtotal_incl"))),
                "refused": all(lines.mapped("retail_policy_refused")),
            })
        return [{"index": index, **step} for index, step in enumerate(steps, 1)]

    def _retail_policy_tier_lines(self):
        """The regular lines carrying the member tier discount (as the re-check sees it)."""
        self.ensure_one()
        if not self._retail_policy_has_tier_discount():
            return self.lines.browse()
        return self.lines.filtered(
            lambda line: line.discount and not line.is_reward_line and not line.retail_voucher_serial
            and not line.retail_coupon_serial)

    def _retail_policy_step_text(self, step):
        text = self.env._("%(index)s. %(name)s (%(detail)s): -%(amount)s", index=step["index"], name=step["name"],
                          detail=step["detail"], amount=self.currency_id.format(step["amount"]))
        return text + (self.env._(" — not honoured") if step["refused"] else "")

    def _process_saved_order(self, draft):
        if not draft and self.state != "cancel":
            self._retail_policy_recheck()
        return super()._process_saved_order(draft)

    def _retail_policy_moment(self):
        """When the sale happened for the policies (naive UTC): the till's ``date_order``, but never
        later than the order's arrival on the server (a till clock running fast cannot reach a happy hour
        ahead) nor earlier than its session's opening (a till clock set back cannot reach one behind).
        An offline till's order arriving late keeps its own, plausible, sale time."""
        self.ensure_one()
        moment = min(self.date_order, fields.Datetime.now())
        opened = self.session_id.start_at
        return max(moment, opened) if opened else moment

    def _retail_policy_has_tier_discount(self):
        """A member tier discount sits on the bill: the customer's tier discounts and a regular line
        carries a discount."""
        self.ensure_one()
        tier = self.partner_id.commercial_partner_id.retail_tier_id
        return bool(tier.discount_percent) and any(
            line.discount for line in self.lines if not line.is_reward_line)

    def _retail_policy_has_voucher(self):
        """A serial voucher of this addon pays part of the bill (its redemption line is negative)."""
        self.ensure_one()
        return any(line.retail_voucher_serial and line.price_subtotal_incl < 0 for line in self.lines)

    def _retail_policy_has_coupon(self):
        """An Odoo coupon program's reward or a serial coupon of this addon is on the bill."""
        self.ensure_one()
        return any(line.reward_id.program_id.program_type == "coupons" or line.retail_coupon_serial
                   for line in self.lines)

    def _retail_policy_bill_lines(self):
        """The goods and services bought: no reward line, no voucher or coupon line (sold or redeemed)."""
        self.ensure_one()
        return [(line.product_id, line.qty, line.price_subtotal, line.price_subtotal_incl)
                for line in self.lines
                if not line.is_reward_line and not line.retail_voucher_serial and not line.retail_coupon_serial]

    def _retail_policy_recheck(self):
        for order in self:
            policy_lines = order.lines.filtered(
                lambda line: line.reward_id.program_id.retail_policy and not line.retail_policy_refused)
            if not policy_lines or any(line.refunded_orderline_id for line in order.lines):
                continue
            lines_by_policy = policy_lines.grouped(lambda line: line.reward_id.program_id)
            # what each policy took off the bill (free products included: their reward line is negative)
            granted = {program: -sum(lines.mapped("price_subtotal_incl")) for program, lines in lines_by_policy.items()}
            refusals = order._retail_policy_refusals(granted)
            for program, reason in refusals.items():
                lines_by_policy[program].write({"retail_policy_refused": True})
                order._retail_flag_prepaid(granted[program], order.env._(
                    "Discount policy %(policy)s not honoured (%(amount)s): %(reason)s.",
                    policy=program.name, amount=order.currency_id.format(granted[program]), reason=reason))
            kept = order.env["loyalty.program"].union(*lines_by_policy) - order.env["loyalty.program"].union(
                *refusals)
            order.retail_policy_ids = kept
            order._retail_policy_check_caps(kept, granted)

    def _retail_policy_refusals(self, granted):
        """{policy: reason} for the policies of ``granted`` that should not have applied."""
        self.ensure_one()
        bill_lines = self._retail_policy_bill_lines()
        moment = self._retail_policy_moment()
        combination = (self._retail_policy_has_tier_discount(), self._retail_policy_has_voucher(),
                       self._retail_policy_has_coupon())
        refusals = {}
        for program in granted:
            reason = (program._retail_policy_refusal(self.config_id, moment, self.partner_id, bill_lines)
                      or program._retail_policy_combination_refusal(*combination))
            if reason:
                refusals[program] = reason
        eligible = self.env["loyalty.program"].union(*[program for program in granted if program not in refusals])
        _kept, beaten = eligible._retail_policy_stack(granted)
        for program in beaten:
            refusals[program] = self.env._(
                "only the best policy of the exclusive group %(group)s applies", group=program.retail_exclusive_group)
        return refusals

    def _retail_policy_check_caps(self, policies, granted):
        """A policy never takes more than its cap off one bill: the excess is flagged."""
        self.ensure_one()
        for program in policies.filtered("retail_cap_amount"):
            excess = granted[program] - program.retail_cap_amount
            if self.currency_id.compare_amounts(excess, 0) > 0:
                self._retail_flag_prepaid(excess, self.env._(
                    "Discount policy %(policy)s took %(granted)s off the bill, above its cap of %(cap)s.",
                    policy=program.name, granted=self.currency_id.format(granted[program]),
                    cap=self.currency_id.format(program.retail_cap_amount)))
