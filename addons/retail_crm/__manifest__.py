# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Retail CRM",
    "summary": "Retail customer master: customer groups, important dates, the shop's demo chain",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/retail-crm/retail-crm-odoo",
    "author": "Retail CRM contributors",
    "license": "LGPL-3",
    "application": True,
    "depends": ["point_of_sale"],
    "data": [
        "security/retail_crm_security.xml",
        "security/ir.model.access.csv",
        "data/retail_customer_group_data.xml",
        "views/retail_customer_group_views.xml",
        "views/res_partner_views.xml",
        "views/pos_config_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/retail_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "retail_crm/static/tests/tours/**/*",
        ],
    },
}
