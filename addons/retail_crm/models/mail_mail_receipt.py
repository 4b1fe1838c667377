import logging

from odoo import models

_logger = logging.getLogger(__name__)


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _prepare_outgoing_list(self, mail_server=False, recipients_follower_status=None):
        if self.model == "retail.message.log" and self.res_id and not self.attachment_ids:
            self._retail_attach_receipt()
        return super()._prepare_outgoing_list(mail_server=mail_server,
                                              recipients_follower_status=recipients_follower_status)

    def _retail_attach_receipt(self):
        """Attach the receipt of a thank-you (a sales order's PDF) as the email leaves the queue, so
        confirming the order never waits on the report. The attachment belongs to the email's message
        and goes with it. A receipt that cannot be rendered is logged and the thank-you goes without it."""
        log = self.env["retail.message.log"].sudo().browse(self.res_id).exists()
        if not log:
            return
        try:
            with self.env.cr.savepoint():
                attachments = log._retail_sale_receipt_attachments()
        except Exception:
            _logger.exception("The receipt of customer message %s could not be rendered", log.id)
            return
        if attachments:
            self.sudo().attachment_ids = self.env["ir.attachment"].sudo().create([{
                "name": name, "datas": content, "type": "binary",
                "res_model": "mail.message", "res_id": self.mail_message_id.id,
            } for name, content in attachments])
