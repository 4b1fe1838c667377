from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import RetailLoyaltyCase


@tagged("post_install", "-at_install")
class TestMemberCard(RetailLoyaltyCase):

    def test_card_is_found_by_any_of_its_numbers_however_typed(self):
        partner = self._member()
        card = self.env["retail.member.card"].create({
            "barcode": "8930000123", "magstripe_number": "; 6011 0001 ?", "chip_uid": "04:a2:2b:1c",
            "partner_id": partner.id, "company_id": self.company.id})
        self.assertEqual(card.chip_uid, "04A22B1C")
        find = self.env["retail.member.card"]._find_by_number
        self.assertEqual(find("8930000123", self.company), card)
        self.assertEqual(find(" 04A22B1C ", self.company), card)
        self.assertEqual(find(";60110001?", self.company), card)
        self.assertFalse(find("8930000124", self.company))

    def test_a_number_is_unique_per_company_whatever_field_holds_it(self):
        self.env["retail.member.card"].create({"barcode": "SAME-001", "company_id": self.company.id})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["retail.member.card"].create({"magstripe_number": "SAME-001", "company_id": self.company.id})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env["retail.member.card"].create({"barcode": "SAME-001", "company_id": self.company.id})
        other_company = self.env.ref("base.main_company")
        self.env["retail.member.card"].create({"barcode": "SAME-001", "company_id": other_company.id})

    def test_card_without_any_number_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "needs a barcode"):
            self.env["retail.member.card"].create({"company_id": self.company.id})

    def test_blocked_card_is_refused_at_the_till_with_the_reason(self):
        partner = self._member()
        card = partner.retail_member_card_ids
        card.write({"state": "blocked", "block_reason": "Chargeback"})
        with self.assertRaisesRegex(UserError, r"is blocked \(Chargeback\)"):
            self.env["retail.member.card"].retail_pos_find_card(card.barcode, self.branch.id)

    def test_lost_card_is_refused_and_names_its_replacement(self):
        partner = self._member()
        card = partner.retail_member_card_ids
        new_card = card._replace_with({"barcode": "REPLACEMENT-1"})
        self.assertEqual(card.state, "lost")
        self.assertEqual((new_card.partner_id, new_card.state, new_card.replaces_id), (partner, "active", card))
        with self.assertRaisesRegex(UserError, "reported lost and replaced by card REPLACEMENT-1"):
            self.env["retail.member.card"].retail_pos_find_card(card.barcode, self.branch.id)
        found = self.env["retail.member.card"].retail_pos_find_card("REPLACEMENT-1", self.branch.id)
        self.assertEqual(found["partner_id"], partner.id)

    def test_replacement_keeps_tier_points_and_history(self):
        partner = self._member(tier=self.vip_tier)
        self._history(partner, "2026-11-01", 1000000)
        partner.retail_member_card_ids._replace_with({"barcode": "REPLACEMENT-2"})
        self.assertEqual(partner.retail_tier_id, self.vip_tier)
        self.assertEqual(partner.retail_points_balance, 100)
        self.assertEqual(len(partner.retail_member_card_ids), 2)

    def test_expired_card_is_refused(self):
        partner = self._member()
        card = partner.retail_member_card_ids
        card.expiry_date = "2020-12-31"
        with self.assertRaisesRegex(UserError, "expired on"):
            self.env["retail.member.card"].retail_pos_find_card(card.barcode, self.branch.id)
        card._cron_expire_cards()
        self.assertEqual(card.state, "expired")

    def test_unknown_number_is_no_card_for_the_till(self):
        self.assertFalse(self.env["retail.member.card"].retail_pos_find_card("NOPE-42", self.branch.id))

    def test_card_stock_is_registered_then_activated_at_the_till_making_a_member(self):
        wizard = self.env["retail.card.issue"].create({
            "prefix": "STOCK-", "first_number": 1, "last_number": 50, "padding": 4})
        self.assertEqual(wizard.preview, "50 cards, STOCK-0001 … STOCK-0050")
        action = wizard.action_issue()
        cards = self.env["retail.member.card"].search(action["domain"])
        self.assertEqual(len(cards), 50)
        self.assertEqual(set(cards.mapped("state")), {"draft"})
        found = self.env["retail.member.card"].retail_pos_find_card("STOCK-0007", self.branch.id)
        self.assertEqual((found["state"], found["partner_id"]), ("draft", False))

        customer = self.env["res.partner"].create({"name": "Lê Thị Mới", "company_id": self.company.id})
        self.env["retail.member.card"].retail_pos_activate_card(found["card_id"], customer.id, self.branch.id)
        card = self.env["retail.member.card"].browse(found["card_id"])
        self.assertEqual((card.state, card.partner_id, card.branch_id), ("active", customer, self.branch))
        self.assertEqual(customer.retail_tier_id, self.member_tier)
        self.assertEqual(customer.retail_tier_history_ids.reason, "card")

    def test_card_stock_is_imported_from_a_file(self):
        result = self.env["retail.member.card"].load(
            ["barcode", "chip_uid"], [["IMPORT-0001", "04:AA:01"], ["IMPORT-0002", "04:aa:02"]])
        self.assertFalse(result["messages"])
        cards = self.env["retail.member.card"].browse(result["ids"])
        self.assertEqual(cards.mapped("state"), ["draft", "draft"])
        self.assertEqual(cards.mapped("chip_uid"), ["04AA01", "04AA02"])

    def test_overlapping_stock_range_registers_nothing(self):
        self.env["retail.card.issue"].create({"prefix": "R-", "first_number": 1, "last_number": 10}).action_issue()
        wizard = self.env["retail.card.issue"].create({"prefix": "R-", "first_number": 5, "last_number": 20})
        with self.assertRaisesRegex(UserError, "Nothing was registered"):
            wizard.action_issue()
        self.assertEqual(self.env["retail.member.card"].search_count([("barcode", "=like", "R-%")]), 10)

    def test_only_managers_block_cards(self):
        partner = self._member()
        cashier = self.env["res.users"].create({
            "name": "Thu ngân", "login": "cashier-block-test", "company_id": self.company.id,
            "company_ids": [self.company.id],
            "groups_id": [(6, 0, [self.env.ref("point_of_sale.group_pos_user").id])]})
        with self.assertRaisesRegex(UserError, "Only a Retail CRM manager"):
            partner.retail_member_card_ids.with_user(cashier).action_block()
        partner.retail_member_card_ids.action_block()
        self.assertEqual(partner.retail_member_card_ids.state, "blocked")
