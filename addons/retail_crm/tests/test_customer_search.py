from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .purchase_common import RetailPurchaseCase


@tagged("post_install", "-at_install")
class TestCustomerSearch(RetailPurchaseCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        birthdays = {
            "dec_27": date(1980, 12, 27), "dec_28": date(1985, 12, 28), "dec_31": date(1990, 12, 31),
            "jan_01": date(2000, 1, 1), "jan_04": date(1975, 1, 4), "jan_05": date(1975, 1, 5),
            "feb_28": date(1991, 2, 28), "feb_29": date(1992, 2, 29), "mar_01": date(1993, 3, 1),
            "jan_31": date(1970, 1, 31), "none": False,
        }
        cls.people = {key: cls._customer(f"Sinh nhật {key}", birthday=value) for key, value in birthdays.items()}
        cls.all_people = cls.env["res.partner"].union(*cls.people.values())

    def _found(self, domain):
        found = self.env["res.partner"].search([("id", "in", self.all_people.ids), *domain])
        return {key for key, partner in self.people.items() if partner in found}

    def test_month_day_column_is_stored_from_the_date(self):
        self.assertEqual(self.people["feb_29"].retail_birthday_md, 229)
        self.assertEqual(self.people["dec_31"].retail_birthday_md, 1231)
        self.assertEqual(self.people["none"].retail_birthday_md, 0)
        self.people["none"].birthday = date(2001, 7, 9)
        self.assertEqual(self.people["none"].retail_birthday_md, 709)

    def test_birthday_in_a_month_includes_29_february(self):
        self.assertEqual(self._found([("retail_birthday_month", "=", 2)]), {"feb_28", "feb_29"})
        self.assertEqual(self._found([("retail_birthday_month", "=", 1)]), {"jan_01", "jan_04", "jan_05", "jan_31"})
        self.assertEqual(self._found([("retail_birthday_month", "in", [2, 3])]), {"feb_28", "feb_29", "mar_01"})

    @freeze_time("2026-12-28 03:00:00")
    def test_next_days_wraps_over_the_year_end(self):
        self.assertEqual(self._found([("retail_birthday_in_days", "<=", 7)]), {"dec_28", "dec_31", "jan_01", "jan_04"})
        self.assertEqual(self.people["jan_04"].retail_birthday_in_days, 7)
        self.assertEqual(self._found([("retail_birthday_in_days", "<=", 0)]), {"dec_28"})
        self.assertEqual(self._found([("retail_birthday_in_days", "<", 4)]), {"dec_28", "dec_31"})

    @freeze_time("2027-02-22 03:00:00")
    def test_29_february_is_celebrated_on_the_28th_in_common_years(self):
        self.assertEqual(self._found([("retail_birthday_in_days", "<=", 6)]), {"feb_28", "feb_29"})
        self.assertEqual(self.people["feb_29"].retail_birthday_in_days, 6)

    @freeze_time("2027-03-01 03:00:00")
    def test_29_february_is_not_found_after_the_28th_in_common_years(self):
        self.assertEqual(self._found([("retail_birthday_in_days", "<=", 5)]), {"mar_01"})

    @freeze_time("2028-02-22 03:00:00")
    def test_29_february_is_its_own_day_in_leap_years(self):
        self.assertEqual(self._found([("retail_birthday_in_days", "<=", 6)]), {"feb_28"})
        self.assertEqual(self._found([("retail_birthday_in_days", "<=", 7)]), {"feb_28", "feb_29"})

    def test_a_whole_year_finds_every_birthday(self):
        self.assertEqual(self._found([("retail_birthday_in_days", "<=", 400)]), set(self.people) - {"none"})

    def test_birthday_filters_are_range_conditions_on_the_indexed_column(self):
        """The WHERE clause is a plain range on the btree-indexed month-day column, never a function
        of the birth date: at scale the planner picks a Bitmap Index Scan (bench/crm_scale.py prints
        the plan; here the table is too small and the plan depends on other running transactions)."""
        self.env.cr.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                            ("res_partner__retail_birthday_md_index",))
        self.assertIn("USING btree (retail_birthday_md)", self.env.cr.fetchone()[0])
        for domain in ([("retail_birthday_month", "=", 2)], [("retail_birthday_in_days", "<=", 7)]):
            where = self.env["res.partner"]._search(domain).where_clause.code
            self.assertIn('"res_partner"."retail_birthday_md" >=', where)
            self.assertIn('"res_partner"."retail_birthday_md" <=', where)
            self.assertNotIn("birthday\"", where.replace("birthday_md", ""))
            self.assertNotIn("date_part", where.lower())

    def test_search_view_filters_evaluate(self):
        view = self.env.ref("retail_crm.res_partner_view_search_retail_purchase")
        for name in ("retail_birthday_this_month", "retail_birthday_next_7_days", "retail_lapsed_90",
                     "retail_rfm_at_risk"):
            self.assertIn(f'name="{name}"', view.arch_db)
        saved = self.env.ref("retail_crm.res_partner_filter_birthday_next_7_days")
        self.assertEqual(self.env["res.partner"].search_count(safe_eval(saved.domain)),
                         self.env["res.partner"].search_count([("retail_birthday_in_days", "<=", 7)]))

    def test_last_purchase_older_than_n_days(self):
        recent, lapsed, never = (self._customer(name) for name in ("Mới mua", "Lâu rồi", "Chưa mua"))
        with freeze_time("2026-11-23 05:00:00"):
            self._sell(recent, "2026-11-20 10:00", [(self.product_a, 1, 10000, 0)])
            self._sell(lapsed, "2026-05-01 10:00", [(self.product_a, 1, 10000, 0)])
            found = self.env["res.partner"].search([
                ("id", "in", (recent | lapsed | never).ids), ("retail_days_since_purchase", ">", 90)])
            self.assertEqual(found, lapsed)
            self.assertEqual(lapsed.retail_days_since_purchase, 206)

    def test_branch_filters_favourite_and_purchased_at(self):
        both, second_only = self._customer("Hai chi nhánh"), self._customer("Chỉ Cầu Giấy")
        self._sell(both, "2026-11-01 10:00", [(self.product_a, 1, 10000, 0)])
        self._sell(both, "2026-11-02 10:00", [(self.product_a, 1, 10000, 0)])
        self._sell(both, "2026-11-03 10:00", [(self.product_a, 1, 10000, 0)], branch=self.branch_2)
        self._sell(second_only, "2026-11-03 10:00", [(self.product_a, 1, 10000, 0)], branch=self.branch_2)
        scope = [("id", "in", (both | second_only).ids)]
        Partner = self.env["res.partner"]
        self.assertEqual(Partner.search([*scope, ("retail_purchased_config_ids", "in", self.branch_2.ids)]),
                         both | second_only)
        self.assertEqual(Partner.search([*scope, ("retail_purchased_config_ids", "=", self.branch.id)]), both)
        self.assertEqual(Partner.search([*scope, ("retail_favourite_config_id", "=", self.branch_2.id)]),
                         second_only)
        self.assertEqual(set(both.retail_purchased_config_ids.ids), {self.branch.id, self.branch_2.id})

    def test_top_customers_by_revenue_in_a_period(self):
        big, middle, small, outside = (self._customer(name) for name in ("Lớn", "Vừa", "Nhỏ", "Ngoài kỳ"))
        self._sell(big, "2026-03-10 10:00", [(self.product_a, 1, 90000000, 0)])
        self._sell(middle, "2026-03-11 10:00", [(self.product_a, 1, 80000000, 0)])
        self._sell(small, "2026-03-12 10:00", [(self.product_a, 1, 70000000, 0)])
        self._sell(outside, "2026-01-05 10:00", [(self.product_a, 1, 99000000, 0)])
        self._sell(middle, "2026-03-20 10:00", [(self.product_a, 1, 15000000, 0)], branch=self.branch_2)
        wizard = self.env["retail.top.customer.wizard"].create({
            "limit": 2, "date_from": date(2026, 3, 1), "date_to": date(2026, 3, 31)})
        action = wizard.action_compute()
        self.assertEqual(action["res_model"], "retail.top.customer.line")
        self.assertEqual(wizard.line_ids.mapped("partner_id"), middle | big)
        self.assertEqual(wizard.line_ids.sorted("rank").partner_id.ids, [middle.id, big.id])
        self.assertAlmostEqual(wizard.line_ids.sorted("rank")[0].revenue, 95000000)
        self.assertEqual(wizard.line_ids.sorted("rank")[0].order_count, 2)
        wizard.write({"config_ids": [(6, 0, self.branch.ids)]})
        wizard.action_compute()
        self.assertEqual(wizard.line_ids.sorted("rank").partner_id.ids, [big.id, middle.id])

    @freeze_time("2026-12-30 03:00:00")
    def test_wedding_anniversary_and_founding_date_use_the_same_searches(self):
        couple = self._customer("Đôi vợ chồng", wedding_anniversary=date(2015, 1, 2))
        company = self._customer("Công ty Sen", is_company=True, founding_date=date(2008, 2, 29))
        scope = [("id", "in", (couple | company).ids)]
        Partner = self.env["res.partner"]
        self.assertEqual(couple.retail_wedding_anniversary_md, 102)
        self.assertEqual(Partner.search([*scope, ("retail_wedding_anniversary_in_days", "<=", 3)]), couple)
        self.assertFalse(Partner.search([*scope, ("retail_wedding_anniversary_in_days", "<=", 2)]))
        self.assertEqual(Partner.search([*scope, ("retail_founding_date_month", "=", 2)]), company)
        self.assertEqual(company.retail_founding_date_in_days, 60, "28 February 2027")
