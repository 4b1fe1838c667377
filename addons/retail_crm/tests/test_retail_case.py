from datetime import timedelta

from .questionnaire_common import RetailQuestionnaireCase


class TestRetailCase(RetailQuestionnaireCase):

    def _follow_ups(self, case):
        return case.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_todo"))

    def test_deadline_schedules_a_follow_up_activity_for_the_assignee(self):
        customer = self._customer("Khách khiếu nại")
        user = self.env.ref("base.user_admin")
        case = self.env["retail.case"].create({
            "name": "Dịch vụ chậm", "partner_id": customer.id, "case_type": "complaint",
            "user_id": user.id, "date_deadline": self.today + timedelta(days=3),
        })
        activity = self._follow_ups(case)
        self.assertEqual(len(activity), 1)
        self.assertEqual((activity.user_id, activity.date_deadline), (user, self.today + timedelta(days=3)))
        case.date_deadline = self.today + timedelta(days=7)
        self.assertEqual(self._follow_ups(case).date_deadline, self.today + timedelta(days=7), "rescheduled")
        self.assertEqual(len(self._follow_ups(case)), 1)
        case.action_set_done()
        self.assertFalse(self._follow_ups(case), "a solved case has no follow-up left")
        self.assertFalse(case.is_open)

    def test_case_without_deadline_has_no_reminder_and_counts_as_open(self):
        customer = self._customer("Khách yêu cầu")
        case = self.env["retail.case"].create({"name": "Xin hoá đơn", "partner_id": customer.id})
        self.assertFalse(self._follow_ups(case))
        self.assertEqual(customer.retail_open_case_count, 1)
        action = customer.action_retail_view_cases()
        self.assertEqual(self.env["retail.case"].search(action["domain"]), case)

    def test_order_sets_the_branch_of_a_backend_case(self):
        customer = self._customer("Khách có đơn")
        order = self._sell(customer)
        case = self.env["retail.case"].new({"name": "Đổi hàng", "partner_id": customer.id, "order_id": order.id})
        case._onchange_order_id()
        self.assertEqual(case.branch_id, self.branch)

    def test_request_from_the_till_is_linked_to_its_order_when_synced(self):
        customer = self._customer("Khách tại quầy")
        data = self._order_data(customer, 100000)
        created = self.env["retail.case"].retail_pos_create_case({
            "name": "Gọi lại về thẻ quà tặng", "partner_id": customer.id, "case_type": "request",
            "date_deadline": str(self.today + timedelta(days=2)), "order_uuid": data["uuid"],
        }, self.branch.id)
        case = self.env["retail.case"].browse(created["id"])
        self.assertEqual((case.source, case.branch_id, case.company_id), ("pos", self.branch, self.company))
        self.assertFalse(case.order_id, "the order is not on the server yet")
        self.assertEqual(len(self._follow_ups(case)), 1)
        order = self._sync(data)
        self.assertEqual(case.order_id, order)
        self.assertEqual(created["state"], "New")
