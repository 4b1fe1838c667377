from odoo import fields, models
from odoo.exceptions import UserError, ValidationError


class PosOrder(models.Model):
    _inherit = "pos.order"

    retail_voucher_move_ids = fields.One2many("retail.voucher.move", "order_id", string="Voucher Ledger")
    retail_coupon_ids = fields.One2many("retail.coupon", "used_order_id", string="Coupons Used")

    def action_pos_order_paid(self):
        result = super().action_pos_order_paid()
        self._retail_process_serials()
        return result

    def _retail_process_serials(self):
        """Vouchers sold, vouchers and coupons redeemed on these orders: each serial is honoured once; a
        line the server cannot honour keeps its order, flagged for a manager with the amount due."""
        voucher_products = self.env["retail.voucher.type"].sudo().with_context(active_test=False).search(
            [("product_id", "in", self.lines.product_id.ids)]).product_id
        coupon_products = self.env["retail.coupon.type"].sudo().with_context(active_test=False).search(
            [("product_id", "in", self.lines.product_id.ids)]).product_id
        for order in self:
            for line in order.lines:
                if line.product_id not in voucher_products and line.product_id not in coupon_products:
                    continue
                # Odoo logs and swallows errors raised while an order is marked paid: a line that
                # cannot be processed is undone and left to a manager instead of silently dropped
                try:
                    with self.env.cr.savepoint():
                        if line.product_id in coupon_products:
                            line._retail_redeem_coupon()
                        elif line.qty > 0 and line.price_subtotal < 0:
                            line._retail_redeem_voucher()
                        elif line.qty > 0 and not line.refunded_orderline_id:
                            line._retail_sell_voucher()
                        elif line.qty < 0 and line.refunded_orderline_id.retail_voucher_token:
                            line._retail_refund_voucher_use()
                        elif line.qty < 0 and line.refunded_orderline_id:
                            line._retail_refund_voucher_sale()
                except (UserError, ValidationError) as error:
                    order._retail_flag_prepaid(0.0, self.env._(
                        "Line %(line)s could not be recorded: %(error)s",
                        line=line.full_product_name or line.product_id.display_name, error=error))

    def _get_invoice_lines_values(self, line_values, pos_order_line):
        values = super()._get_invoice_lines_values(line_values, pos_order_line)
        if pos_order_line.retail_voucher_serial and pos_order_line.price_subtotal_incl < 0:
            values["name"] = pos_order_line._retail_voucher_invoice_label() or values["name"]
        return values


class PosOrderLine(models.Model):
    _inherit = "pos.order.line"

    def _retail_line_label(self):
        return self.full_product_name or self.product_id.display_name

    # -- vouchers sold --------------------------------------------------------------------------------
    def _retail_sell_voucher(self):
        """Selling the type's product sells the voucher scanned on the line, else a new serial; either way
        the line names the serial so the receipt prints it."""
        order = self.order_id
        voucher_type = self.env["retail.voucher.type"].sudo().with_context(active_test=False).search(
            [("product_id", "=", self.product_id.id)], limit=1)
        Voucher = self.env["retail.voucher"].sudo()
        if Voucher.search_count([("sold_order_id", "=", order.id), ("serial", "=", self.retail_voucher_serial)]):
            return  # the same order processed already
        count = int(self.qty)
        if self.retail_voucher_serial:
            # a printed serial scanned at the till: taken once, with the till's reservation
            vouchers = Voucher._retail_claim_sale(self.retail_voucher_serial, self.retail_voucher_token, order)
            if vouchers.type_id != voucher_type:
                raise UserError(self.env._(
                    "Voucher %(serial)s is a %(actual)s, not a %(type)s: no voucher was issued for this line.",
                    serial=vouchers.serial, actual=vouchers.type_id.name, type=voucher_type.name))
        else:
            serials = Voucher._retail_new_serials(count, prefix="V", company=order.company_id)
            vouchers = Voucher._retail_create_serials(voucher_type, serials, batch=order.name)
            self.retail_voucher_serial = ",".join(vouchers.mapped("serial"))
        currency = order.currency_id
        each = currency.round(self.price_subtotal_incl / count) if count else 0.0
        net = currency.round(self.price_subtotal / count) if count else 0.0
        vouchers._retail_sell(order_line=self, partner=order.partner_id, invoice_value=each, net_value=net)

    def _retail_refund_voucher_sale(self):
        """A voucher sale refunded: the unused vouchers of the refunded line are cancelled and leave the
        liability; a voucher already used cannot be taken back, what was refunded for it is due."""
        order = self.order_id
        refunded = self.refunded_orderline_id
        vouchers = self.env["retail.voucher"].sudo().search(
            [("sold_order_id", "=", refunded.order_id.id),
             ("serial", "in", (refunded.retail_voucher_serial or "").split(","))])
        count = int(-self.qty)
        unused = vouchers.filtered(lambda voucher: voucher.state == "sold")[:count]
        paid_back = order.currency_id.round(-self.price_subtotal / count) if count else 0.0
        vals_list = []
        for voucher in unused:
            moves = voucher.move_ids
            sold_for = sum(moves.filtered(lambda move: move.kind == "sale").mapped("value"))
            difference = sum(moves.filtered(lambda move: move.kind == "bonus").mapped("value"))
            common = {"voucher_id": voucher.id, "order_id": order.id, "order_line_id": self.id,
                      "branch_id": order.config_id.id, "date": order.date_order, "company_id": order.company_id.id,
                      "partner_id": order.partner_id.id or voucher.customer_id.id or False,
                      "local_date": order.config_id._retail_local_date(order.date_order)}
            vals_list.append({**common, "kind": "refund", "value": -paid_back})
            rest = order.currency_id.round(sold_for + difference - paid_back)
            if not order.currency_id.is_zero(rest):
                vals_list.append({**common, "kind": "bonus", "value": -rest})
        self.env["retail.voucher.move"].sudo().create(vals_list)
        unused.write({"state": "cancelled", "cancel_reason": self.env._("Sale refunded on %(order)s", order=order.name),
                      "cancel_user_id": self.env.uid})
        missing = count - len(unused)
        if missing > 0:
            due = order.currency_id.round(paid_back * missing)
            order._retail_flag_prepaid(due, self.env._(
                "%(count)s voucher(s) refunded on line %(line)s were already used or cancelled: %(amount)s was "
                "refunded for them.", count=missing, line=self._retail_line_label(),
                amount=order.currency_id.format(due)))

    def _retail_refund_voucher_use(self):
        """Goods bought with a voucher returned: the part of the voucher the bill took goes back on the
        voucher, which can be used again (the breakage booked then stays booked)."""
        order = self.order_id
        voucher = self.refunded_orderline_id.order_id.sudo().retail_voucher_move_ids.filtered(
            lambda move: move.kind == "use" and move.order_line_id == self.refunded_orderline_id).voucher_id[:1]
        back = order.currency_id.round(self.price_subtotal)
        if not voucher or order.currency_id.compare_amounts(back, 0) <= 0:
            return
        self.env["retail.voucher.move"].sudo().create({
            "voucher_id": voucher.id, "kind": "refund", "value": back, "order_id": order.id, "order_line_id": self.id,
            "branch_id": order.config_id.id, "date": order.date_order, "company_id": order.company_id.id,
            "partner_id": order.partner_id.id or voucher.customer_id.id or False,
            "local_date": order.config_id._retail_local_date(order.date_order)})
        voucher.write({"state": "sold", "reservation_token": False, "reserved_until": False})

    # -- vouchers used --------------------------------------------------------------------------------
    def _retail_redeem_voucher(self):
        """Consume the till's reservation exactly once. The bill takes what it needs: no change is given,
        the voucher's unused part is breakage. A serial already used, or never reserved, is not honoured."""
        order = self.order_id
        Voucher = self.env["retail.voucher"].sudo()
        taken = -self.price_subtotal
        due = -self.price_subtotal_incl
        if why := self._retail_voucher_tax_refusal():
            order._retail_flag_prepaid(due, self.env._(
                "Voucher %(serial)s was not honoured (%(why)s): %(amount)s is due from the customer.",
                serial=self.retail_voucher_serial or "?", why=why, amount=order.currency_id.format(due)))
            return
        voucher = Voucher._retail_consume(self.retail_voucher_serial, self.retail_voucher_token, order)
        if not voucher:
            why = Voucher._retail_why_not_consumed(self.retail_voucher_serial, self.retail_voucher_token, order)
            order._retail_flag_prepaid(due, self.env._(
                "Voucher %(serial)s was not honoured (%(why)s): %(amount)s is due from the customer.",
                serial=self.retail_voucher_serial or "?", why=why, amount=order.currency_id.format(due)))
            return
        outstanding = voucher.liability
        used = min(taken, outstanding)
        common = {"voucher_id": voucher.id, "order_id": order.id, "order_line_id": self.id,
                  "branch_id": order.config_id.id, "date": order.date_order, "company_id": order.company_id.id,
                  "partner_id": order.partner_id.id or voucher.customer_id.id or False,
                  "local_date": order.config_id._retail_local_date(order.date_order)}
        vals_list = [{**common, "kind": "use", "value": -used}]
        if order.currency_id.compare_amounts(outstanding, used) > 0:
            vals_list.append({**common, "kind": "expiry", "value": used - outstanding,
                              "reason": self.env._("Unused part of a voucher used on a smaller bill (no change)")})
        self.env["retail.voucher.move"].sudo().create(vals_list)
        if order.currency_id.compare_amounts(taken, outstanding) > 0:
            excess = order.currency_id.round(taken - outstanding)
            order._retail_flag_prepaid(excess, self.env._(
                "Voucher %(serial)s paid %(taken)s but holds %(value)s: %(excess)s is due from the customer.",
                serial=voucher.serial, taken=order.currency_id.format(taken),
                value=order.currency_id.format(outstanding), excess=order.currency_id.format(excess)))

    def _retail_voucher_tax_refusal(self):
        """Why this redemption line's taxes do not fit its voucher's tax treatment; False when they do.

        A voucher taxed at sale takes its tax back: the line carries the type's taxes (the order's fiscal
        position maps them as it maps the goods'), so the goods' tax base shrinks by what the voucher
        pays, and it pays only for goods carrying those taxes (the tax charged when it was sold). A
        voucher taxed at redemption is no discount for tax: its line is untaxed."""
        self.ensure_one()
        order = self.order_id
        voucher = self.env["retail.voucher"]._retail_find(self.retail_voucher_serial, order.company_id)
        voucher_type = voucher.type_id
        if not voucher_type:
            return False  # unknown: _retail_why_not_consumed says so
        if voucher_type.tax_treatment != "sale":
            if self.tax_ids:
                return self.env._("a voucher taxed at redemption is paid untaxed, the line carried %(taxes)s",
                                  taxes=", ".join(self.tax_ids.mapped("name")))
            return False
        expected = voucher_type.tax_ids
        if self.tax_ids != expected:
            return self.env._("a voucher taxed at sale takes back %(expected)s, the line carried %(taxes)s",
                              expected=", ".join(expected.mapped("name")),
                              taxes=", ".join(self.tax_ids.mapped("name")) or self.env._("no tax"))
        goods = sum(line.price_subtotal_incl for line in order.lines
                    if line.tax_ids == expected and line.price_subtotal_incl > 0 and line != self
                    and not line.retail_coupon_serial)
        if order.currency_id.compare_amounts(-self.price_subtotal_incl, goods) > 0:
            return self.env._("it pays %(taken)s but the bill holds %(goods)s of goods taxed %(taxes)s",
                              taken=order.currency_id.format(-self.price_subtotal_incl),
                              goods=order.currency_id.format(goods), taxes=", ".join(expected.mapped("name")))
        return False

    # -- invoice --------------------------------------------------------------------------------------
    def _retail_voucher_invoice_label(self):
        """The invoice line of a redeemed voucher shows both values: what it pays (use value) and what it
        was sold for (invoice value), the difference, and what this bill took."""
        self.ensure_one()
        voucher = self.env["retail.voucher"]._retail_find(self.retail_voucher_serial, self.order_id.company_id)
        if not voucher:
            return False
        currency = self.order_id.currency_id
        return self.env._(
            "Voucher %(serial)s (%(type)s) redeemed: %(taken)s. Use value %(value)s, invoice value %(invoice)s, "
            "difference %(difference)s.", serial=voucher.serial, type=voucher.type_id.name,
            taken=currency.format(-self.price_subtotal_incl), value=currency.format(voucher.value),
            invoice=currency.format(voucher.invoice_value),
            difference=currency.format(voucher.value - voucher.invoice_value))

    # -- coupons --------------------------------------------------------------------------------------
    def _retail_redeem_coupon(self):
        """Consume the coupon's reservation exactly once and re-check its discount on the server: the
        minimum bill and the scope decide what it may take; more than that is due from the customer."""
        order = self.order_id
        Coupon = self.env["retail.coupon"].sudo()
        given = -self.price_subtotal_incl
        coupon = Coupon._retail_consume(self.retail_coupon_serial, self.retail_coupon_token, order)
        if not coupon:
            why = Coupon._retail_why_not_consumed(self.retail_coupon_serial, self.retail_coupon_token, order)
            order._retail_flag_prepaid(given, self.env._(
                "Coupon %(serial)s was not honoured (%(why)s): %(amount)s is due from the customer.",
                serial=self.retail_coupon_serial or "?", why=why, amount=order.currency_id.format(given)))
            return
        bill = [(line.product_id, line.price_subtotal_incl) for line in order.lines
                if not line.retail_coupon_serial and not (line.retail_voucher_serial and line.price_subtotal < 0)]
        allowed, why = coupon.type_id._retail_discount(bill)
        if order.currency_id.compare_amounts(given, allowed) > 0:
            excess = order.currency_id.round(given - allowed)
            reason = f" ({why})" if why else ""
            order._retail_flag_prepaid(excess, self.env._(
                "Coupon %(serial)s gave %(given)s but allows %(allowed)s%(why)s: %(excess)s is due from the customer.",
                serial=coupon.serial, given=order.currency_id.format(given),
                allowed=order.currency_id.format(allowed), why=reason,
                excess=order.currency_id.format(excess)))

