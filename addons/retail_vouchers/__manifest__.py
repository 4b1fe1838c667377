# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Retail Vouchers",
    "summary": "Serial vouchers and coupons, partner serials and automatic discount policies",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/retail-crm/retail-crm-odoo",
    "author": "Retail CRM contributors",
    "license": "LGPL-3",
    "depends": ["retail_loyalty"],
    "data": [
        "security/ir.model.access.csv",
    ],
}
