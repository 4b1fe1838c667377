from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):

    def test_vietnamese_chinese_and_russian_are_shipped(self):
        expected = {
            "vi_VN": ("Phiếu quà tặng", "Phiếu giảm giá"),
            "zh_CN": ("代金券", "优惠券"),
            "ru_RU": ("Сертификат", "Купон"),
        }
        module = self.env["ir.module.module"].search([("name", "=", "retail_vouchers")])
        for code, (voucher_model, coupon_model) in expected.items():
            self.env["res.lang"]._activate_lang(code)
            module._update_translations(code)
            models = self.env["ir.model"].with_context(lang=code)
            self.assertEqual(models._get("retail.voucher").name, voucher_model)
            self.assertEqual(models._get("retail.coupon").name, coupon_model)
