from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    retail_branch_id = fields.Many2one(
        "pos.config", readonly=True, index="btree_not_null", copy=False,
        help="The branch whose prepaid value this line moves (entries posted for Recoin and product cards); "
        "lines of a POS session's closing entry belong to the session's branch.")
