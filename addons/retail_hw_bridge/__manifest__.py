# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Retail Card Reader Bridge",
    "summary": "Chip, magnetic-stripe and RFID card readers at the till through a local bridge service",
    "version": "18.0.1.1.0",
    "category": "Sales/Point of Sale",
    "website": "https://github.com/retail-crm/retail-crm-odoo",
    "author": "Retail CRM contributors",
    "license": "LGPL-3",
    "depends": ["retail_loyalty"],
    "data": [
        "security/ir.model.access.csv",
        "views/res_config_settings_views.xml",
    ],
    "assets": {
        "point_of_sale._assets_pos": [
            "retail_hw_bridge/static/src/**/*",
        ],
        "web.assets_tests": [
            "retail_hw_bridge/static/tests/tours/**/*",
        ],
    },
}
