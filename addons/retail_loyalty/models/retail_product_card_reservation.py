import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

DEFAULT_RESERVATION_HOURS = 12


class RetailProductCardReservation(models.Model):
    """Units a till took from a card for an order not synced yet (``use``), or extra units it sells
    at the preset price (``extra``). The order's sync consumes the reservation exactly once; a line
    removed at the till releases it; a use not synced in time expires and frees its units."""

    _name = "retail.product.card.reservation"
    _description = "Product Card Reservation"
    _order = "id desc"
    _rec_name = "token"

    token = fields.Char(required=True, readonly=True, index=True, copy=False,
                        default=lambda self: secrets.token_hex(16))
    kind = fields.Selection([("use", "Use"), ("extra", "Extra units")], required=True, readonly=True, default="use")
    card_id = fields.Many2one("retail.product.card", required=True, readonly=True, index=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True, readonly=True, ondelete="restrict")
    quantity = fields.Integer(required=True, readonly=True)
    unit_price = fields.Float(readonly=True, digits="Product Price", help="Preset price of one extra unit.")
    order_uuid = fields.Char(readonly=True, index=True, help="The till's order the units were taken for.")
    config_id = fields.Many2one("pos.config", string="Branch", readonly=True)
    company_id = fields.Many2one(related="card_id.company_id", store=True)
    partner_id = fields.Many2one(related="card_id.partner_id")
    user_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user)
    state = fields.Selection(
        [("reserved", "Reserved"), ("consumed", "Consumed"), ("released", "Released"), ("expired", "Expired")],
        default="reserved", required=True, readonly=True, index=True)
    expires_at = fields.Datetime(readonly=True)
    order_id = fields.Many2one("pos.order", string="Consumed by", readonly=True, index="btree_not_null")

    _sql_constraints = [("token_uniq", "unique(token)", "Reservation tokens are unique.")]

    # -- till API -------------------------------------------------------------------------------------
    @api.model
    def retail_pos_reserve(self, card_id, product_id, qty, order_uuid, config_id):
        """Take ``qty`` units of ``product_id`` from the card for the till's order, atomically: the
        card's row is locked and written, so two tills reserving the same last unit serialise and
        the second sees the first's reservation. Returns {token, quantity, available_after}."""
        config = self.env["retail.product.card"]._retail_pos_check(config_id)
        qty = int(qty)
        if qty <= 0:
            raise UserError(self.env._("Take at least one unit."))
        card = self._retail_lock_card(card_id, config)
        product = self.env["product.product"].browse(product_id)
        line = card.type_id.line_ids.filtered(lambda line: line.product_id == product)
        if not line:
            raise UserError(self.env._("Card %(code)s does not include %(product)s.",
                                       code=card.code, product=product.display_name))
        now = fields.Datetime.now()
        remaining = card._retail_remaining().get((card.id, product.id), (0, 0.0))[0]
        available = remaining - self._retail_reserved_units(card, now).get((card.id, product.id), 0)
        if qty > available:
            raise UserError(self.env._(
                "Card %(code)s has %(available)s %(product)s unit(s) available.",
                code=card.code, available=max(available, 0), product=product.display_name))
        self._retail_check_visit_limits(card, line, qty, order_uuid)
        reservation = self.sudo().create({
            "kind": "use", "card_id": card.id, "product_id": product.id, "quantity": qty, "order_uuid": order_uuid,
            "config_id": config.id, "expires_at": now + timedelta(hours=self._retail_lifetime_hours()),
            "user_id": self.env.uid,
        })
        return {"token": reservation.token, "quantity": qty, "available_after": available - qty}

    @api.model
    def retail_pos_extra(self, card_id, product_id, qty, order_uuid, config_id):
        """Quote ``qty`` extra units of ``product_id`` for a card holder at the preset price: the till
        sells the card type's product at that price with the returned token on the line."""
        config = self.env["retail.product.card"]._retail_pos_check(config_id)
        qty = int(qty)
        if qty <= 0:
            raise UserError(self.env._("Buy at least one unit."))
        card = self.env["retail.product.card"].sudo().browse(card_id).exists()
        if not card or card.company_id != config.company_id:
            raise UserError(self.env._("This product card is unknown here."))
        if reason := card._retail_usable(config._retail_local_date()):
            raise UserError(reason)
        line = card.type_id.line_ids.filtered(lambda line: line.product_id.id == product_id and line.extra_allowed)
        if not line:
            raise UserError(self.env._("Card %(code)s sells no extra units of this product.", code=card.code))
        reservation = self.sudo().create({
            "kind": "extra", "card_id": card.id, "product_id": line.product_id.id, "quantity": qty,
            "unit_price": line.extra_price, "order_uuid": order_uuid, "config_id": config.id, "user_id": self.env.uid,
        })
        return {
            "token": reservation.token, "quantity": qty, "price_unit": line.extra_price,
            "product_id": card.type_id.product_id.id,
            "name": self.env._("%(card)s %(code)s: %(qty)s extra %(product)s", card=card.type_id.name,
                               code=card.code, qty=qty, product=line.product_id.display_name),
        }

    @api.model
    def retail_pos_release(self, token):
        """Give back units a till reserved for a line it removed; a consumed reservation stays so."""
        self.env["retail.product.card"]._retail_pos_check_user()
        self.env.cr.execute("""
            UPDATE retail_product_card_reservation SET state = 'released', write_date = now() at time zone 'UTC'
             WHERE token = %s AND state = 'reserved'
         RETURNING id
        """, [token])
        released = bool(self.env.cr.fetchall())
        self.invalidate_model(["state"])
        return released

    # -- helpers --------------------------------------------------------------------------------------
    @api.model
    def _retail_lifetime_hours(self):
        value = self.env["ir.config_parameter"].sudo().get_param("retail_loyalty.product_card_reservation_hours")
        try:
            return max(int(value), 1) if value else DEFAULT_RESERVATION_HOURS
        except ValueError:
            return DEFAULT_RESERVATION_HOURS

    @api.model
    def _retail_lock_card(self, card_id, config=None):
        """Lock the card's row by writing it: a concurrent reservation of the same card waits, then
        fails to serialise and is retried on a fresh snapshot that sees this one's units."""
        self.env.cr.execute("""
            UPDATE retail_product_card SET last_reservation_at = now() at time zone 'UTC'
             WHERE id = %s
         RETURNING id
        """, [card_id])
        if not self.env.cr.fetchone():
            raise UserError(self.env._("This product card is unknown here."))
        card = self.env["retail.product.card"].sudo().browse(card_id)
        card.invalidate_recordset()
        if config:
            if card.company_id != config.company_id:
                raise UserError(self.env._("This product card is unknown here."))
            if reason := card._retail_usable(config._retail_local_date()):
                raise UserError(reason)
        return card

    @api.model
    def _retail_reserved_units(self, cards, now=None):
        """{(card id, product id): units} held by live use reservations."""
        rows = self.sudo()._read_group(
            [("card_id", "in", cards.ids), ("kind", "=", "use"), ("state", "=", "reserved"),
             ("expires_at", ">", now or fields.Datetime.now())],
            ["card_id", "product_id"], ["quantity:sum"])
        return {(card.id, product.id): units for card, product, units in rows}

    @api.model
    def _retail_visit_units(self, cards, order_uuid):
        """{(card id, product id): units} this order (visit) took so far, reserved or consumed."""
        if not order_uuid:
            return {}
        rows = self.sudo()._read_group(
            [("card_id", "in", cards.ids), ("kind", "=", "use"), ("order_uuid", "=", order_uuid),
             ("state", "in", ("reserved", "consumed"))],
            ["card_id", "product_id"], ["quantity:sum"])
        return {(card.id, product.id): units for card, product, units in rows}

    @api.model
    def _retail_check_visit_limits(self, card, line, qty, order_uuid):
        visit = self._retail_visit_units(card, order_uuid)
        product_units = visit.get((card.id, line.product_id.id), 0) + qty
        if line.max_per_visit and product_units > line.max_per_visit:
            raise UserError(self.env._(
                "Card %(code)s allows %(limit)s %(product)s unit(s) per visit.",
                code=card.code, limit=line.max_per_visit, product=line.product_id.display_name))
        card_limit = card.type_id.max_units_per_visit
        if card_limit and sum(visit.values()) + qty > card_limit:
            raise UserError(self.env._("Card %(code)s allows %(limit)s unit(s) per visit.",
                                       code=card.code, limit=card_limit))

    @api.model
    def _retail_consume(self, token, order, kind="use", now=None):
        """Mark the reservation with ``token`` consumed by ``order``, exactly once: a conditional
        update, so a second order (or sync) carrying the same token gets nothing. Returns the
        reservation, or an empty recordset with why in the context of the caller."""
        self.env.cr.execute("""
            UPDATE retail_product_card_reservation
               SET state = 'consumed', order_id = %s, write_date = now() at time zone 'UTC'
             WHERE token = %s AND kind = %s AND state = 'reserved' AND (expires_at IS NULL OR expires_at > %s)
         RETURNING id
        """, [order.id, token, kind, now or fields.Datetime.now()])
        row = self.env.cr.fetchone()
        self.invalidate_model(["state", "order_id"])
        return self.sudo().browse(row[0] if row else [])

    @api.model
    def _retail_why_not_consumed(self, token):
        reservation = self.sudo().search([("token", "=", token)], limit=1)
        if not reservation:
            return self.env._("no reservation has this token")
        if reservation.state == "consumed":
            return self.env._("the reservation was already used by order %(order)s", order=reservation.order_id.name)
        if reservation.state == "released":
            return self.env._("the reservation was released at the till")
        return self.env._("the reservation expired")

    @api.model
    def _cron_expire(self):
        """Free the units of use reservations no order consumed in time."""
        self.env.cr.execute("""
            UPDATE retail_product_card_reservation SET state = 'expired', write_date = now() at time zone 'UTC'
             WHERE kind = 'use' AND state = 'reserved' AND expires_at <= %s
        """, [fields.Datetime.now()])
        self.invalidate_model(["state"])
