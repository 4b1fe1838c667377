from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPosMemberTour(HttpCase):
    """A member card read at the demo shop's till: customer, tier discount, points and upgrade."""

    def setUp(self):
        super().setUp()
        self.config = self.env.ref("retail_crm.demo_pos_hoan_kiem")
        self.company = self.config.company_id
        self.member = self.env.ref("retail_loyalty.tier_member")
        self.vip = self.env.ref("retail_loyalty.tier_vip")
        self.gold = self.env.ref("retail_loyalty.tier_gold")
        # deterministic figures whatever the demo data: 10,000 ₫ a point, no member day today
        self.company.retail_points_amount = 10000
        (self.member | self.vip | self.gold).write({"points_amount": 0})
        self.env["retail.member.day"].search([]).write({"active": False})
        self.beer = self.env.ref("retail_crm.demo_product_beer_hanoi")
        self.massage = self.env.ref("retail_crm.demo_product_spa_massage_60")
        self.beer.product_tmpl_id.retail_no_member_discount = True

        self.partner = self.env["res.partner"].create({"name": "Tour Member Trần Thị Thẻ", "birthday": False})
        self.card = self.env["retail.member.card"].create({
            "barcode": "RM-TOUR-0001", "partner_id": self.partner.id, "company_id": self.company.id,
        })
        self.new_card = self.env["retail.member.card"].create({
            "barcode": "RM-TOUR-0002", "company_id": self.company.id,
        })
        self.start_points = self.vip.qualify_threshold - 10
        self.env["retail.points.move"].create({
            "partner_id": self.partner.id, "card_id": self.card.id, "kind": "earn",
            "date": fields.Datetime.now() - timedelta(days=3),
            "local_date": fields.Date.today() - timedelta(days=3), "branch_id": self.config.id,
            "company_id": self.company.id, "amount": self.start_points * 10000, "points": self.start_points,
        })

    def test_member_card_sets_customer_discount_points_and_upgrade(self):
        self.assertEqual(self.partner.retail_tier_id, self.member, "the card made the customer a member")
        self.assertEqual(self.member.discount_percent, 5, "the tour checks a 5 % line discount")
        self.assertEqual(self.vip.discount_percent, 10, "the tour checks a 10 % line discount once VIP")
        self.assertEqual(self.vip.qualify_basis, "points")
        previous_orders = self.env["pos.order"].search([("config_id", "=", self.config.id)])

        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_member_card_tour", login="admin")

        order = self.env["pos.order"].search([("config_id", "=", self.config.id)]) - previous_orders
        self.assertEqual(len(order), 1, "the paid order reached the server (the second one stays a draft)")
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.partner_id, self.partner)
        massage_line = order.lines.filtered(lambda line: line.product_id == self.massage)
        beer_line = order.lines.filtered(lambda line: line.product_id == self.beer)
        self.assertEqual(massage_line.discount, self.member.discount_percent, "the tier discount as of the sale")
        self.assertEqual(beer_line.discount, 0, "a product excluded from member discounts keeps its price")
        self.assertEqual(order.amount_total, 40000 + 450000 * 0.95)

        self.assertEqual(order.retail_points_earned, 46)
        self.assertGreater(order.retail_points_earned, 0)
        self.assertTrue(order.retail_tier_upgraded)
        self.assertEqual(order.retail_tier_id, self.vip)
        self.assertEqual(self.partner.retail_tier_id, self.vip, "the order lifted the member to VIP")
        self.assertEqual(self.partner.retail_points_balance, self.start_points + 46)
        self.assertEqual((self.new_card.state, self.new_card.partner_id), ("active", self.partner),
                         "the card read at the till, not issued yet, was issued to the customer on the order")
        history = self.env["retail.tier.history"].search([
            ("partner_id", "=", self.partner.id), ("reason", "=", "order"),
        ])
        self.assertEqual(len(history), 1)
        self.assertEqual((history.from_tier_id, history.to_tier_id, history.order_id),
                         (self.member, self.vip, order))
