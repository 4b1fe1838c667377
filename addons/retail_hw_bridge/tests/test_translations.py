from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):

    def test_vietnamese_chinese_and_russian_are_shipped(self):
        expected = {
            "vi_VN": ("Cầu nối đầu đọc thẻ", "Mẫu số thẻ"),
            "zh_CN": ("读卡器桥接", "卡号模式"),
            "ru_RU": ("Мост считывателей карт", "Шаблон номера карты"),
        }
        module = self.env["ir.module.module"].search([("name", "=", "retail_hw_bridge")])
        fields_model = self.env["ir.model.fields"]
        for code, (bridge_label, pattern_label) in expected.items():
            self.env["res.lang"]._activate_lang(code)
            module._update_translations(code)
            bridge_field = fields_model._get("pos.config", "retail_hw_bridge_enabled").with_context(lang=code)
            pattern_field = fields_model._get("pos.config", "retail_card_pattern").with_context(lang=code)
            self.assertEqual(bridge_field.field_description, bridge_label)
            self.assertEqual(pattern_field.field_description, pattern_label)
