from odoo import api, fields, models
from odoo.exceptions import UserError


class RetailVoucherGenerate(models.TransientModel):
    """Generate a batch of voucher or coupon serials: prefix + a random part, unique in the company;
    the batch opens in a list from which its barcodes are printed."""

    _name = "retail.voucher.generate"
    _description = "Generate Voucher or Coupon Serials"

    target = fields.Selection([("voucher", "Vouchers"), ("coupon", "Coupons")], required=True, default="voucher")
    voucher_type_id = fields.Many2one("retail.voucher.type")
    coupon_type_id = fields.Many2one("retail.coupon.type")
    count = fields.Integer(required=True, default=10)
    prefix = fields.Char(help="Printed before the random part, e.g. the denomination: V100K-.")
    random_length = fields.Integer(string="Random Characters", required=True, default=8)
    valid_from = fields.Date(help="Empty: the type's dates.")
    valid_to = fields.Date(string="Valid Until")

    @api.model
    def _retail_check_may_generate(self):
        user = self.env.user
        if not (user.has_group("retail_crm.group_retail_manager") or user.has_group("point_of_sale.group_pos_manager")):
            raise UserError(self.env._("Only a retail or point of sale manager may generate serials."))

    def action_generate(self):
        self.ensure_one()
        self._retail_check_may_generate()
        if self.count > 100000:
            raise UserError(self.env._("Generate at most 100,000 serials at a time."))
        kind = self.voucher_type_id if self.target == "voucher" else self.coupon_type_id
        if not kind:
            raise UserError(self.env._("Choose the type of the serials."))
        model = self.env["retail.voucher" if self.target == "voucher" else "retail.coupon"].sudo()
        serials = model._retail_new_serials(self.count, self.prefix, self.random_length, kind.company_id)
        batch = self.env._("%(prefix)s%(count)s generated %(date)s", prefix=(self.prefix or ""), count=self.count,
                           date=fields.Datetime.to_string(fields.Datetime.now()))
        records = model._retail_create_serials(kind, serials, batch, valid_from=self.valid_from,
                                               valid_to=self.valid_to)
        return {
            "type": "ir.actions.act_window", "res_model": model._name, "name": batch,
            "view_mode": "list,form", "domain": [("id", "in", records.ids)],
        }
