from odoo import api, fields, models
from odoo.exceptions import UserError


class RetailMessageSegmentMixin(models.AbstractModel):
    """A segment of customers (a group, an RFM segment, a tier, an attribute value) as the recipients
    of a campaign in Odoo's Email Marketing or SMS Marketing, when those apps are installed: the
    mailing opens on res.partner with the segment's domain and the channel's opt-in."""

    _name = "retail.message.segment.mixin"
    _description = "Customer Segment for Campaigns"

    retail_mailing_available = fields.Boolean(compute="_compute_retail_mailing_available")
    retail_sms_mailing_available = fields.Boolean(compute="_compute_retail_mailing_available")

    def _compute_retail_mailing_available(self):
        mailing = self.env.get("mailing.mailing")
        sms = mailing is not None and "sms" in dict(mailing._fields["mailing_type"].selection)
        self.retail_mailing_available = mailing is not None
        self.retail_sms_mailing_available = sms

    def _retail_segment_domain(self):
        """The customers of this segment, as a res.partner domain."""
        raise NotImplementedError

    @api.model
    def _retail_consent_domain(self, channel):
        field = "retail_email_consent" if channel == "email" else "retail_sms_consent"
        return [(field, "=", "opt_in")]

    def _retail_open_mailing(self, mailing_type):
        self.ensure_one()
        if "mailing.mailing" not in self.env:
            raise UserError(self.env._("Install the Email Marketing app to send campaigns to a segment."))
        channel = "email" if mailing_type == "mail" else "sms"
        domain = self._retail_segment_domain() + self._retail_consent_domain(channel)
        context = {
            "default_mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
            "default_mailing_domain": repr(domain),
            "default_mailing_type": mailing_type,
            "default_subject": self.display_name,
        }
        if mailing_type == "sms":
            context["default_body_plaintext"] = ""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Campaign to %(segment)s", segment=self.display_name),
            "res_model": "mailing.mailing",
            "view_mode": "form",
            "target": "current",
            "context": context,
        }

    def action_retail_email_campaign(self):
        return self._retail_open_mailing("mail")

    def action_retail_sms_campaign(self):
        return self._retail_open_mailing("sms")
