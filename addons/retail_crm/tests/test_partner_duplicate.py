from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPartnerDuplicate(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        vietnam = cls.env.ref("base.vn")
        Partner = cls.env["res.partner"]
        cls.original = Partner.create({
            "name": "Phan Thanh Hương Ly", "country_id": vietnam.id, "phone": "+84 97 765 4321",
            "email": "huong.phan@example.com",
        })
        cls.same_phone = Partner.create({
            "name": "Chị Hương", "country_id": vietnam.id, "mobile": "0977 654 321",
        })
        cls.same_email = Partner.create({"name": "H. Phan", "email": "Huong.Phan@Example.com"})
        cls.same_name = Partner.create({"name": "phan  thanh huong ly"})
        cls.stranger = Partner.create({
            "name": "Vũ Đức Tâm Anh Khoa", "country_id": vietnam.id, "phone": "+84 98 111 2222",
            "email": "tam@example.com",
        })

    def test_duplicates_by_normalised_phone_email_and_name(self):
        self.assertEqual(self.original.retail_duplicate_count, 3)
        self.assertEqual(self.same_phone.retail_duplicate_count, 1)
        self.assertEqual(self.same_email.retail_duplicate_count, 1)
        self.assertEqual(self.same_name.retail_name_key, "phan thanh huong ly")
        self.assertEqual(self.stranger.retail_duplicate_count, 0)

    def test_possible_duplicates_filter(self):
        scope = self.original | self.same_phone | self.same_email | self.same_name | self.stranger
        found = self.env["res.partner"].search([("id", "in", scope.ids), ("retail_duplicate_count", ">", 0)])
        self.assertEqual(found, scope - self.stranger)
        clean = self.env["res.partner"].search([("id", "in", scope.ids), ("retail_duplicate_count", "=", 0)])
        self.assertEqual(clean, self.stranger)

    def test_a_company_and_its_contact_are_not_duplicates(self):
        company = self.env["res.partner"].create({"name": "Sen Spa", "is_company": True, "email": "info@sen.example"})
        contact = self.env["res.partner"].create({
            "name": "Lễ tân", "parent_id": company.id, "email": "info@sen.example",
        })
        self.assertEqual(company.retail_duplicate_count, 0)
        flagged = self.env["res.partner"].search([
            ("id", "in", (company | contact).ids), ("retail_duplicate_count", ">", 0),
        ])
        self.assertFalse(flagged)

    def test_merge_button_opens_the_merge_wizard_with_the_duplicates(self):
        action = self.same_phone.action_retail_merge_duplicates()
        self.assertEqual(action["res_model"], "base.partner.merge.automatic.wizard")
        wizard = self.env[action["res_model"]].with_context(**action["context"]).create({})
        self.assertEqual(wizard.partner_ids, self.original | self.same_phone)
        self.assertIn(wizard.dst_partner_id, self.original | self.same_phone)
        wizard.action_merge()
        survivor = (self.original | self.same_phone).exists()
        self.assertEqual(len(survivor), 1)
        self.assertIn("+84977654321", (survivor.retail_phone_e164, survivor.retail_mobile_e164))
        self.assertIn(self.same_email.id, survivor._retail_duplicate_pairs()[survivor.id], "the email twin remains")

    def test_merge_preselects_at_most_three_contacts(self):
        action = self.original.action_retail_merge_duplicates()
        self.assertEqual(len(action["context"]["active_ids"]), 3, "Odoo merges at most three contacts at once")
        self.assertEqual(action["context"]["active_ids"][0], self.original.id)

    def test_duplicates_list_action(self):
        action = self.original.action_retail_open_duplicates()
        found = self.env["res.partner"].search(action["domain"])
        self.assertEqual(found, self.original | self.same_phone | self.same_email | self.same_name)
