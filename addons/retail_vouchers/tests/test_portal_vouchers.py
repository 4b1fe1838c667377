from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common_voucher import RetailVoucherCase


@tagged("post_install", "-at_install")
class TestVoucherPortal(HttpCase, RetailVoucherCase):
    """Two portal members: each sees the vouchers they bought and the coupons given to them, with
    their validity, and nothing of the other's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # HttpCase keeps its HTTP session in ``session``: the branch's POS session moves aside
        cls.pos_session, cls.session = cls.session, None
        cls.alice_user = new_test_user(cls.env, "portal_voucher_alice", groups="base.group_portal",
                                       name="Alice Voucher", company_id=cls.company.id)
        cls.bob_user = new_test_user(cls.env, "portal_voucher_bob", groups="base.group_portal",
                                     name="Bob Voucher", company_id=cls.company.id)
        cls.alice, cls.bob = cls.alice_user.partner_id, cls.bob_user.partner_id
        cls.valid_to = fields.Date.today() + timedelta(days=45)
        cls.alice_coupon, cls.bob_coupon, cls.anonymous_coupon = cls._coupons(cls, 3)
        cls.alice_coupon.write({"partner_id": cls.alice.id, "valid_to": cls.valid_to})
        cls.bob_coupon.partner_id = cls.bob

    def _serial_order(self, partner, lines, session=None, cash=None, **values):
        return super()._serial_order(partner, lines, session=session or self.pos_session, cash=cash, **values)

    def setUp(self):
        super().setUp()
        self.alice_voucher = self._sold_voucher(self.alice)
        self.bob_voucher = self._sold_voucher(self.bob)

    def test_member_sees_own_vouchers_and_coupons_with_validity(self):
        self.assertEqual(self.alice_voucher.customer_id, self.alice)
        self.authenticate("portal_voucher_alice", "portal_voucher_alice")
        page = self.url_open("/my/retail/vouchers").text
        self.assertIn(self.alice_voucher.serial, page)
        self.assertIn(self.alice_coupon.serial, page)
        for other in (self.bob_voucher, self.bob_coupon, self.anonymous_coupon):
            self.assertNotIn(other.serial, page)
        self.assertIn("Voucher 100K", page)
        self.assertIn("50K off from 300K", page)
        self.assertRegex(page, rf'o_retail_portal_valid_to"[^>]*>{self.valid_to.strftime("%m/%d/%Y")}<',
                         "the coupon's own end date")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["retail_voucher_count"]})
        self.assertEqual(counters["retail_voucher_count"], 2)
        self.assertIn("/my/retail/vouchers", self.url_open("/my").text)

        self.authenticate("portal_voucher_bob", "portal_voucher_bob")
        page = self.url_open("/my/retail/vouchers").text
        self.assertIn(self.bob_voucher.serial, page)
        self.assertIn(self.bob_coupon.serial, page)
        self.assertNotIn(self.alice_voucher.serial, page)
        self.assertNotIn(self.alice_coupon.serial, page)

    def test_portal_rules_limit_orm_reads_to_own_serials(self):
        for user, voucher, coupon in ((self.alice_user, self.alice_voucher, self.alice_coupon),
                                      (self.bob_user, self.bob_voucher, self.bob_coupon)):
            self.assertEqual(self.env["retail.voucher"].with_user(user).search([]), voucher)
            self.assertEqual(self.env["retail.coupon"].with_user(user).search([]), coupon)
            self.assertFalse(self.env["retail.coupon"].with_user(user).has_access("write"))
