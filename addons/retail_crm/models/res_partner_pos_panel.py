from odoo import api, fields, models
from odoo.tools import html2plaintext

PANEL_RECENT_ORDERS = 5
PANEL_FAVOURITE_PRODUCTS = 5
PANEL_FAVOURITE_WINDOW_ORDERS = 50
PAID_POS_STATES = ("paid", "done", "invoiced")


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _retail_panel_recent_orders(self):
        orders = self.env["pos.order"].search(
            [("partner_id", "=", self.id), ("state", "in", PAID_POS_STATES)],
            order="date_order desc, id desc", limit=PANEL_RECENT_ORDERS,
        )
        return [{
            "id": order.id,
            "name": order.pos_reference or order.name,
            "date": fields.Datetime.to_string(order.date_order),
            "branch": order.config_id.name,
            "amount_total": order.amount_total,
            "lines": ", ".join(line.full_product_name or line.product_id.display_name for line in order.lines[:3]),
        } for order in orders]

    def _retail_panel_favourite_products(self):
        """The products bought most (by quantity) over the customer's last orders, one query."""
        self.env.flush_all()
        self.env.cr.execute("""
            WITH recent AS (
                SELECT id FROM pos_order
                 WHERE partner_id = %(partner)s AND state IN %(states)s
                 ORDER BY date_order DESC LIMIT %(window)s
            )
            SELECT line.product_id, SUM(line.qty) AS qty, COUNT(DISTINCT line.order_id) AS orders
              FROM pos_order_line line JOIN recent ON recent.id = line.order_id
             GROUP BY line.product_id
            HAVING SUM(line.qty) > 0
             ORDER BY orders DESC, qty DESC, line.product_id
             LIMIT %(limit)s
        """, {"partner": self.id, "states": PAID_POS_STATES, "window": PANEL_FAVOURITE_WINDOW_ORDERS,
              "limit": PANEL_FAVOURITE_PRODUCTS})
        rows = self.env.cr.fetchall()
        products = {product.id: product for product in self.env["product.product"].browse([r[0] for r in rows])}
        return [{"product_id": product_id, "name": products[product_id].display_name, "qty": qty, "orders": count}
                for product_id, qty, count in rows]

    def _retail_panel_answers(self):
        """The latest answer to each question."""
        latest = {}
        for answer in self.retail_answer_ids.sorted("date", reverse=True):
            latest.setdefault(answer.question_id, answer)
        return [{
            "question": question.name,
            "answer": answer.value_display or "",
            "date": fields.Datetime.to_string(answer.date),
        } for question, answer in sorted(latest.items(), key=lambda item: (item[0].sequence, item[0].id))]

    def _retail_panel_open_cases(self):
        cases = self.env["retail.case"].search([("partner_id", "=", self.id), ("is_open", "=", True)])
        return [case._prepare_pos_case() for case in cases]

    def _prepare_retail_pos_panel(self):
        self.ensure_one()
        return {
            "partner_id": self.id,
            "name": self.display_name,
            "notes": html2plaintext(self.comment or "").strip(),
            "recent_orders": self._retail_panel_recent_orders(),
            "favourite_products": self._retail_panel_favourite_products(),
            "answers": self._retail_panel_answers(),
            "open_cases": self._retail_panel_open_cases(),
        }

    @api.model
    def retail_pos_customer_panel(self, partner_id):
        """What the till's customer panel shows, for one customer, on demand."""
        partner = self.browse(partner_id).exists()
        return partner._prepare_retail_pos_panel() if partner else {}
