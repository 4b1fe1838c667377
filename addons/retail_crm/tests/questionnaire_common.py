import json
from datetime import timedelta
from uuid import uuid4

from odoo import Command, fields
from odoo.tests import TransactionCase


class RetailQuestionnaireCase(TransactionCase):
    """The demo shop's Hoàn Kiếm branch, a VIP sub-group, a repeat question for VIP running today
    (every 30 days) and a registration form; the demo shop's own repeat questions are archived."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("retail_crm.demo_company_sen")
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        cls.branch = cls.env.ref("retail_crm.demo_pos_hoan_kiem")
        cls.today = fields.Date.context_today(cls.env.user)
        cls.vip = cls.env.ref("retail_crm.customer_group_vip")
        cls.vip_hanoi = cls.env["retail.customer.group"].create({"name": "Test VIP Hà Nội", "parent_id": cls.vip.id})
        cls.wholesale = cls.env.ref("retail_crm.customer_group_wholesale")
        cls.env["retail.question"].search([("is_repeat", "=", True)]).active = False
        cls.satisfaction = cls.env["retail.question"].create({
            "name": "Test: how satisfied are you?", "question_type": "simple_choice", "category": "feedback",
            "is_registration": False, "is_repeat": True, "repeat_group_ids": [Command.set(cls.vip.ids)],
            "repeat_date_from": cls.today - timedelta(days=10), "repeat_date_to": cls.today + timedelta(days=10),
            "repeat_interval_days": 30, "company_id": cls.company.id,
            "option_ids": [Command.create({"name": "Happy"}), Command.create({"name": "Unhappy"})],
        })
        cls.happy, cls.unhappy = cls.satisfaction.option_ids
        cls.service = cls.env["product.product"].create({
            "name": "Test facial", "type": "service", "available_in_pos": True, "list_price": 100000,
            "taxes_id": [Command.clear()], "company_id": cls.company.id,
        })
        cls.session = cls.branch.current_session_id or cls.env["pos.session"].create(
            {"config_id": cls.branch.id, "user_id": cls.env.uid})
        cls.cash = cls.branch.payment_method_ids.filtered("is_cash_count")[:1]

    @classmethod
    def _customer(cls, name, groups=None, **vals):
        return cls.env["res.partner"].create({
            "name": name, "retail_group_ids": [Command.set(groups.ids if groups else [])], **vals,
        })

    def _order_data(self, partner, amount, state="paid", answers=None, uuid=None, product=None):
        data = {
            "amount_paid": amount if state == "paid" else 0, "amount_return": 0, "amount_tax": 0,
            "amount_total": amount, "date_order": fields.Datetime.to_string(fields.Datetime.now()),
            "fiscal_position_id": False, "pricelist_id": self.branch.pricelist_id.id,
            "name": f"Order {uuid}", "last_order_preparation_change": "{}",
            "lines": [(0, 0, {
                "product_id": (product or self.service).id, "qty": 1, "price_unit": amount, "discount": 0,
                "price_subtotal": amount, "price_subtotal_incl": amount, "tax_ids": [(6, 0, [])],
                "pack_lot_ids": [],
            })],
            "partner_id": partner.id if partner else False, "session_id": self.session.id,
            "sequence_number": 1, "uuid": uuid or str(uuid4()), "user_id": self.env.uid, "to_invoice": False,
            "payment_ids": [(0, 0, {
                "amount": amount, "name": fields.Datetime.now(), "payment_method_id": self.cash.id,
            })] if state == "paid" else [],
            "state": state,
        }
        if answers is not None:
            data["retail_question_answers"] = json.dumps(answers)
        return data

    def _sync(self, data):
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _sell(self, partner, amount=100000, answers=None, product=None):
        return self._sync(self._order_data(partner, amount, answers=answers, product=product))
