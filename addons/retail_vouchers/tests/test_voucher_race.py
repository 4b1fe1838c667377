from odoo import Command, api
from odoo.addons.retail_loyalty.tests.common import race_outcome, race_two_tills
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestVoucherRace(TransactionCase):
    """Two tills scan the same voucher serial at the same moment, each on its own database connection:
    exactly one reserves it, the other is told another till holds it.

    The scenario needs committed rows (the test's own transaction is invisible to the other
    connections): it builds them in a separate cursor, commits, and removes them afterwards."""

    def setUp(self):
        super().setUp()
        self.registry_ = self.registry
        with self.registry_.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            company = env.ref("retail_crm.demo_company_sen")
            config = env.ref("retail_crm.demo_pos_hoan_kiem")
            voucher_type = env["retail.voucher.type"].create({
                "name": "Race voucher", "use_value": 100000, "invoice_value": 100000, "company_id": company.id,
                "config_ids": [Command.set(config.ids)]})
            voucher = env["retail.voucher"].create({
                "serial": "RACE-VOUCHER-1", "type_id": voucher_type.id, "company_id": company.id, "value": 100000,
                "invoice_value": 100000, "state": "sold"})
            printed = env["retail.voucher"].create({
                "serial": "RACE-VOUCHER-2", "type_id": voucher_type.id, "company_id": company.id, "value": 100000,
                "invoice_value": 100000})
            cr.commit()  # pylint: disable=invalid-commit
            self.ids_ = {"company": company.id, "config": config.id, "type": voucher_type.id,
                         "product": voucher_type.product_id.id, "voucher": voucher.id, "printed": printed.id,
                         "user": env.ref("base.user_admin").id}
        self.addCleanup(self._remove_scenario)

    def _remove_scenario(self):
        ids = self.ids_
        with self.registry_.cursor() as cr:
            cr.execute("DELETE FROM retail_voucher WHERE id IN %s", [(ids["voucher"], ids["printed"])])
            cr.execute("DELETE FROM retail_voucher_type WHERE id = %s", [ids["type"]])
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["product.product"].browse(ids["product"]).product_tmpl_id.unlink()
            cr.commit()  # pylint: disable=invalid-commit

    def test_two_tills_scan_the_same_serial_at_once_one_wins(self):
        results, hung = race_two_tills(
            self.registry_, self.ids_["user"], self.ids_["company"],
            lambda env, till: env["retail.voucher"].retail_pos_reserve("RACE-VOUCHER-1", till, self.ids_["config"]))
        self.assertFalse(hung, "no till hangs")
        won, lost = race_outcome(results)
        self.assertEqual(len(won), 1, f"exactly one till reserved: {results}")
        self.assertEqual(len(lost), 1, f"the other was refused with a clear error: {results}")
        self.assertIn("already reserved by another till", str(next(iter(lost.values()))))
        with self.registry_.cursor() as cr:
            cr.execute("SELECT reservation_token, reserved_order_uuid, state FROM retail_voucher WHERE id = %s",
                       [self.ids_["voucher"]])
            token, uuid, state = cr.fetchone()
        winner, result = next(iter(won.items()))
        self.assertEqual((token, uuid, state), (result["token"], winner, "sold"))

    def test_two_tills_scan_the_same_printed_serial_to_sell_it_one_wins(self):
        results, hung = race_two_tills(
            self.registry_, self.ids_["user"], self.ids_["company"],
            lambda env, till: env["retail.voucher"].retail_pos_take("RACE-VOUCHER-2", till, self.ids_["config"]))
        self.assertFalse(hung, "no till hangs")
        won, lost = race_outcome(results)
        self.assertEqual(len(won), 1, f"exactly one till reserved it to sell: {results}")
        self.assertEqual(len(lost), 1, f"the other was refused with a clear error: {results}")
        self.assertEqual(next(iter(won.values()))["kind"], "voucher_sale")
        self.assertIn("already being sold by another till", str(next(iter(lost.values()))))
        with self.registry_.cursor() as cr:
            cr.execute("SELECT reserved_order_uuid, state FROM retail_voucher WHERE id = %s", [self.ids_["printed"]])
            self.assertEqual(cr.fetchone(), (next(iter(won)), "issued"))
