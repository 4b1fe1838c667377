from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def test_vietnamese_chinese_and_russian_are_shipped(self):
        expected = {"vi_VN": "Bộ đếm khách", "zh_CN": "客流计数器", "ru_RU": "Счётчик посетителей"}
        module = self.env["ir.module.module"].search([("name", "=", "retail_footfall")])
        for code, description in expected.items():
            self.env["res.lang"]._activate_lang(code)
            module._update_translations(code)
            model = self.env["ir.model"].with_context(lang=code)._get("retail.footfall.counter")
            self.assertEqual(model.name, description)
