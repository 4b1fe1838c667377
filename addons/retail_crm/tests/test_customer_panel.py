from odoo import Command

from .questionnaire_common import RetailQuestionnaireCase


class TestCustomerPanel(RetailQuestionnaireCase):

    def test_panel_shows_recent_purchases_favourites_notes_answers_and_open_cases(self):
        customer = self._customer("Khách quen", self.vip, comment="<p>Thích trà gừng</p>")
        serum = self.env.ref("retail_crm.demo_product_cos_serum")
        self._sell(customer, 520000, product=serum)
        self._sell(customer, 520000, product=serum)
        last = self._sell(customer, 100000, answers=[{"question_id": self.satisfaction.id, "value": self.happy.id}])
        open_case = self.env["retail.case"].create({"name": "Hẹn lịch", "partner_id": customer.id})
        self.env["retail.case"].create({"name": "Đã xong", "partner_id": customer.id, "state": "done"})

        panel = self.env["res.partner"].retail_pos_customer_panel(customer.id)

        self.assertEqual(panel["name"], "Khách quen")
        self.assertEqual(len(panel["recent_orders"]), 3)
        self.assertEqual(panel["recent_orders"][0]["id"], last.id, "newest first")
        self.assertEqual(panel["recent_orders"][0]["branch"], self.branch.name)
        self.assertEqual(panel["favourite_products"][0]["product_id"], serum.id, "bought on two orders")
        self.assertEqual(panel["favourite_products"][0]["qty"], 2)
        self.assertEqual(panel["notes"], "Thích trà gừng")
        self.assertEqual(panel["answers"], [{
            "question": self.satisfaction.name, "answer": "Happy",
            "date": panel["answers"][0]["date"],
        }])
        self.assertEqual([case["id"] for case in panel["open_cases"]], [open_case.id], "solved cases are left out")

    def test_panel_keeps_the_latest_answer_per_question(self):
        customer = self._customer("Khách trả lời hai lần", self.vip)
        answers = self.env["retail.answer"].create([
            {"partner_id": customer.id, "question_id": self.satisfaction.id, "date": "2026-01-01 10:00:00",
             "option_ids": [Command.set(self.unhappy.ids)]},
            {"partner_id": customer.id, "question_id": self.satisfaction.id, "date": "2026-02-01 10:00:00",
             "option_ids": [Command.set(self.happy.ids)]},
        ])
        self.assertEqual(len(answers), 2)
        panel = self.env["res.partner"].retail_pos_customer_panel(customer.id)
        self.assertEqual([answer["answer"] for answer in panel["answers"]], ["Happy"])

    def test_panel_of_an_unknown_customer_is_empty(self):
        self.assertEqual(self.env["res.partner"].retail_pos_customer_panel(0), {})
