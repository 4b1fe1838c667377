from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCustomerGroup(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wholesale = cls.env.ref("retail_crm.customer_group_wholesale")
        cls.hanoi = cls.env["retail.customer.group"].create({"name": "Hà Nội", "parent_id": cls.wholesale.id})
        cls.buyer = cls.env["res.partner"].create({"name": "Công ty TNHH Minh Long", "retail_group_ids": cls.hanoi.ids})

    def test_seeded_groups_exist(self):
        names = self.env["retail.customer.group"].search([("parent_id", "=", False)]).mapped("name")
        self.assertTrue({"Retail", "Wholesale", "VIP"} <= set(names))

    def test_subgroup_is_shown_as_a_folder_path(self):
        self.assertEqual(self.hanoi.complete_name, "Wholesale / Hà Nội")
        self.wholesale.name = "Bán buôn"
        self.assertEqual(self.hanoi.complete_name, "Bán buôn / Hà Nội")

    def test_customers_of_a_subgroup_are_found_under_the_parent(self):
        found = self.env["res.partner"].search([("retail_group_ids", "child_of", self.wholesale.id)])
        self.assertIn(self.buyer, found)
        self.assertEqual(self.hanoi.partner_count, 1)

    def test_group_cannot_be_its_own_ancestor(self):
        with self.assertRaises(UserError):
            self.wholesale.parent_id = self.hanoi
