from datetime import datetime

import pytz

from odoo import Command
from odoo.tests import TransactionCase

BRANCH_TZ = pytz.timezone("Asia/Ho_Chi_Minh")


class FootfallCase(TransactionCase):
    """The demo branch Hà Nội - Hoàn Kiếm (UTC+7) with a test counter; test dates are in 2025,
    far from the demo history, so the demo counter's data never mixes in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("retail_crm.demo_company_sen")
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company.ids))
        cls.branch = cls.env.ref("retail_crm.demo_pos_hoan_kiem")
        cls.counter = cls.env["retail.footfall.counter"].create({
            "name": "Test door", "pos_config_id": cls.branch.id, "tz": "Asia/Ho_Chi_Minh",
        })
        cls.Count = cls.env["retail.footfall.count"]
        cls.Hour = cls.env["retail.footfall.hour"]
        cls.beer = cls.env.ref("retail_crm.demo_product_beer_hanoi")
        cls.cash = cls.env.ref("retail_crm.demo_payment_method_cash_hoan_kiem")

    @staticmethod
    def utc(local_text):
        """'2025-01-15 09:00:00' in branch time, as the naive UTC datetime Odoo stores."""
        local = BRANCH_TZ.localize(datetime.fromisoformat(local_text))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def store(self, rows, counter=None):
        counter = counter or self.counter
        parsed, errors = self.Count._parse_rows(counter, rows)
        self.assertFalse(errors)
        return self.Count._store_rows(counter, parsed, "api")

    def hour(self, local_text, zone=None):
        return self.Hour.search([
            ("pos_config_id", "=", self.branch.id),
            ("zone_id", "=", zone.id if zone else False),
            ("hour_local", "=", local_text),
        ])

    def sell(self, local_text, quantity=1.0):
        """A paid POS order of the branch at the given branch time (price incl. VAT: 20,000 a beer)."""
        session = self.env["pos.session"].search(
            [("config_id", "=", self.branch.id), ("state", "!=", "closed")], limit=1)
        if not session:
            session = self.env["pos.session"].create({"config_id": self.branch.id})
        taxes = self.beer.taxes_id
        price = taxes.compute_all(self.beer.lst_price, session.currency_id, quantity, product=self.beer)
        order = self.env["pos.order"].create({
            "session_id": session.id,
            "date_order": self.utc(local_text),
            "lines": [Command.create({
                "product_id": self.beer.id, "qty": quantity, "price_unit": self.beer.lst_price,
                "price_subtotal": price["total_excluded"], "price_subtotal_incl": price["total_included"],
                "tax_ids": [Command.set(taxes.ids)],
            })],
            "amount_total": price["total_included"],
            "amount_tax": price["total_included"] - price["total_excluded"],
            "amount_paid": 0.0,
            "amount_return": 0.0,
        })
        self.env["pos.make.payment"].with_context(active_id=order.id).create({
            "amount": price["total_included"], "payment_method_id": self.cash.id,
        }).check()
        return order
