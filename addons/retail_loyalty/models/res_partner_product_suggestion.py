from itertools import chain, zip_longest

from odoo import api, fields, models
from odoo.tools import SQL

from ..report.retail_product_association import PAID_POS_STATES, SOLD_LINE_SQL

SUGGESTION_LIMIT = 5
# association rules read per customer before the products' availability is checked
ASSOCIATION_CANDIDATES = 50

# Every product the customer ever bought (sold lines as the association job counts them), with the
# bills, first and last purchase over the analysed months.
CUSTOMER_PRODUCTS_SQL = """
    SELECT sold.product_id,
           count(DISTINCT sold.order_id) FILTER (WHERE sold.date_order >= %(since)s) AS bills,
           min(sold.date_order) FILTER (WHERE sold.date_order >= %(since)s) AS first_date,
           max(sold.date_order) FILTER (WHERE sold.date_order >= %(since)s) AS last_date
      FROM (""" + SOLD_LINE_SQL + """
            AND o.partner_id = %(partner)s AND o.company_id = %(company)s AND o.date_order < %(now)s) sold
     GROUP BY sold.product_id
"""

# The best rule towards each product the customer never bought, from a product they bought.
ASSOCIATED_PRODUCTS_SQL = """
    SELECT consequent_id, antecedent_id, score
      FROM (SELECT DISTINCT ON (r.consequent_id) r.consequent_id, r.antecedent_id, r.score
              FROM retail_product_association r
             WHERE r.company_id = %(company)s
               AND r.antecedent_id = ANY(%(bought)s)
               AND r.consequent_id <> ALL(%(bought)s)
               AND r.lift > 1
             ORDER BY r.consequent_id, r.score DESC, r.antecedent_id) best
     ORDER BY score DESC, consequent_id
     LIMIT %(candidates)s
"""


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _retail_repeat_purchases(self, rows, now):
        """The customer's repeat purchases from their products' rows: bought on two bills or more over
        the analysed months, due when the usual time between two purchases has passed since the last."""
        repeats = []
        for product_id, bills, first_date, last_date in rows:
            if (bills or 0) < 2:
                continue
            interval_days = max(1.0, (last_date - first_date).total_seconds() / 86400 / (bills - 1))
            repeats.append({
                "product_id": product_id, "kind": "repeat", "bill_count": bills, "last_date": last_date,
                "interval_days": interval_days,
                "due": (now - last_date).total_seconds() / 86400 >= interval_days,
            })
        return sorted(repeats, key=lambda repeat: (-repeat["bill_count"], -repeat["last_date"].timestamp(),
                                                   repeat["product_id"]))

    def _retail_associated_products(self, company, bought_ids):
        if not bought_ids:
            return []
        self.env.cr.execute(SQL(ASSOCIATED_PRODUCTS_SQL, company=company.id, bought=list(bought_ids),
                                candidates=ASSOCIATION_CANDIDATES))
        return [{"product_id": product_id, "kind": "association", "because_id": antecedent_id, "score": score,
                 "due": False}
                for product_id, antecedent_id, score in self.env.cr.fetchall()]

    @api.model
    def _retail_rank_suggestions(self, repeats, associations, limit):
        """Repeat purchases that are due first; then, in turn, the best product customers with similar
        bills buy and the next regular purchase, so that the short list shows both."""
        due = [repeat for repeat in repeats if repeat["due"]]
        regular = [repeat for repeat in repeats if not repeat["due"]]
        alternated = [suggestion for suggestion in chain.from_iterable(zip_longest(associations, regular))
                      if suggestion]
        return (due + alternated)[:limit]

    def _retail_suggestion_reason(self, suggestion, products):
        if suggestion["kind"] == "association":
            return self.env._("Customers who buy %(product)s also buy this",
                              product=products[suggestion["because_id"]].display_name)
        if suggestion["due"]:
            return self.env._("Bought regularly, about every %(days)s days: due again",
                              days=round(suggestion["interval_days"]))
        return self.env._("Bought regularly: on %(count)s bills", count=suggestion["bill_count"])

    def _retail_product_suggestions(self, company, product_domain, limit=SUGGESTION_LIMIT, now=None):
        """A short list of products the customer is likely to buy, best first, each with the reason:
        their own repeat purchases and the association rules from products they bought towards products
        they never bought. Only products matching ``product_domain`` (sellable where they are shown).
        Two queries on the customer's own lines and the rules, whatever their history's length."""
        self.ensure_one()
        now = now or fields.Datetime.now()
        association = self.env["retail.product.association"]
        Product = self.env["product.product"]
        self.env.flush_all()
        self.env.cr.execute(SQL(
            CUSTOMER_PRODUCTS_SQL, states=PAID_POS_STATES, since=association._retail_since(now), now=now,
            partner=self.id, company=company.id, excluded=Product._retail_unsuggested_products_sql()))
        rows = self.env.cr.fetchall()
        repeats = self._retail_repeat_purchases(rows, now)
        associations = self._retail_associated_products(company, {row[0] for row in rows})
        candidate_ids = {suggestion["product_id"] for suggestion in repeats + associations}
        available = Product.search([("id", "in", list(candidate_ids)), ("retail_no_points", "=", False),
                                    *product_domain])
        ranked = self._retail_rank_suggestions(
            [repeat for repeat in repeats if repeat["product_id"] in available.ids],
            [rule for rule in associations if rule["product_id"] in available.ids], limit)
        products = {product.id: product for product in Product.browse(
            [suggestion["product_id"] for suggestion in ranked]
            + [suggestion["because_id"] for suggestion in ranked if suggestion.get("because_id")])}
        return [{
            "product_id": suggestion["product_id"],
            "name": products[suggestion["product_id"]].display_name,
            "kind": suggestion["kind"],
            "due": suggestion["due"],
            "reason": self._retail_suggestion_reason(suggestion, products),
        } for suggestion in ranked]

    def _retail_portal_product_suggestions(self, limit=SUGGESTION_LIMIT):
        """The member's suggestions on their portal and at the kiosk: products sold at the shop's tills."""
        company = self.env.company
        domain = [*self.env["product.product"]._check_company_domain(company), ("active", "=", True),
                  ("sale_ok", "=", True), ("available_in_pos", "=", True)]
        return self._retail_product_suggestions(company, domain, limit)

    @api.model
    def retail_pos_product_suggestions(self, partner_id, config_id, limit=SUGGESTION_LIMIT):
        """What the till suggests for the order's customer, asked when the customer is set: products
        this point of sale sells."""
        self.env["pos.order"].check_access("read")
        partner = self.browse(partner_id).exists()
        config = self.env["pos.config"].browse(config_id).exists()
        if not partner or not config:
            return []
        return partner._retail_product_suggestions(
            config.company_id, config._get_available_product_domain(), min(int(limit), 20))
