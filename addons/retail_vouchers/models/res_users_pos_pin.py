from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResUsers(models.Model):
    """A manager's PIN for approvals at the till (discounts above the branch's limit).

    Only its hash is stored, in a column no one but the administrators reads; the PIN itself is never
    sent to a till: the till sends the typed PIN to the server, which checks it."""

    _inherit = "res.users"

    retail_pos_pin_hash = fields.Char(copy=False, groups="base.group_system")
    retail_pos_pin = fields.Char(
        string="Till Approval PIN", compute="_compute_retail_pos_pin", inverse="_inverse_retail_pos_pin",
        copy=False,
        help="4 to 12 digits a manager types at a till to approve a cashier's discount above the branch's "
        "limit. Stored hashed and never shown: type a new one to change it.")
    retail_pos_pin_set = fields.Boolean(string="Till Approval PIN Set", compute="_compute_retail_pos_pin_set")

    @property
    def SELF_READABLE_FIELDS(self):
        return [*super().SELF_READABLE_FIELDS, "retail_pos_pin", "retail_pos_pin_set"]

    @property
    def SELF_WRITEABLE_FIELDS(self):
        return [*super().SELF_WRITEABLE_FIELDS, "retail_pos_pin"]

    def _compute_retail_pos_pin(self):
        self.retail_pos_pin = False

    # not computed with the PIN: writing the PIN protects the fields its method computes from invalidation
    @api.depends("retail_pos_pin_hash")
    def _compute_retail_pos_pin_set(self):
        for user in self:
            user.retail_pos_pin_set = bool(user.sudo().retail_pos_pin_hash)

    def _inverse_retail_pos_pin(self):
        for user in self:
            pin = (user.retail_pos_pin or "").strip()
            if pin and not (pin.isdigit() and pin.isascii() and 4 <= len(pin) <= 12):
                raise ValidationError(self.env._("The till approval PIN is 4 to 12 digits."))
            user.sudo().retail_pos_pin_hash = self._crypt_context().hash(pin) if pin else False

    def action_retail_clear_pos_pin(self):
        # through write(): a user may clear their own PIN, an administrator anyone's
        self.write({"retail_pos_pin": False})

    def _retail_check_pos_pin(self, pin):
        """Whether ``pin`` is this user's till approval PIN."""
        self.ensure_one()
        pin_hash = self.sudo().retail_pos_pin_hash
        return bool(pin_hash and pin) and self._crypt_context().verify(str(pin), pin_hash)

    def _load_pos_data(self, data):
        result = super()._load_pos_data(data)
        config = self.env["pos.config"].browse(data["pos.config"]["data"][0]["id"])
        for user in result["data"]:
            user["retail_discount_manager"] = config._retail_is_discount_manager(self.browse(user["id"]))
        return result
