from uuid import uuid4

from odoo import fields

from .common_analytics import RetailAnalyticsCase


class RetailSuggestionCase(RetailAnalyticsCase):
    """Bills sold at the Hoàn Kiếm till at any time, and the thresholds of the association job set
    explicitly (one month of sales, 5 % support, 20 % confidence, 3 bills)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # HttpCase keeps its HTTP session in ``session``: the branch's POS session has its own name
        cls.pos_session = cls.session
        cls.thresholds = {"months": 1, "min_support": 5.0, "min_confidence": 20.0, "min_bills": 3}
        params = cls.env["ir.config_parameter"].sudo()
        for name, value in cls.thresholds.items():
            params.set_param(f"retail_loyalty.association_{name}", value)

    @classmethod
    def _goods_for_sale(cls, name, price=100000, **values):
        return cls.env["product.product"].create({
            "name": name, "type": "consu", "available_in_pos": True, "list_price": price,
            "taxes_id": [fields.Command.clear()], "company_id": cls.company.id, **values,
        })

    @classmethod
    def _sell_bill(cls, partner, lines, date, state="paid"):
        """A bill of ``lines`` [(product, qty, unit price[, other line values])] at the till, dated ``date``
        (naive UTC)."""
        order_lines = [fields.Command.create({
            "product_id": product.id, "qty": qty, "price_unit": price, "discount": 0,
            "price_subtotal": qty * price, "price_subtotal_incl": qty * price, "tax_ids": [(6, 0, [])],
            "pack_lot_ids": [], **(other[0] if other else {}),
        }) for product, qty, price, *other in lines]
        amount = sum(qty * price for _product, qty, price, *_other in lines)
        uuid = str(uuid4())
        data = {
            "amount_paid": amount if state == "paid" else 0, "amount_return": 0, "amount_tax": 0,
            "amount_total": amount, "date_order": fields.Datetime.to_string(date), "fiscal_position_id": False,
            "pricelist_id": cls.branch.pricelist_id.id, "name": f"Order {uuid}", "last_order_preparation_change": "{}",
            "lines": order_lines, "partner_id": partner.id if partner else False, "session_id": cls.pos_session.id,
            "sequence_number": 1, "uuid": uuid, "user_id": cls.env.uid, "to_invoice": False, "state": state,
            "payment_ids": [fields.Command.create({
                "amount": amount, "name": fields.Datetime.now(), "payment_method_id": cls.cash.id,
            })] if state == "paid" else [],
        }
        result = cls.env["pos.order"].sync_from_ui([data])
        return cls.env["pos.order"].browse(result["pos.order"][0]["id"])

    @classmethod
    def _rule(cls, antecedent, consequent, confidence, lift, bills=10):
        """A rule as the job would have stored it (the suggestions read the rules, however computed)."""
        return cls.env["retail.product.association"].create({
            "company_id": cls.company.id, "antecedent_id": antecedent.id, "consequent_id": consequent.id,
            "bill_count": bills, "confidence": confidence, "lift": lift, "score": confidence * lift,
        })
