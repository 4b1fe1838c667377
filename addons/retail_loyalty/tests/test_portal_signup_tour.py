from odoo import Command
from odoo.tests import HttpCase, tagged

VIRTUAL_CARD = "VM0000900001"


@tagged("post_install", "-at_install")
class TestPortalSignupTour(HttpCase):
    """Website sign-up issues a virtual member card (with the activation notice); the member shows
    it on their phone from the portal and the demo shop's till reads it like a printed card."""

    def setUp(self):
        super().setUp()
        self.config = self.env.ref("retail_crm.demo_pos_hoan_kiem")
        self.company = self.config.company_id
        self.env["ir.config_parameter"].sudo().set_param("auth_signup.invitation_scope", "b2c")
        # the shop signs its website visitors up into the demo company
        template = self.env.ref("base.template_portal_user_id")
        template.write({"company_ids": [Command.link(self.company.id)], "company_id": self.company.id})
        self.env.ref("retail_loyalty.seq_retail_member_card_virtual").number_next_actual = 900001
        self.env["retail.message.event"]._create_default_rules(self.company)

    def test_signup_issues_a_virtual_card_scannable_at_the_till(self):
        self.start_tour("/web/signup", "retail_portal_signup_tour", login=None)

        user = self.env["res.users"].search([("login", "=", "signup.member@example.com")])
        self.assertTrue(user._is_portal())
        card = self.env["retail.member.card"].search([("partner_id", "=", user.partner_id.id)])
        self.assertEqual((card.barcode, card.state, card.is_virtual, card.company_id),
                         (VIRTUAL_CARD, "active", True, self.company))
        self.assertEqual(user.partner_id.retail_tier_id, self.env["retail.tier"]._lowest(),
                         "the virtual card enrols the new member")
        activation = self.env["retail.message.log"].search(
            [("partner_id", "=", user.partner_id.id), ("event", "=", "activation")])
        email = activation.filtered(lambda log: log.channel == "email")
        self.assertEqual((email.recipient, email.state == "skipped"), ("signup.member@example.com", False),
                         "the activation notice goes to the email given at sign-up")
        self.assertEqual(set(activation.mapped("card_name")), {VIRTUAL_CARD})

        previous = self.env["pos.order"].search([("config_id", "=", self.config.id)])
        self.start_tour(f"/pos/ui?config_id={self.config.id}", "retail_portal_virtual_card_pos_tour", login="admin")
        order = self.env["pos.order"].search([("config_id", "=", self.config.id)]) - previous
        self.assertEqual(order.partner_id, user.partner_id, "the virtual card set the member on the order")
        self.assertEqual(order.state, "paid")

    def test_signup_by_the_backend_issues_one_card_only(self):
        user = self.env["res.users"].sudo().signup({
            "login": "second.member@example.com", "name": "Second Member", "password": "Second-Member-2026"})
        partner = self.env["res.users"].search([("login", "=", user[0])]).partner_id
        cards = self.env["retail.member.card"].search([("partner_id", "=", partner.id)])
        self.assertEqual(len(cards), 1)
        self.assertTrue(cards.is_virtual)
        self.assertFalse(self.env["retail.member.card"]._retail_issue_virtual(partner, self.company),
                         "a member who holds a usable card gets no second virtual card")
