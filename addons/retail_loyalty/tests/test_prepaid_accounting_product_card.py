from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .common_prepaid_accounting import PrepaidAccountingCase
from .common_product_card import RetailProductCardCase


@tagged("post_install", "-at_install")
class TestPrepaidAccountingProductCard(PrepaidAccountingCase, RetailProductCardCase):
    """Product cards in the books: a card sold is a liability, each unit used recognises revenue at
    its unit value, units used from a free card are a
    marketing expense at cost, expired units go to breakage."""

    def _card_type_accounts(self):
        return self.card_type._retail_prepaid_accounts(self.company)

    def test_card_product_books_its_income_on_the_liability(self):
        accounts = self._card_type_accounts()
        self.assertEqual(accounts["liability"], self.liability, "the installed defaults serve both ledgers")
        income = self.card_product.with_company(self.company)._get_product_accounts()["income"]
        self.assertEqual(income, accounts["liability"])

    def test_card_sold_is_carried_by_the_closing_entry_and_a_use_recognises_revenue_at_unit_value(self):
        massage_income = self.massage.with_company(self.company)._get_product_accounts()["income"]
        revenue_before = self._gl(massage_income)
        order, card = self._buy_card()
        sale_lines = order.retail_product_card_move_ids
        self.assertAlmostEqual(sum(sale_lines.mapped("value")), 300000)
        use_order, _token = self._use(card, self.massage)
        use = use_order.retail_product_card_move_ids
        self.assertEqual(use.kind, "use")
        unit_value = self.massage_line.unit_value
        self.assertAlmostEqual(use.value, -unit_value)
        self._close()
        self.assertEqual(sale_lines.account_move_id, self.session.move_id)
        self.assertEqual(use.account_move_id.state, "posted")
        self.assertEqual(use.account_move_id.ref, self.session.name)
        revenue_line = use.account_move_id.line_ids.filtered(lambda line: line.account_id == massage_income)
        self.assertAlmostEqual(revenue_line.credit, unit_value)
        self.assertEqual(revenue_line.partner_id, self.customer.commercial_partner_id)
        self.assertAlmostEqual(self._gl(massage_income) - revenue_before, unit_value)
        self.assertAlmostEqual(self._gl(self.liability), self._ledger_total())
        self.assertEqual(self._report().difference, 0)

    def test_use_revenue_account_of_the_type_overrides_the_product_income(self):
        revenue = self.env["account.account"].with_company(self.company).create({
            "name": "Spa card revenue", "code": "511901", "account_type": "income",
            "company_ids": [fields.Command.set(self.company.ids)]})
        self.card_type.with_company(self.company).retail_revenue_account_id = revenue
        _order, card = self._buy_card()
        self._use(card, self.beer)
        self._close()
        self.assertAlmostEqual(self._gl(revenue), self.beer_line.unit_value)

    def test_free_card_carries_no_liability_and_its_uses_are_a_marketing_expense_at_cost(self):
        marketing = self.env["account.account"].with_company(self.company).create({
            "name": "Free product cards (marketing)", "code": "641901", "account_type": "expense",
            "company_ids": [fields.Command.set(self.company.ids)]})
        self.card_type.with_company(self.company).retail_free_use_account_id = marketing
        cogs = {product: product.with_company(self.company)._get_product_accounts()["expense"]
                for product in (self.beer, self.massage)}
        cost_before = {product: self._gl(account) for product, account in cogs.items()}
        card = self.env["retail.product.card"]._retail_issue(self.card_type, self.customer, free=True,
                                                              branch=self.branch)
        self.assertFalse(card.move_ids.account_move_id, "giving a card away books nothing")
        massage_order, _token = self._use(card, self.massage)
        beer_order, _token = self._use(card, self.beer, qty=2)
        uses = (massage_order | beer_order).retail_product_card_move_ids
        self.assertEqual(uses.mapped("value"), [0.0, 0.0], "no liability moves")
        self.assertEqual(sorted(uses.mapped("cost_value")), [24000.0, 150000.0])
        self._close()
        entry = uses.account_move_id
        self.assertEqual(len(entry), 1, "one entry for the session's free units")
        self.assertEqual((entry.state, entry.ref), ("posted", self.session.name))
        self.assertAlmostEqual(-self._gl(marketing), 174000, msg="marketing expense at product cost")
        self.assertEqual(entry.line_ids.filtered(lambda line: line.account_id == marketing).retail_branch_id,
                         self.branch)
        if cogs[self.beer] == cogs[self.massage]:
            self.assertAlmostEqual(self._gl(cogs[self.beer]) - cost_before[self.beer], 174000)
        else:
            for product, cost in ((self.beer, 24000), (self.massage, 150000)):
                self.assertAlmostEqual(self._gl(cogs[product]) - cost_before[product], cost)
        self.assertAlmostEqual(self._gl(self.liability), self._ledger_total())
        self.assertEqual(self._report().difference, 0)

    def test_refunded_free_use_takes_the_marketing_expense_back(self):
        expense = self.card_type._retail_prepaid_accounts(self.company)["bonus"]
        card = self.env["retail.product.card"]._retail_issue(self.card_type, self.customer, free=True,
                                                              branch=self.branch)
        use_order, _token = self._use(card, self.massage)
        refund = self._sync(self.customer, [{"product": self.massage, "qty": -1,
                                             "refunded_line": use_order.lines[:1]}])
        self.assertEqual(refund.retail_product_card_move_ids.cost_value, -150000)
        expense_before = self._gl(expense)
        self._close()
        self.assertAlmostEqual(self._gl(expense) - expense_before, 0,
                               msg="without a free-card account the bonus expense is used, and the refund cancels it")
        self.assertFalse(use_order.retail_product_card_move_ids.account_move_id,
                         "a use and its refund in the same session net to nothing to post")

    def test_refunded_use_takes_the_revenue_back(self):
        massage_income = self.massage.with_company(self.company)._get_product_accounts()["income"]
        _order, card = self._buy_card()
        use_order, _token = self._use(card, self.massage)
        refund = self._sync(self.customer, [{"product": self.massage, "qty": -1,
                                             "refunded_line": use_order.lines[:1]}])
        returned = refund.retail_product_card_move_ids
        self.assertEqual(returned.kind, "refund")
        revenue_before = self._gl(massage_income)
        self._close()
        self.assertNotEqual(returned.account_move_id, self.session.move_id)
        self.assertAlmostEqual(self._gl(massage_income) - revenue_before, 0, msg="use and its refund cancel out")
        self.assertAlmostEqual(self._gl(self.liability), self._ledger_total())

    def test_expired_units_are_written_off_to_breakage_exactly_as_previewed(self):
        _order, card = self._buy_card()
        self._use(card, self.massage)
        self._close()
        card.sudo().expiry_date = fields.Date.today() - relativedelta(days=1)
        breakage_before = self._gl(self.breakage_account)
        wizard = self.env["retail.prepaid.breakage"].create({"company_id": self.company.id})
        wizard.action_preview()
        previewed = wizard.line_ids.filtered(lambda line: line.card_label == card.code)
        self.assertEqual(sorted(previewed.mapped("units")), [1, 10])
        self.assertAlmostEqual(sum(previewed.mapped("amount")), card.remaining_value)
        self.assertEqual(previewed.breakage_account_id, self.breakage_account)
        wizard.action_post()
        expiry = card.move_ids.filtered(lambda line: line.kind == "expiry")
        self.assertAlmostEqual(-sum(expiry.mapped("value")), sum(previewed.mapped("amount")))
        self.assertAlmostEqual(self._gl(self.breakage_account) - breakage_before, sum(previewed.mapped("amount")))
        card.invalidate_recordset(["remaining_units"])
        self.assertEqual(card.state, "expired")
        self.assertEqual(card.remaining_units, 0)
        again = self.env["retail.prepaid.breakage"].create({"company_id": self.company.id})
        again.action_preview()
        self.assertFalse(again.line_ids.filtered(lambda line: line.card_label == card.code))
        self.assertAlmostEqual(self._gl(self.liability), self._ledger_total())

    def test_card_refunded_after_a_use_charges_the_customer_what_was_used(self):
        order, card = self._buy_card()
        self._use(card, self.massage)
        refund = self._sync(self.customer, [
            {"product": self.card_product, "qty": -1, "price": 300000, "refunded_line": order.lines}])
        self.assertEqual(refund.retail_prepaid_amount_due, 120000)
        receivable = self.customer.property_account_receivable_id
        receivable_before = self._gl(receivable, self.customer)
        self._close()
        self.assertEqual(refund.retail_product_card_move_ids.account_move_id, self.session.move_id)
        self.assertAlmostEqual(self._gl(receivable, self.customer) - receivable_before, -120000,
                               msg="the session refunded the whole card: the customer owes the massage used")
        self.assertAlmostEqual(self._gl(self.liability), self._ledger_total())
        self.assertEqual(self._report().difference, 0)

    def test_extra_units_bought_at_the_till_are_carried_by_the_closing_entry(self):
        _order, card = self._buy_card()
        quote = self.env["retail.product.card.reservation"].with_user(self.cashier).retail_pos_extra(
            card.id, self.beer.id, 2, "extra", self.branch.id)
        order = self._sync(self.customer, [
            {"product": self.card_product, "qty": 2, "price": 9000, "token": quote["token"]}], uuid="extra")
        extra = order.retail_product_card_move_ids
        self.assertEqual((extra.kind, extra.value), ("extra", 18000))
        self._close()
        self.assertEqual(extra.account_move_id, self.session.move_id)
        self.assertAlmostEqual(self._gl(self.liability), self._ledger_total())
