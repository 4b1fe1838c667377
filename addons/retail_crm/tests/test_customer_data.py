from datetime import date

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCustomerData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_partner = cls.env["res.partner"].create({
            "name": "Công ty TNHH Hoa Sen",
            "is_company": True,
            "founding_date": date(2008, 5, 12),
            "industry_id": cls.env.ref("base.res_partner_industry_G").id,
            "annual_revenue": 12_500_000_000,
            "employee_count": 42,
        })
        cls.skin_type = cls.env["retail.partner.attribute"].create({
            "name": "Loại da",
            "attribute_type": "selection",
            "option_ids": [Command.create({"name": "Da dầu"}), Command.create({"name": "Da khô"})],
        })
        cls.shoe_size = cls.env["retail.partner.attribute"].create({"name": "Cỡ giày", "attribute_type": "number"})
        cls.first_visit = cls.env["retail.partner.attribute"].create({"name": "Lần đầu", "attribute_type": "date"})
        cls.vegetarian = cls.env["retail.partner.attribute"].create({"name": "Ăn chay", "attribute_type": "boolean"})
        cls.note = cls.env["retail.partner.attribute"].create({"name": "Ghi chú da", "attribute_type": "text"})
        cls.customer = cls.env["res.partner"].create({
            "name": "Trần Thị Mai",
            "birthday": date(1990, 3, 8),
            "wedding_anniversary": date(2016, 10, 20),
        })

    def test_contact_persons_are_the_company_child_contacts(self):
        form = Form(self.company_partner)
        with form.retail_contact_ids.new() as contact:
            contact.name = "Lê Văn Hùng"
            contact.function = "Giám đốc mua hàng"
            contact.phone = "+84 24 3825 9999"
            contact.email = "hung@hoasen.example.com"
        form.save()
        contact = self.company_partner.retail_contact_ids
        self.assertEqual(contact.mapped("name"), ["Lê Văn Hùng"])
        self.assertEqual(contact.parent_id, self.company_partner)
        self.assertEqual(contact.type, "contact")
        self.assertEqual(contact.function, "Giám đốc mua hàng")
        self.assertEqual(contact.email, "hung@hoasen.example.com")
        self.assertIn(contact, self.company_partner.child_ids)

    def test_delivery_address_is_not_a_contact_person(self):
        address = self.env["res.partner"].create({
            "name": "Kho Long Biên", "type": "delivery", "parent_id": self.company_partner.id,
        })
        self.assertIn(address, self.company_partner.child_ids)
        self.assertNotIn(address, self.company_partner.retail_contact_ids)

    def test_important_dates_and_company_figures_are_stored(self):
        self.assertEqual(self.customer.wedding_anniversary, date(2016, 10, 20))
        self.assertEqual(self.company_partner.founding_date, date(2008, 5, 12))
        self.assertEqual(self.company_partner.annual_revenue, 12_500_000_000)
        self.assertEqual(self.company_partner.employee_count, 42)
        self.assertEqual(self.company_partner.industry_id.name, "Wholesale/Retail")
        self.assertTrue(self.company_partner.currency_id)

    def _set_values(self, partner):
        partner.retail_attribute_value_ids = [
            Command.create({"attribute_id": self.skin_type.id, "option_id": self.skin_type.option_ids[0].id}),
            Command.create({"attribute_id": self.shoe_size.id, "value_number": 37.5}),
            Command.create({"attribute_id": self.first_visit.id, "value_date": date(2024, 1, 15)}),
            Command.create({"attribute_id": self.vegetarian.id, "value_bool": True}),
            Command.create({"attribute_id": self.note.id, "value_text": "Dị ứng tinh dầu bạc hà"}),
        ]

    def test_shop_defined_attributes_of_every_type_show_their_value(self):
        self._set_values(self.customer)
        shown = {value.attribute_id.name: value.value_display for value in self.customer.retail_attribute_value_ids}
        self.assertEqual(shown, {
            "Loại da": "Da dầu", "Cỡ giày": "37.5", "Lần đầu": "2024-01-15", "Ăn chay": "Yes",
            "Ghi chú da": "Dị ứng tinh dầu bạc hà",
        })

    def test_customers_are_found_by_attribute_value(self):
        self._set_values(self.customer)
        other = self.env["res.partner"].create({
            "name": "Phạm Quốc Bảo",
            "retail_attribute_value_ids": [
                Command.create({"attribute_id": self.skin_type.id, "option_id": self.skin_type.option_ids[1].id}),
            ],
        })
        Partner = self.env["res.partner"]
        self.assertEqual(Partner.search([("retail_attribute_search", "ilike", "da dầu")]), self.customer)
        self.assertEqual(Partner.search([("retail_attribute_search", "ilike", "Da khô")]), other)
        by_option = Partner.search([
            ("retail_attribute_value_ids.attribute_id", "=", self.skin_type.id),
            ("retail_attribute_value_ids.option_id.name", "=", "Da khô"),
        ])
        self.assertEqual(by_option, other)
        by_number = Partner.search([("retail_attribute_value_ids.value_number", ">=", 37)])
        self.assertEqual(by_number, self.customer)

    def test_attribute_values_are_exported_from_the_customer_list(self):
        self._set_values(self.customer)
        rows = self.customer.export_data([
            "name", "retail_attribute_value_ids/attribute_id/name", "retail_attribute_value_ids/value_display",
        ])["datas"]
        exported = {row[1]: row[2] for row in rows}
        self.assertEqual(rows[0][0], "Trần Thị Mai")
        self.assertEqual(exported["Cỡ giày"], "37.5")
        self.assertEqual(exported["Loại da"], "Da dầu")

    def test_one_value_per_attribute_and_customer(self):
        self.env["retail.partner.attribute.value"].create({
            "partner_id": self.customer.id, "attribute_id": self.note.id, "value_text": "a",
        })
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env["retail.partner.attribute.value"].create({
                "partner_id": self.customer.id, "attribute_id": self.note.id, "value_text": "b",
            })
            self.env.flush_all()

    def test_option_must_belong_to_its_attribute(self):
        other = self.env["retail.partner.attribute"].create({
            "name": "Ngôn ngữ", "attribute_type": "selection", "option_ids": [Command.create({"name": "Tiếng Việt"})],
        })
        with self.assertRaises(ValidationError):
            self.env["retail.partner.attribute.value"].create({
                "partner_id": self.customer.id, "attribute_id": self.skin_type.id, "option_id": other.option_ids.id,
            })

    def test_selection_attribute_needs_options(self):
        with self.assertRaises(ValidationError):
            self.env["retail.partner.attribute"].create({"name": "Trống", "attribute_type": "selection"})

    def test_type_of_a_used_attribute_cannot_change(self):
        self._set_values(self.customer)
        with self.assertRaises(ValidationError):
            self.shoe_size.attribute_type = "text"
        unused = self.env["retail.partner.attribute"].create({"name": "Mới", "attribute_type": "text"})
        unused.attribute_type = "number"
        self.assertEqual(unused.attribute_type, "number")

    def test_attribute_created_in_the_form_without_code(self):
        form = Form(self.env["retail.partner.attribute"])
        form.name = "Chi nhánh ưa thích"
        form.attribute_type = "selection"
        with form.option_ids.new() as option:
            option.name = "Hoàn Kiếm"
        attribute = form.save()
        self.assertEqual(attribute.option_ids.mapped("name"), ["Hoàn Kiếm"])
        partner_form = Form(self.customer)
        with partner_form.retail_attribute_value_ids.new() as line:
            line.attribute_id = attribute
            line.option_id = attribute.option_ids
        partner_form.save()
        self.assertEqual(self.customer.retail_attribute_value_ids.value_display, "Hoàn Kiếm")
        self.assertEqual(attribute.value_count, 1)

    def test_demo_customers_have_attributes_and_dates(self):
        company = self.env.ref("retail_crm.demo_company_sen")
        customers = self.env["res.partner"].search([("company_id", "=", company.id), ("customer_rank", ">", 0)])
        skin = self.env.ref("retail_crm.demo_attribute_skin_type")
        self.assertEqual(skin.attribute_type, "selection")
        self.assertGreater(skin.value_count, 30)
        self.assertTrue(self.env.ref("retail_crm.demo_attribute_preferred_branch").value_count)
        self.assertTrue(self.env.ref("retail_crm.demo_attribute_newsletter_language").value_count)
        self.assertTrue(customers.filtered("wedding_anniversary"))
        wholesale = self.env.ref("retail_crm.customer_group_wholesale")
        buyers = customers.filtered(lambda partner: wholesale in partner.retail_group_ids)
        self.assertTrue(buyers)
        self.assertTrue(all(buyers.mapped("founding_date")))
        self.assertTrue(all(buyers.mapped("employee_count")))
