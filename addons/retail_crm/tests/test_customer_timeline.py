from odoo import fields

from .questionnaire_common import RetailQuestionnaireCase


class TestCustomerTimeline(RetailQuestionnaireCase):

    def test_timeline_lists_receipts_cases_answers_notes_and_calls_with_branch_and_amount(self):
        customer = self._customer("Khách dòng thời gian", self.vip)
        order = self._sell(customer, 250000, answers=[{"question_id": self.satisfaction.id, "value": self.happy.id}])
        case = self.env["retail.case"].create({
            "name": "Khiếu nại", "partner_id": customer.id, "branch_id": self.branch.id,
        })
        customer.message_post(body="Thích phòng yên tĩnh", message_type="comment",
                              subtype_xmlid="mail.mt_note")
        customer.message_post(body="Cảm ơn quý khách", message_type="comment", subtype_xmlid="mail.mt_comment")
        call = customer.activity_schedule("mail.mail_activity_data_call", summary="Gọi chúc mừng")
        call.action_feedback(feedback="Đã gọi")
        self.env.flush_all()

        timeline = self.env["retail.customer.timeline"].search([("partner_id", "=", customer.id)])
        kinds = timeline.mapped("kind")
        for kind in ("pos_order", "case", "answer", "note", "message", "call"):
            self.assertIn(kind, kinds)
        receipt = timeline.filtered(lambda row: row.kind == "pos_order")
        self.assertEqual((receipt.res_id, receipt.branch_id, receipt.amount), (order.id, self.branch, 250000))
        self.assertEqual(timeline.filtered(lambda row: row.kind == "case").res_id, case.id)
        self.assertIn("Happy", timeline.filtered(lambda row: row.kind == "answer").name)
        self.assertIn("Thích phòng yên tĩnh", timeline.filtered(lambda row: row.kind == "note").name)
        self.assertEqual(timeline, timeline.sorted(lambda row: (row.date, row.id), reverse=True), "newest first")
        self.assertEqual(customer.retail_timeline_ids, timeline)
        action = receipt.action_open_document()
        self.assertEqual((action["res_model"], action["res_id"]), ("pos.order", order.id))

    def test_timeline_rows_have_distinct_ids(self):
        customer = self._customer("Khách nhiều dòng")
        self._sell(customer)
        self._sell(customer)
        self.env["retail.case"].create({"name": "Yêu cầu", "partner_id": customer.id})
        self.env.flush_all()
        rows = self.env["retail.customer.timeline"].search_read([("partner_id", "=", customer.id)], ["id"])
        self.assertEqual(len(rows), 3)
        self.assertEqual(len({row["id"] for row in rows}), 3)
        self.assertTrue(all(fields.Datetime.now() >= row.date for row in customer.retail_timeline_ids))
