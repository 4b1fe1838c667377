from odoo import fields, models


class PosPayment(models.Model):
    _inherit = "pos.payment"

    retail_sv_token = fields.Char(
        string="Recoin Reservation", copy=False, index="btree_not_null",
        help="The reservation the till made on the server when this Recoin payment line was added; the "
        "order's sync spends it exactly once.")
