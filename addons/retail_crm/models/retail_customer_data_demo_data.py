"""Demo customer data for the demo shop: attribute values, wedding anniversaries, and the
company data of its wholesale buyers. The attributes themselves are records in
demo/retail_customer_data_demo.xml; called from there, after the shop's customers exist."""
import random
from datetime import date

from odoo import api, models

CUSTOMER_SHARE = 0.4


class RetailCustomerDataDemoData(models.AbstractModel):
    _name = "retail.customer.data.demo.data"
    _description = "Retail CRM customer data demo generator"

    @api.model
    def _generate(self):
        rng = random.Random(20251124)
        company = self.env.ref("retail_crm.demo_company_sen")
        customers = self.env["res.partner"].search(
            [("company_id", "=", company.id), ("customer_rank", ">", 0), ("is_company", "=", False)], order="id"
        )
        self._create_attribute_values(customers, rng)
        self._set_important_dates(customers, rng)
        self._set_wholesale_company_data(customers, rng)

    def _demo_attributes(self):
        return {
            key: self.env.ref(f"retail_crm.demo_attribute_{key}")
            for key in ("skin_type", "preferred_branch", "newsletter_language", "allergies", "sms_opt_in")
        }

    def _create_attribute_values(self, customers, rng):
        attributes = self._demo_attributes()
        vals_list = []
        for customer in customers:
            if rng.random() > CUSTOMER_SHARE:
                continue
            for key in ("skin_type", "preferred_branch", "newsletter_language"):
                vals_list.append({
                    "partner_id": customer.id,
                    "attribute_id": attributes[key].id,
                    "option_id": rng.choice(attributes[key].option_ids).id,
                })
            vals_list.append({
                "partner_id": customer.id, "attribute_id": attributes["sms_opt_in"].id,
                "value_bool": rng.random() < 0.7,
            })
            if rng.random() < 0.15:
                vals_list.append({
                    "partner_id": customer.id, "attribute_id": attributes["allergies"].id,
                    "value_text": rng.choice(["Tinh dầu bạc hà", "Hải sản", "Đậu phộng", "Phấn hoa"]),
                })
        self.env["retail.partner.attribute.value"].create(vals_list)

    def _set_important_dates(self, customers, rng):
        for customer in customers:
            if customer.birthday and rng.random() < 0.3:
                year = min(customer.birthday.year + rng.randint(22, 35), 2024)
                customer.wedding_anniversary = date(year, rng.randint(1, 12), rng.randint(1, 28))

    def _set_wholesale_company_data(self, customers, rng):
        wholesale = self.env.ref("retail_crm.customer_group_wholesale")
        for customer in customers.filtered(lambda partner: wholesale in partner.retail_group_ids):
            customer.write({
                "founding_date": date(rng.randint(1995, 2020), rng.randint(1, 12), rng.randint(1, 28)),
                "annual_revenue": rng.randint(2, 200) * 100_000_000,
                "employee_count": rng.randint(3, 250),
            })
