import re

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestKioskCoupons(HttpCase):
    """At the store kiosk a member sees the coupons on offer and claims one for themselves; they also
    find the vouchers and coupons they own there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = cls.env.ref("retail_crm.demo_pos_hoan_kiem")
        cls.company = cls.config.company_id
        new_test_user(cls.env, "kiosk_coupon_tablet", groups="base.group_user,point_of_sale.group_pos_user",
                      company_id=cls.company.id)
        cls.members = cls.env["res.partner"].create([
            {"name": f"Kiosk Coupon Member {index}", "company_id": cls.company.id} for index in range(3)])
        cls.env["retail.member.card"].create([
            {"barcode": f"KIOSK-C-{index}", "partner_id": member.id, "company_id": cls.company.id}
            for index, member in enumerate(cls.members)])
        cls.offer = cls.env["retail.coupon.type"].create({
            "name": "Kiosk 30K off", "discount_mode": "amount", "discount_amount": 30000,
            "company_id": cls.company.id, "kiosk_claimable": True,
            "config_ids": [Command.set(cls.config.ids)],
        })
        cls.not_offered = cls.env["retail.coupon.type"].create({
            "name": "Kiosk staff-only 90K", "discount_mode": "amount", "discount_amount": 90000,
            "company_id": cls.company.id,
        })
        Coupon = cls.env["retail.coupon"]
        for coupon_type in (cls.offer, cls.not_offered):
            Coupon._retail_create_serials(
                coupon_type, Coupon._retail_new_serials(2, "K", company=cls.company), "kiosk test")
        cls.kiosk = f"/retail/kiosk/{cls.config.id}"

    def _csrf(self, page):
        return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def _scan(self, number):
        page = self.url_open(self.kiosk).text
        return self.url_open(f"{self.kiosk}/scan", data={"csrf_token": self._csrf(page), "number": number}).text

    def _claim(self, page, coupon_type):
        return self.url_open(f"{self.kiosk}/claim", data={
            "csrf_token": self._csrf(page), "coupon_type_id": coupon_type.id}).text

    def test_member_claims_one_coupon_of_an_offer(self):
        self.authenticate("kiosk_coupon_tablet", "kiosk_coupon_tablet")
        first, second, third = self.members
        page = self._scan("KIOSK-C-0")
        self.assertIn("Kiosk 30K off", page)
        self.assertNotIn("Kiosk staff-only 90K", page, "only the types offered at the kiosk are shown")

        page = self._claim(page, self.offer)
        owned = self.env["retail.coupon"].search([("partner_id", "=", first.id)])
        self.assertEqual((len(owned), owned.type_id, owned.state), (1, self.offer, "issued"))
        self.assertIn("The coupon is yours", page)
        self.assertIn(owned.serial, page, "the claimed coupon is listed with the member's coupons")
        self.assertNotIn("o_retail_kiosk_offer_name", page, "one coupon of an offer per member")
        page = self._claim(page, self.offer)
        self.assertIn("not available to you any more", page)
        page = self._claim(page, self.not_offered)
        self.assertIn("not available to you any more", page)
        self.assertEqual(self.env["retail.coupon"].search_count([("partner_id", "=", first.id)]), 1)

        page = self._scan("KIOSK-C-1")
        self.assertNotIn(owned.serial, page, "another member does not see the first one's coupon")
        self._claim(page, self.offer)
        self.assertEqual(self.env["retail.coupon"].search_count(
            [("type_id", "=", self.offer.id), ("partner_id", "=", second.id)]), 1)
        page = self._scan("KIOSK-C-2")
        self.assertNotIn("o_retail_kiosk_offer_name", page, "no coupon of the offer is left")
        self.assertFalse(self.env["retail.coupon.type"]._retail_kiosk_offers(self.config, third))

    def test_claim_refused_when_the_offer_is_gone(self):
        member = self.members[0]
        self.offer.kiosk_claimable = False
        with self.assertRaises(UserError):
            self.env["retail.coupon"]._retail_kiosk_claim(self.offer, member, self.config)
        self.assertFalse(self.env["retail.coupon"].search([("partner_id", "=", member.id)]))
