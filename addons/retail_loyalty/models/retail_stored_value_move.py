from odoo import api, fields, models
from odoo.exceptions import ValidationError


class RetailStoredValueMove(models.Model):
    """Append-only Recoin ledger: one line per top-up, bonus, accrual, spend, refund, expiry and
    manual adjustment, with date-time, branch, order, payment and user.

    ``amount`` is the line's effect on the card's balance, signed; the card's balance
    (``loyalty.card.points``) is the sum of its lines, written by SQL in the same transaction as the
    lines and never negative. ``value`` (the liability effect) equals ``amount``: bonus and accrual
    credit is spendable money, so it is liability too (booked against an expense account).

    Kinds and signs: topup + (money loaded), - (a top-up refunded: what is still on the card);
    bonus + (top-up bonus), - (taken back with its top-up); accrual + (credited for the next visit),
    - (taken back on a refund), 0 (only carries the revenue counted for levels); spend - (a payment at
    the till, from a reservation); refund + (a refund paid back onto the card); expiry -; adjust ±.

    ``money_amount`` is the part of ``amount`` that is money the customer loaded (top-ups), the rest
    being credit the shop granted (bonus, accrual); a debit takes both pro rata of the card before
    it. ``level_revenue`` is the revenue actually spent that an order counts for levels.
    """

    _name = "retail.stored.value.move"
    _inherit = ["retail.prepaid.ledger.mixin"]
    _description = "Recoin Ledger Line"
    _order = "date desc, id desc"
    _rec_name = "kind"

    kind = fields.Selection(
        [("topup", "Top-up"), ("bonus", "Top-up bonus"), ("accrual", "Accrual"), ("spend", "Spent"),
         ("refund", "Refunded to the card"), ("expiry", "Expired"), ("adjust", "Manual adjustment")],
        required=True, readonly=True, index=True)
    card_id = fields.Many2one("loyalty.card", required=True, readonly=True, index=True,
                              ondelete="restrict")
    program_id = fields.Many2one("loyalty.program", required=True, readonly=True, index=True,
                                 ondelete="restrict")
    amount = fields.Monetary(readonly=True, help="Effect on the card's balance, signed.")
    money_amount = fields.Monetary(
        string="Customer Money", readonly=True,
        help="Part of the amount that is money the customer loaded; the rest is bonus or accrual credit.")
    level_revenue = fields.Monetary(
        string="Revenue for Levels", readonly=True,
        help="Revenue actually spent that this order counts for the card's level (accrual lines only).")
    payment_id = fields.Many2one("pos.payment", readonly=True, index="btree_not_null",
                                 ondelete="set null")
    order_line_id = fields.Many2one("pos.order.line", readonly=True,
                                    index="btree_not_null", ondelete="set null")
    reservation_id = fields.Many2one("retail.stored.value.reservation", readonly=True,
                                     index="btree_not_null", ondelete="restrict")
    topup_journal_id = fields.Many2one(
        "account.journal", string="Received On", readonly=True,
        help="Backend top-ups: the bank or cash journal the money was received on.")
    balance_after = fields.Monetary(readonly=True,
                                    help="The card's balance right after this line was recorded.")

    _sql_constraints = [
        # one spend per reservation: a reservation is consumed exactly once
        ("reservation_uniq", "unique(reservation_id)", "This reservation was already spent."),
    ]

    def init(self):
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS retail_stored_value_move_card_idx
                ON retail_stored_value_move (card_id) INCLUDE (amount, money_amount, level_revenue)
        """)

    @api.model_create_multi
    def create(self, vals_list):
        self._retail_check_manual_lines(vals_list)
        cards = self.env["loyalty.card"].sudo().browse({vals["card_id"] for vals in vals_list})
        if cards.filtered(lambda card: not card.program_id.retail_stored_value):
            raise ValidationError(self.env._("Recoin lines belong to Recoin cards only."))
        totals = cards._retail_sv_totals()
        for vals in vals_list:
            card = cards.browse(vals["card_id"])
            amount = vals.get("amount") or 0.0
            vals.setdefault("program_id", card.program_id.id)
            vals.setdefault("company_id", card.company_id.id or card.program_id.company_id.id or self.env.company.id)
            vals.setdefault("partner_id", card.partner_id.id)
            if not vals.get("local_date"):
                branch = self.env["pos.config"].browse(vals.get("branch_id"))
                moment = fields.Datetime.to_datetime(vals.get("date")) or fields.Datetime.now()
                vals["local_date"] = branch._retail_local_date(moment) if branch else moment.date()
            vals["value"] = amount
            balance, money = totals[card.id]
            if "money_amount" not in vals:
                vals["money_amount"] = self._retail_default_money(vals["kind"], amount, balance, money)
            totals[card.id] = (balance + amount, money + vals["money_amount"])
            vals["balance_after"] = balance + amount
        moves = super().create(vals_list)
        moves._retail_apply_to_cards()
        moves._retail_post_accounting()
        return moves

    @api.model
    def _retail_default_money(self, kind, amount, balance, money):
        """Customer money in a line: all of a top-up or a refund, none of a credit (bonus, accrual, a
        goodwill adjustment), pro rata of a debit."""
        if amount >= 0:
            return amount if kind in ("topup", "refund") else 0.0
        if balance <= 0:
            return 0.0
        return self.env.company.currency_id.round(amount * max(min(money / balance, 1.0), 0.0))

    def _retail_apply_to_cards(self):
        """Keep each card's cached balance, money and level revenue equal to the sums of its ledger,
        in the same transaction; a balance below zero (or a debit below what is reserved) is refused
        before anything is written."""
        self.env.flush_all()
        cards = self.card_id
        self.env.cr.execute("""
            SELECT c.id, SUM(m.amount), SUM(m.money_amount), SUM(m.level_revenue), COALESCE(c.retail_sv_reserved, 0)
              FROM loyalty_card c
              JOIN retail_stored_value_move m ON m.card_id = c.id
             WHERE c.id = ANY(%s)
          GROUP BY c.id
        """, [cards.ids])
        totals = self.env.cr.fetchall()
        rounding = self.env.company.currency_id.rounding / 2
        guard_reserved = self._retail_sv_guard_reserved()
        negative = [card_id for card_id, balance, _money, _revenue, reserved in totals
                    if balance < -rounding or (guard_reserved and balance - reserved < -rounding)]
        if negative:
            raise ValidationError(self.env._(
                "A Recoin balance cannot go below zero or below what the till has reserved (%(cards)s).",
                cards=", ".join(cards.browse(negative).mapped("code"))))
        self.env.cr.execute("""
            UPDATE loyalty_card c
               SET points = t.balance, retail_sv_money = t.money, retail_sv_revenue = t.revenue
              FROM (SELECT * FROM unnest(%s::int[], %s::float8[], %s::float8[], %s::float8[])
                    AS t(id, balance, money, revenue)) t
             WHERE c.id = t.id
        """, [[row[0] for row in totals], [row[1] for row in totals], [row[2] for row in totals],
              [row[3] for row in totals]])
        cards.invalidate_recordset(["points", "retail_sv_money", "retail_sv_revenue"])

    def _retail_sv_guard_reserved(self):
        # a spend consumes its own reservation before its line is written: only other debits are
        # checked against the amounts still reserved
        return any(move.kind != "spend" and move.amount < 0 for move in self)

    def _retail_post_accounting(self):
        """Post the journal entries of these lines (implemented by the accounting part)."""
        return True
