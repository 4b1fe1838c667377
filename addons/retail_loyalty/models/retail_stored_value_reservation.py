from datetime import timedelta
from uuid import uuid4

from odoo import api, fields, models
from odoo.exceptions import UserError


class RetailStoredValueReservation(models.Model):
    """An amount of a Recoin card held by a till for the order being paid.

    Reserving is one conditional UPDATE on the card (``points - reserved >= amount``): two tills
    reserving at the same moment cannot both pass (the second waits for the first's row and, the
    row having changed, its transaction is retried and then sees the new reserved amount). The
    order's sync consumes the reservation with one conditional UPDATE on its state, so a token
    is spent exactly once; removing the payment line releases it; a scheduled job expires the
    reservations older than the program's hold.
    """

    _name = "retail.stored.value.reservation"
    _description = "Recoin Reservation"
    _order = "create_date desc, id desc"
    _rec_name = "token"

    token = fields.Char(required=True, readonly=True, copy=False, default=lambda self: uuid4().hex)
    card_id = fields.Many2one("loyalty.card", required=True, readonly=True, index=True,
                              ondelete="restrict")
    program_id = fields.Many2one(related="card_id.program_id", store=True)
    partner_id = fields.Many2one(related="card_id.partner_id", store=True, string="Customer")
    company_id = fields.Many2one("res.company", required=True, readonly=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(required=True, readonly=True)
    branch_id = fields.Many2one("pos.config", readonly=True)
    order_uuid = fields.Char(string="Order Reference", readonly=True, index="btree_not_null")
    user_id = fields.Many2one("res.users", string="By", readonly=True, default=lambda self: self.env.user)
    expires_at = fields.Datetime(required=True, readonly=True)
    state = fields.Selection(
        [("reserved", "Reserved"), ("consumed", "Spent"), ("released", "Released"), ("expired", "Expired")],
        required=True, default="reserved", readonly=True, index=True)
    done_date = fields.Datetime(string="Closed On", readonly=True)
    order_id = fields.Many2one("pos.order", readonly=True, index="btree_not_null",
                               ondelete="set null")

    _sql_constraints = [
        ("token_uniq", "unique(token)", "A reservation token is unique."),
        ("amount_positive", "CHECK(amount > 0)", "A reservation holds a positive amount."),
    ]

    # ------------------------------------------------------------------ till API
    @api.model
    def retail_pos_reserve(self, card_id, amount, order_uuid, config_id):
        """Hold ``amount`` of the card for the order being paid at the till.

        Returns {token, amount, available_after, expires_at}; a UserError says what is available."""
        config = self.env["pos.config"].browse(config_id)
        config.check_access("read")
        self._retail_check_till_user()
        card = self.env["loyalty.card"].sudo().browse(card_id).exists()
        currency = config.company_id.currency_id
        amount = currency.round(amount or 0.0)
        if not card or not card.program_id.retail_stored_value:
            raise UserError(self.env._("This card is not a Recoin card."))
        if card.program_id.company_id and card.program_id.company_id != config.company_id:
            raise UserError(self.env._("This Recoin card belongs to another company."))
        if card.retail_sv_blocked:
            raise UserError(self.env._(
                "Recoin card %(card)s is blocked (%(reason)s): it cannot be spent until a manager unblocks it.",
                card=card.code, reason=card.retail_sv_block_reason or "-"))
        if not config.payment_method_ids.filtered(lambda method: method.retail_sv_program_id == card.program_id):
            raise UserError(self.env._("This branch takes no Recoin payments."))
        if amount <= 0:
            raise UserError(self.env._("Reserve a positive amount of Recoin."))
        self.env.flush_all()
        # the one statement that decides: only if what is left covers the amount
        self.env.cr.execute("""
            UPDATE loyalty_card
               SET retail_sv_reserved = COALESCE(retail_sv_reserved, 0) + %(amount)s
             WHERE id = %(card)s AND points - COALESCE(retail_sv_reserved, 0) >= %(amount)s
         RETURNING points - retail_sv_reserved
        """, {"amount": amount, "card": card.id})
        row = self.env.cr.fetchone()
        card.invalidate_recordset(["retail_sv_reserved"])
        if not row:
            raise UserError(self.env._(
                "Card %(card)s has only %(available)s of Recoin available: %(amount)s cannot be spent.",
                card=card.code, available=currency.format(card.retail_sv_available), amount=currency.format(amount)))
        hold = card.program_id.retail_sv_hold_minutes or 30
        reservation = self.sudo().create({
            "card_id": card.id, "amount": amount, "branch_id": config.id, "order_uuid": order_uuid,
            "company_id": config.company_id.id, "user_id": self.env.uid,
            "expires_at": fields.Datetime.now() + timedelta(minutes=hold),
        })
        return {"token": reservation.token, "amount": amount, "available_after": row[0],
                "expires_at": fields.Datetime.to_string(reservation.expires_at), "card_id": card.id,
                "code": card.code}

    @api.model
    def retail_pos_release(self, token):
        """Give back a reservation the till no longer needs (its payment line was removed)."""
        self._retail_check_till_user()
        return bool(self._retail_close([token], "released"))

    @api.model
    def _retail_check_till_user(self):
        user = self.env.user
        if not (self.env.su or user.has_group("retail_crm.group_retail_user")
                or user.has_group("point_of_sale.group_pos_user")):
            raise UserError(self.env._("Only cashiers spend Recoin at the till."))

    @api.model
    def _retail_close(self, tokens, state, order=None):
        """Close reserved reservations (released or expired) and give their amounts back to the cards."""
        self.env.flush_all()
        self.env.cr.execute("""
            WITH closed AS (
                UPDATE retail_stored_value_reservation
                   SET state = %(state)s, done_date = %(now)s, order_id = COALESCE(%(order)s, order_id)
                 WHERE token = ANY(%(tokens)s) AND state = 'reserved'
             RETURNING id, card_id, amount
            ), per_card AS (
                SELECT card_id, SUM(amount) AS amount FROM closed GROUP BY card_id
            ), cards AS (
                UPDATE loyalty_card c
                   SET retail_sv_reserved = GREATEST(COALESCE(c.retail_sv_reserved, 0) - per_card.amount, 0)
                  FROM per_card
                 WHERE c.id = per_card.card_id
             RETURNING c.id
            )
            SELECT id FROM closed
        """, {"state": state, "tokens": list(tokens), "order": order.id if order else None,
              "now": fields.Datetime.now()})
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_model()
        self.env["loyalty.card"].invalidate_model(["retail_sv_reserved"])
        return self.browse(ids)

    @api.model
    def _retail_consume(self, token, amount, order, program):
        """Spend the reservation ``token`` for ``amount`` on ``order``, exactly once.

        Returns (reservation, False) when consumed, else (False, why-not) and the order is to be flagged.
        A reservation for another amount or program is released, an outdated one expired."""
        self.env.flush_all()
        currency = order.currency_id
        self.env.cr.execute("""
            WITH closed AS (
                UPDATE retail_stored_value_reservation r
                   SET state = CASE
                           WHEN r.expires_at < %(now)s THEN 'expired'
                           WHEN ABS(r.amount - %(amount)s) > %(tolerance)s
                             OR r.program_id <> %(program)s THEN 'released'
                           ELSE 'consumed' END,
                       done_date = %(now)s, order_id = %(order)s
                 WHERE r.token = %(token)s AND r.state = 'reserved'
             RETURNING r.id, r.card_id, r.amount, r.state
            ), cards AS (
                UPDATE loyalty_card c
                   SET retail_sv_reserved = GREATEST(COALESCE(c.retail_sv_reserved, 0) - closed.amount, 0)
                  FROM closed
                 WHERE c.id = closed.card_id
             RETURNING c.id
            )
            SELECT id, amount, state FROM closed
        """, {"amount": amount, "tolerance": currency.rounding / 2, "program": program.id, "order": order.id,
              "token": token, "now": fields.Datetime.now()})
        row = self.env.cr.fetchone()
        self.invalidate_model()
        self.env["loyalty.card"].invalidate_model(["retail_sv_reserved"])
        if row and row[2] == "consumed":
            return self.browse(row[0]), False
        if row and row[2] == "expired":
            return False, self.env._("the reservation had expired")
        if row:
            return False, self.env._("the reservation was for %(reserved)s, not %(amount)s",
                                     reserved=currency.format(row[1]), amount=currency.format(amount))
        existing = self.sudo().search([("token", "=", token)], limit=1)
        if not existing:
            return False, self.env._("no reservation has this token")
        if existing.state == "consumed":
            return False, self.env._("the reservation was already spent on order %(order)s",
                                     order=existing.order_id.name or "?")
        if existing.state == "released" and existing.card_id.retail_sv_blocked:
            return False, self.env._("card %(card)s was blocked before the order arrived (%(reason)s)",
                                     card=existing.card_id.code, reason=existing.card_id.retail_sv_block_reason or "-")
        return False, self.env._("the reservation was %(state)s",
                                 state=dict(self._fields["state"]._description_selection(self.env))[existing.state])

    @api.model
    def _cron_expire_reservations(self):
        """Expire the reservations past their hold, in one statement, and free their amounts."""
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT token FROM retail_stored_value_reservation
             WHERE state = 'reserved' AND expires_at < %(now)s
        """, {"now": fields.Datetime.now()})
        tokens = [row[0] for row in self.env.cr.fetchall()]
        if tokens:
            self._retail_close(tokens, "expired")
        return len(tokens)
