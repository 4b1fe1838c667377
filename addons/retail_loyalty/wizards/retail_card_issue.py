from odoo import api, fields, models
from odoo.exceptions import UserError

MAX_CARDS_PER_BATCH = 100000


class RetailCardIssue(models.TransientModel):
    """Register a range of pre-printed card stock as not-yet-issued cards."""

    _name = "retail.card.issue"
    _description = "Register Pre-printed Member Cards"

    prefix = fields.Char(help="Printed before the running number, e.g. SEN-")
    first_number = fields.Integer(required=True, default=1)
    last_number = fields.Integer(required=True, default=100)
    padding = fields.Integer(default=6, help="Digits of the running number, zero-filled.")
    number_field = fields.Selection(
        [("barcode", "Printed barcode"), ("magstripe_number", "Magnetic stripe number"), ("chip_uid", "Chip UID")],
        default="barcode", required=True, string="The Number Is")
    expiry_date = fields.Date()
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    preview = fields.Char(compute="_compute_preview")

    @api.depends("prefix", "first_number", "last_number", "padding")
    def _compute_preview(self):
        for wizard in self:
            wizard.preview = self.env._(
                "%(count)s cards, %(first)s … %(last)s", count=max(0, wizard.last_number - wizard.first_number + 1),
                first=wizard._number(wizard.first_number), last=wizard._number(wizard.last_number))

    def _number(self, running_number):
        return f"{self.prefix or ''}{str(running_number).zfill(self.padding or 0)}"

    def _card_numbers(self):
        count = self.last_number - self.first_number + 1
        if self.first_number < 0 or count < 1:
            raise UserError(self.env._("The last number must not be lower than the first one."))
        if count > MAX_CARDS_PER_BATCH:
            raise UserError(self.env._("Register at most %(max)s cards at a time.", max=MAX_CARDS_PER_BATCH))
        return [self._number(n) for n in range(self.first_number, self.last_number + 1)]

    def action_issue(self):
        self.ensure_one()
        numbers = self._card_numbers()
        cards = self.env["retail.member.card"]
        existing = cards.search([("company_id", "=", self.company_id.id), *cards._number_domain(numbers)], limit=5)
        if existing:
            raise UserError(self.env._(
                "Some of these numbers are already on cards: %(cards)s. Nothing was registered.",
                cards=", ".join(existing.mapped("name"))))
        created = cards.create([
            {self.number_field: number, "company_id": self.company_id.id, "expiry_date": self.expiry_date}
            for number in numbers
        ])
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Registered Cards"),
            "res_model": "retail.member.card",
            "view_mode": "list,form",
            "domain": [("id", "in", created.ids)],
        }
