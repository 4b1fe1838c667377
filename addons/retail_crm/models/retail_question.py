from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The question types, named like survey.question's so that a later move to `survey` maps 1:1.
QUESTION_TYPES = [
    ("char_box", "Text"),
    ("numerical_box", "Number"),
    ("date", "Date"),
    ("simple_choice", "Single choice"),
    ("multiple_choice", "Multiple choice"),
    ("yes_no", "Yes / No"),
]
CHOICE_TYPES = ("simple_choice", "multiple_choice")


class RetailQuestion(models.Model):
    """A question the shop asks its customers: on the registration form, or again and again
    (a repeat survey) to a customer group during a period, at most once every N days."""

    _name = "retail.question"
    _description = "Customer Question"
    _order = "sequence, id"

    name = fields.Char(string="Question", required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", help="Leave empty to ask the question in every company.")
    category = fields.Selection(
        [("contact", "Contact data"), ("demographics", "Demographics"), ("preferences", "Preferences"),
         ("feedback", "Feedback")],
        required=True, default="preferences",
    )
    question_type = fields.Selection(QUESTION_TYPES, required=True, default="char_box")
    option_ids = fields.One2many("retail.question.option", "question_id", string="Choices", copy=True)
    is_registration = fields.Boolean(
        string="On the registration form", default=True,
        help="Asked when a customer registers (card issue at the till, or in the backend).",
    )
    is_repeat = fields.Boolean(
        string="Repeat survey",
        help="The cashier is prompted to ask it when a customer of the groups is set on a POS order.",
    )
    repeat_group_ids = fields.Many2many(
        "retail.customer.group", string="Customer Groups",
        help="Customers of these groups and of their sub-groups are asked. Empty: every customer.",
    )
    repeat_date_from = fields.Date(string="Ask From")
    repeat_date_to = fields.Date(string="Ask Until")
    repeat_interval_days = fields.Integer(
        string="Ask At Most Every (days)", default=30,
        help="A customer who answered less than this many days ago is not asked again.",
    )
    answer_ids = fields.One2many("retail.answer", "question_id", string="Answers")
    answer_count = fields.Integer(compute="_compute_answer_count")

    _sql_constraints = [
        ("repeat_interval_positive", "CHECK(repeat_interval_days >= 0)",
         "The repeat interval cannot be negative."),
    ]

    @api.constrains("question_type", "option_ids")
    def _check_choices(self):
        for question in self:
            if question.question_type in CHOICE_TYPES and not question.option_ids:
                raise ValidationError(self.env._("The question “%s” needs at least one choice.", question.name))

    @api.constrains("repeat_date_from", "repeat_date_to")
    def _check_period(self):
        for question in self:
            if question.repeat_date_from and question.repeat_date_to \
                    and question.repeat_date_from > question.repeat_date_to:
                raise ValidationError(self.env._("The survey period of “%s” ends before it starts.", question.name))

    def _compute_answer_count(self):
        counts = dict(self.env["retail.answer"]._read_group(
            [("question_id", "in", self.ids)], ["question_id"], ["__count"]))
        for question in self:
            question.answer_count = counts.get(question, 0)

    @api.model
    def _repeat_questions_for(self, partner, day):
        """The repeat questions running on `day` whose groups (or sub-groups) hold the partner."""
        questions = self.search([
            ("is_repeat", "=", True),
            "|", ("repeat_date_from", "=", False), ("repeat_date_from", "<=", day),
            "|", ("repeat_date_to", "=", False), ("repeat_date_to", ">=", day),
            "|", ("company_id", "=", False), ("company_id", "in", self.env.companies.ids),
        ])
        member_of = partner.retail_group_ids
        return questions.filtered(
            lambda q: not q.repeat_group_ids or self.env["retail.customer.group"].search_count(
                [("id", "in", member_of.ids), ("id", "child_of", q.repeat_group_ids.ids)], limit=1)
        )

    @api.model
    def _repeat_questions_due(self, partner, now=None):
        """The running repeat questions the partner was not asked within their interval."""
        now = now or fields.Datetime.now()
        questions = self._repeat_questions_for(partner, now.date())
        if not questions:
            return questions
        last_answered = dict(self.env["retail.answer"]._read_group(
            [("partner_id", "=", partner.id), ("question_id", "in", questions.ids)],
            ["question_id"], ["date:max"]))
        return questions.filtered(
            lambda q: q not in last_answered
            or last_answered[q] <= now - timedelta(days=q.repeat_interval_days)
        )

    def _prepare_pos_question(self):
        self.ensure_one()
        return {
            "id": self.id,
            "name": self.name,
            "question_type": self.question_type,
            "options": [{"id": option.id, "name": option.name} for option in self.option_ids],
        }

    @api.model
    def retail_pos_questions(self, partner_id, kind="repeat"):
        """For the till: the repeat questions due for the customer, or the registration form."""
        partner = self.env["res.partner"].browse(partner_id).exists()
        if not partner:
            return []
        if kind == "registration":
            questions = self.search([
                ("is_registration", "=", True),
                "|", ("company_id", "=", False), ("company_id", "in", self.env.companies.ids),
            ])
        else:
            questions = self._repeat_questions_due(partner)
        return [question._prepare_pos_question() for question in questions]

    def action_view_answers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("retail_crm.retail_answer_action")
        action["domain"] = [("question_id", "=", self.id)]
        return action


class RetailQuestionOption(models.Model):
    _name = "retail.question.option"
    _description = "Customer Question Choice"
    _order = "sequence, id"

    question_id = fields.Many2one("retail.question", required=True, ondelete="cascade", index=True)
    name = fields.Char(string="Choice", required=True, translate=True)
    sequence = fields.Integer(default=10)
