"""Search helpers on customers: last purchase older than N days, purchased at a branch."""
from datetime import timedelta

from odoo import Command, api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    retail_days_since_purchase = fields.Integer(
        string="Days Since Last Purchase", compute="_compute_retail_days_since_purchase",
        search="_search_retail_days_since_purchase")
    retail_purchased_config_ids = fields.Many2many(
        "pos.config", string="Purchased At", compute="_compute_retail_purchased_config_ids",
        search="_search_retail_purchased_config_ids",
        help="Branches where the customer has a paid order.")

    @api.depends("retail_last_purchase_date")
    @api.depends_context("tz")
    def _compute_retail_days_since_purchase(self):
        today = fields.Date.context_today(self)
        for partner in self:
            last = partner.retail_last_purchase_date
            partner.retail_days_since_purchase = (today - last).days if last else 0

    def _search_retail_days_since_purchase(self, operator, value):
        """'> N': bought before, but not in the last N days (index on the last purchase date)."""
        if operator not in (">", ">=", "<", "<="):
            raise NotImplementedError(self.env._("Search the days since the last purchase with <, <=, > or >=."))
        limit = fields.Date.context_today(self) - timedelta(days=int(value))
        flipped = {">": "<", ">=": "<=", "<": ">", "<=": ">="}[operator]
        return [("retail_last_purchase_date", flipped, limit)]

    def _compute_retail_purchased_config_ids(self):
        groups = self.env["pos.order"]._read_group(
            [("partner_id", "in", self.ids), ("state", "in", ["paid", "done", "invoiced"])],
            ["partner_id"], ["config_id:array_agg"])
        configs = {partner.id: set(config_ids) for partner, config_ids in groups}
        for partner in self:
            partner.retail_purchased_config_ids = [
                Command.set([config_id for config_id in configs.get(partner.id, ()) if config_id])]

    def _search_retail_purchased_config_ids(self, operator, value):
        if operator not in ("in", "="):
            raise NotImplementedError(self.env._("Search the branch with = or in."))
        if isinstance(value, str):
            value = self.env["pos.config"]._search([("name", "ilike", value)])
        elif isinstance(value, int):
            value = [value]
        orders = self.env["pos.order"].sudo()._search([
            ("config_id", "in", value), ("state", "in", ["paid", "done", "invoiced"]),
        ])
        return [("id", "in", orders.subselect("partner_id"))]
