from odoo.exceptions import UserError, ValidationError

from .common_stored_value import RetailStoredValueCase


class TestStoredValue(RetailStoredValueCase):
    """Recoin: top-up with bonus, next-visit accrual, spending within the balance, levels on revenue
    actually spent, the upgrade path to a direct-discount tier, refunds and the append-only ledger."""

    def test_topup_at_the_till_creates_the_card_and_credits_the_bonus(self):
        partner = self._customer()
        order = self._topup(partner, 1000000)

        card = self._card(partner)
        self.assertTrue(card, "the first top-up created the customer's card")
        self.assertEqual(card.points, 1500000, "pay 1,000,000, receive 1,500,000")
        self.assertEqual(sorted(card.retail_sv_move_ids.mapped(lambda m: (m.kind, m.amount))),
                         [("bonus", 500000), ("topup", 1000000)])
        topup = card.retail_sv_move_ids.filtered(lambda m: m.kind == "topup")
        self.assertEqual((topup.order_id, topup.branch_id, topup.money_amount, topup.value),
                         (order, self.branch, 1000000, 1000000))
        bonus = card.retail_sv_move_ids.filtered(lambda m: m.kind == "bonus")
        self.assertEqual((bonus.money_amount, bonus.value), (0, 500000), "bonus is liability, not customer money")
        self.assertEqual(order.retail_sv_balance, 1500000, "the receipt reads the balance after the order")
        self.assertEqual(card.retail_sv_revenue, 0, "a top-up is not revenue spent")
        self.assertEqual(card.retail_sv_level_id, self.level_member)

    def test_topup_below_the_schedule_earns_no_bonus_and_levels_have_their_own_schedule(self):
        partner = self._customer()
        self._topup(partner, 500000)
        card = self._card(partner)
        self.assertEqual(card.points, 500000)
        card.sudo().retail_sv_level_id = self.level_potential
        self._topup(partner, 2000000)
        self.assertEqual(card.points, 500000 + 2000000 + 1000000, "Potential: +50 % from 1,000,000")

    def test_backend_topup_against_a_bank_journal_creates_topup_and_bonus(self):
        partner = self._customer()
        journal = self.env["account.journal"].search([("company_id", "=", self.company.id), ("type", "=", "bank")],
                                                     limit=1)
        wizard = self.env["retail.stored.value.topup"].create({
            "program_id": self.program.id, "partner_id": partner.id, "amount": 1000000,
            "journal_id": journal.id, "reference": "BANK-0001"})
        self.assertEqual(wizard.bonus_preview, 500000)
        wizard.action_topup()
        card = self._card(partner)
        self.assertEqual(card.points, 1500000)
        self.assertEqual(card.retail_sv_move_ids.topup_journal_id, journal)
        self.assertEqual(card.retail_sv_move_ids.mapped("user_id"), self.env.user)

    def test_accrual_is_credited_for_the_next_visit_only(self):
        partner = self._customer()
        self._topup(partner, 1000000)
        card = self._card(partner)
        order = self._sell(partner, 200000)

        accrual = card.retail_sv_move_ids.filtered(lambda m: m.kind == "accrual")
        self.assertEqual((accrual.amount, accrual.level_revenue, accrual.order_id), (10000, 200000, order),
                         "Member: 5 % of the 200,000 paid")
        self.assertEqual(order.retail_sv_accrued, 10000)
        self.assertEqual(order.retail_sv_balance, 1510000)
        self.assertFalse(order.payment_ids.filtered(lambda p: p.payment_method_id == self.recoin),
                         "the accrual was credited after the order's payments: it paid nothing on it")
        # the next visit may spend it
        reservation = self._reserve(card, 1510000)
        self.assertEqual(reservation["available_after"], 0)

    def test_accrual_of_an_order_cannot_pay_that_order(self):
        partner = self._customer()
        self._topup(partner, 1000000)
        card = self._card(partner)
        with self.assertRaisesRegex(UserError, "only 1,500,000"):
            # all the balance plus the accrual this very order would earn
            self._reserve(card, 1500000 + 1000)
        token = self._reserve(card, 1500000)["token"]
        order = self._pay(partner, 1600000, 1500000, token)
        self.assertFalse(order.retail_prepaid_flagged)
        self.assertEqual(card.points, order.retail_sv_accrued, "only this order's accrual is left, for next time")
        self.assertGreater(order.retail_sv_accrued, 0)

    def test_spend_never_exceeds_the_balance(self):
        partner = self._customer()
        self._topup(partner, 500000)
        card = self._card(partner)
        with self.assertRaises(UserError):
            self._reserve(card, 500001)
        first = self._reserve(card, 300000)
        self.assertEqual(first["available_after"], 200000)
        with self.assertRaises(UserError, msg="what is reserved is no longer available"):
            self._reserve(card, 200001)
        self._reserve(card, 200000)
        self.assertEqual(card.retail_sv_reserved, 500000)
        self.assertEqual(card.retail_sv_available, 0)
        with self.assertRaises(UserError):
            self._reserve(card, 1)

    def test_spend_consumes_its_reservation_and_writes_the_ledger(self):
        partner = self._customer()
        self._topup(partner, 1000000)
        card = self._card(partner)
        token = self._reserve(card, 400000)["token"]
        order = self._pay(partner, 600000, 400000, token)

        spend = card.retail_sv_move_ids.filtered(lambda m: m.kind == "spend")
        self.assertEqual((spend.amount, spend.order_id, spend.branch_id), (-400000, order, self.branch))
        self.assertEqual(spend.payment_id.retail_sv_token, token)
        self.assertEqual(spend.reservation_id.state, "consumed")
        self.assertEqual(spend.reservation_id.order_id, order)
        self.assertEqual(card.retail_sv_reserved, 0)
        # the 400,000 is 1/3 bonus credit (500,000 of 1,500,000): 5 % of 600,000 less that credit
        credit = round(400000 / 3)
        accrual = round((600000 - credit) * 0.05)
        self.assertEqual(spend.money_amount, -(400000 - credit))
        self.assertEqual(card.points, 1500000 - 400000 + accrual)
        self.assertEqual(order.retail_sv_balance, card.points)
        self.assertFalse(order.retail_prepaid_flagged)

    def test_topup_cannot_be_paid_with_recoin(self):
        partner = self._customer()
        self._topup(partner, 1000000)
        card = self._card(partner)
        token = self._reserve(card, 500000)["token"]
        order = self._sync(self._order_vals(partner, [(self.topup_product, 500000)], [(self.recoin, 500000, token)]))

        self.assertTrue(order.retail_prepaid_flagged, "a top-up paid with Recoin arrived anyway: flagged")
        self.assertEqual(order.retail_prepaid_amount_due, 500000)
        self.assertIn("cannot be paid with Recoin", order.retail_prepaid_flag_note)
        self.assertFalse(card.retail_sv_move_ids.filtered(lambda m: m.kind == "spend"))
        self.assertEqual(self.Reservation.search([("token", "=", token)]).state, "released")
        self.assertEqual(card.retail_sv_reserved, 0)
        self.assertEqual(card.points, 1500000 + 500000, "the top-up itself is loaded, the customer owes it")

    def test_levels_rise_on_revenue_spent_never_on_topups_or_bonus(self):
        partner = self._customer()
        self._topup(partner, 20000000)
        card = self._card(partner)
        self.assertEqual(card.retail_sv_level_id, self.level_member, "20,000,000 loaded buys no level")
        # spend the whole balance (20,000,000 money + 500,000 bonus) on a 20,500,000 order
        token = self._reserve(card, 20500000)["token"]
        order = self._pay(partner, 20500000, 20500000, token)
        accrual = order.retail_sv_move_ids.filtered(lambda m: m.kind == "accrual")
        self.assertEqual(accrual.level_revenue, 20000000, "the 500,000 bonus spent is not revenue")
        self.assertEqual(card.retail_sv_revenue, 20000000)
        self.assertEqual(card.retail_sv_level_id, self.level_potential)
        self.assertEqual(accrual.amount, 1000000, "accrual at the level held when buying (Member, 5 %)")

    def test_cash_revenue_lifts_the_level_and_the_accrual_percent(self):
        partner = self._customer()
        self._topup(partner, 100000)
        card = self._card(partner)
        self._sell(partner, 10000000)
        self.assertEqual(card.retail_sv_level_id, self.level_potential)
        order = self._sell(partner, 1000000)
        self.assertEqual(order.retail_sv_accrued, 100000, "Potential: 10 %")
        self.assertEqual(order.retail_sv_level_name, "Potential")

    def test_upgrade_path_converts_to_the_vip_tier_and_keeps_the_balance(self):
        partner = self._customer()
        self._topup(partner, 1000000)
        card = self._card(partner)
        order = self._sell(partner, 30000000)

        self.assertEqual(card.retail_sv_level_id, self.level_vip)
        self.assertTrue(card.retail_sv_converted)
        self.assertEqual(partner.retail_tier_id, self.vip_tier, "converted into the direct-discount tier")
        history = self.env["retail.tier.history"].search([("partner_id", "=", partner.id),
                                                          ("to_tier_id", "=", self.vip_tier.id)])
        self.assertEqual(history.order_id, order)
        balance = card.points
        self.assertEqual(balance, 1500000 + 1500000, "balance kept (plus the accrual of the order that converted)")
        later = self._sell(partner, 2000000)
        self.assertFalse(later.retail_sv_accrued, "no accrual once converted")
        token = self._reserve(card, balance)["token"]
        self._pay(partner, balance, balance, token)
        self.assertEqual(card.points, 0, "the kept balance is still spendable")

    def test_ledger_is_append_only_and_the_balance_is_its_sum(self):
        partner = self._customer()
        self._topup(partner, 1000000)
        card = self._card(partner)
        token = self._reserve(card, 300000)["token"]
        self._pay(partner, 300000, 300000, token)
        self.assertEqual(card.points, self._ledger_sum(card))
        move = card.retail_sv_move_ids[:1]
        with self.assertRaises(UserError):
            move.write({"amount": 1})
        with self.assertRaises(UserError):
            move.unlink()
        with self.assertRaises(UserError):
            card.points = 99
        with self.assertRaises(UserError):
            self.env["loyalty.card.update.balance"].create({
                "card_id": card.id, "new_balance": 99, "description": "no"}).action_update_card_point()
        manager = self._user("Recoin manager", ["retail_crm.group_retail_manager"])
        with self.assertRaises(ValidationError, msg="orders and jobs only"):
            self.Move.with_user(manager).create({"card_id": card.id, "kind": "topup", "amount": 1})
        self.assertEqual(card.points, self._ledger_sum(card))

    def test_balance_never_goes_negative(self):
        partner = self._customer()
        self._topup(partner, 100000)
        card = self._card(partner)
        with self.assertRaises(ValidationError):
            self.Move.sudo().create({"card_id": card.id, "kind": "expiry", "amount": -100001})
        self._reserve(card, 60000)
        with self.assertRaises(ValidationError, msg="a debit cannot take what a till has reserved"):
            self.Move.sudo().create({"card_id": card.id, "kind": "expiry", "amount": -50000})

    def test_refund_of_a_recoin_order_credits_the_card_back(self):
        partner = self._customer()
        self._topup(partner, 1000000)
        card = self._card(partner)
        token = self._reserve(card, 600000)["token"]
        order = self._pay(partner, 600000, 600000, token)
        after_sale = card.points
        accrued = order.retail_sv_accrued
        refund = self._sync(self._order_vals(partner, [(self.service, -600000)], [(self.recoin, -600000)],
                                             refunded=order))
        credit = refund.retail_sv_move_ids.filtered(lambda m: m.kind == "refund")
        self.assertEqual(credit.amount, 600000)
        self.assertAlmostEqual(credit.money_amount, 400000, delta=1, msg="same money share as the spend")
        taken_back = refund.retail_sv_move_ids.filtered(lambda m: m.kind == "accrual")
        self.assertEqual(taken_back.amount, -accrued, "the refunded order's accrual is taken back")
        self.assertEqual(card.points, after_sale + 600000 - accrued)
        self.assertEqual(card.retail_sv_revenue, 0)

    def test_refund_of_a_topup_takes_back_only_what_is_left(self):
        partner = self._customer()
        topup = self._topup(partner, 1000000)
        card = self._card(partner)
        token = self._reserve(card, 1200000)["token"]
        self._pay(partner, 1200000, 1200000, token)
        left = card.points
        refund = self._sync(self._order_vals(partner, [(self.topup_product, -1000000)], [(self.cash, -1000000)],
                                             refunded=topup))
        self.assertEqual(card.points, 0, "everything still on the card was taken back")
        taken = -sum(refund.retail_sv_move_ids.mapped("amount"))
        self.assertEqual(taken, left)
        self.assertTrue(refund.retail_prepaid_flagged)
        self.assertEqual(refund.retail_prepaid_amount_due, 1000000 - left,
                         "the cash refunded beyond what was left is due")

    def test_refund_of_an_unspent_topup_takes_back_the_bonus_too(self):
        partner = self._customer()
        topup = self._topup(partner, 1000000)
        card = self._card(partner)
        refund = self._sync(self._order_vals(partner, [(self.topup_product, -1000000)], [(self.cash, -1000000)],
                                             refunded=topup))
        self.assertEqual(card.points, 0)
        self.assertEqual(sorted(refund.retail_sv_move_ids.mapped(lambda m: (m.kind, m.amount))),
                         [("bonus", -500000), ("topup", -1000000)])
        self.assertFalse(refund.retail_prepaid_flagged)

    def test_an_order_synced_twice_is_recorded_once(self):
        partner = self._customer()
        vals = self._order_vals(partner, [(self.topup_product, 1000000)], [(self.cash, 1000000)])
        order = self._sync(dict(vals))
        order.action_pos_order_paid()
        order._retail_sv_record()
        self.assertEqual(self._card(partner).points, 1500000)

    def test_vanilla_pos_loyalty_never_loads_recoin(self):
        self.assertNotIn(self.program, self.branch._get_program_ids())
        self.assertTrue(self.topup_product.retail_no_member_discount, "no tier discount on money loaded")
        self.assertIn(self.topup_product, self.topup_product._retail_earning_no_points(), "a top-up earns no points")
        partner = self._customer()
        self._topup(partner, 100000)
        info = self.Card.retail_pos_stored_value(partner.id, self.branch.id)
        self.assertEqual((info["balance"], info["available"], info["level"]), (100000, 100000, "Member"))
        self.assertFalse(self.Card.retail_pos_stored_value(self._customer("Không thẻ").id, self.branch.id))

    def test_recoin_payment_method_has_no_journal(self):
        journal = self.env["account.journal"].search([("company_id", "=", self.company.id), ("type", "=", "bank")],
                                                     limit=1)
        with self.assertRaises(ValidationError):
            self.env["pos.payment.method"].create({
                "name": "Wrong Recoin", "company_id": self.company.id, "journal_id": journal.id,
                "retail_sv_program_id": self.program.id})

    def test_a_taxed_topup_product_is_refused(self):
        tax = self.env["account.tax"].create({"name": "VAT 8 % test", "amount": 8, "company_id": self.company.id})
        taxed = self.env["product.product"].create({
            "name": "Taxed top-up", "type": "service", "taxes_id": [(6, 0, tax.ids)], "company_id": self.company.id})
        # assertRaises (not ...Regex) rolls the attempt back to a savepoint
        with self.assertRaises(ValidationError) as refused:
            self.env["loyalty.program"].create({
                "name": "Taxed Recoin", "retail_stored_value": True, "program_type": "ewallet",
                "company_id": self.company.id, "retail_sv_topup_product_id": taxed.id})
        self.assertIn("VAT 8 % test", str(refused.exception))
        self.assertFalse(self.env["loyalty.program"].search([("name", "=", "Taxed Recoin")]))
        with self.assertRaises(ValidationError):
            self.program.write({"retail_sv_topup_product_id": taxed.id})
        self.assertEqual(self.program.retail_sv_topup_product_id, self.topup_product)

    def _user(self, name, groups):
        return self.env["res.users"].with_context(no_reset_password=True).create({
            "name": name, "login": f"{name.replace(' ', '.')}@example.com", "company_id": self.company.id,
            "company_ids": [(6, 0, self.company.ids)],
            "groups_id": [(6, 0, [self.env.ref(group).id for group in ["base.group_user", *groups]])],
        })
