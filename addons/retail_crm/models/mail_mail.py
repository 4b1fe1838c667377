from odoo import fields, models

# SMTP-level failures worth another try (server down, temporary refusal); a bad address is final
RETRYABLE_FAILURES = ("mail_smtp", "unknown")
EMAIL_MAX_ATTEMPTS_PARAM = "retail_crm.email_max_attempts"
EMAIL_RETRY_MINUTES_PARAM = "retail_crm.email_retry_minutes"


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _postprocess_sent_message(self, success_pids, failure_reason=False, failure_type=None):
        """Keep the final status of customer lifecycle emails on their message log; an SMTP failure is
        retried with backoff (5, 10, 20... minutes) through Odoo's own queue before it is final."""
        retail_mails = self.filtered(lambda mail: mail.model == "retail.message.log" and mail.res_id)
        if retail_mails:
            retail_mails._retail_update_message_logs(failure_reason, failure_type)
        return super()._postprocess_sent_message(success_pids, failure_reason=failure_reason,
                                                 failure_type=failure_type)

    def _retail_update_message_logs(self, failure_reason, failure_type):
        logs = {log.id: log for log in self.env["retail.message.log"].sudo().browse(self.mapped("res_id")).exists()}
        now = fields.Datetime.now()
        params = self.env["ir.config_parameter"].sudo()
        max_attempts = int(params.get_param(EMAIL_MAX_ATTEMPTS_PARAM, 3))
        retry_minutes = int(params.get_param(EMAIL_RETRY_MINUTES_PARAM, 5))
        for mail in self:
            log = logs.get(mail.res_id)
            if not log:
                continue
            attempts = log.attempts + 1
            if not failure_type:
                log.write({"state": "sent", "sent_date": now, "mail_id": False, "attempts": attempts,
                           "reason": False, "provider_response": "SMTP: accepted"})
                continue
            reason = failure_reason or mail.failure_reason or failure_type
            if failure_type in RETRYABLE_FAILURES and attempts < max_attempts:
                retry_at = fields.Datetime.add(now, minutes=retry_minutes * 2 ** (attempts - 1))
                log.write({"state": "retry", "reason": reason, "attempts": attempts, "next_attempt_date": retry_at})
                mail.write({"state": "outgoing", "scheduled_date": retry_at})
            else:
                log.write({"state": "failed", "reason": reason, "attempts": attempts, "mail_id": False})
