from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def _load_language(self, code):
        self.env["res.lang"]._activate_lang(code)
        self.env["ir.module.module"].search([("name", "=", "retail_crm")])._update_translations(code)

    def test_vietnamese_chinese_and_russian_are_shipped(self):
        expected = {
            "vi_VN": ("Nhóm khách hàng", "Bán buôn"),
            "zh_CN": ("客户组", "批发"),
            "ru_RU": ("Группа клиентов", "Опт"),
        }
        wholesale = self.env.ref("retail_crm.customer_group_wholesale")
        for code, (model_name, group_name) in expected.items():
            self._load_language(code)
            model = self.env["ir.model"].with_context(lang=code)._get("retail.customer.group")
            self.assertEqual(model.name, model_name)
            self.assertEqual(wholesale.with_context(lang=code).name, group_name)
