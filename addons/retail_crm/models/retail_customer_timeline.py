from odoo import fields, models, tools
from odoo.tools import SQL

# id = source id * ID_STRIDE + kind code: stable ids, one per row of the union
ID_STRIDE = 16
TIMELINE_KINDS = [
    ("pos_order", "POS Receipt"),
    ("invoice", "Invoice"),
    ("case", "Case"),
    ("answer", "Questionnaire Answer"),
    ("message", "Message"),
    ("note", "Note"),
    ("call", "Logged Call"),
    ("activity", "Activity Done"),
    ("customer_message", "Email/SMS Sent"),
]


class RetailCustomerTimeline(models.Model):
    """Everything that happened with a customer, newest first, across receipts, invoices, cases,
    answers and the chatter (messages, notes, calls and activities marked done)."""

    _name = "retail.customer.timeline"
    _description = "Customer Timeline"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "name"

    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    date = fields.Datetime(readonly=True)
    kind = fields.Selection(TIMELINE_KINDS, readonly=True)
    name = fields.Char(string="Description", readonly=True)
    branch_id = fields.Many2one("pos.config", readonly=True)
    amount = fields.Monetary(readonly=True, currency_field="currency_id")
    currency_id = fields.Many2one("res.currency", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="By", readonly=True)
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Integer(string="Document", readonly=True)

    def _select_pos_orders(self):
        return f"""
            SELECT po.id * {ID_STRIDE} + 0 AS id, po.partner_id, po.date_order AS date, 'pos_order' AS kind,
                   COALESCE(po.pos_reference, po.name) AS name, po.config_id AS branch_id,
                   po.amount_total AS amount, company.currency_id, po.company_id, po.user_id,
                   'pos.order' AS res_model, po.id AS res_id
              FROM pos_order po JOIN res_company company ON company.id = po.company_id
             WHERE po.partner_id IS NOT NULL AND po.state IN ('paid', 'done', 'invoiced')"""

    def _select_invoices(self):
        # invoices of POS orders are already on the timeline as their receipt
        return f"""
            SELECT am.id * {ID_STRIDE} + 1, am.partner_id, am.invoice_date::timestamp, 'invoice', am.name, NULL,
                   am.amount_total_signed, company.currency_id, am.company_id, am.invoice_user_id,
                   'account.move', am.id
              FROM account_move am JOIN res_company company ON company.id = am.company_id
             WHERE am.move_type IN ('out_invoice', 'out_refund') AND am.state = 'posted'
               AND am.partner_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM pos_order po WHERE po.account_move = am.id)"""

    def _select_cases(self):
        return f"""
            SELECT rc.id * {ID_STRIDE} + 2, rc.partner_id, rc.create_date, 'case', rc.name, rc.branch_id,
                   NULL, NULL, rc.company_id, rc.user_id, 'retail.case', rc.id
              FROM retail_case rc"""

    def _select_answers(self):
        return f"""
            SELECT ra.id * {ID_STRIDE} + 3, ra.partner_id, ra.date, 'answer',
                   COALESCE(rq.name->>'en_US', '') || ': ' || COALESCE(ra.value_display, ''), ra.branch_id,
                   NULL, NULL, ra.company_id, ra.create_uid, 'retail.answer', ra.id
              FROM retail_answer ra JOIN retail_question rq ON rq.id = ra.question_id"""

    def _select_messages(self):
        # a done activity leaves a message with its activity type: a phone call type is a logged call
        return f"""
            SELECT mm.id * {ID_STRIDE} + CASE
                       WHEN mat.category = 'phonecall' THEN 6
                       WHEN mm.mail_activity_type_id IS NOT NULL THEN 7
                       WHEN subtype.internal THEN 5 ELSE 4 END,
                   mm.res_id, mm.date,
                   CASE WHEN mat.category = 'phonecall' THEN 'call'
                        WHEN mm.mail_activity_type_id IS NOT NULL THEN 'activity'
                        WHEN subtype.internal THEN 'note' ELSE 'message' END,
                   COALESCE(NULLIF(mm.subject, ''),
                            LEFT(regexp_replace(COALESCE(mm.body, ''), '<[^>]*>', ' ', 'g'), 200)),
                   NULL, NULL, NULL, NULL, author_user.id, 'mail.message', mm.id
              FROM mail_message mm
              LEFT JOIN mail_message_subtype subtype ON subtype.id = mm.subtype_id
              LEFT JOIN mail_activity_type mat ON mat.id = mm.mail_activity_type_id
              LEFT JOIN LATERAL (SELECT u.id FROM res_users u WHERE u.partner_id = mm.author_id
                                  ORDER BY u.id LIMIT 1) author_user ON TRUE
             WHERE mm.model = 'res.partner'
               AND (mm.message_type IN ('comment', 'email', 'email_outgoing')
                    OR mm.mail_activity_type_id IS NOT NULL)"""

    def _select_message_logs(self):
        # lifecycle emails and SMS (retail.message.log) that went or were attempted, with their status;
        # the skipped ones (no consent, no address) stay on the customer's Messages tab
        return f"""
            SELECT ml.id * {ID_STRIDE} + 8, ml.partner_id, COALESCE(ml.sent_date, ml.create_date), 'customer_message',
                   CASE ml.channel WHEN 'email' THEN 'Email: ' ELSE 'SMS: ' END
                       || COALESCE(NULLIF(ml.subject, ''), LEFT(ml.body, 160), ml.event)
                       || ' [' || ml.state || COALESCE(': ' || ml.reason, '') || ']',
                   ml.branch_id, NULL, NULL, ml.company_id, ml.create_uid, 'retail.message.log', ml.id
              FROM retail_message_log ml
             WHERE ml.state NOT IN ('preview', 'skipped')"""

    def _union_parts(self):
        parts = [self._select_pos_orders(), self._select_invoices(), self._select_cases(),
                 self._select_answers(), self._select_messages()]
        # the message log's table is created after this view on install; its init() re-creates the view
        if tools.sql.table_exists(self.env.cr, "retail_message_log"):
            parts.append(self._select_message_logs())
        return parts

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        query = SQL("\nUNION ALL\n".join(self._union_parts()))
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), query))

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model if self.res_model != "mail.message" else "res.partner",
            "res_id": self.res_id if self.res_model != "mail.message" else self.partner_id.id,
            "view_mode": "form",
            "target": "current",
        }
