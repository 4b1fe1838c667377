from odoo import api, models
from odoo.tools import SQL


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def _retail_unsuggested_products_sql(self):
        """SQL selecting the products that are not goods or services a customer buys for themselves:
        never suggested, and left out of the baskets the association rules are computed from. Prepaid
        value sold (gift cards, Recoin top-ups, product cards) and the technical products of loyalty
        rewards; products marked *Earns No Points* and products not sold at the till are left out by the
        queries themselves. Read inside the suggestion queries, so that it costs no query of its own."""
        return SQL("""
            SELECT rel.product_product_id
              FROM loyalty_rule_product_product_rel rel
              JOIN loyalty_rule rule ON rule.id = rel.loyalty_rule_id
              JOIN loyalty_program program ON program.id = rule.program_id
             WHERE program.program_type IN ('gift_card', 'ewallet')
             UNION ALL
            SELECT discount_line_product_id FROM loyalty_reward WHERE discount_line_product_id IS NOT NULL
             UNION ALL
            SELECT product_id FROM retail_product_card_type WHERE product_id IS NOT NULL
        """)
