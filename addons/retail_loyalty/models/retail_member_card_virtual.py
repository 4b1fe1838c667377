from odoo import api, fields, models

VIRTUAL_CARD_SEQUENCE = "retail.member.card.virtual"


class RetailMemberCard(models.Model):
    """A virtual member card: no plastic, its barcode and QR code are shown on the member's phone
    (customer portal) and scanned at the till like a printed card."""

    _inherit = "retail.member.card"

    is_virtual = fields.Boolean(
        string="Virtual", readonly=True, copy=False,
        help="Issued online (website sign-up): shown on the member's phone, never printed nor stocked.")

    @api.model
    def _retail_issue_virtual(self, partner, company=None):
        """Issue and activate a virtual card for ``partner`` (the activation notice goes out through
        the card's activation event). A member who already holds a usable card gets none."""
        company = company or partner.company_id or self.env.company
        cards = self.sudo().with_company(company)
        if cards.search_count([("partner_id", "=", partner.id), ("company_id", "=", company.id),
                               ("state", "=", "active")], limit=1):
            return cards.browse()
        number = cards._retail_next_virtual_number(company)
        card = cards.create({"barcode": number, "company_id": company.id, "is_virtual": True})
        card.action_activate(partner)
        return card

    @api.model
    def _retail_next_virtual_number(self, company):
        """The next number of the virtual card sequence that no card of ``company`` holds yet
        (stock cards registered by hand may have taken one)."""
        sequence = self.env["ir.sequence"].sudo()
        while True:
            number = sequence.next_by_code(VIRTUAL_CARD_SEQUENCE)
            if not self._find_by_number(number, company):
                return number
