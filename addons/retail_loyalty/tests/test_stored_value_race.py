from odoo import Command, api
from odoo.tests import TransactionCase, tagged

from .common import race_outcome, race_two_tills


@tagged("post_install", "-at_install")
class TestStoredValueRace(TransactionCase):
    """Two tills reserve the same Recoin balance at the same moment, each on its own database
    connection: exactly one wins, the other is refused, the balance never goes below zero.

    The scenario needs committed rows (the test's own transaction is invisible to the other
    connections): it builds them in a separate cursor, commits, and removes them afterwards.
    """

    def setUp(self):
        super().setUp()
        self.registry_ = self.registry
        with self.registry_.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            company = env.ref("retail_crm.demo_company_sen")
            config = env.ref("retail_crm.demo_pos_hoan_kiem")
            product = env["product.product"].create({
                "name": "Race top-up", "type": "service", "company_id": company.id, "list_price": 0,
                "taxes_id": [Command.clear()]})
            program = env["loyalty.program"].create({
                "name": "Race Recoin", "retail_stored_value": True, "program_type": "ewallet",
                "company_id": company.id, "retail_sv_topup_product_id": product.id, "pos_config_ids": [
                    Command.set(config.ids)]})
            method = env["pos.payment.method"].create({
                "name": "Race Recoin", "company_id": company.id, "split_transactions": True,
                "retail_sv_program_id": program.id})
            config.with_context(bypass_payment_method_ids_forbidden_change=True).payment_method_ids = [
                Command.link(method.id)]
            partner = env["res.partner"].create({"name": "Khách Tranh Chấp", "company_id": company.id})
            card = env["loyalty.card"]._retail_sv_card(partner, program, create=True)
            env["retail.stored.value.move"].create({
                "card_id": card.id, "kind": "adjust", "amount": 1500000, "reason": "race scenario"})
            # the other connections must see the scenario
            cr.commit()  # pylint: disable=invalid-commit
            self.ids_ = {"company": company.id, "config": config.id, "product": product.id, "program": program.id,
                         "method": method.id, "partner": partner.id, "card": card.id,
                         "user": env.ref("base.user_admin").id}
        self.addCleanup(self._remove_scenario)

    def _remove_scenario(self):
        ids = self.ids_
        with self.registry_.cursor() as cr:
            cr.execute("SELECT account_move_id FROM retail_stored_value_move WHERE card_id = %s "
                       "AND account_move_id IS NOT NULL", [ids["card"]])
            account_moves = [row[0] for row in cr.fetchall()]
            cr.execute("DELETE FROM retail_stored_value_move WHERE card_id = %s", [ids["card"]])
            if account_moves:
                cr.execute("DELETE FROM account_move WHERE id = ANY(%s)", [account_moves])
            cr.execute("DELETE FROM retail_stored_value_reservation WHERE card_id = %s", [ids["card"]])
            cr.execute("DELETE FROM loyalty_card WHERE id = %s", [ids["card"]])
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            config = env["pos.config"].browse(ids["config"])
            config.with_context(bypass_payment_method_ids_forbidden_change=True).payment_method_ids = [
                Command.unlink(ids["method"])]
            env["pos.payment.method"].browse(ids["method"]).unlink()
            program = env["loyalty.program"].browse(ids["program"])
            program.active = False
            program.unlink()
            env["product.product"].browse(ids["product"]).unlink()
            env["res.partner"].browse(ids["partner"]).unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def test_two_tills_reserve_the_same_balance_at_once_one_wins(self):
        results, hung = race_two_tills(
            self.registry_, self.ids_["user"], self.ids_["company"],
            lambda env, till: env["retail.stored.value.reservation"].retail_pos_reserve(
                self.ids_["card"], 1000000, till, self.ids_["config"]))
        self.assertFalse(hung, "no till hangs")

        won, lost = race_outcome(results)
        self.assertEqual(len(won), 1, f"exactly one till reserved: {results}")
        self.assertEqual(len(lost), 1, f"the other was refused with a clear error: {results}")
        self.assertIn("available", str(next(iter(lost.values()))))

        with self.registry_.cursor() as cr:
            cr.execute("SELECT points, retail_sv_reserved FROM loyalty_card WHERE id = %s", [self.ids_["card"]])
            balance, reserved = cr.fetchone()
            cr.execute("SELECT COUNT(*), SUM(amount) FROM retail_stored_value_reservation "
                       "WHERE card_id = %s AND state = 'reserved'", [self.ids_["card"]])
            count, total = cr.fetchone()
        self.assertEqual((balance, reserved), (1500000, 1000000))
        self.assertEqual((count, total), (1, 1000000))
        self.assertGreaterEqual(balance - reserved, 0, "never more than the balance")
