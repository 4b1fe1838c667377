from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PosPaymentMethod(models.Model):
    _inherit = "pos.payment.method"

    retail_sv_program_id = fields.Many2one(
        "loyalty.program", string="Recoin Program", domain=[("retail_stored_value", "=", True)],
        help="This method spends the customer's card of this Recoin program: the till reserves the amount on "
        "the server at payment. It is a Customer Account method (no journal).")
    retail_sv_program_ref = fields.Integer(compute="_compute_retail_sv_till_fields")
    retail_sv_topup_product_id = fields.Many2one(
        "product.product", compute="_compute_retail_sv_till_fields",
        help="The program's top-up product: a top-up can never be paid with Recoin.")

    @api.depends("retail_sv_program_id")
    def _compute_retail_sv_till_fields(self):
        for method in self:
            method.retail_sv_program_ref = method.retail_sv_program_id.id
            method.retail_sv_topup_product_id = method.retail_sv_program_id.retail_sv_topup_product_id

    @api.constrains("retail_sv_program_id", "journal_id")
    def _check_retail_sv_method(self):
        for method in self.filtered("retail_sv_program_id"):
            if method.journal_id:
                raise ValidationError(self.env._(
                    "A Recoin payment method is a Customer Account method: it has no journal."))
            program_company = method.retail_sv_program_id.company_id
            if program_company and program_company != method.company_id:
                raise ValidationError(self.env._("A Recoin payment method spends a program of its own company."))

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_list = super()._load_pos_data_fields(config_id)
        return [*fields_list, "retail_sv_program_ref", "retail_sv_topup_product_id"] if fields_list else fields_list
