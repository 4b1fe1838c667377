from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class PosOrder(models.Model):
    _inherit = "pos.order"

    retail_product_card_move_ids = fields.One2many("retail.product.card.move", "order_id",
                                                   string="Product Card Ledger")
    retail_product_card_receipt = fields.Json(
        compute="_compute_retail_product_card_receipt",
        help="What the receipt prints for the product cards this order sold or used: units left.")

    @api.depends("retail_product_card_move_ids")
    def _compute_retail_product_card_receipt(self):
        cards_model = self.env["retail.product.card"].sudo()
        for order in self:
            moves = order.sudo().retail_product_card_move_ids.filtered(
                lambda move: move.kind in ("sale", "gift", "extra", "use"))
            products_by_card = cards_model._retail_products_by_card(moves)
            cards = cards_model.browse([card.id for card in products_by_card])
            order.retail_product_card_receipt = cards_model._retail_receipt_lines(cards, products_by_card) or False

    def action_pos_order_paid(self):
        result = super().action_pos_order_paid()
        self._retail_process_product_cards()
        return result

    def _retail_process_product_cards(self):
        card_products = self.env["retail.product.card.type"].sudo().with_context(active_test=False).search([
            ("product_id", "in", self.lines.product_id.ids)]).product_id
        for order in self:
            lines = order.lines.filtered(lambda line: line.retail_product_card_token or line.refunded_orderline_id
                                         or line.product_id in card_products)
            if not lines or order.sudo().retail_product_card_move_ids:
                continue  # nothing about product cards, or the same order processed already
            for line in lines:
                # Odoo logs and swallows errors raised while an order is marked paid: a line that
                # cannot be processed is undone and left to a manager instead of silently dropped
                try:
                    with self.env.cr.savepoint():
                        line._retail_process_product_card_line(card_products)
                except (UserError, ValidationError) as error:
                    order._retail_flag_prepaid(0.0, self.env._(
                        "Product card line %(line)s could not be recorded: %(error)s",
                        line=line.full_product_name or line.product_id.display_name, error=error))


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    def _retail_process_product_card_line(self, card_products):
        self.ensure_one()
        if self.qty > 0 and self.retail_product_card_token:
            reservation = self.env["retail.product.card.reservation"].sudo().search(
                [("token", "=", self.retail_product_card_token)], limit=1)
            if self.product_id in card_products:
                self._retail_credit_extra_units(reservation)
            else:
                self._retail_use_units(reservation)
        elif self.qty > 0 and self.product_id in card_products:
            self._retail_issue_cards()
        elif self.qty < 0 and self.refunded_orderline_id:
            self._retail_refund_product_card()

    def _retail_move_common(self):
        order = self.order_id
        return {
            "date": order.date_order, "local_date": order.config_id._retail_local_date(order.date_order),
            "branch_id": order.config_id.id, "order_id": order.id, "order_line_id": self.id,
            "company_id": order.company_id.id,
        }

    # -- selling cards and extra units ----------------------------------------------------------------
    def _retail_issue_cards(self):
        """One card per unit sold, valued at what the line actually charged (without tax)."""
        order = self.order_id
        card_type = self.env["retail.product.card.type"].sudo().with_context(active_test=False).search(
            [("product_id", "=", self.product_id.id)], limit=1)
        count = int(self.qty)
        if not count or self.env["retail.product.card"].sudo().search_count([("order_line_id", "=", self.id)]):
            return
        amount = self.price_subtotal / self.qty
        cards = self.env["retail.product.card"]
        for _index in range(count):
            cards |= cards._retail_issue(card_type, order.partner_id, amount=amount, branch=order.config_id,
                                         order_line=self, date=order.date_order)
        if not order.partner_id:
            order.sudo()._message_log(body=self.env._(
                "Product card(s) %(codes)s were sold without a customer: set the customer on the card.",
                codes=", ".join(cards.mapped("code"))))

    def _retail_credit_extra_units(self, reservation):
        order = self.order_id
        consumed = reservation and reservation.kind == "extra" and reservation._retail_consume(
            reservation.token, order, kind="extra")
        if not consumed:
            why = self.env["retail.product.card.reservation"]._retail_why_not_consumed(self.retail_product_card_token)
            order._retail_flag_prepaid(0.0, self.env._(
                "Extra product-card units paid on line %(line)s were not credited (%(why)s): credit them to the "
                "card by a manual correction.", line=self.full_product_name or self.product_id.display_name, why=why))
            return
        units = int(self.qty)
        value = self.price_subtotal
        self.env["retail.product.card.move"].sudo().create({
            **self._retail_move_common(), "kind": "extra", "card_id": consumed.card_id.id,
            "product_id": consumed.product_id.id, "quantity": units, "unit_value": value / units if units else 0.0,
            "value": 0.0 if consumed.card_id.is_free and not value else value, "reservation_id": consumed.id,
        })

    # -- using units ----------------------------------------------------------------------------------
    def _retail_use_units(self, reservation):
        """Consume the line's reservation exactly once and take the units off the card; a missing,
        released, expired or already consumed reservation leaves the order flagged instead."""
        order = self.order_id
        units = int(self.qty)
        consumed = reservation and reservation.kind == "use" and reservation.product_id == self.product_id and \
            reservation._retail_consume(reservation.token, order)
        card = consumed.card_id if consumed else reservation.card_id
        if consumed:
            card = self.env["retail.product.card.reservation"]._retail_lock_card(card.id)
            left = card._retail_remaining().get((card.id, self.product_id.id), (0, 0.0))[0]
            honoured = min(units, consumed.quantity, left)
        else:
            honoured = 0
        if honoured:
            value = card._retail_take_value(self.product_id, honoured)
            cost = self.product_id.with_company(order.company_id).standard_price * honoured if card.is_free else 0.0
            self.env["retail.product.card.move"].sudo().create({
                **self._retail_move_common(), "kind": "use", "card_id": card.id, "partner_id": card.partner_id.id,
                "product_id": self.product_id.id, "quantity": -honoured, "unit_value": value / honoured,
                "value": -value, "cost_value": order.currency_id.round(cost), "reservation_id": consumed.id,
            })
        if honoured < units:
            self._retail_flag_unhonoured_use(card, units - honoured, reservation, consumed)

    def _retail_flag_unhonoured_use(self, card, units, reservation, consumed):
        order = self.order_id
        if card:
            unit_value = card._retail_unit_value(self.product_id) or self.product_id.lst_price
        else:
            unit_value = self.product_id.lst_price
        if consumed:
            why = self.env._("the card had fewer units left than the line took")
        elif reservation and reservation.product_id != self.product_id:
            why = self.env._("the reservation was for another product")
        else:
            why = self.env["retail.product.card.reservation"]._retail_why_not_consumed(self.retail_product_card_token)
        amount = order.currency_id.round(unit_value * units)
        order._retail_flag_prepaid(amount, self.env._(
            "%(units)s unit(s) of %(product)s taken from product card %(card)s were not honoured (%(why)s).",
            units=units, product=self.product_id.display_name, card=card.code or "?", why=why))

    # -- refunds --------------------------------------------------------------------------------------
    def _retail_refund_product_card(self):
        refunded = self.refunded_orderline_id
        moves = refunded.sudo().retail_product_card_move_ids
        if moves.filtered(lambda move: move.kind == "use"):
            self._retail_return_used_units(moves)
        elif self.env["retail.product.card"].sudo().search_count([("order_line_id", "=", refunded.id)]):
            self._retail_take_back_cards(refunded)
        elif moves.filtered(lambda move: move.kind == "extra"):
            self._retail_take_back_extra_units(moves.filtered(lambda move: move.kind == "extra"))

    def _retail_returned_units(self, refunded):
        """Units already given back by earlier refunds of the line ``refunded``."""
        earlier = refunded.refund_orderline_ids.sudo().retail_product_card_move_ids.filtered(
            lambda move: move.kind == "refund")
        return sum(abs(move.quantity) for move in earlier)

    def _retail_return_used_units(self, moves):
        """A refunded use gives the units back to the card, at the value they were taken."""
        use = moves.filtered(lambda move: move.kind == "use")[:1]
        used = -sum(moves.filtered(lambda move: move.kind == "use").mapped("quantity"))
        units = min(int(-self.qty), used - self._retail_returned_units(self.refunded_orderline_id))
        if units <= 0:
            return
        unit_value = -use.value / -use.quantity if use.quantity else 0.0
        unit_cost = use.cost_value / -use.quantity if use.quantity else 0.0
        self.env["retail.product.card.move"].sudo().create({
            **self._retail_move_common(), "kind": "refund", "card_id": use.card_id.id,
            "partner_id": use.card_id.partner_id.id, "product_id": use.product_id.id, "quantity": units,
            "unit_value": unit_value, "value": self.order_id.currency_id.round(units * unit_value),
            "cost_value": -self.order_id.currency_id.round(units * unit_cost),
        })

    def _retail_take_back_cards(self, refunded):
        """A refunded card sale takes back what is left on as many of the line's cards as refunded;
        what was used already is due from the customer."""
        order = self.order_id
        cards = self.env["retail.product.card"].sudo().search(
            [("order_line_id", "=", refunded.id), ("state", "!=", "refunded")], order="id")
        cards = cards[:int(-self.qty)]
        if not cards:
            return
        remaining = cards._retail_remaining()
        taken_back = sum(value for (_card, _product), (units, value) in remaining.items() if units > 0)
        cards._retail_write_off("refund", self.env._("Card sale refunded"), order_line=self, branch=order.config_id)
        cards.write({"state": "refunded"})
        refunded_amount = -self.price_subtotal
        due = order.currency_id.round(refunded_amount - taken_back)
        if order.currency_id.compare_amounts(due, 0) > 0:
            order._retail_flag_prepaid(due, self.env._(
                "Product card(s) %(codes)s were refunded in full although units had been used: %(due)s was "
                "refunded for them.", codes=", ".join(cards.mapped("code")), due=order.currency_id.format(due)))

    def _retail_take_back_extra_units(self, extras):
        extra = extras[:1]
        card = extra.card_id
        left_units = card._retail_remaining().get((card.id, extra.product_id.id), (0, 0.0))[0]
        bought = sum(extras.mapped("quantity")) - self._retail_returned_units(self.refunded_orderline_id)
        units = min(int(-self.qty), bought, left_units)
        if units <= 0:
            return
        value = card._retail_take_value(extra.product_id, units)
        self.env["retail.product.card.move"].sudo().create({
            **self._retail_move_common(), "kind": "refund", "card_id": card.id, "partner_id": card.partner_id.id,
            "product_id": extra.product_id.id, "quantity": -units, "unit_value": value / units, "value": -value,
        })
