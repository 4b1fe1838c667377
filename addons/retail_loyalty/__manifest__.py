# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Retail Loyalty",
    "summary": "Member cards, tiers, points, birthday multipliers, Recoin stored value and product cards",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/retail-crm/retail-crm-odoo",
    "author": "Retail CRM contributors",
    "license": "LGPL-3",
    "depends": ["retail_crm", "pos_loyalty"],
    "data": [
        "security/ir.model.access.csv",
    ],
}
