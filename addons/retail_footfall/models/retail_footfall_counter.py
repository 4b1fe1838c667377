import hashlib
import hmac
import secrets

from odoo import api, fields, models
from odoo.addons.base.models.res_partner import _tz_get
from odoo.exceptions import ValidationError


class RetailFootfallCounter(models.Model):
    """A people counter (entrance sensor) of a branch, optionally of a zone inside it."""

    _name = "retail.footfall.counter"
    _description = "People Counter"
    _order = "pos_config_id, zone_id, name"

    name = fields.Char(required=True)
    pos_config_id = fields.Many2one("pos.config", string="Branch", required=True, ondelete="restrict", index=True)
    zone_id = fields.Many2one(
        "retail.footfall.zone",
        domain="[('pos_config_id', '=', pos_config_id)]",
        ondelete="restrict",
        help="Leave empty for a sensor at the branch's entrance: only entrance counts make the branch's visitors.",
    )
    company_id = fields.Many2one(related="pos_config_id.company_id", store=True)
    tz = fields.Selection(
        _tz_get,
        string="Timezone",
        required=True,
        default=lambda self: self.env.context.get("tz") or self.env.user.tz or "UTC",
        help="Timestamps sent without an offset are read in this timezone.",
    )
    interval_minutes = fields.Integer(default=15, required=True, help="Length of the intervals the device reports.")
    gap_minutes = fields.Integer(
        string="Gap Alert After",
        default=60,
        required=True,
        help="Minutes without data after which the counter is reported as offline.",
    )
    token_hash = fields.Char(copy=False, groups="base.group_system")
    has_token = fields.Boolean(compute="_compute_has_token")
    last_interval_end = fields.Datetime(readonly=True, copy=False, help="End of the latest interval received.")
    is_offline = fields.Boolean(compute="_compute_is_offline", string="Offline")
    count_ids = fields.One2many("retail.footfall.count", "counter_id", string="Counts")
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("interval_positive", "CHECK(interval_minutes > 0 AND interval_minutes <= 1440)",
         "The interval length must be between 1 and 1440 minutes."),
        ("gap_positive", "CHECK(gap_minutes > 0)", "The gap alert must be a positive number of minutes."),
    ]

    @api.onchange("pos_config_id")
    def _onchange_pos_config_id(self):
        if self.pos_config_id:
            self.tz = self.pos_config_id.retail_tz
            if self.zone_id.pos_config_id != self.pos_config_id:
                self.zone_id = False

    @api.constrains("zone_id", "pos_config_id")
    def _check_zone_branch(self):
        for counter in self:
            if counter.zone_id and counter.zone_id.pos_config_id != counter.pos_config_id:
                raise ValidationError(self.env._(
                    "Zone %(zone)s belongs to another branch than counter %(counter)s.",
                    zone=counter.zone_id.name, counter=counter.name,
                ))

    def _compute_has_token(self):
        for counter in self:
            counter.has_token = bool(counter.sudo().token_hash)

    @api.depends("last_interval_end", "gap_minutes")
    def _compute_is_offline(self):
        now = fields.Datetime.now()
        for counter in self:
            last = counter.last_interval_end
            counter.is_offline = not last or (now - last).total_seconds() > counter.gap_minutes * 60

    @staticmethod
    def _hash_token(token):
        return hashlib.sha256(token.encode()).hexdigest()

    def action_generate_token(self):
        """A new API token, shown once; only its hash is kept."""
        self.ensure_one()
        token = secrets.token_urlsafe(32)
        self.sudo().token_hash = self._hash_token(token)
        wizard = self.env["retail.footfall.token"].create({"counter_id": self.id, "token": token})
        return {
            "type": "ir.actions.act_window",
            "res_model": "retail.footfall.token",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("API token of %s", self.name),
        }

    def action_revoke_token(self):
        self.sudo().token_hash = False

    @api.model
    def _find_by_token(self, token):
        """The active counter whose token this is, or an empty recordset."""
        if not token:
            return self.browse()
        token_hash = self._hash_token(token)
        counter = self.sudo().search([("token_hash", "=", token_hash)], limit=1)
        if counter and hmac.compare_digest(counter.token_hash, token_hash):
            return counter
        return self.browse()
