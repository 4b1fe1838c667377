from odoo.tests import TransactionCase


class TestQuestionnaireDemo(TransactionCase):
    """The demo shop's questionnaires, answers and cases, and the backend views showing them."""

    def test_demo_has_registration_form_vip_repeat_question_answers_and_cases(self):
        registration = self.env["retail.question"].search([("is_registration", "=", True)])
        self.assertEqual(
            {"char_box", "numerical_box", "simple_choice", "multiple_choice", "yes_no"}
            - set(registration.mapped("question_type")), set(), "every kind of question is on the form")
        repeat = self.env.ref("retail_crm.demo_question_repeat_satisfaction")
        self.assertTrue(repeat.is_repeat)
        self.assertEqual(repeat.repeat_group_ids, self.env.ref("retail_crm.customer_group_vip"))
        self.assertEqual(repeat.repeat_interval_days, 30)
        answers = self.env["retail.answer"].search([("question_id", "in", registration.ids)])
        self.assertGreater(len(answers.partner_id), 30)
        self.assertTrue(all(answer.branch_id and answer.value_display for answer in answers))
        cases = self.env["retail.case"].search([("company_id", "=", self.env.ref("retail_crm.demo_company_sen").id)])
        self.assertGreaterEqual(len(cases), 4)
        self.assertTrue(cases.filtered("is_open").activity_ids, "open cases with a deadline have a reminder")

    def test_partner_form_shows_timeline_questionnaire_and_cases(self):
        arch = self.env["res.partner"].get_views([(False, "form")])["views"]["form"]["arch"]
        for name in ("retail_timeline", "retail_questionnaire", "action_retail_view_cases"):
            self.assertIn(name, arch)
        report_views = self.env["retail.answer.report"].get_views([(False, "pivot"), (False, "graph")])["views"]
        self.assertIn("frequency", report_views["pivot"]["arch"])
        self.assertIn("revenue", report_views["graph"]["arch"])
