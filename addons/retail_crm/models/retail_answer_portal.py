from odoo import api, fields, models
from odoo.exceptions import UserError


class RetailAnswer(models.Model):
    """Answers a member gives in the customer portal (or at the store kiosk). An answer is never
    overwritten: a changed answer is a new row, the latest one per question is the current one."""

    _inherit = "retail.answer"

    source = fields.Selection(selection_add=[("portal", "Website")], ondelete={"portal": "set default"})

    @api.model
    def _retail_portal_questions(self, partner):
        """The questions a member may answer on their own: the registration form and every question
        they already answered; with the latest answer of each ({question: answer or empty})."""
        company_ids = [False, (partner.company_id or self.env.company).id]
        latest = self.sudo().search([("partner_id", "=", partner.id)], order="date desc, id desc")
        answered = latest.question_id.filtered(lambda q: q.active and q.company_id.id in company_ids)
        questions = self.env["retail.question"].sudo().search([
            ("is_registration", "=", True), ("company_id", "in", company_ids)]) | answered
        current = {}
        for answer in latest:
            current.setdefault(answer.question_id, answer)
        return {question: current.get(question, self.browse()) for question in questions.sorted()}

    @api.model
    def _retail_portal_save(self, partner, form_values, branch=None):
        """Record the member's answers from the portal form: {question id: value or [option ids]}.
        Only questions of ``_retail_portal_questions`` are taken, an unchanged or blank answer is not
        recorded again. Returns the answers created."""
        questions = self._retail_portal_questions(partner)
        vals_list = []
        for question, previous in questions.items():
            value = form_values.get(question.id)
            if self._is_blank(value):
                continue
            vals = self._retail_portal_value_vals(question, value)
            if previous and self._retail_same_answer(previous, question, vals):
                continue
            vals_list.append({
                "partner_id": partner.id, "question_id": question.id, "source": "portal",
                "company_id": (partner.company_id or self.env.company).id,
                "branch_id": branch.id if branch else False, **vals,
            })
        return self.sudo().create(vals_list)

    @api.model
    def _retail_portal_value_vals(self, question, value):
        kind = question.question_type
        try:
            if kind in ("simple_choice", "multiple_choice"):
                option_ids = {int(option_id) for option_id in (value if isinstance(value, list) else [value])}
                if not option_ids <= set(question.option_ids.ids):
                    raise ValueError(value)
                return self._prepare_value_vals(question, sorted(option_ids))
            return self._prepare_value_vals(question, value)
        except (TypeError, ValueError) as error:
            raise UserError(self.env._("The answer to “%(question)s” is not valid.", question=question.name)) \
                from error

    @api.model
    def _retail_same_answer(self, previous, question, vals):
        kind = question.question_type
        if kind in ("simple_choice", "multiple_choice"):
            return set(previous.option_ids.ids) == set(vals["option_ids"][0][2])
        column = {"numerical_box": "value_number", "date": "value_date", "yes_no": "value_yes_no"}.get(
            kind, "value_char")
        return previous[column] == vals[column]
