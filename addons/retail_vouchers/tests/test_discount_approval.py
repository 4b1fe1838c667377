from uuid import uuid4

from psycopg2 import IntegrityError

from odoo.addons.retail_vouchers.tests.common_policy import RetailPolicyCase
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestDiscountApproval(RetailPolicyCase):
    """Hoàn Kiếm lets cashiers type up to 20 % off a line; above it a manager's PIN is needed at the
    till, and the server checks the approval when the order arrives."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch.write({"retail_discount_approval": True, "retail_discount_limit": 20})
        cls.cashier = cls._user("discount.cashier", ["point_of_sale.group_pos_user"])
        cls.manager = cls._user("discount.manager", ["point_of_sale.group_pos_manager"])
        cls.retail_manager = cls._user("discount.retail.manager",
                                       ["point_of_sale.group_pos_user", "retail_crm.group_retail_manager"])
        cls.manager.retail_pos_pin = "4321"
        cls.retail_manager.retail_pos_pin = "9876"
        cls.cashier.retail_pos_pin = "1111"  # a PIN does not make a cashier a manager

    @classmethod
    def _user(cls, login, groups):
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": login, "login": login, "company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)],
            "groups_id": [Command.set([cls.env.ref(group).id for group in ["base.group_user", *groups]])],
        })

    def _approve(self, line_uuid, discount, approver, pin, cashier=None):
        approvals = self.env["retail.discount.approval"].with_user(cashier or self.cashier)
        return approvals.retail_pos_approve(self.branch.id, line_uuid, discount, approver.id, pin,
                                            session_id=self.session.id)

    def _sell_discounted(self, discount, line_uuid=None, token=None, cashier=None, partner=None, price=100000):
        """A paid bill of one service at ``price`` with ``discount`` percent typed at the till."""
        line = self._line(self.service, 1, price, discount)
        line.update({"uuid": line_uuid or str(uuid4()), "retail_discount_approval_token": token})
        return self._sell_by(cashier or self.cashier, partner, [line])

    def _sell_by(self, cashier, partner, lines):
        """Send a paid bill of ``lines`` (from ``_line``) rung up by ``cashier``, as a till would."""
        total = sum(line["price_subtotal_incl"] for line in lines)
        data = self._order_data(partner, total, "2026-11-23 10:00", uuid=str(uuid4()))
        data.update({"lines": [Command.create(line) for line in lines], "user_id": cashier.id})
        # as the till does: the cashier's own session, who may have no email address
        result = self.env["pos.order"].with_user(cashier).sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    # configuration

    def test_limit_is_a_percentage_set_per_branch_in_the_pos_settings(self):
        settings = self.env["res.config.settings"].create({"pos_config_id": self.branch.id})
        self.assertTrue(settings.pos_retail_discount_approval)
        settings.pos_retail_discount_limit = 15
        self.assertEqual(self.branch.retail_discount_limit, 15)
        self.assertEqual(self.branch._retail_discount_limit(), 15)
        self.branch.retail_discount_approval = False
        self.assertEqual(self.branch._retail_discount_limit(), 100, "no approval: no limit")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.branch.retail_discount_limit = 120
            self.branch.flush_recordset()

    def test_pin_is_stored_hashed_never_read_back_and_only_digits(self):
        self.assertTrue(self.manager.retail_pos_pin_set)
        self.assertFalse(self.manager.retail_pos_pin, "the PIN is never read back")
        stored = self.manager.sudo().retail_pos_pin_hash
        self.assertNotIn("4321", stored)
        self.assertTrue(self.manager._retail_check_pos_pin("4321"))
        self.assertFalse(self.manager._retail_check_pos_pin("4322"))
        for wrong in ("12a4", "123", "1234567890123"):
            with self.assertRaises(ValidationError):
                self.manager.retail_pos_pin = wrong
        with self.assertRaises(AccessError):
            self.manager.with_user(self.cashier).read(["retail_pos_pin_hash"])

    def test_a_manager_sets_their_own_pin_but_not_a_cashier_for_them(self):
        self.manager.with_user(self.manager).write({"retail_pos_pin": "2468"})
        self.assertTrue(self.manager._retail_check_pos_pin("2468"))
        with self.assertRaises(AccessError):
            self.manager.with_user(self.cashier).write({"retail_pos_pin": "0000"})
        self.manager.action_retail_clear_pos_pin()
        self.assertFalse(self.manager.retail_pos_pin_set)

    def test_the_till_learns_whether_its_cashier_is_a_manager(self):
        data = {"pos.config": {"data": [{"id": self.branch.id,
                                         "group_pos_manager_id": self.branch.group_pos_manager_id.id}]}}
        for user, expected in ((self.cashier, False), (self.manager, True), (self.retail_manager, True)):
            loaded = self.env["res.users"].with_user(user)._load_pos_data(data)["data"][0]
            self.assertEqual(loaded["retail_discount_manager"], expected, user.login)
            self.assertNotIn("retail_pos_pin_hash", loaded)

    # approval at the till

    def test_approvers_are_the_shop_managers_with_a_pin(self):
        approvers = self.env["retail.discount.approval"].with_user(self.cashier).retail_pos_approvers(self.branch.id)
        names = [approver["name"] for approver in approvers]
        self.assertIn(self.manager.name, names)
        self.assertIn(self.retail_manager.name, names)
        self.assertNotIn(self.cashier.name, names, "a cashier with a PIN is no approver")
        self.retail_manager.with_user(self.retail_manager).action_retail_clear_pos_pin()
        approvers = self.env["retail.discount.approval"].retail_pos_approvers(self.branch.id)
        self.assertNotIn(self.retail_manager.name, [approver["name"] for approver in approvers])

    def test_right_pin_approves_and_gives_a_token(self):
        line_uuid = str(uuid4())
        result = self._approve(line_uuid, 35, self.manager, "4321")
        self.assertTrue(result["approved"])
        self.assertEqual(result["discount"], 35)
        self.assertEqual(result["approver_name"], self.manager.name)
        approval = self.env["retail.discount.approval"].search([("line_uuid", "=", line_uuid)])
        self.assertEqual(approval.state, "approved")
        self.assertEqual((approval.cashier_id, approval.approver_id, approval.limit),
                         (self.cashier, self.manager, 20))
        self.assertEqual(approval.sudo().token, result["token"])

    def test_wrong_pin_is_refused_recorded_and_locks_after_five_attempts(self):
        line_uuid = str(uuid4())
        result = self._approve(line_uuid, 35, self.manager, "0000")
        self.assertFalse(result["approved"])
        self.assertNotIn("token", result)
        refused = self.env["retail.discount.approval"].search([("line_uuid", "=", line_uuid)])
        self.assertEqual(refused.state, "refused")
        for _attempt in range(4):
            self._approve(line_uuid, 35, self.manager, "0000")
        result = self._approve(line_uuid, 35, self.manager, "4321")
        self.assertFalse(result["approved"], "locked even with the right PIN")
        self.assertIn("Too many wrong PINs", result["message"])
        self.assertTrue(self._approve(line_uuid, 35, self.retail_manager, "9876")["approved"],
                        "another manager is not locked")

    def test_a_non_manager_cannot_approve_even_with_their_pin(self):
        result = self._approve(str(uuid4()), 35, self.cashier, "1111")
        self.assertFalse(result["approved"])
        self.assertFalse(self.env["retail.discount.approval"].search([("approver_id", "=", self.cashier.id)]))

    def test_a_discount_outside_0_to_100_is_not_approved(self):
        for discount in (0, -5, 101):
            self.assertFalse(self._approve(str(uuid4()), discount, self.manager, "4321")["approved"])

    # the server's check when the order arrives

    def test_an_approved_discount_is_recorded_on_the_line(self):
        line_uuid = str(uuid4())
        token = self._approve(line_uuid, 35, self.manager, "4321")["token"]
        order = self._sell_discounted(35, line_uuid, token)
        line = order.lines
        self.assertEqual(line.retail_discount_approved_by_id, self.manager)
        self.assertEqual(line.retail_discount_approval_id.order_line_id, line)
        self.assertEqual(line.retail_discount_approval_id.order_id, order)
        self.assertFalse(line.retail_discount_unapproved)
        self.assertFalse(order.retail_prepaid_flagged)

    def test_a_smaller_discount_than_approved_is_fine(self):
        line_uuid = str(uuid4())
        token = self._approve(line_uuid, 35, self.manager, "4321")["token"]
        order = self._sell_discounted(30, line_uuid, token)
        self.assertEqual(order.lines.retail_discount_approved_by_id, self.manager)
        self.assertFalse(order.retail_prepaid_flagged)

    def test_discount_above_the_limit_without_approval_keeps_the_order_and_flags_it(self):
        order = self._sell_discounted(30)
        self.assertEqual(order.state, "paid", "the order is kept")
        self.assertTrue(order.lines.retail_discount_unapproved)
        self.assertTrue(order.retail_prepaid_flagged)
        # 30 % instead of the 20 % allowed on 100,000: 10,000 more off the bill
        self.assertEqual(order.retail_prepaid_amount_due, 10000)
        self.assertIn("without a manager's approval", order.retail_prepaid_flag_note)
        self.assertIn(self.cashier.name, order.retail_prepaid_flag_note)
        self.assertTrue(order.activity_ids, "a to-do for a manager")

    def test_an_approval_is_bound_to_its_line_and_percent(self):
        line_uuid = str(uuid4())
        token = self._approve(line_uuid, 30, self.manager, "4321")["token"]
        bigger = self._sell_discounted(40, line_uuid, token)
        self.assertTrue(bigger.lines.retail_discount_unapproved, "not for a bigger discount")
        self.assertFalse(bigger.lines.retail_discount_approval_id)
        other_line = self._sell_discounted(30, str(uuid4()), token)
        self.assertTrue(other_line.lines.retail_discount_unapproved, "not for another line")
        self.assertEqual(other_line.retail_prepaid_amount_due, 10000)

    def test_an_approval_is_used_once(self):
        line_uuid = str(uuid4())
        token = self._approve(line_uuid, 30, self.manager, "4321")["token"]
        first = self._sell_discounted(30, line_uuid, token)
        self.assertEqual(first.lines.retail_discount_approved_by_id, self.manager)
        # a tampered till replays the line (same uuid) on another bill
        replay = self._sell_discounted(30, line_uuid, token)
        self.assertTrue(replay.lines.retail_discount_unapproved)
        self.assertTrue(replay.retail_prepaid_flagged)

    def test_an_approval_of_another_branch_is_not_valid_here(self):
        other_branch = self.branch.copy({"name": "Other branch"})
        other_branch.retail_discount_approval = True
        line_uuid = str(uuid4())
        token = self.env["retail.discount.approval"].with_user(self.cashier).retail_pos_approve(
            other_branch.id, line_uuid, 30, self.manager.id, "4321")["token"]
        order = self._sell_discounted(30, line_uuid, token)
        self.assertTrue(order.lines.retail_discount_unapproved)

    def test_discounts_within_the_limit_or_by_a_manager_or_without_the_setting_are_not_flagged(self):
        self.assertFalse(self._sell_discounted(20).retail_prepaid_flagged)
        self.assertFalse(self._sell_discounted(50, cashier=self.manager).retail_prepaid_flagged)
        self.assertFalse(self._sell_discounted(50, cashier=self.retail_manager).retail_prepaid_flagged)
        self.branch.retail_discount_approval = False
        self.assertFalse(self._sell_discounted(50).retail_prepaid_flagged)

    def test_a_member_tier_discount_is_not_a_manual_discount(self):
        self.branch.retail_discount_limit = 5
        gold = self._member("Gold member", tier=self.gold_tier)
        order = self._sell_discounted(15, partner=gold)
        self.assertFalse(order.lines.retail_discount_unapproved, "the gold tier's own 15 %")
        self.assertFalse(order.retail_prepaid_flagged)
        above = self._sell_discounted(25, partner=gold)
        self.assertTrue(above.lines.retail_discount_unapproved, "above the tier's discount it is manual")
        # 25 % instead of the tier's 15 % on 100,000
        self.assertEqual(above.retail_prepaid_amount_due, 10000)

    def test_a_discount_policy_reward_is_not_a_manual_discount(self):
        self.branch.retail_discount_limit = 0
        policy = self._policy("Half price", percent=50)
        reward = policy.reward_ids
        order = self._sell_by(self.cashier, False, [
            self._line(self.service, 1, 100000),
            self._line(reward.discount_line_product_id, 1, -50000, reward=reward),
        ])
        self.assertIn(policy, order.retail_policy_ids, "the policy is honoured")
        self.assertFalse(order.lines.filtered("retail_discount_unapproved"))
        self.assertFalse(order.retail_prepaid_flagged)
