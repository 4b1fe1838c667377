from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestPartnerPhone(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vietnam = cls.env.ref("base.vn")
        cls.retail = cls.env.ref("retail_crm.customer_group_retail")
        cls.customer = cls.env["res.partner"].create({
            "name": "Nguyễn Văn Long",
            "country_id": cls.vietnam.id,
            "phone": "090 123 4567",
            "mobile": "(028) 3822-5678",
            "retail_group_ids": cls.retail.ids,
        })

    def test_numbers_are_stored_in_e164_with_the_customer_country(self):
        self.assertEqual(self.customer.phone, "090 123 4567", "what was typed is kept")
        self.assertEqual(self.customer.retail_phone_e164, "+84901234567")
        self.assertEqual(self.customer.retail_mobile_e164, "+842838225678")

    def test_country_of_the_company_is_used_when_the_customer_has_none(self):
        company = self.env["res.company"].create({"name": "Sen Đà Nẵng", "country_id": self.vietnam.id})
        partner = self.env["res.partner"].create({
            "name": "Hồ Thị Vy", "phone": "0912 345 678", "company_id": company.id,
        })
        self.assertFalse(partner.country_id)
        self.assertEqual(partner.retail_phone_e164, "+84912345678")

    def test_international_numbers_need_no_country(self):
        partner = self.env["res.partner"].create({"name": "Jan Peeters", "phone": "+32 470 12 34 56"})
        self.assertEqual(partner.retail_phone_e164, "+32470123456")

    def test_customer_found_by_any_way_of_typing_the_number(self):
        Partner = self.env["res.partner"].with_company(self._vietnamese_company())
        for typed in ("0901234567", "090-123-4567", "+84 90 123 45 67", "84901234567", "0084 901 234 567",
                      "901234567", "(+84) 901.234.567"):
            found = Partner.search([("retail_phone_search", "=", typed)])
            self.assertEqual(found, self.customer, f"not found with {typed!r}")
        self.assertEqual(Partner.search([("retail_phone_search", "=", "028 3822 5678")]), self.customer)
        self.assertEqual(Partner._retail_find_by_phone("+84 90 123 4567"), self.customer)

    def test_till_search_and_name_search_find_the_number(self):
        Partner = self.env["res.partner"].with_company(self._vietnamese_company())
        # the domain the till's "Search more" sends (prefix match on each search field)
        till_domain = ["|", ("name", "ilike", "090 123 4567%"), ("retail_phone_search", "ilike", "090 123 4567%")]
        self.assertEqual(Partner.search(till_domain), self.customer)
        results = Partner.name_search("090.123.4567")
        self.assertIn(self.customer.id, [partner_id for partner_id, _name in results])

    def test_odoo_phone_mobile_search_also_matches_e164(self):
        Partner = self.env["res.partner"].with_company(self._vietnamese_company())
        self.assertIn("phone_mobile_search", Partner._fields, "sms is installed with the retail addons")
        self.assertEqual(Partner.search([("phone_mobile_search", "ilike", "0901 234 567")]), self.customer)
        self.assertEqual(Partner.search([("phone_mobile_search", "ilike", "+84 90 123 4567")]), self.customer)

    def test_till_gets_the_national_and_international_digits(self):
        self.assertEqual(self.customer.retail_phone_keys, "84901234567 0901234567 842838225678 02838225678")
        config = self.env.ref("retail_crm.demo_pos_hoan_kiem")
        self.assertIn("retail_phone_keys", self.env["res.partner"]._load_pos_data_fields(config.id))

    def test_too_few_digits_find_nobody(self):
        self.assertFalse(self.env["res.partner"].search([("retail_phone_search", "=", "4567")]))

    def test_invalid_number_of_a_shop_customer_is_refused_with_a_message(self):
        with self.assertRaisesRegex(ValidationError, "12345.*not a valid phone number.*country code"):
            self.customer.phone = "12345"
        with self.assertRaisesRegex(ValidationError, "not a valid mobile number"):
            self.env["res.partner"].create({
                "name": "Lý Gia Bảo", "country_id": self.vietnam.id, "mobile": "0999",
                "retail_group_ids": self.retail.ids,
            })

    def test_invalid_number_is_refused_when_the_check_is_asked(self):
        with self.assertRaises(ValidationError):
            self.env["res.partner"].with_context(retail_phone_check=True).create({
                "name": "Đỗ Minh Quân", "phone": "not a phone",
            })

    def test_other_partners_keep_an_unreadable_number_without_error(self):
        supplier = self.env["res.partner"].create({"name": "Nhà cung cấp", "phone": "123456789", "mobile": "ext. 12"})
        self.assertEqual(supplier.phone, "123456789")
        self.assertFalse(supplier.retail_mobile_e164)

    def test_demo_customer_numbers_are_all_valid(self):
        company = self.env.ref("retail_crm.demo_company_sen")
        customers = self.env["res.partner"].search([("company_id", "=", company.id), ("customer_rank", ">", 0)])
        self.assertGreaterEqual(len(customers), 200)
        self.assertTrue(all(phone.startswith("+84") for phone in customers.mapped("retail_phone_e164")))
        self.assertEqual(len(customers.filtered("retail_phone_e164")), len(customers.filtered("phone")))
        self.assertEqual(company.partner_id.retail_phone_e164, "+842438251234")

    def _vietnamese_company(self):
        return self.env["res.company"].create({"name": "Sen Huế", "country_id": self.vietnam.id})
