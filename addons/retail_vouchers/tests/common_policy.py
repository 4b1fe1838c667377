from uuid import uuid4

from odoo import fields
from odoo.addons.retail_loyalty.tests.common import RetailLoyaltyCase
from odoo.fields import Command


class RetailPolicyCase(RetailLoyaltyCase):
    """The demo shop's Hoàn Kiếm branch (Asia/Ho_Chi_Minh, UTC+7) with discount policies built on
    Odoo's automatic promotions. Orders reach the server as a till sends them, reward lines included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the sale time is never earlier than the session's opening: open it long before the tests' dates
        cls.session.start_at = "2026-01-01 00:00:00"
        cls.env["loyalty.program"].search([("program_type", "=", "promotion"), ("trigger", "=", "auto")]).active = False
        cls.category = cls.env["product.category"].create({"name": "Test drinks"})
        cls.beer = cls.env["product.product"].create({
            "name": "Test beer", "type": "consu", "available_in_pos": True, "list_price": 50000,
            "standard_price": 20000, "categ_id": cls.category.id, "taxes_id": [Command.clear()],
            "company_id": cls.company.id,
        })

    @classmethod
    def _policy(cls, name="Happy hour", percent=10.0, windows=(), reward=None, rule=None, **values):
        """A policy at the branch: ``percent`` off the whole bill (or ``reward``) for any product (or ``rule``)."""
        reward_values = reward or {
            "reward_type": "discount", "discount_mode": "percent", "discount": percent,
            "discount_applicability": "order", "required_points": 1,
        }
        rule_values = {"reward_point_amount": 1, "reward_point_mode": "order", "minimum_qty": 0, **(rule or {})}
        return cls.env["loyalty.program"].create({
            "name": name, "retail_policy": True, "company_id": cls.company.id,
            "pos_config_ids": [Command.set(cls.branch.ids)],
            "rule_ids": [Command.create(rule_values)],
            "reward_ids": [Command.create(reward_values)],
            "retail_window_ids": [Command.create(window) for window in windows],
            **values,
        })

    @staticmethod
    def _window(days, hour_from, hour_to):
        """A window starting on ``days`` ("fri", "sat", ...) from ``hour_from`` to ``hour_to``."""
        every_day = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        return {**{day: day in days for day in every_day}, "hour_from": hour_from, "hour_to": hour_to}

    def _refusal(self, policy, local_string, partner=None, lines=None):
        lines = lines or [(self.service, 1, 100000, 100000)]
        return policy._retail_policy_refusal(self.branch, self._utc(local_string), partner, lines)

    def _line(self, product, qty, price, discount=0.0, reward=None):
        subtotal = qty * price * (1 - discount / 100)
        line = {
            "product_id": product.id, "qty": qty, "price_unit": price, "discount": discount,
            "price_subtotal": subtotal, "price_subtotal_incl": subtotal, "tax_ids": [(6, 0, [])],
            "pack_lot_ids": [],
        }
        if reward:
            line.update({"reward_id": reward.id, "is_reward_line": True})
        return line

    def _sell_lines(self, partner, local_string, lines):
        """Send a paid order with ``lines`` (from ``_line``) as a till would."""
        total = sum(line["price_subtotal_incl"] for line in lines)
        data = self._order_data(partner, total, local_string, uuid=str(uuid4()))
        data["lines"] = [(0, 0, line) for line in lines]
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _sell_with_policies(self, partner, local_string, amount, grants, product=None, qty=1, discount=0.0):
        """A bill of ``qty`` x ``product`` at ``amount`` each with the reward lines ``grants``:
        [(policy, discount amount)]."""
        product = product or self.service
        lines = [self._line(product, qty, amount, discount)]
        for policy, granted in grants:
            reward = policy.reward_ids[:1]
            lines.append(self._line(reward.discount_line_product_id or product, 1, -granted, reward=reward))
        return self._sell_lines(partner, local_string, lines)

    def _now(self, local_string):
        """A freezegun argument: the UTC time at which the branch's clock shows ``local_string``."""
        return fields.Datetime.to_string(self._utc(local_string))
