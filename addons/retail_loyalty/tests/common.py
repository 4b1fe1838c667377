import threading
import time
from datetime import datetime
from functools import partial
from uuid import uuid4

import pytz

from odoo import api, fields
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import TransactionCase


class RetailLoyaltyCase(TransactionCase):
    """The demo shop's Hoàn Kiếm branch (Asia/Ho_Chi_Minh, VND) with the seeded tiers:
    Member 5 % (12 months), VIP 10 % from 500 points (6 months, keep 3,000,000 ₫),
    Gold 15 % from 2,000 points (12 months, keep 15,000,000 ₫); 10,000 ₫ earn one point."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("retail_crm.demo_company_sen")
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids, tracking_disable=True))
        cls.branch = cls.env.ref("retail_crm.demo_pos_hoan_kiem")
        cls.branch.retail_tz = "Asia/Ho_Chi_Minh"
        cls.tz = pytz.timezone("Asia/Ho_Chi_Minh")
        cls.company.retail_points_amount = 10000
        cls.member_tier = cls.env.ref("retail_loyalty.tier_member")
        cls.vip_tier = cls.env.ref("retail_loyalty.tier_vip")
        cls.gold_tier = cls.env.ref("retail_loyalty.tier_gold")
        cls.env["retail.member.day"].search([]).active = False
        params = cls.env["ir.config_parameter"].sudo()
        params.set_param("retail_loyalty.grace_days", 0)
        params.set_param("retail_loyalty.downgrade_mode", "step")
        cls.service = cls.env["product.product"].create({
            "name": "Test spa service", "type": "service", "available_in_pos": True, "list_price": 100000,
            "taxes_id": [fields.Command.clear()], "company_id": cls.company.id,
        })
        cls.session = cls.branch.current_session_id or cls.env["pos.session"].create(
            {"config_id": cls.branch.id, "user_id": cls.env.uid})
        cls.cash = cls.branch.payment_method_ids.filtered("is_cash_count")[:1]
        cls.card_sequence = 0

    @classmethod
    def _member(cls, name="Nguyễn Văn Thành Viên", tier=None, birthday=None):
        partner = cls.env["res.partner"].create({
            "name": name, "company_id": cls.company.id, "birthday": birthday})
        cls.card_sequence += 1
        cls.env["retail.member.card"].create({
            "barcode": f"TEST-{cls.card_sequence:06d}-{partner.id}", "partner_id": partner.id,
            "company_id": cls.company.id})
        if tier:
            partner.with_context(retail_tier_change=True).retail_tier_id = tier
        return partner

    def _utc(self, local_string):
        """Naive UTC datetime of a wall-clock time at the branch, e.g. '2026-05-23 23:59'."""
        local = self.tz.localize(datetime.fromisoformat(local_string))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _order_data(self, partner, amount, local_string, product=None, uuid=None):
        product = product or self.service
        return {
            "amount_paid": amount, "amount_return": 0, "amount_tax": 0, "amount_total": amount,
            "date_order": fields.Datetime.to_string(self._utc(local_string)),
            "fiscal_position_id": False, "pricelist_id": self.branch.pricelist_id.id,
            "name": f"Order {uuid}", "last_order_preparation_change": "{}",
            "lines": [(0, 0, {
                "product_id": product.id, "qty": 1, "price_unit": amount, "discount": 0,
                "price_subtotal": amount, "price_subtotal_incl": amount, "tax_ids": [(6, 0, [])],
                "pack_lot_ids": [],
            })],
            "partner_id": partner.id if partner else False, "session_id": self.session.id,
            "sequence_number": 1, "uuid": uuid or str(uuid4()), "user_id": self.env.uid, "to_invoice": False,
            "payment_ids": [(0, 0, {
                "amount": amount, "name": fields.Datetime.now(), "payment_method_id": self.cash.id})],
            "state": "paid",
        }

    def _sell(self, partner, amount, local_string="2026-11-23 10:00", product=None):
        data = self._order_data(partner, amount, local_string, product)
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _history(self, partner, local_date, amount, points=None):
        """Earlier revenue imported into the ledger (no order): what the tier evaluation reads."""
        return self.env["retail.points.move"].create({
            "partner_id": partner.id, "kind": "import", "local_date": local_date, "date": f"{local_date} 05:00:00",
            "amount": amount, "points": amount / 10000 if points is None else points, "company_id": self.company.id,
            "branch_id": self.branch.id,
        })


def race_two_tills(registry, user_id, company_id, reserve):
    """Two tills reserving at the same moment, each on its own database connection, as two till
    requests would: ``reserve(env, till_name)`` runs in two threads released together; the first to
    reserve keeps its transaction open a moment before committing, so the other waits on the row and
    is retried the way Odoo retries a request. Returns ({till name: result or exception}, the threads
    still running after a minute)."""
    barrier = threading.Barrier(2)
    results = {}

    def till(name):
        try:
            with registry.cursor() as cr:
                # never the test's own cursor in a thread: everything comes from this connection
                env = api.Environment(cr, user_id, {"allowed_company_ids": [company_id]})
                barrier.wait(timeout=10)
                result = retrying(partial(reserve, env, name), env)
                time.sleep(0.5)  # the other till now waits for this row, then must retry
                cr.commit()  # pylint: disable=invalid-commit
                results[name] = result
        except Exception as error:  # the caller's assertions report whatever went wrong
            results[name] = error

    threads = [threading.Thread(target=till, args=(name,)) for name in ("till-a", "till-b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, [thread for thread in threads if thread.is_alive()]


def race_outcome(results):
    """Split ``race_two_tills`` results into ({till: result} that reserved, {till: UserError} refused)."""
    won = {name: result for name, result in results.items() if isinstance(result, dict)}
    lost = {name: result for name, result in results.items() if isinstance(result, UserError)}
    return won, lost
