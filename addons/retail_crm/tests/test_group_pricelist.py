from odoo import Command
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestGroupPricelist(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Pricelist = cls.env["product.pricelist"]
        cls.wholesale_prices = Pricelist.create({"name": "Giá sỉ", "company_id": False})
        cls.vip_prices = Pricelist.create({"name": "Giá VIP", "company_id": False})
        cls.own_prices = Pricelist.create({"name": "Giá riêng", "company_id": False})
        cls.wholesale = cls.env.ref("retail_crm.customer_group_wholesale")
        cls.wholesale.pricelist_id = cls.wholesale_prices
        cls.hanoi = cls.env["retail.customer.group"].create({"name": "Hà Nội", "parent_id": cls.wholesale.id})
        cls.vip = cls.env.ref("retail_crm.customer_group_vip")
        Partner = cls.env["res.partner"]
        cls.default_pricelist = Partner.create({"name": "Khách lẻ"}).property_product_pricelist
        cls.buyer = Partner.create({"name": "Đại lý Minh Long", "retail_group_ids": cls.wholesale.ids})
        cls.own = Partner.create({"name": "Đại lý Hồng Hà", "retail_group_ids": cls.wholesale.ids})
        cls.own.property_product_pricelist = cls.own_prices

    def test_wholesale_member_gets_the_wholesale_pricelist(self):
        self.assertEqual(self.buyer.property_product_pricelist, self.wholesale_prices)
        self.assertFalse(self.buyer.specific_property_product_pricelist, "not pinned on the customer")

    def test_customer_with_own_pricelist_keeps_it(self):
        self.assertEqual(self.own.property_product_pricelist, self.own_prices)

    def test_subgroup_member_gets_the_parent_group_pricelist(self):
        member = self.env["res.partner"].create({"name": "Cửa hàng Cầu Giấy", "retail_group_ids": self.hanoi.ids})
        self.assertEqual(member.property_product_pricelist, self.wholesale_prices)

    def test_deepest_group_wins_then_the_oldest_group(self):
        hanoi_prices = self.env["product.pricelist"].create({"name": "Giá sỉ Hà Nội", "company_id": False})
        self.hanoi.pricelist_id = hanoi_prices
        self.vip.pricelist_id = self.vip_prices
        member = self.env["res.partner"].create({
            "name": "Đại lý Đông Anh", "retail_group_ids": (self.vip | self.hanoi).ids,
        })
        self.assertEqual(member.property_product_pricelist, hanoi_prices)
        member.retail_group_ids = [Command.set((self.vip | self.wholesale).ids)]
        # both groups are top-level: the oldest group wins
        first = min(self.vip, self.wholesale, key=lambda group: group.id)
        self.assertEqual(member.property_product_pricelist, first.pricelist_id)

    def test_joining_and_leaving_the_group_changes_the_pricelist(self):
        customer = self.env["res.partner"].create({"name": "Khách mới"})
        self.assertEqual(customer.property_product_pricelist, self.default_pricelist)
        customer.retail_group_ids = [Command.link(self.wholesale.id)]
        self.assertEqual(customer.property_product_pricelist, self.wholesale_prices)
        customer.retail_group_ids = [Command.clear()]
        self.assertEqual(customer.property_product_pricelist, self.default_pricelist)

    def test_resaving_the_group_pricelist_does_not_pin_it(self):
        self.buyer.write({"property_product_pricelist": self.wholesale_prices.id})
        self.assertFalse(self.buyer.specific_property_product_pricelist)
        self.buyer.retail_group_ids = [Command.clear()]
        self.assertEqual(self.buyer.property_product_pricelist, self.default_pricelist)

    def test_group_pricelist_of_another_company_is_ignored(self):
        other_company = self.env["res.company"].create({"name": "Công ty khác"})
        self.wholesale_prices.company_id = other_company
        self.assertEqual(self.buyer.property_product_pricelist, self.default_pricelist)

    def test_pos_loads_the_group_pricelist_for_the_customer(self):
        fields = self.env["res.partner"]._load_pos_data_fields(self.env.ref("retail_crm.demo_pos_hoan_kiem").id)
        self.assertIn("property_product_pricelist", fields)
        data = self.buyer.read(["property_product_pricelist"])[0]
        self.assertEqual(data["property_product_pricelist"][0], self.wholesale_prices.id)
