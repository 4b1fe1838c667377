from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPosStoredValueTour(HttpCase):
    """Recoin at the demo shop's till: top up with bonus, pay part of an order with Recoin, the
    receipt prints the balance."""

    def setUp(self):
        super().setUp()
        self.config = self.env.ref("retail_crm.demo_pos_hoan_kiem")
        self.company = self.config.company_id
        self.program = self.env.ref("retail_loyalty.demo_recoin_program")
        self.method = self.env.ref("retail_loyalty.demo_payment_method_recoin")
        self.topup = self.env.ref("retail_loyalty.demo_recoin_topup_product")
        # the demo figures the tour counts on, whatever else the demo data did
        self.env["loyalty.program"].search([("retail_stored_value", "=", True), ("id", "!=", self.program.id)]).write(
            {"active": False})
        self.env["retail.member.day"].search([]).write({"active": False})
        self.topup.write({"list_price": 100000, "available_in_pos": True,
                          "pos_categ_ids": [Command.set(self.env.ref("retail_crm.demo_pos_category_spa").ids)]})
        if self.method not in self.config.payment_method_ids:
            self.config.with_context(bypass_payment_method_ids_forbidden_change=True).payment_method_ids = [
                Command.link(self.method.id)]
        self.partner = self.env["res.partner"].create({"name": "Tour Recoin Lê Thị Ví", "company_id": self.company.id})

    def test_topup_with_bonus_then_pay_part_of_an_order_with_recoin(self):
        member = self.env.ref("retail_loyalty.demo_recoin_level_member")
        self.assertEqual((member.accrual_percent, self.program._retail_sv_bonus(1000000, member)), (5, 500000))
        previous = self.env["pos.order"].search([("config_id", "=", self.config.id)])

        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_stored_value_tour", login="admin")

        orders = (self.env["pos.order"].search([("config_id", "=", self.config.id)]) - previous).sorted("id")
        self.assertEqual(len(orders), 2)
        topup, sale = orders
        card = self.env["loyalty.card"]._retail_sv_card(self.partner, self.program)
        self.assertEqual(sorted(topup.retail_sv_move_ids.mapped(lambda m: (m.kind, m.amount))),
                         [("bonus", 500000), ("topup", 1000000)])
        recoin_payment = sale.payment_ids.filtered(lambda p: p.payment_method_id == self.method)
        self.assertEqual(recoin_payment.amount, 200000)
        self.assertTrue(recoin_payment.retail_sv_token, "the till sent the reservation token back")
        spend = sale.retail_sv_move_ids.filtered(lambda m: m.kind == "spend")
        self.assertEqual((spend.amount, spend.reservation_id.state), (-200000, "consumed"))
        self.assertFalse(sale.retail_prepaid_flagged)
        self.assertEqual(card.points, 1319167)
        self.assertEqual(sale.retail_sv_balance, 1319167)
        self.assertEqual(card.retail_sv_reserved, 0)

    def test_offline_till_cannot_take_recoin_but_keeps_selling(self):
        self.env["retail.stored.value.topup"].create({
            "program_id": self.program.id, "partner_id": self.partner.id, "amount": 1000000,
            "journal_id": self.env["account.journal"].search([
                ("company_id", "=", self.company.id), ("type", "=", "bank")], limit=1).id,
            "reference": "TOUR-OFFLINE"}).action_topup()
        previous = self.env["pos.order"].search([("config_id", "=", self.config.id)])

        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_stored_value_offline_tour", login="admin")

        orders = self.env["pos.order"].search([("config_id", "=", self.config.id)]) - previous
        self.assertEqual(len(orders), 1)
        self.assertFalse(orders.payment_ids.filtered(lambda p: p.payment_method_id == self.method))
        card = self.env["loyalty.card"]._retail_sv_card(self.partner, self.program)
        self.assertFalse(card.retail_sv_move_ids.filtered(lambda m: m.kind == "spend"), "no Recoin spent offline")
        self.assertFalse(self.env["retail.stored.value.reservation"].search([("card_id", "=", card.id)]))
