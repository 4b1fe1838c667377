from odoo import fields, models
from odoo.exceptions import UserError, ValidationError


class PosOrder(models.Model):
    """Recoin on an order reaching the server: spends consume their reservations, top-ups load the
    card with the level's bonus, refunds give value back, and the revenue actually spent earns the
    accrual for the next visit and counts for levels (see ``loyalty.program``)."""

    _inherit = "pos.order"

    retail_sv_done = fields.Boolean(string="Recoin Recorded", readonly=True, copy=False)
    retail_sv_balance = fields.Monetary(string="Recoin Balance", readonly=True, copy=False,
                                        help="The customer's Recoin balance once this order was recorded.")
    retail_sv_accrued = fields.Monetary(string="Recoin Accrued", readonly=True, copy=False,
                                        help="Recoin credited by this order, usable from the next visit.")
    retail_sv_level_name = fields.Char(string="Recoin Level", readonly=True, copy=False)
    retail_sv_move_ids = fields.One2many("retail.stored.value.move", "order_id", string="Recoin Ledger")

    def action_pos_order_paid(self):
        result = super().action_pos_order_paid()
        self._retail_sv_record()
        return result

    def _retail_sv_record(self):
        for order in self.filtered(lambda order: not order.retail_sv_done):
            # marked first: an order synced twice never loads, spends or accrues twice
            order.sudo().retail_sv_done = True
            try:
                with self.env.cr.savepoint():
                    order.sudo()._retail_sv_process()
            except (UserError, ValidationError) as error:
                # the order is kept whatever happens to its Recoin: nothing of it is honoured, a
                # manager is told (Odoo would only log an error raised while the order is paid)
                paid = sum(order.payment_ids.filtered(
                    lambda payment: payment.payment_method_id.retail_sv_program_id and payment.amount > 0
                ).mapped("amount"))
                order._retail_flag_prepaid(paid, self.env._(
                    "Recoin of this order not recorded: %(error)s", error=error.args[0] if error.args else error))

    def _retail_sv_process(self):
        self.ensure_one()
        programs = self.env["loyalty.program"].sudo().search([
            ("retail_stored_value", "=", True), ("company_id", "in", (self.company_id.id, False))])
        topup_lines = self.lines.filtered(lambda line: line.product_id in programs.retail_sv_topup_product_id)
        cards = self.env["loyalty.card"]
        for payment in self.payment_ids.filtered(lambda payment: payment.payment_method_id.retail_sv_program_id):
            cards |= self._retail_sv_payment(payment, bool(topup_lines))
        program_by_product = {program.retail_sv_topup_product_id: program for program in programs}
        for line in topup_lines:
            cards |= self._retail_sv_topup(line, program_by_product[line.product_id])
        if self.partner_id:
            cards |= self.env["loyalty.card"].sudo().search([
                ("program_id", "in", programs.ids), ("partner_id", "=", self.partner_id.id)])
        accrued = 0.0
        for card in cards:
            accrued += self._retail_sv_accrue(card)
            card._retail_sv_update_level(branch=self.config_id, order=self)
        partner_cards = cards.filtered(lambda card: card.partner_id == self.partner_id)
        if partner_cards:
            self.write({
                "retail_sv_balance": sum(partner_cards.mapped("points")),
                "retail_sv_accrued": accrued,
                "retail_sv_level_name": partner_cards[:1].retail_sv_level_id.name or False,
            })

    def _retail_sv_move_vals(self, card, kind, amount, **extra):
        return {
            "card_id": card.id, "kind": kind, "amount": amount, "order_id": self.id, "branch_id": self.config_id.id,
            "date": self.date_order, "partner_id": card.partner_id.id, "company_id": self.company_id.id,
            "user_id": self.user_id.id or self.env.uid, **extra,
        }

    # ------------------------------------------------------------------ payments
    def _retail_sv_payment(self, payment, has_topup):
        """Honour one Recoin payment line: a spend consumes its reservation, a negative line (a refund
        paid back to the card) credits the customer's card. Anything else is flagged."""
        program = payment.payment_method_id.retail_sv_program_id
        currency = self.currency_id
        amount = currency.round(payment.amount)
        Reservation = self.env["retail.stored.value.reservation"].sudo()
        if amount > 0 and has_topup:
            if payment.retail_sv_token:
                Reservation._retail_close([payment.retail_sv_token], "released", order=self)
            self._retail_flag_prepaid(amount, self.env._(
                "Recoin payment of %(amount)s not honoured: a top-up cannot be paid with Recoin.",
                amount=currency.format(amount)))
            return self.env["loyalty.card"]
        if amount > 0:
            if not payment.retail_sv_token:
                self._retail_flag_prepaid(amount, self.env._(
                    "Recoin payment of %(amount)s not honoured: it reached the server without a reservation "
                    "(was the till offline?).", amount=currency.format(amount)))
                return self.env["loyalty.card"]
            reservation, why_not = Reservation._retail_consume(payment.retail_sv_token, amount, self, program)
            if not reservation:
                self._retail_flag_prepaid(amount, self.env._(
                    "Recoin payment of %(amount)s not honoured: %(reason)s.",
                    amount=currency.format(amount), reason=why_not))
                return self.env["loyalty.card"]
            card = reservation.card_id
            if card.points < amount - currency.rounding / 2:
                self._retail_flag_prepaid(amount, self.env._(
                    "Recoin payment of %(amount)s not honoured: card %(card)s holds only %(balance)s.",
                    amount=currency.format(amount), card=card.code, balance=currency.format(card.points)))
                return self.env["loyalty.card"]
            self.env["retail.stored.value.move"].sudo().create(self._retail_sv_move_vals(
                card, "spend", -amount, payment_id=payment.id, reservation_id=reservation.id))
            return card
        if amount < 0:
            if not self.partner_id:
                self._retail_flag_prepaid(0.0, self.env._(
                    "A refund of %(amount)s to Recoin has no customer: nothing was credited.",
                    amount=currency.format(-amount)))
                return self.env["loyalty.card"]
            if has_topup:
                self._retail_flag_prepaid(0.0, self.env._(
                    "A top-up refund cannot be paid back in Recoin: %(amount)s not credited.",
                    amount=currency.format(-amount)))
                return self.env["loyalty.card"]
            card = self.env["loyalty.card"]._retail_sv_card(self.partner_id, program, create=True)
            self.env["retail.stored.value.move"].sudo().create(self._retail_sv_move_vals(
                card, "refund", -amount, payment_id=payment.id,
                money_amount=currency.round(-amount * self._retail_sv_refunded_money_share())))
            return card
        return self.env["loyalty.card"]

    def _retail_sv_refunded_money_share(self):
        """Share of customer money in what the refunded orders spent in Recoin (1 when they spent none:
        the customer paid money, which now goes onto the card)."""
        spends = self.lines.refunded_orderline_id.order_id.retail_sv_move_ids.filtered(lambda m: m.kind == "spend")
        total = sum(spends.mapped("amount"))
        return sum(spends.mapped("money_amount")) / total if total else 1.0

    # ------------------------------------------------------------------ top-ups
    def _retail_sv_topup(self, line, program):
        """Load the customer's card with a top-up line (and the level's bonus); a refunded top-up takes
        back what is still on the card, and what is missing is flagged as due."""
        currency = self.currency_id
        amount = currency.round(line.price_subtotal_incl)
        if not self.partner_id:
            self._retail_flag_prepaid(0.0, self.env._(
                "Top-up of %(amount)s without a customer: no card was loaded. Load it from the backend.",
                amount=currency.format(amount)))
            return self.env["loyalty.card"]
        Move = self.env["retail.stored.value.move"].sudo()
        if amount > 0:
            card = self.env["loyalty.card"]._retail_sv_card(self.partner_id, program, create=True)
            bonus = currency.round(program._retail_sv_bonus(amount, card.retail_sv_level_id))
            vals_list = [self._retail_sv_move_vals(card, "topup", amount, order_line_id=line.id)]
            if bonus > 0:
                vals_list.append(self._retail_sv_move_vals(
                    card, "bonus", bonus, order_line_id=line.id,
                    reason=self.env._("Top-up bonus, level %(level)s", level=card.retail_sv_level_id.name or "-")))
            Move.create(vals_list)
            return card
        if amount < 0:
            card = self.env["loyalty.card"]._retail_sv_card(self.partner_id, program)
            wanted = -amount
            original = line.refunded_orderline_id
            original_bonus = sum(original.order_id.retail_sv_move_ids.filtered(
                lambda move: move.kind == "bonus" and move.order_line_id == original).mapped("amount"))
            wanted_bonus = currency.round(original_bonus * min(-line.qty / original.qty, 1.0)) if original.qty else 0.0
            available = card.retail_sv_available if card else 0.0
            taken = min(wanted, available)
            taken_bonus = min(wanted_bonus, available - taken)
            vals_list = []
            if taken > 0:
                vals_list.append(self._retail_sv_move_vals(card, "topup", -taken, order_line_id=line.id))
            if taken_bonus > 0:
                vals_list.append(self._retail_sv_move_vals(card, "bonus", -taken_bonus, order_line_id=line.id,
                                                           reason=self.env._("Bonus of a refunded top-up")))
            if vals_list:
                Move.create(vals_list)
            missing = currency.round(wanted - taken)
            if missing > 0:
                self._retail_flag_prepaid(missing, self.env._(
                    "Top-up refund: the card held only %(taken)s of the %(wanted)s refunded; %(missing)s was "
                    "already spent.", taken=currency.format(taken), wanted=currency.format(wanted),
                    missing=currency.format(missing)))
            return card or self.env["loyalty.card"]
        return self.env["loyalty.card"]

    # ------------------------------------------------------------------ accrual and levels
    def _retail_sv_level_revenue(self):
        """Revenue this order actually spent, for levels and accrual: what was bought (without top-ups
        and other prepaid value sold), less the Recoin credit (bonus, accrual) it was paid with."""
        qualifying = self._retail_qualifying_amount()
        moves = self.retail_sv_move_ids.filtered(lambda move: move.kind in ("spend", "refund"))
        credit_paid = -sum(move.amount - move.money_amount for move in moves)
        revenue = qualifying - credit_paid
        return self.currency_id.round(max(revenue, 0.0) if qualifying >= 0 else min(revenue, 0.0))

    def _retail_sv_accrue(self, card):
        """The order's accrual on ``card`` (the card holder's order only), credited for the next visit:
        the order's payments were taken before this line exists, so it is never spent on this order."""
        if card.partner_id != self.partner_id or card.retail_sv_move_ids.filtered(
                lambda move: move.kind == "accrual" and move.order_id == self):
            return 0.0
        revenue = self._retail_sv_level_revenue()
        if not revenue:
            return 0.0
        currency = self.currency_id
        level = card.retail_sv_level_id
        if revenue > 0:
            percent = 0.0 if card.retail_sv_converted else level.accrual_percent
            accrual = currency.round(revenue * percent / 100)
        else:
            earned = self.lines.refunded_orderline_id.order_id.retail_sv_move_ids.filtered(
                lambda move: move.kind == "accrual" and move.card_id == card and move.level_revenue > 0)
            rate = sum(earned.mapped("amount")) / sum(earned.mapped("level_revenue")) if earned else 0.0
            accrual = -min(currency.round(-revenue * rate), card.retail_sv_available)
        self.env["retail.stored.value.move"].sudo().create(self._retail_sv_move_vals(
            card, "accrual", accrual, level_revenue=revenue,
            reason=self.env._("Level %(level)s", level=level.name or "-")))
        return accrual if accrual > 0 else 0.0
