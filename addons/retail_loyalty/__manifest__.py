# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Retail Loyalty",
    "summary": "Member cards, tiers, points, birthday multipliers, Recoin stored value and product cards",
    "version": "18.0.1.1.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/retail-crm/retail-crm-odoo",
    "author": "Retail CRM contributors",
    "license": "LGPL-3",
    "depends": ["retail_crm", "pos_loyalty"],
    "data": [
        "security/retail_loyalty_security.xml",
        "security/ir.model.access.csv",
        "data/retail_tier_data.xml",
        "data/ir_cron_data.xml",
        "views/retail_tier_views.xml",
        "views/retail_member_card_views.xml",
        "views/retail_ledger_views.xml",
        "views/res_partner_views.xml",
        "views/menus.xml",
        "views/retail_tier_message_views.xml",
    ],
    "demo": [
        "demo/retail_loyalty_demo.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "retail_loyalty/static/src/**/*",
        ],
        "web.assets_tests": [
            "retail_loyalty/static/tests/tours/**/*",
        ],
    },
}
