from odoo import Command

from .questionnaire_common import RetailQuestionnaireCase


class TestAnswerReport(RetailQuestionnaireCase):

    def _rows(self, partners):
        self.env.flush_all()
        return self.env["retail.answer.report"].search([
            ("partner_id", "in", partners.ids), ("question_id", "=", self.satisfaction.id),
        ])

    def test_revenue_by_answer_crossed_with_visit_frequency(self):
        loyal = self._customer("Khách trung thành", self.vip)
        rare = self._customer("Khách hiếm", self.vip)
        occasional = self._customer("Khách thỉnh thoảng", self.vip)
        for _i in range(6):
            self._sell(loyal, 100000)
        self._sell(rare, 300000)
        for _i in range(3):
            self._sell(occasional, 50000)
        answers = [{"question_id": self.satisfaction.id, "value": self.happy.id}]
        self._sell(loyal, 100000, answers=answers)
        self.env["retail.answer"].create([
            {"partner_id": rare.id, "question_id": self.satisfaction.id, "option_ids": [Command.set(self.unhappy.ids)]},
            {"partner_id": occasional.id, "question_id": self.satisfaction.id,
             "option_ids": [Command.set(self.happy.ids)]},
        ])
        rows = self._rows(loyal | rare | occasional)
        by_partner = {row.partner_id: row for row in rows}
        self.assertEqual(len(rows), 3)
        self.assertEqual((by_partner[loyal].frequency, by_partner[loyal].order_count, by_partner[loyal].revenue),
                         ("loyal", 7, 700000))
        self.assertEqual((by_partner[rare].frequency, by_partner[rare].revenue), ("rare", 300000))
        self.assertEqual((by_partner[occasional].frequency, by_partner[occasional].revenue), ("occasional", 150000))
        self.assertEqual(by_partner[loyal].answer_label, "Happy")

        groups = self.env["retail.answer.report"]._read_group(
            [("id", "in", rows.ids)], ["answer_label"], ["revenue:sum", "customer_count:sum"])
        self.assertEqual({label: (revenue, count) for label, revenue, count in groups},
                         {"Happy": (850000, 2), "Unhappy": (300000, 1)})
        pivot = self.env["retail.answer.report"].read_group(
            [("id", "in", rows.ids)], ["revenue:sum"], ["answer_label", "frequency"], lazy=False)
        self.assertEqual(len(pivot), 3, "one cell per answer and frequency")

    def test_latest_answer_counts_once_and_multiple_choice_splits_by_choice(self):
        customer = self._customer("Khách đổi ý", self.vip)
        self._sell(customer, 200000)
        self.env["retail.answer"].create([
            {"partner_id": customer.id, "question_id": self.satisfaction.id, "date": "2026-01-01 10:00:00",
             "option_ids": [Command.set(self.unhappy.ids)]},
            {"partner_id": customer.id, "question_id": self.satisfaction.id, "date": "2026-02-01 10:00:00",
             "option_ids": [Command.set(self.happy.ids)]},
        ])
        rows = self._rows(customer)
        self.assertEqual(rows.mapped("answer_label"), ["Happy"], "the customer's latest answer only")
        services = self.env["retail.question"].create({
            "name": "Test services", "question_type": "multiple_choice",
            "option_ids": [Command.create({"name": "Massage"}), Command.create({"name": "Facial"})],
        })
        self.env["retail.answer"].create({
            "partner_id": customer.id, "question_id": services.id,
            "option_ids": [Command.set(services.option_ids.ids)],
        })
        self.env.flush_all()
        split = self.env["retail.answer.report"].search([("partner_id", "=", customer.id),
                                                         ("question_id", "=", services.id)])
        self.assertEqual(sorted(split.mapped("answer_label")), ["Facial", "Massage"])
        self.assertEqual(split.mapped("revenue"), [200000, 200000])
