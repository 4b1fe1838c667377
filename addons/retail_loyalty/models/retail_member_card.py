import re

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

CARD_NUMBER_FIELDS = ("barcode", "magstripe_number", "chip_uid")


class RetailMemberCard(models.Model):
    """A physical member card: a printed barcode, a magnetic stripe and/or a chip, owned by one customer."""

    _name = "retail.member.card"
    _description = "Member Card"
    _inherit = ["mail.thread"]
    _order = "issue_date desc, id desc"
    _rec_names_search = ["barcode", "magstripe_number", "chip_uid", "partner_id"]

    name = fields.Char(compute="_compute_name", store=True, string="Card")
    partner_id = fields.Many2one(
        "res.partner", string="Customer", index=True, ondelete="restrict", tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company)
    barcode = fields.Char(string="Printed Barcode", copy=False, tracking=True)
    magstripe_number = fields.Char(string="Magnetic Stripe Number", copy=False)
    chip_uid = fields.Char(string="Chip UID", copy=False, help="Hexadecimal UID of the chip.")
    state = fields.Selection(
        [("draft", "Not Issued"), ("active", "Active"), ("blocked", "Blocked"), ("lost", "Lost"),
         ("expired", "Expired")],
        default="draft", required=True, index=True, tracking=True, copy=False,
    )
    issue_date = fields.Date(copy=False, tracking=True)
    expiry_date = fields.Date(tracking=True)
    branch_id = fields.Many2one("pos.config", string="Issued at", copy=False)
    block_reason = fields.Char(copy=False, tracking=True)
    replaced_by_id = fields.Many2one("retail.member.card", string="Replaced by", copy=False, readonly=True)
    replaces_id = fields.Many2one("retail.member.card", copy=False, readonly=True)
    tier_id = fields.Many2one(related="partner_id.retail_tier_id")

    # the unique (company, number) indexes below are also what a card read at the till searches through
    _sql_constraints = [
        ("barcode_company_uniq", "unique(company_id, barcode)", "This barcode is already on another card."),
        ("magstripe_company_uniq", "unique(company_id, magstripe_number)",
         "This magnetic stripe number is already on another card."),
        ("chip_company_uniq", "unique(company_id, chip_uid)", "This chip UID is already on another card."),
    ]

    @api.depends("barcode", "magstripe_number", "chip_uid")
    def _compute_name(self):
        for card in self:
            card.name = card.barcode or card.magstripe_number or card.chip_uid or self.env._("New card")

    @api.model
    def _normalize_number(self, number, field_name="barcode"):
        number = re.sub(r"\s+", "", number or "")
        if field_name == "chip_uid":
            number = number.replace(":", "").replace("-", "").upper()
        return number or False

    def _normalize_vals(self, vals):
        for field_name in CARD_NUMBER_FIELDS:
            if field_name in vals:
                vals[field_name] = self._normalize_number(vals[field_name], field_name)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._normalize_vals(dict(vals)) for vals in vals_list]
        for vals in vals_list:
            if vals.get("partner_id") and vals.get("state", "draft") == "draft":
                vals["state"] = "active"
            if vals.get("state") == "active" and not vals.get("issue_date"):
                vals["issue_date"] = fields.Date.context_today(self)
        cards = super().create(vals_list)
        cards.filtered(lambda card: card.state == "active").partner_id._retail_enrol_member()
        return cards

    def write(self, vals):
        return super().write(self._normalize_vals(dict(vals)))

    @api.constrains(*CARD_NUMBER_FIELDS, "company_id")
    def _check_numbers(self):
        for card in self:
            if not any(card[name] for name in CARD_NUMBER_FIELDS):
                raise ValidationError(self.env._(
                    "A member card needs a barcode, a magnetic stripe number or a chip UID."))
        # a number read by a reader must lead to one card whatever field it was stored in:
        # one search for the whole batch (a stock of 100,000 cards is registered at once)
        numbers = {card[name] for card in self for name in CARD_NUMBER_FIELDS if card[name]}
        holders = self.search([("company_id", "in", self.company_id.ids), *self._number_domain(list(numbers))])
        seen = {}
        for card in holders:
            for number in {card[name] for name in CARD_NUMBER_FIELDS if card[name]}:
                other = seen.setdefault((card.company_id.id, number), card)
                if other != card:
                    raise ValidationError(self.env._(
                        "The number %(number)s is already used by card %(card)s.",
                        number=number, card=other.name if other not in self else card.name))

    @api.constrains("state", "partner_id")
    def _check_owner(self):
        for card in self:
            if card.state != "draft" and not card.partner_id:
                raise ValidationError(self.env._("Card %(card)s must belong to a customer.", card=card.name))

    @api.model
    def _number_domain(self, numbers):
        domain = []
        for field_name in CARD_NUMBER_FIELDS:
            values = list({self._normalize_number(n, field_name) for n in numbers})
            domain = ["|", *domain, (field_name, "in", values)] if domain else [(field_name, "in", values)]
        return domain

    @api.model
    def _find_by_number(self, number, company=None):
        company = company or self.env.company
        if not self._normalize_number(number):
            return self.browse()
        return self.search([("company_id", "=", company.id), *self._number_domain([number])], limit=1)

    def _check_usable(self):
        """Refuse a card that cannot identify a member today, with the reason the cashier needs."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        if self.state == "blocked" and self.block_reason:
            raise UserError(self.env._(
                "Card %(card)s is blocked (%(reason)s). Ask a manager before serving it as a member card.",
                card=self.name, reason=self.block_reason))
        if self.state == "blocked":
            raise UserError(self.env._(
                "Card %(card)s is blocked. Ask a manager before serving it as a member card.", card=self.name))
        if self.state == "lost" and self.replaced_by_id:
            raise UserError(self.env._(
                "Card %(card)s was reported lost and replaced by card %(new_card)s; it can no longer be used.",
                card=self.name, new_card=self.replaced_by_id.name))
        if self.state == "lost":
            raise UserError(self.env._("Card %(card)s was reported lost; it can no longer be used.", card=self.name))
        if self.state == "expired" or (self.expiry_date and self.expiry_date < today):
            raise UserError(self.env._("Card %(card)s expired on %(date)s.", card=self.name,
                                       date=self.expiry_date or ""))

    def action_activate(self, partner=None, branch=None):
        for card in self:
            if card.state != "draft":
                raise UserError(self.env._("Card %(card)s has already been issued.", card=card.name))
            owner = partner or card.partner_id
            if not owner:
                raise UserError(self.env._("Choose the customer who receives card %(card)s.", card=card.name))
            card.write({
                "partner_id": owner.id, "state": "active", "branch_id": branch.id if branch else card.branch_id.id,
                "issue_date": fields.Date.context_today(self),
            })
            owner._retail_enrol_member()
        return True

    def action_block(self):
        self._check_manager()
        self.filtered(lambda card: card.state == "active").write({"state": "blocked"})

    def action_unblock(self):
        self._check_manager()
        self.filtered(lambda card: card.state == "blocked").write({"state": "active", "block_reason": False})

    def _check_manager(self):
        if not self.env.user.has_group("retail_crm.group_retail_manager"):
            raise UserError(self.env._("Only a Retail CRM manager can block or unblock member cards."))

    def action_report_lost(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Replace a Lost Card"),
            "res_model": "retail.member.card.replace",
            "view_mode": "form",
            "target": "new",
            "context": {"default_card_id": self.id},
        }

    def _replace_with(self, vals):
        """Mark this card lost and issue its replacement to the same customer; history stays on the customer."""
        self.ensure_one()
        if self.state not in ("active", "blocked"):
            raise UserError(self.env._("Only an active or blocked card can be replaced."))
        new_card = self.create({
            **vals, "partner_id": self.partner_id.id, "company_id": self.company_id.id,
            "state": "active", "replaces_id": self.id, "expiry_date": self.expiry_date,
        })
        self.write({"state": "lost", "replaced_by_id": new_card.id})
        return new_card

    @api.model
    def _cron_expire_cards(self):
        expired = self.search([("state", "=", "active"), ("expiry_date", "<", fields.Date.context_today(self))])
        expired.write({"state": "expired"})

    # ------------------------------------------------------------------ point of sale
    @api.model
    def retail_pos_find_card(self, number, config_id):
        """A card read at the till: the customer to put on the order, False for a number no card
        has (the till then treats it as any unknown barcode), or a clear refusal."""
        config = self.env["pos.config"].browse(config_id)
        card = self._find_by_number(number, config.company_id)
        if not card:
            return False
        if card.state == "draft":
            return {"card_id": card.id, "card_name": card.name, "state": "draft", "partner_id": False}
        card._check_usable()
        return {"card_id": card.id, "card_name": card.name, "state": card.state, "partner_id": card.partner_id.id}

    @api.model
    def retail_pos_activate_card(self, card_id, partner_id, config_id):
        card = self.browse(card_id).exists()
        if not card:
            raise UserError(self.env._("This card no longer exists."))
        card.action_activate(self.env["res.partner"].browse(partner_id), self.env["pos.config"].browse(config_id))
        return {"card_id": card.id, "card_name": card.name, "state": card.state, "partner_id": partner_id}
