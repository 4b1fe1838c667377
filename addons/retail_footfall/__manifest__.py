# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Retail Footfall",
    "summary": "People-counter visits and conversion rate against POS receipts, per branch and zone",
    "version": "18.0.1.0.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/retail-crm/retail-crm-odoo",
    "author": "Retail CRM contributors",
    "license": "LGPL-3",
    "depends": ["retail_crm"],
    "external_dependencies": {"python": ["openpyxl"]},
    "data": [
        "security/retail_footfall_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "wizards/retail_footfall_import_views.xml",
        "wizards/retail_footfall_token_views.xml",
        "views/retail_footfall_zone_views.xml",
        "views/retail_footfall_counter_views.xml",
        "views/retail_footfall_count_views.xml",
        "report/retail_footfall_report_views.xml",
        "report/retail_footfall_gap_views.xml",
        "views/menus.xml",
    ],
    "demo": [
        "demo/retail_footfall_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "retail_footfall/static/src/dashboard/*",
        ],
        "web.assets_tests": [
            "retail_footfall/static/tests/tours/*",
        ],
    },
}
