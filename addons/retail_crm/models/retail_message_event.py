from odoo import api, fields, models
from odoo.exceptions import ValidationError

# event -> how it behaves: transactional events go at once to everyone who has not opted out;
# the others are marketing: they need the customer's opt-in and wait for the end of quiet hours.
EVENT_KINDS = {
    "birthday_before": {"transactional": False, "template": "birthday_before"},
    "birthday_day": {"transactional": False, "template": "birthday_day"},
    "activation": {"transactional": True, "template": "activation"},
    "thank_you": {"transactional": True, "template": "thank_you"},
    "near_upgrade": {"transactional": False, "template": "near_upgrade"},
    "tier_upgrade": {"transactional": False, "template": "tier_upgrade"},
    "tier_downgrade": {"transactional": False, "template": "tier_downgrade"},
}
MESSAGE_EVENTS = [
    ("birthday_before", "Birthday: days before"),
    ("birthday_day", "Birthday: on the day"),
    ("activation", "Card activation"),
    ("thank_you", "Thank you after checkout"),
    ("near_upgrade", "Near upgrade"),
    ("tier_upgrade", "Tier upgrade"),
    ("tier_downgrade", "Tier downgrade"),
]
PLACEHOLDER_HELP = (
    "Placeholders in the templates: {{ object.partner_name }} (customer), {{ object.tier_name }}, "
    "{{ object.next_tier_name }}, {{ object.points_remaining_display }} (points or amount still missing), "
    "{{ object.offer }}, {{ object.branch_name }}, {{ object.card_name }}, {{ object.unsubscribe_url }}."
)


class RetailMessageEvent(models.Model):
    """When and how one lifecycle event (birthday, card activation, thank-you, near upgrade, tier
    change) is announced to customers: per company, and optionally overridden for one branch.

    A branch row replaces the company row entirely for customers of that branch (switching an
    event off in one branch is a branch row with both channels off)."""

    _name = "retail.message.event"
    _description = "Customer Message Event"
    _order = "company_id, event, branch_id desc, id"

    name = fields.Char(compute="_compute_name", store=True)
    event = fields.Selection(MESSAGE_EVENTS, required=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    branch_id = fields.Many2one(
        "pos.config", index=True, domain="[('company_id', '=', company_id)]",
        help="Leave empty for the company's rule; a branch rule replaces it for that branch's customers.")
    active = fields.Boolean(default=True)
    transactional = fields.Boolean(compute="_compute_transactional")
    email_enabled = fields.Boolean(string="Send Email", default=True)
    sms_enabled = fields.Boolean(string="Send SMS", default=True)
    mail_template_id = fields.Many2one(
        "mail.template", string="Email Template", domain=[("model", "=", "retail.message.log")],
        help=PLACEHOLDER_HELP)
    sms_template_id = fields.Many2one(
        "sms.template", string="SMS Template", domain=[("model", "=", "retail.message.log")], help=PLACEHOLDER_HELP)
    offer = fields.Text(
        translate=True,
        help="The shop's own content for this event (the birthday offer, a greeting), shown where the "
        "template uses {{ object.offer }}.")
    send_hour = fields.Float(
        string="Send at (local time)", default=9.0,
        help="Scheduled events (birthdays) are sent from this hour in the customer's timezone (else the branch's).")
    days_before = fields.Integer(default=7, help="For the birthday announcement: days before the birthday.")
    near_points = fields.Float(
        string="Near when missing at most (points)", default=100.0,
        help="A member is near the next tier or level when no more than this is missing (points, or "
        "the amount for tiers reached on revenue).")
    near_percent = fields.Float(
        string="…or at most (% of threshold)", default=10.0,
        help="…or when what is missing is at most this percentage of the next threshold. 0 disables the rule.")
    attach_receipt = fields.Boolean(
        string="Include the receipt", default=True, help="The thank-you email lists what was bought.")

    _sql_constraints = [
        ("event_company_branch_uniq", "unique(event, company_id, branch_id)",
         "There is already a rule for this event in this company and branch."),
        ("send_hour_range", "CHECK(send_hour >= 0 AND send_hour < 24)", "The send hour must be between 0 and 24."),
        ("days_before_range", "CHECK(days_before >= 0 AND days_before <= 60)",
         "Days before the birthday must be between 0 and 60."),
    ]

    @api.depends("event", "branch_id")
    def _compute_name(self):
        labels = dict(self._fields["event"]._description_selection(self.env))
        for rule in self:
            label = labels.get(rule.event, "")
            rule.name = f"{label} ({rule.branch_id.name})" if rule.branch_id else label

    @api.depends("event")
    def _compute_transactional(self):
        for rule in self:
            rule.transactional = EVENT_KINDS.get(rule.event, {}).get("transactional", False)

    @api.constrains("branch_id", "company_id")
    def _check_branch_company(self):
        for rule in self:
            if rule.branch_id and rule.branch_id.company_id != rule.company_id:
                raise ValidationError(self.env._("The branch of a message rule must belong to its company."))

    @api.model
    def _default_template(self, event, channel):
        kind = EVENT_KINDS[event]["template"]
        xmlid = f"retail_crm.{'mail' if channel == 'email' else 'sms'}_template_{kind}"
        return self.env.ref(xmlid, raise_if_not_found=False)

    @api.model
    def _create_default_rules(self, companies=None):
        """One rule per event for every company that has none (install, new companies)."""
        companies = companies or self.env["res.company"].sudo().search([], limit=None)
        existing = {(rule.event, rule.company_id.id) for rule in self.with_context(active_test=False).search(
            [("company_id", "in", companies.ids), ("branch_id", "=", False)])}
        vals_list = []
        for company in companies:
            for event in EVENT_KINDS:
                if (event, company.id) in existing:
                    continue
                vals_list.append({
                    "event": event, "company_id": company.id,
                    "mail_template_id": self._default_template(event, "email").id,
                    "sms_template_id": self._default_template(event, "sms").id,
                })
        return self.sudo().create(vals_list)

    @api.model
    def _rule_for(self, event, company, branch=None):
        """The rule that applies: the branch's own, else the company's; empty when the event is off."""
        domain = [("event", "=", event), ("company_id", "=", company.id)]
        rules = self.sudo().with_context(active_test=False).search(domain)
        rule = (branch and rules.filtered(lambda r: r.branch_id == branch)[:1]) or rules.filtered(
            lambda r: not r.branch_id)[:1]
        return rule if rule.active else self.browse()

    def _is_near(self, missing, threshold):
        """Whether a member missing ``missing`` (points or amount) of a ``threshold`` is near it (near_upgrade
        rules; used for tiers and, later, Recoin levels)."""
        self.ensure_one()
        if missing <= 0:
            return False
        return missing <= self.near_points or bool(
            self.near_percent and threshold and missing <= threshold * self.near_percent / 100.0)

    def _channels(self):
        self.ensure_one()
        return [channel for channel, enabled in (("email", self.email_enabled), ("sms", self.sms_enabled)) if enabled]

    def action_preview_email(self):
        self.ensure_one()
        return self._open_preview("mail.template.preview", "mail_template_id", self.mail_template_id)

    def action_preview_sms(self):
        self.ensure_one()
        return self._open_preview("sms.template.preview", "sms_template_id", self.sms_template_id)

    def _open_preview(self, wizard_model, field_name, template):
        if not template:
            raise ValidationError(self.env._("Choose a template first."))
        # a sample message with every placeholder filled; another message can be picked in the preview
        sample = self.env["retail.message.log"]._preview_sample(self)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Preview"),
            "res_model": wizard_model,
            "view_mode": "form",
            "target": "new",
            "context": {f"default_{field_name}": template.id,
                        "default_resource_ref": f"retail.message.log,{sample.id}"},
        }
