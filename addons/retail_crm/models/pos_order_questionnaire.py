from odoo import api, fields, models


class PosOrder(models.Model):
    _inherit = "pos.order"

    # JSON list of {question_id, value} written by the till with the order (so it survives an
    # offline order synced later), turned into retail.answer records when the order reaches the server.
    retail_question_answers = fields.Text(string="Questionnaire Answers (till)", copy=False)
    retail_answer_ids = fields.One2many("retail.answer", "order_id", string="Questionnaire Answers")

    @api.model
    def _process_order(self, order, existing_order):
        order_id = super()._process_order(order, existing_order)
        pos_order = self.browse(order_id)
        if pos_order.retail_question_answers:
            self.env["retail.answer"]._create_from_pos_order(pos_order)
        pos_order._retail_link_till_cases()
        return order_id

    def _retail_link_till_cases(self):
        """Requests taken at the till before the order reached the server get their order now."""
        cases = self.env["retail.case"].sudo().search([
            ("pos_order_uuid", "in", self.mapped("uuid")), ("order_id", "=", False),
        ])
        by_uuid = {order.uuid: order for order in self}
        for case in cases:
            case.order_id = by_uuid[case.pos_order_uuid]
