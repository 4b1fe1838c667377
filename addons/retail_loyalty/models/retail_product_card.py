from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class RetailProductCard(models.Model):
    """A customer's product card: the units of its type, sold at the till or given free.

    Units live in the ledger (``retail.product.card.move``); the card only says whose it is, how
    long it is valid and whether it may be used."""

    _name = "retail.product.card"
    _description = "Product Card"
    _inherit = ["mail.thread"]
    _order = "issue_date desc, id desc"
    _rec_name = "code"
    _check_company_auto = True

    code = fields.Char(required=True, copy=False, index=True, readonly=True, tracking=True,
                       default=lambda self: self._retail_next_code(),
                       help="Printed on the card as a barcode.")
    type_id = fields.Many2one("retail.product.card.type", string="Card Type", required=True, readonly=True,
                              check_company=True, ondelete="restrict", index=True)
    partner_id = fields.Many2one("res.partner", string="Customer", index=True, tracking=True, check_company=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    is_free = fields.Boolean(string="Given Free", readonly=True,
                             help="Given by the shop, not sold: its units carry no liability and each use is a "
                             "marketing expense at product cost.")
    issue_date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    expiry_date = fields.Date(readonly=True, tracking=True, help="Units left after this day are written off.")
    state = fields.Selection(
        [("active", "Active"), ("expired", "Expired"), ("blocked", "Blocked"), ("refunded", "Refunded")],
        default="active", required=True, readonly=True, tracking=True, index=True)
    block_reason = fields.Char(readonly=True, tracking=True)
    branch_id = fields.Many2one("pos.config", string="Issued at", readonly=True)
    order_id = fields.Many2one("pos.order", string="Sold on", readonly=True, index="btree_not_null")
    order_line_id = fields.Many2one("pos.order.line", string="Sale Line", readonly=True, index="btree_not_null")
    move_ids = fields.One2many("retail.product.card.move", "card_id", string="Ledger")
    balance_ids = fields.One2many("retail.product.card.balance", "card_id", string="Remaining Units")
    last_reservation_at = fields.Datetime(
        readonly=True, copy=False, help="When a till last took units from this card (the row lock of reservations).")
    remaining_units = fields.Integer(compute="_compute_remaining", string="Units Left")
    remaining_value = fields.Monetary(compute="_compute_remaining", string="Liability Left")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "Another product card has this code."),
    ]

    @api.model
    def _retail_next_code(self):
        return self.env["ir.sequence"].sudo().next_by_code("retail.product.card") or "/"

    def _compute_remaining(self):
        remaining = self._retail_remaining()
        for card in self:
            lines = [balance for (card_id, _product), balance in remaining.items() if card_id == card.id]
            card.remaining_units = sum(units for units, _value in lines)
            card.remaining_value = sum(value for _units, value in lines)

    def _retail_remaining(self):
        """{(card id, product id): (units, value)} from the ledger, one query."""
        if not self.ids:
            return {}
        self.env["retail.product.card.move"].flush_model(["card_id", "product_id", "quantity", "value"])
        self.env.cr.execute("""
            SELECT card_id, product_id, SUM(quantity), SUM(value)
              FROM retail_product_card_move
             WHERE card_id = ANY(%s)
          GROUP BY card_id, product_id
        """, [self.ids])
        return {(card_id, product_id): (units, value or 0.0)
                for card_id, product_id, units, value in self.env.cr.fetchall()}

    def _retail_unit_value(self, product):
        """Liability value of one unit of ``product`` on this card now: what the units left are worth
        on average, else the last value the card gave such a unit; 0 on free cards."""
        self.ensure_one()
        if self.is_free:
            return 0.0
        units, value = self._retail_remaining().get((self.id, product.id), (0, 0.0))
        if units > 0:
            return value / units
        issued = self.move_ids.filtered(
            lambda move: move.product_id == product and move.kind in ("sale", "extra") and move.quantity > 0)
        return issued[:1].unit_value

    def _retail_take_value(self, product, units):
        """Liability taken by using ``units`` of ``product`` now (positive): the last units carry
        whatever rounding is left, so a card used up owes nothing."""
        self.ensure_one()
        if self.is_free:
            return 0.0
        left_units, left_value = self._retail_remaining().get((self.id, product.id), (0, 0.0))
        if units >= left_units:
            return left_value
        return self.currency_id.round(units * left_value / left_units)

    # -- issuing --------------------------------------------------------------------------------------
    @api.model
    def _retail_issue(self, card_type, partner, *, free=False, amount=None, branch=None, order_line=None,
                      date=None, reason=None):
        """Issue one card of ``card_type`` with its units. ``amount`` is what was paid for it (company
        currency, without tax; defaults to the type's price); free cards carry no value."""
        card_type = card_type.sudo()
        when = date or fields.Datetime.now()
        local_date = branch._retail_local_date(when) if branch else fields.Date.context_today(self, when)
        card = self.sudo().create({
            "type_id": card_type.id, "partner_id": partner.id, "company_id": card_type.company_id.id,
            "is_free": free, "issue_date": local_date, "expiry_date": card_type._retail_expiry_date(local_date),
            "branch_id": branch.id if branch else False, "order_id": order_line.order_id.id if order_line else False,
            "order_line_id": order_line.id if order_line else False,
        })
        shares = {} if free else card_type._retail_allocate(card_type.price if amount is None else amount)
        self.env["retail.product.card.move"].sudo().create([{
            "kind": "gift" if free else "sale", "card_id": card.id, "product_id": line.product_id.id,
            "quantity": line.quantity, "unit_value": shares.get(line, 0.0) / line.quantity,
            "value": shares.get(line, 0.0), "date": when, "local_date": local_date,
            "branch_id": branch.id if branch else False, "order_id": order_line.order_id.id if order_line else False,
            "order_line_id": order_line.id if order_line else False, "reason": reason,
        } for line in card_type.line_ids])
        return card

    # -- state ----------------------------------------------------------------------------------------
    def _retail_check_manager(self):
        if not self.env["retail.prepaid.ledger.mixin"]._retail_may_correct():
            raise AccessError(self.env._("Only a retail manager or an accountant may block or unblock product cards."))

    def action_block(self):
        self._retail_check_manager()
        if any(not (card.block_reason or "").strip() for card in self):
            raise UserError(self.env._("Say why the card is blocked (Block Reason) before blocking it."))
        self.filtered(lambda card: card.state == "active").sudo().write({"state": "blocked"})

    def action_unblock(self):
        self._retail_check_manager()
        today = fields.Date.context_today(self)
        for card in self.filtered(lambda card: card.state == "blocked"):
            expired = card.expiry_date and card.expiry_date < today
            card.sudo().write({"state": "expired" if expired else "active", "block_reason": False})

    def write(self, vals):
        protected = {"type_id", "is_free", "company_id", "code", "state", "expiry_date", "issue_date"}
        if protected & set(vals) and not self.env.su:
            raise UserError(self.env._("The type, code, dates and state of a product card change through its "
                                       "actions only."))
        if "block_reason" in vals and not self.env.su:
            self._retail_check_manager()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never_with_ledger(self):
        if self.move_ids:
            raise UserError(self.env._("A product card with ledger lines cannot be deleted; block it instead."))

    def _retail_usable(self, today=None):
        """Why this card cannot be used today, or False."""
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        if self.state == "blocked":
            return self.env._("Card %(code)s is blocked.", code=self.code)
        if self.state in ("expired", "refunded") or (self.expiry_date and self.expiry_date < today):
            return self.env._("Card %(code)s is no longer valid.", code=self.code)
        return False

    # -- expiry ---------------------------------------------------------------------------------------
    @api.model
    def _cron_expire(self, today=None):
        """Write off the units of cards past their validity, one `expiry` line per card and product."""
        today = today or fields.Date.context_today(self)
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT c.id
              FROM retail_product_card c
             WHERE c.expiry_date < %s
               AND (c.state = 'active' OR EXISTS (
                        SELECT 1 FROM retail_product_card_move m WHERE m.card_id = c.id
                      GROUP BY m.product_id HAVING SUM(m.quantity) > 0))
        """, [today])
        cards = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        cards._retail_write_off(kind="expiry", reason=self.env._("Validity ended"))
        cards.filtered(lambda card: card.state == "active").write({"state": "expired"})
        self.env["retail.product.card.reservation"].sudo().search([
            ("card_id", "in", cards.ids), ("state", "=", "reserved")]).write({"state": "expired"})
        return cards

    def _retail_write_off(self, kind, reason, order_line=None, branch=None):
        """Take every remaining unit off these cards as ``kind`` lines."""
        remaining = self._retail_remaining()
        vals_list = []
        for (card_id, product_id), (units, value) in remaining.items():
            if units <= 0:
                continue
            card = self.browse(card_id)
            vals_list.append({
                "kind": kind, "card_id": card_id, "product_id": product_id, "quantity": -units,
                "unit_value": value / units, "value": -value, "reason": reason, "partner_id": card.partner_id.id,
                "order_id": order_line.order_id.id if order_line else False,
                "order_line_id": order_line.id if order_line else False,
                "branch_id": branch.id if branch else False,
                "local_date": branch._retail_local_date() if branch else fields.Date.context_today(self),
            })
        return self.env["retail.product.card.move"].sudo().create(vals_list)

    # -- till API -------------------------------------------------------------------------------------
    @api.model
    def _retail_pos_check_user(self):
        if not self.env.user.has_group("point_of_sale.group_pos_user"):
            raise AccessError(self.env._("Only point of sale users may use product cards at the till."))

    @api.model
    def _retail_pos_check(self, config_id):
        self._retail_pos_check_user()
        config = self.env["pos.config"].browse(config_id).exists()
        if not config or config.company_id not in self.env.user.company_ids:
            raise AccessError(self.env._("This till is not one of your companies'."))
        return config

    @api.model
    def retail_pos_cards(self, partner_id, config_id, order_uuid=False):
        """The customer's usable cards for the till, with the units left per product. Units already
        reserved (on any order) are not available; ``used_this_visit`` counts this order's."""
        config = self._retail_pos_check(config_id)
        today = config._retail_local_date()
        cards = self.sudo().search([
            ("partner_id", "=", partner_id), ("company_id", "=", config.company_id.id), ("state", "=", "active"),
            "|", ("expiry_date", "=", False), ("expiry_date", ">=", today),
        ], order="expiry_date, id")
        if not cards:
            return []
        remaining = cards._retail_remaining()
        reservations = self.env["retail.product.card.reservation"].sudo()
        reserved = reservations._retail_reserved_units(cards)
        this_visit = reservations._retail_visit_units(cards, order_uuid) if order_uuid else {}
        result = []
        for card in cards:
            products = []
            for line in card.type_id.line_ids:
                units = remaining.get((card.id, line.product_id.id), (0, 0.0))[0]
                if units <= 0 and not line.extra_allowed:
                    continue
                products.append({
                    "product_id": line.product_id.id, "name": line.product_id.display_name,
                    "remaining": units, "available": max(units - reserved.get((card.id, line.product_id.id), 0), 0),
                    "per_visit": line.max_per_visit,
                    "used_this_visit": this_visit.get((card.id, line.product_id.id), 0),
                    "extra_allowed": line.extra_allowed, "extra_price": line.extra_price,
                })
            if products:
                result.append({
                    "card_id": card.id, "code": card.code, "type": card.type_id.name,
                    "expiry": fields.Date.to_string(card.expiry_date) if card.expiry_date else False,
                    "is_free": card.is_free, "per_visit": card.type_id.max_units_per_visit,
                    "used_this_visit": sum(units for (card_id, _p), units in this_visit.items() if card_id == card.id),
                    "products": products,
                })
        return result

    @api.model
    def _retail_receipt_lines(self, cards, products_by_card):
        """What the receipt prints for the cards an order used or sold: units left per product."""
        remaining = cards._retail_remaining()
        lines = []
        for card in cards:
            for product in products_by_card[card]:
                lines.append({"code": card.code, "product": product.display_name,
                              "remaining": remaining.get((card.id, product.id), (0, 0.0))[0]})
        return lines

    def _retail_products_by_card(self, moves):
        products = defaultdict(lambda: self.env["product.product"])
        for move in moves:
            products[move.card_id] |= move.product_id
        return products

    @api.constrains("partner_id", "company_id")
    def _check_partner_company(self):
        for card in self:
            if card.partner_id.company_id and card.partner_id.company_id != card.company_id:
                raise ValidationError(self.env._("The customer belongs to another company."))
