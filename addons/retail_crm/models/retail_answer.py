import json
import logging

from odoo import api, fields, models
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)


class RetailAnswer(models.Model):
    """One customer's answer to one question, with when, where (branch) and, at the till, the order."""

    _name = "retail.answer"
    _description = "Customer Answer"
    _order = "date desc, id desc"
    _rec_name = "question_id"

    partner_id = fields.Many2one("res.partner", string="Customer", required=True, ondelete="cascade", index=True)
    question_id = fields.Many2one("retail.question", required=True, ondelete="cascade", index=True)
    question_type = fields.Selection(related="question_id.question_type")
    category = fields.Selection(related="question_id.category", store=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    branch_id = fields.Many2one("pos.config", index=True)
    order_id = fields.Many2one("pos.order", string="POS Order", ondelete="set null", index="btree_not_null")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    source = fields.Selection([("backend", "Backend"), ("pos", "Till")], required=True, default="backend")
    value_char = fields.Char(string="Text")
    value_number = fields.Float(string="Number")
    value_date = fields.Date(string="Date Answer")
    value_yes_no = fields.Selection([("yes", "Yes"), ("no", "No")], string="Yes / No")
    option_ids = fields.Many2many("retail.question.option", string="Choices",
                                  domain="[('question_id', '=', question_id)]")
    value_display = fields.Char(string="Answer", compute="_compute_value_display", store=True)

    @api.depends("question_id.question_type", "value_char", "value_number", "value_date", "value_yes_no",
                 "option_ids.name")
    def _compute_value_display(self):
        yes_no = dict(self._fields["value_yes_no"]._description_selection(self.env))
        for answer in self:
            kind = answer.question_id.question_type
            if kind in ("simple_choice", "multiple_choice"):
                answer.value_display = ", ".join(answer.option_ids.sorted().mapped("name"))
            elif kind == "numerical_box":
                answer.value_display = f"{answer.value_number:g}"
            elif kind == "date":
                answer.value_display = fields.Date.to_string(answer.value_date) if answer.value_date else False
            elif kind == "yes_no":
                answer.value_display = yes_no.get(answer.value_yes_no, False)
            else:
                answer.value_display = answer.value_char

    @api.constrains("question_id", "option_ids")
    def _check_options(self):
        for answer in self:
            if answer.option_ids - answer.question_id.option_ids:
                raise ValidationError(self.env._("A choice does not belong to the question “%s”.",
                                                 answer.question_id.name))
            if answer.question_id.question_type == "simple_choice" and len(answer.option_ids) > 1:
                raise ValidationError(self.env._("The question “%s” takes a single choice.",
                                                 answer.question_id.name))

    @api.model
    def _prepare_value_vals(self, question, value):
        """The value columns of an answer from a value as the till sends it (by question type)."""
        kind = question.question_type
        if kind in ("simple_choice", "multiple_choice"):
            option_ids = value if isinstance(value, list) else [value]
            return {"option_ids": [fields.Command.set([int(option_id) for option_id in option_ids if option_id])]}
        if kind == "numerical_box":
            return {"value_number": float(value)}
        if kind == "date":
            return {"value_date": fields.Date.to_date(value)}
        if kind == "yes_no":
            return {"value_yes_no": "yes" if value in (True, "yes", "true", 1) else "no"}
        return {"value_char": str(value)}

    @api.model
    def _is_blank(self, value):
        return value in (None, False, "", [])

    @api.model
    def _prepare_pos_answer_vals(self, order, item):
        question = self.env["retail.question"].browse(int(item["question_id"])).exists()
        if not question or self._is_blank(item.get("value")):
            return False
        return {
            "partner_id": order.partner_id.id,
            "question_id": question.id,
            "date": order.date_order,
            "branch_id": order.config_id.id,
            "order_id": order.id,
            "company_id": order.company_id.id,
            "source": "pos",
            **self._prepare_value_vals(question, item["value"]),
        }

    @api.model
    def _parse_pos_payload(self, payload):
        """The till's answers: a JSON list of {question_id, value}; anything else is ignored."""
        if isinstance(payload, str):
            try:
                payload = json.loads(payload)
            except ValueError:
                _logger.warning("Unreadable questionnaire answers on a POS order: %r", payload)
                return []
        if not isinstance(payload, list):
            return []
        return [item for item in payload if isinstance(item, dict) and item.get("question_id")]

    @api.model
    def _create_from_pos_order(self, order):
        """Turn the answers the till put on the order into answer records, once per question."""
        payload = self._parse_pos_payload(order.retail_question_answers)
        if not payload or not order.partner_id:
            return self.browse()
        answered = order.retail_answer_ids.question_id
        vals_list = []
        for item in payload:
            vals = self._prepare_pos_answer_vals(order, item)
            if vals and vals["question_id"] not in answered.ids:
                answered |= self.env["retail.question"].browse(vals["question_id"])
                vals_list.append(vals)
        return self.sudo().create(vals_list)
