from odoo import api, fields, models
from odoo.exceptions import UserError


class RetailCouponType(models.Model):
    _inherit = "retail.coupon.type"

    kiosk_claimable = fields.Boolean(
        string="Offered at the Kiosk",
        help="Members may claim one coupon of this type themselves at the store kiosk, while issued "
        "coupons nobody owns are left.")

    def _retail_kiosk_offers(self, config, partner):
        """The coupon types a member may claim at ``config`` today: offered at the kiosk, valid at the
        branch and today, with a coupon left and none claimed by this member yet."""
        today = config._retail_local_date()
        types = self.sudo().search([
            ("kiosk_claimable", "=", True), ("company_id", "=", config.company_id.id),
            "|", ("config_ids", "=", False), ("config_ids", "in", config.ids),
            "|", ("valid_from", "=", False), ("valid_from", "<=", today),
            "|", ("valid_to", "=", False), ("valid_to", ">=", today),
        ])
        owned = self.env["retail.coupon"].sudo().search(
            [("partner_id", "=", partner.id), ("type_id", "in", types.ids)]).type_id
        left = self.env["retail.coupon"].sudo()._read_group(
            [("type_id", "in", (types - owned).ids), ("state", "=", "issued"), ("partner_id", "=", False)],
            ["type_id"], ["__count"])
        return self.browse([coupon_type.id for coupon_type, count in left if count])


class RetailCoupon(models.Model):
    _inherit = "retail.coupon"

    @api.model
    def _retail_kiosk_claim(self, coupon_type, partner, config):
        """Give ``partner`` one unowned coupon of ``coupon_type``: one per member and type. The
        coupon is taken with a row lock that skips coupons another kiosk is claiming at this moment."""
        if coupon_type not in self.env["retail.coupon.type"]._retail_kiosk_offers(config, partner):
            raise UserError(self.env._("This offer is not available to you any more."))
        self.env.flush_all()
        self.env.cr.execute("""
            UPDATE retail_coupon SET partner_id = %(partner)s, write_uid = %(uid)s,
                   write_date = now() AT TIME ZONE 'UTC'
             WHERE id = (SELECT id FROM retail_coupon
                          WHERE type_id = %(type)s AND state = 'issued' AND partner_id IS NULL
                          ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING id
        """, {"partner": partner.id, "uid": self.env.uid, "type": coupon_type.id})
        row = self.env.cr.fetchone()
        if not row:
            raise UserError(self.env._("Sorry, all the coupons of this offer were claimed."))
        self.invalidate_model(["partner_id"])
        return self.sudo().browse(row[0])
