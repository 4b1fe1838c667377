from datetime import datetime
from uuid import uuid4

import pytz

from odoo import fields
from odoo.tests import TransactionCase


class RetailPurchaseCase(TransactionCase):
    """Orders sold at the demo shop's branches through the till's sync path (sync_from_ui)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("retail_crm.demo_company_sen")
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids, tracking_disable=True))
        cls.tz = pytz.timezone("Asia/Ho_Chi_Minh")
        cls.branch = cls.env.ref("retail_crm.demo_pos_hoan_kiem")
        cls.branch_2 = cls.env.ref("retail_crm.demo_pos_cau_giay")
        cls.sessions = {}
        for branch in cls.branch | cls.branch_2:
            cls._session(branch)
        cls.product_a = cls._product("Test massage")
        cls.product_b = cls._product("Test serum")
        cls.product_c = cls._product("Test beer")
        cls.product_d = cls._product("Test peanuts")

    @classmethod
    def _product(cls, name):
        return cls.env["product.product"].create({
            "name": name, "type": "service", "available_in_pos": True, "list_price": 100000,
            "taxes_id": [fields.Command.clear()], "company_id": cls.company.id,
        })

    @classmethod
    def _customer(cls, name, **values):
        return cls.env["res.partner"].create({"name": name, "company_id": cls.company.id, **values})

    @classmethod
    def _session(cls, branch):
        if branch not in cls.sessions:
            cls.sessions[branch] = branch.current_session_id or cls.env["pos.session"].create(
                {"config_id": branch.id, "user_id": cls.env.uid})
        return cls.sessions[branch]

    def _utc(self, local_string):
        local = self.tz.localize(datetime.fromisoformat(local_string))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _sell(self, partner, local_string, lines, branch=None):
        """``lines``: (product, qty, unit price, discount %) tuples; negative quantities make a refund."""
        branch = branch or self.branch
        session = self._session(branch)
        cash = branch.payment_method_ids.filtered("is_cash_count")[:1]
        order_lines, total = [], 0.0
        for product, qty, price, discount in lines:
            subtotal = qty * price * (1 - discount / 100.0)
            total += subtotal
            order_lines.append((0, 0, {
                "product_id": product.id, "qty": qty, "price_unit": price, "discount": discount,
                "price_subtotal": subtotal, "price_subtotal_incl": subtotal, "tax_ids": [(6, 0, [])],
                "pack_lot_ids": [],
            }))
        uuid = str(uuid4())
        data = {
            "amount_paid": total, "amount_return": 0, "amount_tax": 0, "amount_total": total,
            "date_order": fields.Datetime.to_string(self._utc(local_string)),
            "fiscal_position_id": False, "pricelist_id": branch.pricelist_id.id,
            "name": f"Order {uuid}", "last_order_preparation_change": "{}",
            "lines": order_lines,
            "partner_id": partner.id if partner else False, "session_id": session.id,
            "sequence_number": 1, "uuid": uuid, "user_id": self.env.uid, "to_invoice": False,
            "payment_ids": [(0, 0, {
                "amount": total, "name": fields.Datetime.now(), "payment_method_id": cash.id})],
            "state": "paid",
        }
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])
