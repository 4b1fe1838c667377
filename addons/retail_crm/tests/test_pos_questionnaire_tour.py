import json
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPosQuestionnaireTour(HttpCase):
    """A customer of the flagged group at the demo shop's till: the repeat question is asked,
    answered and stored on the order; the customer panel shows history and takes a request."""

    def setUp(self):
        super().setUp()
        self.config = self.env.ref("retail_crm.demo_pos_hoan_kiem")
        self.company = self.config.company_id
        # every customer of the test can be picked from the till's customer list
        self.env["ir.config_parameter"].sudo().set_param("point_of_sale.limited_customer_count", 5000)
        # only the tour's question runs, whatever the demo data flags
        self.env["retail.question"].search([("is_repeat", "=", True)]).write({"active": False})
        vip = self.env.ref("retail_crm.customer_group_vip")
        vip_tour = self.env["retail.customer.group"].create({"name": "Tour VIP club", "parent_id": vip.id})
        today = fields.Date.context_today(self.env.user)
        self.question = self.env["retail.question"].create({
            "name": "Tour: which service should we add?",
            "question_type": "simple_choice", "category": "feedback", "is_registration": False,
            "is_repeat": True, "repeat_group_ids": [Command.set(vip.ids)],
            "repeat_date_from": today - timedelta(days=1), "repeat_date_to": today + timedelta(days=1),
            "repeat_interval_days": 30, "company_id": self.company.id,
            "option_ids": [Command.create({"name": "Hot stone massage"}), Command.create({"name": "Sauna"})],
        })
        self.hot_stone = self.question.option_ids.filtered(lambda option: option.name == "Hot stone massage")
        # a member of a sub-group of VIP: asked because the question targets VIP and its children
        self.partner = self.env["res.partner"].create({
            "name": "Tour VIP Phạm Thị Khảo Sát",
            "retail_group_ids": [Command.set(vip_tour.ids)],
            "comment": "<p>Prefers female therapists</p>",
        })
        serum = self.env.ref("retail_crm.demo_product_cos_serum")
        self.past_order = self.env["pos.order.line"].search([
            ("product_id", "=", serum.id), ("order_id.state", "in", ("paid", "done")),
        ], limit=1).order_id
        self.past_order.partner_id = self.partner
        self.case = self.env["retail.case"].create({
            "name": "Lost umbrella", "partner_id": self.partner.id, "case_type": "request",
            "company_id": self.company.id,
        })

    def test_repeat_question_asked_answered_and_stored_on_the_order(self):
        self.assertEqual(self.env["retail.question"]._repeat_questions_due(self.partner), self.question)
        previous_orders = self.env["pos.order"].search([("config_id", "=", self.config.id)])

        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_pos_questionnaire_tour", login="admin")

        order = self.env["pos.order"].search([("config_id", "=", self.config.id)]) - previous_orders
        self.assertEqual(len(order), 1, "the paid order reached the server (the second one stays a draft)")
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.partner_id, self.partner)
        answer = order.retail_answer_ids
        self.assertEqual(len(answer), 1, "the answer is stored on the order")
        self.assertEqual(answer.question_id, self.question)
        self.assertEqual(answer.option_ids, self.hot_stone)
        self.assertEqual(answer.value_display, "Hot stone massage")
        self.assertEqual((answer.partner_id, answer.branch_id, answer.source), (self.partner, self.config, "pos"))
        self.assertEqual(answer.date, order.date_order)
        self.assertEqual(json.loads(order.retail_question_answers),
                         [{"question_id": self.question.id, "value": self.hot_stone.id}])
        self.assertFalse(self.env["retail.question"]._repeat_questions_due(self.partner),
                         "answered: not due again within the interval")

        request = self.env["retail.case"].search([("partner_id", "=", self.partner.id), ("source", "=", "pos")])
        self.assertEqual(request.name, "Call back about a gift card")
        self.assertEqual((request.branch_id, request.order_id), (self.config, order),
                         "the request taken before payment is linked to the order once synced")
        self.assertIn(request, self.partner.retail_case_ids)
