from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):

    def test_vietnamese_chinese_and_russian_are_shipped(self):
        expected = {
            "vi_VN": ("Hạng thành viên", "Thẻ thành viên"),
            "zh_CN": ("会员等级", "会员卡"),
            "ru_RU": ("Уровень участника", "Карта участника"),
        }
        module = self.env["ir.module.module"].search([("name", "=", "retail_loyalty")])
        for code, (tier_model, card_model) in expected.items():
            self.env["res.lang"]._activate_lang(code)
            module._update_translations(code)
            models = self.env["ir.model"].with_context(lang=code)
            self.assertEqual(models._get("retail.tier").name, tier_model)
            self.assertEqual(models._get("retail.member.card").name, card_model)
        prepaid = {
            "vi_VN": ("Thẻ sản phẩm", "Dòng sổ Recoin"),
            "zh_CN": ("套餐卡", "Recoin 台账明细"),
            "ru_RU": ("Абонемент", "Строка журнала Recoin"),
        }
        for code, (product_card_model, recoin_line_model) in prepaid.items():
            models = self.env["ir.model"].with_context(lang=code)
            self.assertEqual(models._get("retail.product.card").name, product_card_model)
            self.assertEqual(models._get("retail.stored.value.move").name, recoin_line_model)
