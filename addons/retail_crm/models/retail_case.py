from odoo import api, fields, models

CASE_STATES = [
    ("new", "New"),
    ("in_progress", "In Progress"),
    ("waiting", "Waiting for Customer"),
    ("done", "Solved"),
    ("cancel", "Cancelled"),
]
CLOSED_STATES = ("done", "cancel")


class RetailCase(models.Model):
    """A complaint or a request of a customer, followed up with Odoo activities until solved."""

    _name = "retail.case"
    _description = "Customer Case"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True, tracking=True)
    case_type = fields.Selection(
        [("complaint", "Complaint"), ("request", "Request"), ("question", "Question"), ("other", "Other")],
        string="Type", required=True, default="request", tracking=True,
    )
    state = fields.Selection(CASE_STATES, string="Stage", required=True, default="new", tracking=True,
                             group_expand="_group_expand_states")
    is_open = fields.Boolean(compute="_compute_is_open", store=True)
    user_id = fields.Many2one("res.users", string="Assignee", default=lambda self: self.env.user, tracking=True)
    date_deadline = fields.Date(string="Deadline", tracking=True)
    order_id = fields.Many2one("pos.order", string="POS Order", index="btree_not_null",
                               domain="[('partner_id', '=', partner_id)]")
    branch_id = fields.Many2one("pos.config", index=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    description = fields.Html()
    source = fields.Selection([("backend", "Backend"), ("pos", "Till")], required=True, default="backend")
    # a request taken at the till before its order reached the server: linked when it does
    pos_order_uuid = fields.Char(string="Till Order Reference", copy=False, index="btree_not_null")
    priority = fields.Selection([("0", "Normal"), ("1", "Urgent")], default="0")

    @api.depends("state")
    def _compute_is_open(self):
        for case in self:
            case.is_open = case.state not in CLOSED_STATES

    def _group_expand_states(self, states, domain):
        return [key for key, _label in CASE_STATES]

    @api.onchange("order_id")
    def _onchange_order_id(self):
        if self.order_id:
            self.branch_id = self.order_id.config_id

    @api.model_create_multi
    def create(self, vals_list):
        cases = super().create(vals_list)
        cases._sync_follow_up_activity()
        return cases

    def write(self, vals):
        result = super().write(vals)
        if {"date_deadline", "user_id", "state"} & set(vals):
            self._sync_follow_up_activity()
        return result

    def _follow_up_activity_type(self):
        return self.env.ref("mail.mail_activity_data_todo")

    def _prepare_follow_up_activity_vals(self):
        self.ensure_one()
        return {
            "activity_type_id": self._follow_up_activity_type().id,
            "summary": self.env._("Follow up: %s", self.name),
            "date_deadline": self.date_deadline,
            "user_id": self.user_id.id or self.env.uid,
        }

    def _sync_follow_up_activity(self):
        """One open follow-up activity per open case with a deadline, on the assignee's deadline."""
        activity_type = self._follow_up_activity_type()
        for case in self:
            activities = case.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)
            if case.state in CLOSED_STATES or not case.date_deadline:
                activities.unlink()
            elif activities:
                activities.write({"date_deadline": case.date_deadline, "user_id": case.user_id.id or self.env.uid})
            else:
                case.activity_schedule(**case._prepare_follow_up_activity_vals())

    def action_set_done(self):
        self.write({"state": "done"})

    @api.model
    def _prepare_pos_case_vals(self, values, config):
        partner = self.env["res.partner"].browse(int(values["partner_id"])).exists()
        order = self.env["pos.order"].search([("uuid", "=", values.get("order_uuid"))], limit=1) \
            if values.get("order_uuid") else self.env["pos.order"]
        return {
            "name": values["name"],
            "partner_id": partner.id,
            "case_type": values.get("case_type") or "request",
            "date_deadline": values.get("date_deadline") or False,
            "description": values.get("description") or False,
            "branch_id": config.id,
            "company_id": config.company_id.id,
            "order_id": order.id,
            "pos_order_uuid": False if order else values.get("order_uuid") or False,
            "source": "pos",
        }

    @api.model
    def retail_pos_create_case(self, values, config_id):
        """A request taken at the till; returns what the customer panel shows of it."""
        config = self.env["pos.config"].browse(config_id)
        case = self.create(self._prepare_pos_case_vals(values, config))
        return case._prepare_pos_case()

    def _prepare_pos_case(self):
        self.ensure_one()
        state_labels = dict(self._fields["state"]._description_selection(self.env))
        type_labels = dict(self._fields["case_type"]._description_selection(self.env))
        return {
            "id": self.id,
            "name": self.name,
            "case_type": type_labels[self.case_type],
            "state": state_labels[self.state],
            "date_deadline": fields.Date.to_string(self.date_deadline) if self.date_deadline else False,
            "create_date": fields.Datetime.to_string(self.create_date),
        }
