import base64
import logging

from odoo import api, models
from odoo.tools.safe_eval import safe_eval, time

_logger = logging.getLogger(__name__)

SALE_ORDER_KEY = "sale.order-"
SALE_ORDER_REPORT = "sale.action_report_saleorder"
PATCH_MARK = "_retail_thank_you_patch"


def _make_action_confirm():
    """The patched ``sale.order.action_confirm``, built in a function of its own so that its closure
    refers to this very function and its ``origin`` (see base_automation's ``_register_hook``)."""

    def action_confirm(self, *args, **kwargs):
        result = action_confirm.origin(self, *args, **kwargs)
        self.env["retail.message.log"]._retail_thank_sale_orders(self)
        return result

    setattr(action_confirm, PATCH_MARK, True)
    return action_confirm


def _is_patched(method):
    while method is not None:
        if getattr(method, PATCH_MARK, False):
            return True
        method = getattr(method, "origin", None)
    return False


class RetailMessageLog(models.Model):
    """The thank-you after checkout also follows a confirmed sales order when Sales is installed.

    Sales is not a dependency of the retail addons, so ``sale.order`` cannot be inherited here. Like
    base_automation does for the models of its rules, ``_register_hook`` patches the registry's
    ``sale.order`` class when that model is loaded and ``_unregister_hook`` takes the patch away:
    the patch wraps ``action_confirm`` (every override of it included), once per registry."""

    _inherit = "retail.message.log"

    def _register_hook(self):
        result = super()._register_hook()
        model_class = self.env.registry.get("sale.order")
        if model_class is not None and not _is_patched(model_class.action_confirm):
            patched = _make_action_confirm()
            patched.origin = model_class.action_confirm
            model_class.action_confirm = patched
        return result

    def _unregister_hook(self):
        model_class = self.env.registry.get("sale.order")
        patched = model_class and vars(model_class).get("action_confirm")
        if patched is not None and getattr(patched, PATCH_MARK, False):
            delattr(model_class, "action_confirm")
            if model_class.action_confirm is not patched.origin:
                model_class.action_confirm = patched.origin
        return super()._unregister_hook()

    # ------------------------------------------------------------------ the thank-you
    @api.model
    def _retail_thank_sale_orders(self, orders):
        """Queue the thank-you of each confirmed order to its customer, once per order (the period
        key is the order: confirming it again sends nothing new). Nothing here may undo or hold up
        the confirmation: the messages only enter the mail and SMS queues, and an error is logged."""
        orders = orders.sudo().filtered(
            lambda order: order.state == "sale" and order.partner_id and order.amount_total > 0)
        logs = self.sudo().browse()
        if not orders:
            return logs
        try:
            with self.env.cr.savepoint():
                for order in orders:
                    logs |= order.partner_id._retail_message_event(
                        "thank_you", f"{SALE_ORDER_KEY}{order.id}", self._retail_sale_thank_you_values(order),
                        company=order.company_id)
        except Exception:
            _logger.exception("Thank-you messages of sales orders %s were not queued", orders.ids)
            return self.sudo().browse()
        return logs

    @api.model
    def _retail_sale_thank_you_values(self, order):
        """Placeholders of a sales order's thank-you (see ``res.partner._retail_message_event``)."""
        return {"amount": order.amount_total}

    def _retail_sale_order(self):
        """The sales order a thank-you was sent for (from its period key), or None."""
        self.ensure_one()
        key = self.period_key or ""
        res_id = key.removeprefix(SALE_ORDER_KEY)
        if self.event != "thank_you" or res_id == key or not res_id.isdigit() or "sale.order" not in self.env:
            return None
        return self.env["sale.order"].sudo().browse(int(res_id)).exists() or None

    def _retail_sale_receipt_attachments(self):
        """(name, content) of the order PDF for a sales order's thank-you email whose rule includes
        the receipt, rendered when the email is sent (never while the order is confirmed), in the
        customer's language; empty otherwise."""
        self.ensure_one()
        order = self.channel == "email" and self.rule_id.attach_receipt and self._retail_sale_order()
        report = order and self.env.ref(SALE_ORDER_REPORT, raise_if_not_found=False)
        if not report:
            return []
        reports = self.env["ir.actions.report"].sudo().with_context(lang=self.lang or order.partner_id.lang)
        content, report_format = reports._render_qweb_pdf(report, order.ids)
        name = safe_eval(report.print_report_name, {"object": order, "time": time}) if report.print_report_name \
            else order.name
        extension = f".{report_format}"
        return [(name if name.endswith(extension) else name + extension, base64.b64encode(content))]
