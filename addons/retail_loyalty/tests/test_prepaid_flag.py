from .common import RetailLoyaltyCase


class TestPrepaidFlag(RetailLoyaltyCase):
    """A prepaid line the server cannot honour keeps the order and leaves a manager a to-do."""

    def test_refused_prepaid_lines_add_up_on_the_kept_order_with_a_manager_todo(self):
        partner = self._member("Khách Nợ Tiền")
        order = self._sell(partner, 300000)
        order._retail_flag_prepaid(200000, "Recoin payment of 200,000 ₫ was already spent.")
        order._retail_flag_prepaid(50000, "Spa session unit was already used.")

        self.assertEqual(order.state, "paid", "the order itself is kept as it was")
        self.assertTrue(order.retail_prepaid_flagged)
        self.assertEqual(order.retail_prepaid_amount_due, 250000)
        self.assertIn("already spent", order.retail_prepaid_flag_note)
        self.assertIn("already used", order.retail_prepaid_flag_note)
        activities = order.activity_ids
        self.assertEqual(len(activities), 2)
        self.assertTrue(all(activity.user_id.has_group("retail_crm.group_retail_manager")
                            for activity in activities))
        self.assertIn("200,000", activities.sorted("id")[0].summary)

    def test_an_order_without_refused_lines_is_not_flagged(self):
        order = self._sell(self._member("Khách Sòng Phẳng"), 100000)
        self.assertFalse(order.retail_prepaid_flagged)
        self.assertFalse(order.retail_prepaid_amount_due)
        self.assertFalse(order.activity_ids)
