from odoo import Command
from odoo.exceptions import AccessError

from .questionnaire_common import RetailQuestionnaireCase


class TestQuestionnaireAccess(RetailQuestionnaireCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users = cls.env["res.users"].with_context(no_reset_password=True)

        def make(login, group):
            return users.create({
                "name": login, "login": login, "company_id": cls.company.id,
                "company_ids": [Command.set(cls.company.ids)],
                "groups_id": [Command.set([cls.env.ref(group).id])],
            })

        cls.staff = make("retail_c_staff", "retail_crm.group_retail_user")
        cls.analyst = make("retail_c_analyst", "retail_crm.group_retail_analyst")
        cls.manager = make("retail_c_manager", "retail_crm.group_retail_manager")
        cls.customer = cls._customer("Khách phân quyền", cls.vip)

    def test_user_enters_answers_and_cases_but_does_not_configure_questions(self):
        answer = self.env["retail.answer"].with_user(self.staff).create({
            "partner_id": self.customer.id, "question_id": self.satisfaction.id,
            "option_ids": [Command.set(self.happy.ids)],
        })
        self.assertEqual(answer.company_id, self.company)
        case = self.env["retail.case"].with_user(self.staff).create({"name": "Yêu cầu", "partner_id": self.customer.id})
        case.with_user(self.staff).state = "in_progress"
        self.assertEqual(case.state, "in_progress")
        with self.assertRaises(AccessError):
            self.env["retail.question"].with_user(self.staff).create({"name": "Câu hỏi", "question_type": "char_box"})
        with self.assertRaises(AccessError):
            self.satisfaction.with_user(self.staff).name = "Đổi tên"

    def test_manager_configures_questions(self):
        question = self.env["retail.question"].with_user(self.manager).create({
            "name": "Nghề nghiệp", "question_type": "char_box",
        })
        question.with_user(self.manager).is_repeat = True
        self.assertTrue(question.is_repeat)

    def test_analyst_reads_answers_cases_timeline_and_analysis_only(self):
        self._sell(self.customer, answers=[{"question_id": self.satisfaction.id, "value": self.happy.id}])
        self.env["retail.case"].create({"name": "Khiếu nại", "partner_id": self.customer.id})
        self.env.flush_all()
        as_analyst = self.env(user=self.analyst)
        self.assertEqual(len(as_analyst["retail.answer"].search([("partner_id", "=", self.customer.id)])), 1)
        self.assertTrue(as_analyst["retail.customer.timeline"].search([("partner_id", "=", self.customer.id)]))
        self.assertTrue(as_analyst["retail.answer.report"].search([("partner_id", "=", self.customer.id)]))
        self.assertEqual(len(as_analyst["retail.case"].search([("partner_id", "=", self.customer.id)])), 1)
        with self.assertRaises(AccessError):
            as_analyst["retail.answer"].create({"partner_id": self.customer.id, "question_id": self.satisfaction.id})
        with self.assertRaises(AccessError):
            as_analyst["retail.case"].create({"name": "Không được", "partner_id": self.customer.id})

    def test_other_company_answers_and_cases_are_hidden(self):
        other = self.env["res.company"].create({"name": "Công ty khác"})
        self.env["retail.answer"].create({
            "partner_id": self.customer.id, "question_id": self.satisfaction.id, "company_id": other.id,
            "option_ids": [Command.set(self.happy.ids)],
        })
        self.env["retail.case"].create({
            "name": "Chi nhánh khác", "partner_id": self.customer.id, "company_id": other.id,
        })
        foreign_question = self.env["retail.question"].create({
            "name": "Câu hỏi công ty khác", "question_type": "char_box", "company_id": other.id,
        })
        as_staff = self.env(user=self.staff)
        self.assertFalse(as_staff["retail.answer"].search([("partner_id", "=", self.customer.id)]))
        self.assertFalse(as_staff["retail.case"].search([("partner_id", "=", self.customer.id)]))
        self.assertNotIn(foreign_question, as_staff["retail.question"].search([]))
        self.assertIn(self.satisfaction, as_staff["retail.question"].search([]))
