from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import ValidationError

from .questionnaire_common import RetailQuestionnaireCase


class TestQuestionnaire(RetailQuestionnaireCase):

    def test_repeat_question_due_for_member_of_flagged_group_and_its_subgroups(self):
        direct = self._customer("VIP trực tiếp", self.vip)
        sub_group = self._customer("VIP Hà Nội", self.vip_hanoi)
        other = self._customer("Khách sỉ", self.wholesale)
        questions = self.env["retail.question"]
        self.assertEqual(questions._repeat_questions_due(direct), self.satisfaction)
        self.assertEqual(questions._repeat_questions_due(sub_group), self.satisfaction, "child_of the group")
        self.assertFalse(questions._repeat_questions_due(other))

    def test_repeat_question_only_asked_within_its_period(self):
        customer = self._customer("VIP theo kỳ", self.vip)
        questions = self.env["retail.question"]
        before = fields.Datetime.now() - timedelta(days=11)
        after = fields.Datetime.now() + timedelta(days=11)
        self.assertFalse(questions._repeat_questions_due(customer, now=before))
        self.assertFalse(questions._repeat_questions_due(customer, now=after))
        self.assertTrue(questions._repeat_questions_due(customer))
        self.satisfaction.active = False
        self.assertFalse(questions._repeat_questions_due(customer), "an archived question is not asked")

    def test_repeat_question_asked_at_most_once_per_interval(self):
        customer = self._customer("VIP trả lời", self.vip)
        questions = self.env["retail.question"]
        self.env["retail.answer"].create({
            "partner_id": customer.id, "question_id": self.satisfaction.id,
            "date": fields.Datetime.now() - timedelta(days=5), "option_ids": [Command.set(self.happy.ids)],
        })
        self.assertFalse(questions._repeat_questions_due(customer), "answered 5 days ago, interval 30 days")
        self.satisfaction.repeat_interval_days = 5
        self.assertEqual(questions._repeat_questions_due(customer), self.satisfaction)

    def test_registration_form_for_the_till_lists_questions_with_choices(self):
        customer = self._customer("Khách mới")
        heard = self.env["retail.question"].create({
            "name": "Test: heard from", "question_type": "simple_choice", "is_registration": True,
            "option_ids": [Command.create({"name": "Facebook"}), Command.create({"name": "Friends"})],
        })
        form = self.env["retail.question"].retail_pos_questions(customer.id, "registration")
        entry = next(item for item in form if item["id"] == heard.id)
        self.assertEqual(entry["question_type"], "simple_choice")
        self.assertEqual([option["name"] for option in entry["options"]], ["Facebook", "Friends"])
        self.assertNotIn(self.satisfaction.id, [item["id"] for item in form], "a repeat-only question")
        vip = self._customer("VIP quầy", self.vip)
        due = self.env["retail.question"].retail_pos_questions(vip.id, "repeat")
        self.assertEqual([item["id"] for item in due], [self.satisfaction.id])

    def test_answer_values_by_question_type(self):
        customer = self._customer("Khách trả lời")
        answer_model = self.env["retail.answer"]
        cases = [
            ("char_box", "Giáo viên", "Giáo viên"),
            ("numerical_box", 4, "4"),
            ("date", "2026-02-14", "2026-02-14"),
            ("yes_no", True, "Yes"),
            ("yes_no", False, "No"),
        ]
        for kind, value, shown in cases:
            question = self.env["retail.question"].create({"name": f"Test {kind}", "question_type": kind})
            answer = answer_model.create({
                "partner_id": customer.id, "question_id": question.id,
                **answer_model._prepare_value_vals(question, value),
            })
            self.assertEqual(answer.value_display, shown, kind)
        services = self.env["retail.question"].create({
            "name": "Test services", "question_type": "multiple_choice",
            "option_ids": [Command.create({"name": "Massage"}), Command.create({"name": "Facial"})],
        })
        answer = answer_model.create({
            "partner_id": customer.id, "question_id": services.id,
            **answer_model._prepare_value_vals(services, services.option_ids.ids),
        })
        self.assertEqual(answer.value_display, "Massage, Facial")
        self.assertEqual(len(customer.retail_answer_ids), 6)

    def test_choice_questions_need_choices_and_answers_their_own_choices(self):
        with self.assertRaises(ValidationError):
            self.env["retail.question"].create({"name": "Test empty choice", "question_type": "simple_choice"})
        other = self.env["retail.question"].create({
            "name": "Test other", "question_type": "simple_choice", "option_ids": [Command.create({"name": "X"})],
        })
        customer = self._customer("Khách sai lựa chọn")
        with self.assertRaises(ValidationError):
            self.env["retail.answer"].create({
                "partner_id": customer.id, "question_id": self.satisfaction.id,
                "option_ids": [Command.set(other.option_ids.ids)],
            })
        with self.assertRaises(ValidationError):
            self.env["retail.answer"].create({
                "partner_id": customer.id, "question_id": self.satisfaction.id,
                "option_ids": [Command.set((self.happy | self.unhappy).ids)],
            })
        with self.assertRaises(ValidationError):
            self.satisfaction.write({"repeat_date_from": self.today, "repeat_date_to": self.today - timedelta(days=1)})

    def test_answers_given_at_the_till_are_stored_with_the_order(self):
        customer = self._customer("VIP tại quầy", self.vip)
        order = self._sell(customer, answers=[{"question_id": self.satisfaction.id, "value": self.happy.id}])
        answer = order.retail_answer_ids
        self.assertEqual(len(answer), 1)
        self.assertEqual((answer.partner_id, answer.question_id, answer.option_ids),
                         (customer, self.satisfaction, self.happy))
        self.assertEqual((answer.branch_id, answer.company_id, answer.source), (self.branch, self.company, "pos"))
        self.assertEqual(answer.date, order.date_order)
        self.assertFalse(self.env["retail.question"]._repeat_questions_due(customer))

    def test_till_answers_survive_a_later_sync_without_duplicates(self):
        customer = self._customer("VIP ngoại tuyến", self.vip)
        answers = [{"question_id": self.satisfaction.id, "value": self.unhappy.id},
                   {"question_id": self.satisfaction.id + 100000, "value": "gone"},
                   {"question_id": self.satisfaction.id, "value": ""}]
        data = self._order_data(customer, 100000, state="draft", answers=answers)
        draft = self._sync(data)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(len(draft.retail_answer_ids), 1, "an unknown question and a blank answer are left out")
        paid = self._sync({**self._order_data(customer, 100000, answers=answers),
                           "uuid": data["uuid"], "access_token": draft.access_token})
        self.assertEqual(paid, draft)
        self.assertEqual(paid.state, "paid")
        self.assertEqual(len(paid.retail_answer_ids), 1, "synced again: still one answer")
        self.assertEqual(paid.retail_answer_ids.option_ids, self.unhappy)

    def test_order_without_customer_keeps_no_answers(self):
        order = self._sell(self.env["res.partner"], answers=[{"question_id": self.satisfaction.id,
                                                               "value": self.happy.id}])
        self.assertFalse(order.retail_answer_ids)

    @freeze_time("2026-03-01 10:00:00")
    def test_question_without_groups_or_period_is_asked_to_everyone(self):
        everyone = self.env["retail.question"].create({
            "name": "Test: anyone", "question_type": "yes_no", "is_repeat": True, "repeat_interval_days": 7,
        })
        customer = self._customer("Khách bất kỳ")
        self.assertEqual(self.env["retail.question"]._repeat_questions_due(customer), everyone)
