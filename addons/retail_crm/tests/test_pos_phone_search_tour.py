from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPosPhoneSearchTour(HttpCase):
    """At the till, a customer saved as +84 93 6555 010 is found by typing 0936 555 010."""

    def setUp(self):
        super().setUp()
        self.config = self.env.ref("retail_crm.demo_pos_hoan_kiem")
        self.partner = self.env["res.partner"].create({
            "name": "Khách Tìm Số Điện Thoại",
            "mobile": "+84 93 6555 010",
            "country_id": self.env.ref("base.vn").id,
            "company_id": self.config.company_id.id,
        })

    def test_cashier_finds_the_customer_by_the_number_typed_any_way(self):
        self.assertEqual(self.partner.retail_mobile_e164, "+84936555010")
        previous_orders = self.env["pos.order"].search([("config_id", "=", self.config.id)])

        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_phone_search_tour", login="admin")

        order = self.env["pos.order"].search([("config_id", "=", self.config.id)]) - previous_orders
        self.assertEqual(len(order), 1)
        self.assertEqual(order.partner_id, self.partner)
