from uuid import uuid4

from odoo import fields

from .common import RetailLoyaltyCase


class RetailAnalyticsCase(RetailLoyaltyCase):
    """Goods with a cost in two categories, and a second branch (Quận 1) with its own session."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.categ_skin = cls.env["product.category"].create({"name": "Test skin care"})
        cls.categ_hair = cls.env["product.category"].create({"name": "Test hair care"})
        cls.serum = cls._goods("Test serum", cls.categ_skin, price=200000, cost=80000)
        cls.shampoo = cls._goods("Test shampoo", cls.categ_hair, price=120000, cost=70000)
        cls.branch_q1 = cls.env.ref("retail_crm.demo_pos_quan_1")
        cls.branch_q1.retail_tz = "Asia/Ho_Chi_Minh"
        cls.session_q1 = cls.branch_q1.current_session_id or cls.env["pos.session"].create(
            {"config_id": cls.branch_q1.id, "user_id": cls.env.uid})
        cls.cash_q1 = cls.branch_q1.payment_method_ids.filtered("is_cash_count")[:1]

    @classmethod
    def _goods(cls, name, category, price, cost):
        return cls.env["product.product"].create({
            "name": name, "type": "consu", "available_in_pos": True, "list_price": price, "standard_price": cost,
            "categ_id": category.id, "taxes_id": [fields.Command.clear()], "company_id": cls.company.id,
        })

    def _sell_lines(self, partner, lines, local_string, branch=None):
        """A paid order of ``lines`` [(product, qty, unit price, discount %)] at a branch's till."""
        session, cash = (self.session_q1, self.cash_q1) if branch == self.branch_q1 else (self.session, self.cash)
        order_lines = []
        for product, qty, price, discount in lines:
            subtotal = qty * price * (1 - discount / 100)
            order_lines.append((0, 0, {
                "product_id": product.id, "qty": qty, "price_unit": price, "discount": discount,
                "price_subtotal": subtotal, "price_subtotal_incl": subtotal, "tax_ids": [(6, 0, [])],
                "pack_lot_ids": [],
            }))
        amount = sum(line[2]["price_subtotal"] for line in order_lines)
        data = self._order_data(partner, amount, local_string, uuid=str(uuid4()))
        data.update({
            "lines": order_lines, "session_id": session.id, "pricelist_id": session.config_id.pricelist_id.id,
            "payment_ids": [(0, 0, {"amount": amount, "name": fields.Datetime.now(), "payment_method_id": cash.id})],
        })
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])
