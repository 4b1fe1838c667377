from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class LoyaltyCard(models.Model):
    """A Recoin card is the customer's ``loyalty.card`` of a Recoin program. Its ``points`` are the
    cached balance, written only from the Recoin ledger (by SQL, in the ledger's transaction);
    ``retail_sv_reserved`` caches what tills hold for orders being paid."""

    _inherit = "loyalty.card"

    retail_stored_value = fields.Boolean(related="program_id.retail_stored_value", store=True, string="Recoin")
    retail_sv_reserved = fields.Float(string="Reserved", readonly=True, copy=False, digits=(16, 2),
                                      help="Amounts the tills hold for orders being paid.")
    retail_sv_available = fields.Float(string="Available", compute="_compute_retail_sv_available", digits=(16, 2))
    retail_sv_money = fields.Float(string="Customer Money", readonly=True, copy=False, digits=(16, 2),
                                   help="Part of the balance that is money the customer loaded.")
    retail_sv_revenue = fields.Float(string="Revenue for Levels", readonly=True, copy=False, digits=(16, 2),
                                     help="Revenue actually spent by the card holder, counted for levels.")
    retail_sv_level_id = fields.Many2one("retail.stored.value.level", string="Level", readonly=True, copy=False,
                                         index="btree_not_null")
    retail_sv_converted = fields.Boolean(
        string="Converted to Tier", readonly=True, copy=False,
        help="The member was converted into a direct-discount tier: the balance stays spendable, accrual stops.")
    retail_sv_blocked = fields.Boolean(
        string="Blocked", readonly=True, copy=False,
        help="A blocked Recoin card keeps its balance and ledger but cannot be spent until it is unblocked.")
    retail_sv_block_reason = fields.Char(string="Block Reason", readonly=True, copy=False)
    retail_sv_move_ids = fields.One2many("retail.stored.value.move", "card_id", string="Recoin Ledger")
    retail_sv_reservation_ids = fields.One2many("retail.stored.value.reservation", "card_id", string="Reservations")

    _sql_constraints = [
        ("retail_sv_not_negative", "CHECK(NOT COALESCE(retail_stored_value, FALSE) OR points >= 0)",
         "A Recoin balance cannot be negative."),
    ]

    def init(self):
        # one Recoin card per customer and program: top-ups, spends and accrual all go to it
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS loyalty_card_retail_sv_partner_uniq
                ON loyalty_card (program_id, partner_id) WHERE retail_stored_value AND partner_id IS NOT NULL
        """)

    @api.depends("points", "retail_sv_reserved")
    def _compute_retail_sv_available(self):
        for card in self:
            card.retail_sv_available = max(card.points - card.retail_sv_reserved, 0.0)

    @api.model_create_multi
    def create(self, vals_list):
        programs = self.env["loyalty.program"].sudo().browse(
            {vals.get("program_id") for vals in vals_list if vals.get("program_id")})
        recoin = programs.filtered("retail_stored_value").ids
        for vals in vals_list:
            if vals.get("program_id") in recoin and vals.get("points"):
                raise UserError(self.env._("A Recoin card starts empty: load it with a top-up."))
        return super().create(vals_list)

    def write(self, vals):
        if "retail_sv_block_reason" in vals and not self.env.su:
            self._retail_sv_check_may_block()
        if "points" in vals and self.filtered("retail_stored_value"):
            raise UserError(self.env._(
                "A Recoin balance changes with top-ups, payments and recorded adjustments only."))
        if "program_id" in vals and self.filtered(lambda card: card.retail_stored_value and card.retail_sv_move_ids):
            raise UserError(self.env._("A Recoin card with a ledger cannot move to another program."))
        return super().write(vals)

    def _retail_sv_totals(self):
        """{card_id: (balance, customer money)} from the ledger."""
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT c.id, COALESCE(SUM(m.amount), 0), COALESCE(SUM(m.money_amount), 0)
              FROM loyalty_card c
         LEFT JOIN retail_stored_value_move m ON m.card_id = c.id
             WHERE c.id = ANY(%s)
          GROUP BY c.id
        """, [self.ids])
        return {card_id: (balance, money) for card_id, balance, money in self.env.cr.fetchall()}

    @api.model
    def _retail_sv_card(self, partner, program, create=False):
        """The customer's card of ``program`` (created empty when asked)."""
        cards = self.sudo().search([("program_id", "=", program.id), ("partner_id", "=", partner.id)], limit=1)
        if not cards and create:
            cards = self.sudo().create({"program_id": program.id, "partner_id": partner.id, "points": 0})
            cards.retail_sv_level_id = program._retail_sv_level_for(0)
        return cards

    def _retail_sv_update_level(self, branch=None, order=None):
        """Move the card up to the best level its revenue reaches; a level with a tier converts the member."""
        for card in self.sudo():
            level = card.program_id._retail_sv_level_for(card.retail_sv_revenue)
            if level and (not card.retail_sv_level_id or level.sequence > card.retail_sv_level_id.sequence):
                card.retail_sv_level_id = level
            target = card.retail_sv_level_id.upgrade_tier_id
            if target and not card.retail_sv_converted:
                card._retail_sv_convert(target, branch, order)

    def _retail_sv_convert(self, tier, branch=None, order=None):
        self.ensure_one()
        partner = self.partner_id
        before = partner.retail_tier_id
        self.retail_sv_converted = True
        if before != tier and (not before or before.sequence < tier.sequence):
            partner.with_context(retail_tier_change=True).write(
                {"retail_tier_id": tier.id, "retail_tier_date": fields.Datetime.now()})
            partner._retail_log_tier_change(before, tier, "order" if order else "manual", branch=branch, order=order)
        partner.message_post(body=self.env._(
            "Recoin card %(card)s reached level %(level)s: converted to the tier %(tier)s, balance kept.",
            card=self.code, level=self.retail_sv_level_id.name, tier=tier.name))

    # ------------------------------------------------------------------ blocking
    @api.model
    def _retail_sv_check_may_block(self):
        if not self.env["retail.prepaid.ledger.mixin"]._retail_may_correct():
            raise AccessError(self.env._("Only a retail manager or an accountant may block or unblock Recoin cards."))

    def action_retail_sv_block(self):
        self.ensure_one()
        self._retail_sv_check_may_block()
        return {
            "type": "ir.actions.act_window", "name": self.env._("Block Recoin card"),
            "res_model": "retail.stored.value.block", "view_mode": "form", "target": "new",
            "context": {"default_card_id": self.id},
        }

    def _retail_sv_block(self, reason):
        """Stop spending from the cards (lost, stolen, disputed): the balance stays the customer's, top-ups,
        accrual and refunds still land; amounts tills hold right now are released, so an order paying
        with them is flagged for a manager when it arrives."""
        self._retail_sv_check_may_block()
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Say why the card is blocked."))
        cards = self.filtered(lambda card: card.retail_stored_value and not card.retail_sv_blocked)
        cards.sudo().write({"retail_sv_blocked": True, "retail_sv_block_reason": reason})
        held = cards.sudo().retail_sv_reservation_ids.filtered(lambda reservation: reservation.state == "reserved")
        self.env["retail.stored.value.reservation"]._retail_close(held.mapped("token"), "released")
        for card in cards.sudo():
            card._message_log(body=self.env._(
                "Recoin card blocked by %(user)s: %(reason)s", user=self.env.user.name, reason=reason))
        return True

    def action_retail_sv_unblock(self):
        self._retail_sv_check_may_block()
        cards = self.filtered("retail_sv_blocked")
        for card in cards.sudo():
            card._message_log(body=self.env._(
                "Recoin card unblocked by %(user)s (was blocked: %(reason)s).", user=self.env.user.name,
                reason=card.retail_sv_block_reason or "-"))
        cards.sudo().write({"retail_sv_blocked": False, "retail_sv_block_reason": False})
        return True

    # ------------------------------------------------------------------ till API
    @api.model
    def retail_pos_stored_value(self, partner_id, config_id):
        """The customer's Recoin card at this branch, for the till: {card_id, code, balance, available,
        level, program_id}, or False when the customer has none."""
        config = self.env["pos.config"].browse(config_id)
        config.check_access("read")
        partner = self.env["res.partner"].browse(partner_id).exists()
        program = self.env["loyalty.program"]._retail_sv_program(config.company_id, config)
        if not partner or not program:
            return False
        card = self._retail_sv_card(partner, program)
        if not card:
            return False
        return card._retail_sv_pos_info()

    def _retail_sv_pos_info(self):
        self.ensure_one()
        return {
            "card_id": self.id, "code": self.code, "balance": self.points, "available": self.retail_sv_available,
            "level": self.retail_sv_level_id.name or False, "program_id": self.program_id.id,
            "converted": self.retail_sv_converted, "blocked": self.retail_sv_blocked,
            "block_reason": self.retail_sv_block_reason or False,
        }

    def action_retail_sv_topup(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "name": self.env._("Top up Recoin"),
            "res_model": "retail.stored.value.topup", "view_mode": "form", "target": "new",
            "context": {"default_card_id": self.id},
        }

    def action_retail_sv_adjust(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window", "name": self.env._("Adjust Recoin balance"),
            "res_model": "retail.stored.value.adjust", "view_mode": "form", "target": "new",
            "context": {"default_card_id": self.id},
        }

    @api.model
    def _retail_sv_demo_cards(self, program_ids):
        """Demo: three customers load Recoin through the backend top-up (with the level's bonus).
        Called from demo/retail_stored_value_demo.xml only."""
        program = self.env["loyalty.program"].browse(program_ids)
        company = program.company_id
        journal = self.env["account.journal"].search([
            *self.env["account.journal"]._check_company_domain(company), ("type", "=", "bank")], limit=1)
        Topup = self.env["retail.stored.value.topup"].with_company(company)
        for index, amount in enumerate((1000000, 500000, 2000000), start=1):
            partner = self.env.ref(f"retail_crm.demo_customer_{index}", raise_if_not_found=False)
            if not partner:
                continue
            Topup.create({
                "program_id": program.id, "partner_id": partner.id, "amount": amount, "journal_id": journal.id,
                "reference": f"DEMO-TOPUP-{index:03d}",
            }).action_topup()
