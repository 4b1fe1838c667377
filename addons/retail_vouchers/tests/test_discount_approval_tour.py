from odoo.fields import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDiscountApprovalTour(HttpCase):
    """A cashier (not a manager) types 30 % at Hoàn Kiếm, whose limit is 20 %: a manager approves
    with their PIN at the till and the order on the server records who approved."""

    def setUp(self):
        super().setUp()
        self.config = self.env.ref("retail_crm.demo_pos_hoan_kiem")
        self.company = self.config.company_id
        self.config.write({"retail_discount_approval": True, "retail_discount_limit": 20, "manual_discount": True,
                           "restrict_price_control": False})
        self.env["loyalty.program"].search([("program_type", "=", "promotion"), ("trigger", "=", "auto")]).write(
            {"active": False})
        self.env["res.users"].search([]).filtered("retail_pos_pin_set").action_retail_clear_pos_pin()
        self.cashier = self._user("tour.discount.cashier", "Tour Cashier", ["point_of_sale.group_pos_user"])
        self.manager = self._user("tour.discount.manager", "Tour Manager", ["point_of_sale.group_pos_manager"])
        self.manager.retail_pos_pin = "4321"
        self.massage = self.env.ref("retail_crm.demo_product_spa_massage_60")

    def _user(self, login, name, groups):
        return self.env["res.users"].with_context(no_reset_password=True).create({
            "name": name, "login": login, "password": login, "email": f"{login}@example.com",
            "company_id": self.company.id,
            "company_ids": [Command.set(self.company.ids)],
            "groups_id": [Command.set([self.env.ref(group).id for group in ["base.group_user", *groups]])],
        })

    def test_cashier_discount_above_the_limit_approved_by_a_manager_pin(self):
        previous = self.env["pos.order"].search([("config_id", "=", self.config.id)])

        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_discount_approval_tour",
                        login=self.cashier.login)

        order = self.env["pos.order"].search([("config_id", "=", self.config.id)]) - previous
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.user_id, self.cashier)
        line = order.lines.filtered(lambda line: line.product_id == self.massage)
        self.assertEqual(line.discount, 30)
        self.assertEqual(line.retail_discount_approved_by_id, self.manager)
        approval = line.retail_discount_approval_id
        self.assertEqual((approval.discount, approval.cashier_id, approval.order_line_id),
                         (30, self.cashier, line))
        self.assertFalse(line.retail_discount_unapproved)
        self.assertFalse(order.retail_prepaid_flagged, "the server agrees with the till")
        refused = self.env["retail.discount.approval"].search(
            [("line_uuid", "=", line.uuid), ("state", "=", "refused")])
        self.assertEqual(len(refused), 1, "the wrong PIN is on record")
        self.assertAlmostEqual(order.amount_total, 315000)
