from odoo import api, fields, models
from odoo.exceptions import ValidationError


class LoyaltyProgram(models.Model):
    """Recoin: an eWallet program (``retail_stored_value``) whose money is loaded at the till or in
    the backend and spent as a POS payment line, with its own append-only ledger
    (``retail.stored.value.move``), levels, top-up bonus schedule and next-visit accrual.

    Revenue that counts for levels and accrual ("revenue actually spent"): on every order of the card
    holder, the goods and services bought after discounts, without top-ups, gift cards or other
    prepaid value sold, less the part of the order paid with Recoin *credit* (bonus and accrual).
    A Recoin payment is split pro rata between the money the customer loaded (top-ups) and the
    credit the shop granted (bonus, accrual) that make up the balance at that moment
    (``money_amount`` on the ledger). So a top-up never counts (it is not a purchase), bonus or
    accrual credit never counts (neither when granted nor when spent), and money loaded counts
    once, when it buys something. Refunds take their revenue back; levels only go up.

    A Recoin program is never loaded by pos_loyalty's own machinery (see ``pos.config``): the till
    asks the server for one customer's card when it needs it.
    """

    _inherit = "loyalty.program"

    retail_stored_value = fields.Boolean(
        string="Recoin Stored Value", copy=False, index="btree_not_null",
        help="Money loaded on the customer's card and spent as a payment at the till, with levels, "
        "top-up bonus and accrual, recorded in the Recoin ledger.")
    retail_sv_topup_product_id = fields.Many2one(
        "product.product", string="Top-up Product",
        help="Selling this product at the till with a customer on the order loads its amount on the card.")
    retail_sv_level_ids = fields.One2many("retail.stored.value.level", "program_id", string="Levels")
    retail_sv_bonus_ids = fields.One2many("retail.stored.value.bonus", "program_id", string="Top-up Bonus")
    retail_sv_hold_minutes = fields.Integer(
        string="Reservation Hold (minutes)", default=30,
        help="How long an amount reserved at the till stays reserved for its order; older reservations "
        "expire and an order arriving later with them is flagged.")
    retail_sv_card_count = fields.Integer(compute="_compute_retail_sv_card_count")

    _sql_constraints = [
        ("retail_sv_hold_positive", "CHECK(retail_sv_hold_minutes IS NULL OR retail_sv_hold_minutes > 0)",
         "The reservation hold must be positive."),
    ]

    @api.constrains("retail_stored_value", "program_type")
    def _check_retail_stored_value_type(self):
        for program in self.filtered("retail_stored_value"):
            if program.program_type != "ewallet":
                raise ValidationError(self.env._("A Recoin program is an eWallet program."))

    @api.constrains("retail_sv_topup_product_id", "company_id")
    def _check_retail_sv_topup_untaxed(self):
        """Money loaded on a card is taxed when it buys goods, not when it is loaded; a taxed top-up
        would also load more on the card than the books hold as liability."""
        for program in self.filtered("retail_stored_value"):
            taxes = program.retail_sv_topup_product_id.taxes_id
            if program.company_id:
                taxes = taxes.filtered_domain([("company_id", "=", program.company_id.id)])
            if taxes:
                raise ValidationError(self.env._(
                    "The top-up product %(product)s carries taxes (%(taxes)s): Recoin is taxed when it is "
                    "spent, so remove them from the product first.",
                    product=program.retail_sv_topup_product_id.display_name,
                    taxes=", ".join(taxes.mapped("name"))))

    @api.model
    def _retail_sv_default_values(self, product):
        """An eWallet program triggered by the top-up product; its reward line is never used (the
        till spends Recoin as a payment line) but Odoo requires one."""
        return {
            "program_type": "ewallet", "trigger": "auto", "applies_on": "future", "pos_ok": False,
            "portal_visible": True,
            "rule_ids": [fields.Command.clear(), fields.Command.create({
                "reward_point_amount": 1, "reward_point_mode": "money", "reward_point_split": False,
                "product_ids": [fields.Command.set(product.ids)],
            })],
            "reward_ids": [fields.Command.clear(), fields.Command.create({
                "reward_type": "discount", "discount_mode": "per_point", "discount": 1,
                "discount_applicability": "order", "required_points": 1, "description": "Recoin",
            })],
            "communication_plan_ids": [fields.Command.clear()],
        }

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("retail_stored_value"):
                product = self.env["product.product"].browse(vals.get("retail_sv_topup_product_id"))
                for key, value in self._retail_sv_default_values(product).items():
                    vals.setdefault(key, value)
        programs = super().create(vals_list)
        programs.filtered("retail_stored_value")._retail_sv_mark_topup_products()
        programs._retail_keep_out_of_sales()
        return programs

    def write(self, vals):
        result = super().write(vals)
        if "retail_sv_topup_product_id" in vals:
            for program in self.filtered("retail_stored_value"):
                program.rule_ids[:1].product_ids = program.retail_sv_topup_product_id
            self.filtered("retail_stored_value")._retail_sv_mark_topup_products()
        if {"sale_ok", "retail_stored_value", "retail_policy"} & set(vals):
            self._retail_keep_out_of_sales(vals)
        return result

    def _register_hook(self):
        result = super()._register_hook()
        # sale_loyalty may be installed after the retail addons: its sale_ok column starts at True
        if "sale_ok" in self._fields:
            self.sudo().with_context(active_test=False).search([("sale_ok", "=", True)])._retail_keep_out_of_sales()
        return result

    def _retail_sale_excluded(self):
        """The programs that live only at the till and in their own ledgers (Recoin here)."""
        return self.filtered("retail_stored_value")

    def _retail_keep_out_of_sales(self, vals=None):
        """With Sales installed, sale_loyalty would apply these programs to quotations (spend or load
        Recoin outside its ledger): they never have sale_ok. The field exists only with sale_loyalty,
        which the retail addons do not depend on."""
        if "sale_ok" not in self._fields or self.env.context.get("retail_keep_out_of_sales"):
            return
        excluded = self._retail_sale_excluded().filtered("sale_ok")
        if vals and vals.get("sale_ok") and excluded:
            raise ValidationError(self.env._(
                "%(programs)s cannot be used in sales orders: it is used at the till only.",
                programs=", ".join(excluded.mapped("name"))))
        excluded.sudo().with_context(retail_keep_out_of_sales=True).write({"sale_ok": False})

    def _retail_sv_mark_topup_products(self):
        """A top-up is money loaded, not a purchase: the tier discount never applies to it (the till
        would otherwise load 1,000,000 for 950,000)."""
        templates = self.retail_sv_topup_product_id.product_tmpl_id.filtered(
            lambda template: not template.retail_no_member_discount)
        templates.sudo().write({"retail_no_member_discount": True})

    def _compute_retail_sv_card_count(self):
        counts = dict(self.env["loyalty.card"]._read_group(
            [("program_id", "in", self.ids)], ["program_id"], ["__count"]))
        for program in self:
            program.retail_sv_card_count = counts.get(program, 0)

    def _retail_sv_level_for(self, revenue):
        """The best level whose revenue threshold ``revenue`` reaches (the lowest level at worst)."""
        self.ensure_one()
        levels = self.retail_sv_level_ids.sorted(lambda level: (level.sequence, level.id))
        reached = levels.filtered(lambda level: level.revenue_threshold <= revenue)
        return reached[-1:] or levels[:1]

    def _retail_sv_bonus(self, amount, level):
        """Bonus credited on a top-up of ``amount`` at ``level``: the step with the highest minimum
        the amount reaches, among the level's own steps, else among the steps without level."""
        self.ensure_one()
        steps = self.retail_sv_bonus_ids.filtered(lambda step: step.level_id == level) if level else False
        if not steps:
            steps = self.retail_sv_bonus_ids.filtered(lambda step: not step.level_id)
        reached = steps.filtered(lambda step: step.min_amount <= amount).sorted("min_amount")
        return reached[-1:]._bonus_for(amount) if reached else 0.0

    @api.model
    def _retail_sv_program(self, company, branch=None):
        """The company's Recoin program (usable at ``branch`` when given)."""
        domain = [("retail_stored_value", "=", True), ("active", "=", True), ("company_id", "in", (company.id, False))]
        programs = self.sudo().search(domain, order="id")
        if branch:
            programs = programs.filtered(lambda p: not p.pos_config_ids or branch in p.pos_config_ids)
        return programs[:1]

    def action_view_retail_sv_cards(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "name": self.name, "res_model": "loyalty.card",
            "view_mode": "list,form", "domain": [("program_id", "=", self.id)],
            "views": [(self.env.ref("retail_loyalty.retail_sv_card_view_list").id, "list"),
                      (self.env.ref("retail_loyalty.retail_sv_card_view_form").id, "form")],
            "context": {"default_program_id": self.id},
        }
