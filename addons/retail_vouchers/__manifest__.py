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
        "data/retail_voucher_data.xml",
        "views/retail_policy_views.xml",
        "report/retail_voucher_report.xml",
        "views/retail_voucher_views.xml",
        "views/retail_coupon_views.xml",
        "views/menus.xml",
        "views/pos_order_policy_views.xml",
        "security/retail_vouchers_portal_security.xml",
        "views/portal_templates.xml",
        "views/kiosk_templates.xml",
        "views/retail_coupon_portal_views.xml",
    ],
    "demo": ["demo/retail_voucher_demo.xml"],
    "assets": {
        "point_of_sale._assets_pos": [
            "retail_vouchers/static/src/policy/**/*",
            "retail_vouchers/static/src/voucher/**/*",
        ],
        "web.assets_tests": [
            "retail_vouchers/static/tests/tours/retail_policy_*_tour.js",
            "retail_vouchers/static/tests/tours/retail_voucher_tour.js",
        ],
    },
}
