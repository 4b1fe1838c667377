from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged

TOKEN = "pairing-token-0123456789"


@tagged("post_install", "-at_install")
class TestPosConfigBridge(TransactionCase):

    def setUp(self):
        super().setUp()
        self.config = self.env.ref("retail_crm.demo_pos_hoan_kiem")

    def test_bridge_needs_a_websocket_address_and_a_pairing_token(self):
        with self.assertRaises(ValidationError):
            self.config.write({"retail_hw_bridge_enabled": True, "retail_hw_bridge_token": False})
        with self.assertRaises(ValidationError):
            self.config.write({"retail_hw_bridge_enabled": True, "retail_hw_bridge_token": TOKEN,
                               "retail_hw_bridge_url": "http://127.0.0.1:8765"})
        self.config.write({"retail_hw_bridge_enabled": True, "retail_hw_bridge_token": TOKEN})
        self.assertEqual(self.config.retail_hw_bridge_url, "ws://127.0.0.1:8765", "the default address")

    def test_card_pattern_must_be_a_regular_expression(self):
        with self.assertRaises(ValidationError):
            self.config.retail_card_pattern = "^;(\\d{8,19}\\?$"
        self.config.retail_card_pattern = "^;(\\d{8,19})\\?$"
        self.assertEqual(self.config.retail_card_pattern, "^;(\\d{8,19})\\?$")

    def test_till_loads_the_bridge_settings(self):
        self.config.write({"retail_hw_bridge_enabled": True, "retail_hw_bridge_token": TOKEN,
                           "retail_card_pattern": "^;(\\d+)\\?$"})
        self.config.open_ui()
        loaded = self.config.current_session_id.load_data(["pos.config"])["pos.config"]
        row = loaded["data"][0]
        self.assertEqual(row["id"], self.config.id)
        self.assertTrue(row["retail_hw_bridge_enabled"])
        self.assertEqual(row["retail_hw_bridge_token"], TOKEN)
        self.assertEqual(row["retail_hw_bridge_url"], "ws://127.0.0.1:8765")
        self.assertEqual(row["retail_card_pattern"], "^;(\\d+)\\?$")
