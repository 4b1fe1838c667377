from common import RetailHttpCase


class TestPosDemoShop(RetailHttpCase):
    """The harness drives a real POS in a real browser, on the demo shop."""

    def test_demo_branch_sells_products_and_takes_cash(self):
        config = self.env.ref("retail_crm.demo_pos_hoan_kiem")
        cash = self.env.ref("retail_crm.demo_payment_method_cash_hoan_kiem")
        previous_orders = self.env["pos.order"].search([("config_id", "=", config.id)])

        self.start_tour(f"/pos/ui?config_id={config.id}", "retail_pos_smoke_sale", login="admin")

        order = self.env["pos.order"].search([("config_id", "=", config.id)]) - previous_orders
        self.assertEqual(len(order), 1, "the tour's sale reached the server as one order")
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.currency_id.name, "VND")
        self.assertEqual(order.amount_total, 490000)
        self.assertEqual(order.payment_ids.payment_method_id, cash)
        self.assertEqual(sum(order.payment_ids.mapped("amount")), 490000)
        self.assertEqual(
            sorted(order.lines.mapped(lambda line: (line.product_id.name, line.qty))),
            [("Bia Hà Nội 330ml", 2.0), ("Massage body 60 phút", 1.0)],
        )
