from odoo import fields, models, tools
from odoo.tools import SQL


class RetailProductCardBalance(models.Model):
    """Units left per card and product: the sum of the ledger, never stored apart from it."""

    _name = "retail.product.card.balance"
    _description = "Product Card Remaining Units"
    _auto = False
    _order = "card_id, product_id"
    _rec_name = "product_id"

    card_id = fields.Many2one("retail.product.card", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    type_id = fields.Many2one("retail.product.card.type", string="Card Type", readonly=True)
    remaining = fields.Integer(string="Units Left", readonly=True)
    value = fields.Monetary(string="Liability Left", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("""
            CREATE VIEW %s AS (
                SELECT MIN(m.id) AS id, m.card_id, m.product_id, c.company_id, c.partner_id, c.type_id,
                       SUM(m.quantity) AS remaining, SUM(m.value) AS value
                  FROM retail_product_card_move m
                  JOIN retail_product_card c ON c.id = m.card_id
              GROUP BY m.card_id, m.product_id, c.company_id, c.partner_id, c.type_id
            )
        """, SQL.identifier(self._table)))
