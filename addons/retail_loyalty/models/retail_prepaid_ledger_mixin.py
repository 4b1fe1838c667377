from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class RetailPrepaidLedgerMixin(models.AbstractModel):
    """Shape shared by the ledgers of prepaid value (Recoin money, product-card units, vouchers):
    append-only lines with date-time, branch, branch-local date, order, user, reason and the
    journal entry that carries the line in the general ledger.

    ``value`` is the line's effect on the liability in company currency, signed (+ issued,
    - redeemed/expired); the reconciliation report reads it from every ledger the same way.
    """

    _name = "retail.prepaid.ledger.mixin"
    _description = "Prepaid Value Ledger Line"
    _order = "date desc, id desc"

    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    local_date = fields.Date(string="Branch Date", required=True, readonly=True,
                             help="The day in the branch's timezone: periods are counted in branch days.")
    branch_id = fields.Many2one("pos.config", readonly=True, index="btree_not_null")
    company_id = fields.Many2one("res.company", required=True, readonly=True,
                                 default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True, index=True)
    order_id = fields.Many2one("pos.order", readonly=True, index="btree_not_null",
                               ondelete="restrict")
    user_id = fields.Many2one("res.users", string="By", required=True, readonly=True,
                              default=lambda self: self.env.user)
    reason = fields.Char(readonly=True)
    value = fields.Monetary(string="Liability Effect", readonly=True,
                            help="Effect on the prepaid liability, in company currency: positive when value "
                            "is issued to the customer, negative when it is redeemed, expired or returned.")
    account_move_id = fields.Many2one("account.move", string="Journal Entry", readonly=True,
                                      index="btree_not_null", ondelete="restrict", copy=False)

    #: kinds people may record by hand (always with a reason); every other kind comes from code
    #: running as superuser (orders, reservations, scheduled jobs)
    _retail_manual_kinds = ("adjust",)

    @api.model
    def _retail_check_manual_lines(self, vals_list):
        for vals in vals_list:
            if vals.get("kind") in self._retail_manual_kinds:
                if not (vals.get("reason") or "").strip():
                    raise ValidationError(self.env._("A manual correction needs a reason."))
                if not self._retail_may_correct():
                    raise UserError(self.env._(
                        "Only a retail manager or an accountant may correct prepaid balances."))
            elif not self.env.su:
                raise ValidationError(self.env._(
                    "Prepaid value moves with orders, top-ups and scheduled jobs only; "
                    "record a correction with a reason instead."))

    @api.model
    def _retail_may_correct(self):
        user = self.env.user
        return self.env.su or user.has_group("retail_crm.group_retail_manager") or user.has_group(
            "account.group_account_manager")

    def write(self, vals):
        # the journal entry link is the only thing written after creation (by the accounting job)
        if self and set(vals) - {"account_move_id"}:
            raise UserError(self.env._("Ledger lines cannot be changed: record a correction instead."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("Ledger lines cannot be deleted: record a correction instead."))
