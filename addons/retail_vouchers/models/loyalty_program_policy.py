import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


class LoyaltyProgram(models.Model):
    """A discount policy: an automatic promotion (``program_type`` promotion, ``trigger`` auto) whose
    rewards are Odoo's (amount or percent off, free product, buy X get Y) and which pos_loyalty applies
    at the till as lines change. The retail fields add what Odoo lacks:

    - recurring time windows (weekdays and hours, crossing midnight) in the branch's time zone;
    - customer targets: customer groups (and their sub-groups), individual customers, member tiers,
      new members. Targets of different kinds must all hold; within one kind any value matches.
      Bill total thresholds and product or category targets are Odoo's rule conditions
      (minimum amount, products, category);
    - stacking: policies apply in ``sequence`` order; of the eligible policies sharing an exclusive
      group only the one granting most applies; a policy may refuse to combine with a member tier
      discount, a voucher or a coupon on the same bill (then it does not apply);
    - an optional cap per bill, written on the discount rewards (Odoo's "Max Discount") and held by the
      till for the whole bill, free products included (whole units within the cap).

    The server re-checks every policy reward line when the order arrives (``pos.order``).
    """

    _inherit = "loyalty.program"

    retail_policy = fields.Boolean(
        string="Retail Discount Policy", copy=True, index="btree_not_null",
        help="Applied automatically at the till when eligible and re-checked by the server.")
    retail_window_ids = fields.One2many(
        "retail.policy.window", "program_id", string="Time Windows", copy=True,
        help="When the policy applies, in the branch's local time. None: all day, every day.")
    retail_group_ids = fields.Many2many(
        "retail.customer.group", "retail_policy_customer_group_rel", "program_id", "group_id",
        string="Customer Groups", help="Customers of these groups or their sub-groups.")
    retail_partner_ids = fields.Many2many(
        "res.partner", "retail_policy_partner_rel", "program_id", "partner_id", string="Customers")
    retail_tier_ids = fields.Many2many(
        "retail.tier", "retail_policy_tier_rel", "program_id", "tier_id", string="Member Tiers")
    retail_new_members = fields.Boolean(
        string="New Members Only", help="Members whose first card was issued recently.")
    retail_new_member_days = fields.Integer(
        string="Joined Within (days)", default=0,
        help="0: only on the day the member joined; 7: on the day they joined and the 7 days after.")
    retail_cap_amount = fields.Monetary(
        string="Cap per Bill", currency_field="currency_id",
        help="The most this policy's rewards may take off one bill (0: no cap): a discount stops there, a free "
        "product is given only in whole units within it.")
    retail_exclusive_group = fields.Char(
        string="Exclusive Group",
        help="Of the eligible policies sharing this group, only the one granting the largest discount applies.")
    retail_combine_tier = fields.Boolean(
        string="Combines with Tier Discount", default=True,
        help="Off: the policy does not apply to a bill carrying a member tier discount.")
    retail_combine_voucher = fields.Boolean(
        string="Combines with Vouchers", default=True,
        help="Off: the policy does not apply to a bill paid partly with a voucher.")
    retail_combine_coupon = fields.Boolean(
        string="Combines with Coupons", default=True,
        help="Off: the policy does not apply to a bill using a coupon.")
    retail_policy_pos_data = fields.Json(
        compute="_compute_retail_policy_pos_data",
        help="Windows and targets as the till evaluates them.")

    _sql_constraints = [
        ("retail_new_member_days_positive", "CHECK(retail_new_member_days IS NULL OR retail_new_member_days >= 0)",
         "The number of days after joining cannot be negative."),
        ("retail_cap_amount_positive", "CHECK(retail_cap_amount IS NULL OR retail_cap_amount >= 0)",
         "The cap per bill cannot be negative."),
    ]

    @api.constrains("retail_policy", "program_type", "trigger")
    def _check_retail_policy_type(self):
        for program in self.filtered("retail_policy"):
            if program.program_type != "promotion" or program.trigger != "auto":
                raise ValidationError(self.env._(
                    "The discount policy %(name)s must be an automatic promotion (program type Promotion, "
                    "trigger Automatic).", name=program.name))

    def _retail_policy_check_manager(self):
        """Policies cost margin on every bill: only retail managers prepare and change them."""
        if not self.env.su and not self.env.user.has_group("retail_crm.group_retail_manager"):
            raise AccessError(self.env._("Only a retail manager can create, change or delete discount policies."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("retail_policy"):
                self._retail_policy_check_manager()
                vals.setdefault("program_type", "promotion")
                vals.setdefault("trigger", "auto")
                vals.setdefault("applies_on", "current")
        programs = super().create(vals_list)
        programs.filtered("retail_cap_amount")._retail_policy_write_cap()
        return programs

    def write(self, vals):
        if vals.get("retail_policy") or self.filtered("retail_policy"):
            self._retail_policy_check_manager()
        result = super().write(vals)
        if "retail_cap_amount" in vals or "reward_ids" in vals:
            self.filtered("retail_policy")._retail_policy_write_cap()
        return result

    def unlink(self):
        if self.filtered("retail_policy"):
            self._retail_policy_check_manager()
        return super().unlink()

    def _retail_sale_excluded(self):
        # windows and customer targets are checked at the till and on POS orders only
        return super()._retail_sale_excluded() | self.filtered("retail_policy")

    def _retail_policy_write_cap(self):
        """The till enforces a cap through Odoo's "Max Discount" of each discount reward."""
        for program in self.filtered("retail_policy"):
            cap = program.retail_cap_amount
            rewards = program.reward_ids.filtered(
                lambda reward, cap=cap: reward.reward_type == "discount" and reward.discount_max_amount != cap)
            rewards.write({"discount_max_amount": cap})

    @api.depends("retail_window_ids", "retail_window_ids.hour_from", "retail_window_ids.hour_to",
                 "retail_group_ids", "retail_partner_ids", "retail_tier_ids", "retail_new_members",
                 "retail_new_member_days", "retail_exclusive_group", "retail_combine_tier",
                 "retail_combine_voucher", "retail_combine_coupon", "retail_policy", "sequence", "retail_cap_amount")
    def _compute_retail_policy_pos_data(self):
        for program in self:
            if not program.retail_policy:
                program.retail_policy_pos_data = False
                continue
            program.retail_policy_pos_data = {
                "windows": program.retail_window_ids._pos_data(),
                "group_ids": program.retail_group_ids.ids,
                "partner_ids": program.retail_partner_ids.ids,
                "tier_ids": program.retail_tier_ids.ids,
                "new_members": program.retail_new_members,
                "new_member_days": program.retail_new_member_days,
                "exclusive_group": program.retail_exclusive_group or False,
                "combine_tier": program.retail_combine_tier,
                "combine_voucher": program.retail_combine_voucher,
                "combine_coupon": program.retail_combine_coupon,
                "sequence": program.sequence,
                "cap_amount": program.retail_cap_amount,
            }

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_list = super()._load_pos_data_fields(config_id)
        return [*fields_list, "retail_policy", "retail_policy_pos_data", "sequence"] if fields_list else fields_list

    # ------------------------------------------------------------------ eligibility
    @api.model
    def _retail_policy_local_moment(self, config, moment):
        """The branch's wall-clock time (naive) at ``moment`` (naive UTC)."""
        zone = pytz.timezone(config.retail_tz or "UTC")
        return pytz.utc.localize(moment).astimezone(zone).replace(tzinfo=None)

    def _retail_policy_refusal(self, config, moment, partner, lines):
        """Why this policy does not apply to a bill, or False when it does.

        ``moment``: naive UTC datetime of the sale; ``lines``: the bill's regular lines as
        ``(product, quantity, price_subtotal, price_subtotal_incl)``. The time is always read in the
        branch's time zone, never in the till's or the server's."""
        self.ensure_one()
        local = self._retail_policy_local_moment(config, moment)
        refusal = (self._retail_policy_refusal_period(config, local)
                   or self._retail_policy_refusal_customer(partner, local.date())
                   or self._retail_policy_refusal_rules(lines))
        return refusal or False

    def _retail_policy_refusal_period(self, config, local):
        if not self.active:
            return self.env._("the policy %(name)s is archived", name=self.name)
        if self.pos_config_ids and config not in self.pos_config_ids:
            return self.env._("the policy %(name)s is not valid at %(branch)s", name=self.name, branch=config.name)
        if (self.date_from and local.date() < self.date_from) or (self.date_to and local.date() > self.date_to):
            return self.env._("the policy %(name)s is not valid on %(date)s", name=self.name, date=local.date())
        if self.retail_window_ids and not any(window._contains(local) for window in self.retail_window_ids):
            return self.env._("%(time)s (%(tz)s) is outside the time windows of the policy %(name)s",
                              time=local.strftime("%A %Y-%m-%d %H:%M"), tz=config.retail_tz or "UTC", name=self.name)
        return False

    def _retail_policy_refusal_customer(self, partner, local_date):
        partner = partner.commercial_partner_id if partner else partner
        if self.retail_group_ids and not (partner and self.env["retail.customer.group"].search_count(
                [("id", "in", partner.retail_group_ids.ids), ("id", "child_of", self.retail_group_ids.ids)],
                limit=1)):
            return self.env._("the customer is in none of the groups of the policy %(name)s", name=self.name)
        if self.retail_partner_ids and partner not in self.retail_partner_ids:
            return self.env._("the policy %(name)s is for other customers", name=self.name)
        if self.retail_tier_ids and not (partner and partner.retail_tier_id in self.retail_tier_ids):
            return self.env._("the customer's tier is not one of the policy %(name)s", name=self.name)
        if self.retail_new_members:
            since = partner and partner._retail_member_since()
            if not since or not 0 <= (local_date - since).days <= self.retail_new_member_days:
                return self.env._("the customer is not a new member for the policy %(name)s", name=self.name)
        return False

    def _retail_policy_refusal_rules(self, lines):
        """Odoo's rule conditions (minimum amount, minimum quantity of the rule's products): one rule
        met is enough, as at the till."""
        total_excl = sum(line[2] for line in lines)
        total_incl = sum(line[3] for line in lines)
        for rule in self.rule_ids:
            products = self.env["product.product"].union(*[line[0] for line in lines])
            if rule.product_ids or rule.product_category_id or rule.product_tag_id or rule.product_domain not in (
                    False, "[]", "[['sale_ok', '=', True]]"):
                valid = products.filtered_domain(rule._get_valid_product_domain())
            else:
                valid = products
            quantity = sum(line[1] for line in lines if line[0] in valid)
            amount = total_incl if rule.minimum_amount_tax_mode == "incl" else total_excl
            minimum = rule.currency_id._convert(
                rule.minimum_amount, self.currency_id, self.company_id or self.env.company, fields.Date.today())
            if valid and quantity >= max(rule.minimum_qty, 1) and amount >= minimum:
                return False
        return self.env._("the bill does not meet the conditions (amount, products) of the policy %(name)s",
                          name=self.name)

    def _retail_policy_combination_refusal(self, has_tier, has_voucher, has_coupon):
        """Why this policy does not combine with what else is on the bill, or False."""
        self.ensure_one()
        if has_tier and not self.retail_combine_tier:
            return self.env._("the policy %(name)s does not combine with a tier discount", name=self.name)
        if has_voucher and not self.retail_combine_voucher:
            return self.env._("the policy %(name)s does not combine with a voucher", name=self.name)
        if has_coupon and not self.retail_combine_coupon:
            return self.env._("the policy %(name)s does not combine with a coupon", name=self.name)
        return False

    def _retail_policy_stack(self, granted):
        """The policies that apply together, in the order they apply, and those beaten in their
        exclusive group: ``granted`` maps each eligible policy to the discount it grants; the best of
        each exclusive group stays (the lower sequence on a tie)."""
        ordered = self.sorted(lambda program: (program.sequence, program.id))
        kept = self.browse()
        beaten = self.browse()
        best_of_group = {}
        for program in ordered:
            group = program.retail_exclusive_group
            if not group:
                kept |= program
                continue
            best = best_of_group.get(group)
            if best is None or granted.get(program, 0) > granted.get(best, 0):
                if best is not None:
                    beaten |= best
                best_of_group[group] = program
            else:
                beaten |= program
        kept |= self.browse([program.id for program in best_of_group.values()])
        return kept.sorted(lambda program: (program.sequence, program.id)), beaten
