"""Demo questionnaires and cases for the demo shop.

A registration form (contact, demographics, preferences), a satisfaction question repeated to the
VIP group during a running promotion (at most every 30 days), answers of the first demo
customers given at their branches, and a few open and solved cases.
Called from demo/retail_questionnaire_demo.xml only; deterministic (fixed seed).
"""
import random
from datetime import timedelta

from odoo import Command, api, fields, models

ANSWERING_CUSTOMERS = 80
REGISTRATION_QUESTIONS = [
    # xml id suffix, name, category, type, choices
    ("heard_from", "How did you hear about us?", "preferences", "simple_choice",
     ["Facebook", "Friends or family", "Walking past", "Google Maps"]),
    ("contact_channel", "Preferred contact channel", "contact", "simple_choice", ["Phone", "Zalo", "Email", "SMS"]),
    ("occupation", "Occupation", "demographics", "char_box", []),
    ("household_size", "People in the household", "demographics", "numerical_box", []),
    ("favourite_services", "Favourite services", "preferences", "multiple_choice",
     ["Body massage", "Facial care", "Hair wash", "Foot massage", "Craft beer"]),
    ("marketing_consent", "Happy to receive our offers?", "contact", "yes_no", []),
]
OCCUPATIONS = ["Office worker", "Teacher", "Engineer", "Student", "Business owner", "Doctor", "Designer"]
CASES = [
    # index among the demo customers, subject, type, state, deadline in days (None: none)
    (3, "Massage booked for Saturday was not recorded", "complaint", "in_progress", 2),
    (7, "Asks for a VAT invoice of last month's orders", "request", "new", 5),
    (12, "Serum vitamin C out of stock: call when back", "request", "waiting", 10),
    (20, "Too long wait at Cầu Giấy", "complaint", "done", None),
]


class RetailQuestionnaireDemoData(models.AbstractModel):
    _name = "retail.questionnaire.demo.data"
    _description = "Retail CRM questionnaire demo data generator"

    def _set_xmlid(self, name, record):
        self.env["ir.model.data"]._update_xmlids([{
            "xml_id": f"retail_crm.{name}", "record": record, "noupdate": True,
        }])

    @api.model
    def _generate(self):
        rng = random.Random(20261123)
        company = self.env.ref("retail_crm.demo_company_sen")
        questions = self._create_registration_questions(company)
        repeat = self._create_repeat_question(company)
        customers = self.env["res.partner"].search(
            [("company_id", "=", company.id), ("customer_rank", ">", 0)], order="id", limit=ANSWERING_CUSTOMERS)
        self._create_answers(questions, repeat, customers, company, rng)
        self._create_cases(customers, company)

    def _create_registration_questions(self, company):
        questions = self.env["retail.question"]
        for sequence, (key, name, category, kind, choices) in enumerate(REGISTRATION_QUESTIONS, start=1):
            question = self.env["retail.question"].create({
                "name": name, "category": category, "question_type": kind, "sequence": sequence * 10,
                "company_id": company.id, "is_registration": True,
                "option_ids": [Command.create({"name": choice, "sequence": i}) for i, choice in enumerate(choices)],
            })
            self._set_xmlid(f"demo_question_{key}", question)
            questions |= question
        return questions

    def _create_repeat_question(self, company):
        today = fields.Date.context_today(self)
        question = self.env["retail.question"].create({
            "name": "How satisfied were you with your last visit?",
            "category": "feedback", "question_type": "simple_choice", "sequence": 100,
            "company_id": company.id, "is_registration": False, "is_repeat": True,
            "repeat_group_ids": [Command.set(self.env.ref("retail_crm.customer_group_vip").ids)],
            "repeat_date_from": today - timedelta(days=30), "repeat_date_to": today + timedelta(days=60),
            "repeat_interval_days": 30,
            "option_ids": [Command.create({"name": name, "sequence": i}) for i, name in
                           enumerate(["Very satisfied", "Satisfied", "Neutral", "Not satisfied"])],
        })
        self._set_xmlid("demo_question_repeat_satisfaction", question)
        return question

    def _answer_value(self, question, rng):
        kind = question.question_type
        if kind == "simple_choice":
            return rng.choice(question.option_ids).id
        if kind == "multiple_choice":
            return rng.sample(question.option_ids.ids, rng.randint(1, 2))
        if kind == "numerical_box":
            return rng.randint(1, 6)
        if kind == "yes_no":
            return rng.random() < 0.7
        return rng.choice(OCCUPATIONS)

    def _create_answers(self, questions, repeat, customers, company, rng):
        answer_model = self.env["retail.answer"]
        vip = self.env.ref("retail_crm.customer_group_vip")
        vals_list = []
        for customer in customers:
            order = self.env["pos.order"].search([("partner_id", "=", customer.id)], order="date_order", limit=1)
            branch = order.config_id or self.env.ref("retail_crm.demo_pos_hoan_kiem")
            when = order.date_order or fields.Datetime.now() - timedelta(days=20)
            asked = [question for question in questions if rng.random() < 0.8]
            if vip in customer.retail_group_ids and order and rng.random() < 0.8:
                asked.append(repeat)
            for question in asked:
                vals_list.append({
                    "partner_id": customer.id, "question_id": question.id, "date": when,
                    "branch_id": branch.id, "order_id": order.id, "company_id": company.id,
                    "source": "pos" if order else "backend",
                    **answer_model._prepare_value_vals(question, self._answer_value(question, rng)),
                })
        answer_model.create(vals_list)

    def _create_cases(self, customers, company):
        today = fields.Date.context_today(self)
        for index, subject, kind, state, deadline in CASES:
            customer = customers[index]
            order = self.env["pos.order"].search([("partner_id", "=", customer.id)], order="date_order desc", limit=1)
            case = self.env["retail.case"].create({
                "name": subject, "partner_id": customer.id, "case_type": kind, "state": state,
                "date_deadline": deadline is not None and today + timedelta(days=deadline),
                "order_id": order.id, "branch_id": order.config_id.id, "company_id": company.id,
                "user_id": self.env.ref("base.user_admin").id,
            })
            self._set_xmlid(f"demo_case_{index}", case)
