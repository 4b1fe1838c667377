from uuid import uuid4

from odoo import Command, fields

from .common import RetailLoyaltyCase


class RetailStoredValueCase(RetailLoyaltyCase):
    """The Hoàn Kiếm branch with a test Recoin program: levels Member (0 ₫, 5 %), Potential
    (10,000,000 ₫, 10 %) and VIP (30,000,000 ₫, no accrual, converts to the VIP tier); top-up bonus
    1,000,000 → +500,000 for every level, and +50 % from 1,000,000 at Potential; a Recoin payment
    method (Customer Account) at the branch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["loyalty.program"].search([("retail_stored_value", "=", True)]).active = False
        cls.topup_product = cls.env["product.product"].create({
            "name": "Test Recoin top-up", "type": "service", "available_in_pos": True, "list_price": 100000,
            "taxes_id": [Command.clear()], "company_id": cls.company.id,
        })
        cls.program = cls.env["loyalty.program"].create({
            "name": "Test Recoin", "retail_stored_value": True, "program_type": "ewallet",
            "company_id": cls.company.id, "retail_sv_topup_product_id": cls.topup_product.id,
        })
        Level = cls.env["retail.stored.value.level"]
        cls.level_member = Level.create({"program_id": cls.program.id, "name": "Member", "sequence": 10,
                                         "revenue_threshold": 0, "accrual_percent": 5})
        cls.level_potential = Level.create({"program_id": cls.program.id, "name": "Potential", "sequence": 20,
                                            "revenue_threshold": 10000000, "accrual_percent": 10})
        cls.level_vip = Level.create({"program_id": cls.program.id, "name": "VIP", "sequence": 30,
                                      "revenue_threshold": 30000000, "accrual_percent": 0,
                                      "upgrade_tier_id": cls.vip_tier.id})
        Bonus = cls.env["retail.stored.value.bonus"]
        Bonus.create({"program_id": cls.program.id, "min_amount": 1000000, "bonus_type": "fixed",
                      "bonus_amount": 500000})
        Bonus.create({"program_id": cls.program.id, "level_id": cls.level_potential.id, "min_amount": 1000000,
                      "bonus_type": "percent", "bonus_percent": 50})
        cls.recoin = cls.env["pos.payment.method"].create({
            "name": "Test Recoin", "company_id": cls.company.id, "split_transactions": True,
            "retail_sv_program_id": cls.program.id,
        })
        cls.branch.with_context(bypass_payment_method_ids_forbidden_change=True).payment_method_ids = [
            Command.link(cls.recoin.id)]
        cls.Move = cls.env["retail.stored.value.move"]
        cls.Reservation = cls.env["retail.stored.value.reservation"]
        cls.Card = cls.env["loyalty.card"]

    # ------------------------------------------------------------------ helpers
    def _customer(self, name="Khách Recoin"):
        return self.env["res.partner"].create({"name": name, "company_id": self.company.id})

    def _order_vals(self, partner, lines, payments, local_string="2026-11-23 10:00", uuid=None, refunded=None):
        """A till's order payload: lines [(product, amount[, qty])], payments [(method, amount[, token])]."""
        total = sum(line[1] for line in lines)
        order_lines = []
        refunded_by_product = {line.product_id: line for line in refunded.lines} if refunded else {}
        for line in lines:
            product, amount = line[0], line[1]
            qty = line[2] if len(line) > 2 else (1 if amount >= 0 else -1)
            vals = {
                "product_id": product.id, "qty": qty, "price_unit": amount / qty, "discount": 0,
                "price_subtotal": amount, "price_subtotal_incl": amount, "tax_ids": [(6, 0, [])],
                "pack_lot_ids": [],
            }
            if product in refunded_by_product:
                vals["refunded_orderline_id"] = refunded_by_product[product].id
            order_lines.append((0, 0, vals))
        payment_lines = []
        for payment in payments:
            vals = {"amount": payment[1], "name": fields.Datetime.now(), "payment_method_id": payment[0].id}
            if len(payment) > 2 and payment[2]:
                vals["retail_sv_token"] = payment[2]
            payment_lines.append((0, 0, vals))
        return {
            "amount_paid": total, "amount_return": 0, "amount_tax": 0, "amount_total": total,
            "date_order": fields.Datetime.to_string(self._utc(local_string)),
            "fiscal_position_id": False, "pricelist_id": self.branch.pricelist_id.id,
            "name": f"Order {uuid4()}", "last_order_preparation_change": "{}", "lines": order_lines,
            "partner_id": partner.id if partner else False, "session_id": self.session.id,
            "sequence_number": 1, "uuid": uuid or str(uuid4()), "user_id": self.env.uid, "to_invoice": False,
            "payment_ids": payment_lines, "state": "paid",
        }

    def _sync(self, vals):
        result = self.env["pos.order"].sync_from_ui([vals])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _topup(self, partner, amount, local_string="2026-11-23 09:00"):
        """A top-up sold at the till, paid in cash."""
        return self._sync(self._order_vals(partner, [(self.topup_product, amount)], [(self.cash, amount)],
                                           local_string))

    def _card(self, partner):
        return self.Card._retail_sv_card(partner, self.program)

    def _reserve(self, card, amount, uuid=None):
        return self.Reservation.retail_pos_reserve(card.id, amount, uuid or str(uuid4()), self.branch.id)

    def _pay(self, partner, total, recoin_amount, token=None, product=None, local_string="2026-11-23 11:00"):
        """An order of ``total`` paid ``recoin_amount`` with Recoin (with ``token``) and the rest in cash."""
        payments = [(self.recoin, recoin_amount, token)]
        if total - recoin_amount:
            payments.append((self.cash, total - recoin_amount))
        return self._sync(self._order_vals(partner, [(product or self.service, total)], payments, local_string))

    def _ledger_sum(self, card):
        self.env.flush_all()
        self.env.cr.execute("SELECT COALESCE(SUM(amount), 0) FROM retail_stored_value_move WHERE card_id = %s",
                            [card.id])
        return self.env.cr.fetchone()[0]
