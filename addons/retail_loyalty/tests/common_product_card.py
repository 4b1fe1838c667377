from uuid import uuid4

from odoo import Command, fields

from .common import RetailLoyaltyCase


class RetailProductCardCase(RetailLoyaltyCase):
    """A beer-and-spa card at the Hoàn Kiếm branch: 10 beers (storable, at most 3 a visit, extra
    beers at 9,000 ₫) and 2 massages (service, 1 a visit), 4 units a visit in all, valid 30 days,
    sold for 300,000 ₫ (no tax). A cashier, a retail manager, an analyst and an accountant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.beer = cls.env["product.product"].create({
            "name": "Test beer 330ml", "type": "consu", "is_storable": True, "available_in_pos": True,
            "list_price": 20000, "standard_price": 12000, "taxes_id": [Command.clear()],
            "company_id": cls.company.id,
        })
        cls.massage = cls.env["product.product"].create({
            "name": "Test massage 60'", "type": "service", "available_in_pos": True,
            "list_price": 400000, "standard_price": 150000, "taxes_id": [Command.clear()],
            "company_id": cls.company.id,
        })
        cls.stock_location = cls.branch.picking_type_id.default_location_src_id
        cls.env["stock.quant"].with_context(inventory_mode=True).create({
            "product_id": cls.beer.id, "location_id": cls.stock_location.id, "inventory_quantity": 100,
        }).action_apply_inventory()
        cls.card_type = cls.env["retail.product.card.type"].create({
            "name": "Test beer and spa card", "company_id": cls.company.id, "price": 300000,
            "validity_number": 30, "validity_unit": "days", "max_units_per_visit": 4,
            "line_ids": [
                Command.create({"product_id": cls.beer.id, "quantity": 10, "max_per_visit": 3,
                                "extra_allowed": True, "extra_price": 9000}),
                Command.create({"product_id": cls.massage.id, "quantity": 2, "max_per_visit": 1}),
            ],
        })
        cls.card_product = cls.card_type.product_id
        cls.card_product.taxes_id = [Command.clear()]
        cls.beer_line = cls.card_type.line_ids.filtered(lambda line: line.product_id == cls.beer)
        cls.massage_line = cls.card_type.line_ids - cls.beer_line
        cls.customer = cls._member("Phạm Thị Thẻ Bia")
        groups = cls.env.ref
        cls.cashier = cls._user("pc_cashier", [groups("point_of_sale.group_pos_user")])
        cls.manager = cls._user("pc_manager", [groups("retail_crm.group_retail_manager"),
                                               groups("point_of_sale.group_pos_user")])
        cls.analyst = cls._user("pc_analyst", [groups("retail_crm.group_retail_analyst")])
        cls.accountant = cls._user("pc_accountant", [groups("account.group_account_readonly")])
        cls.chief_accountant = cls._user("pc_chief_accountant", [groups("account.group_account_manager")])

    @classmethod
    def _user(cls, login, groups):
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": login, "login": login, "company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)],
            "groups_id": [Command.set([group.id for group in groups] + [cls.env.ref("base.group_user").id])],
        })

    # -- till helpers ---------------------------------------------------------------------------------
    def _order_lines_data(self, partner, lines, uuid=None, local_string=None):
        """sync_from_ui payload of a paid order; ``lines``: dicts with product, qty, price and
        optionally token / refunded_line."""
        line_vals = []
        total = 0.0
        for line in lines:
            price, qty = line.get("price", 0.0), line["qty"]
            total += price * qty
            line_vals.append((0, 0, {
                "product_id": line["product"].id, "qty": qty, "price_unit": price, "discount": 0,
                "price_subtotal": price * qty, "price_subtotal_incl": price * qty, "tax_ids": [(6, 0, [])],
                "pack_lot_ids": [], "full_product_name": line["product"].display_name,
                "retail_product_card_token": line.get("token", False),
                "refunded_orderline_id": line["refunded_line"].id if line.get("refunded_line") else False,
            }))
        data = self._order_data(partner, total, local_string or "2026-01-01 10:00", uuid=uuid)
        if not local_string:  # now: cards sold "today" are valid whatever day the tests run
            data["date_order"] = fields.Datetime.to_string(fields.Datetime.now())
        data["lines"] = line_vals
        if not total:
            data["payment_ids"] = []
        return data

    def _sync(self, partner, lines, uuid=None, local_string=None):
        data = self._order_lines_data(partner, lines, uuid=uuid, local_string=local_string)
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"])

    def _buy_card(self, partner=None, qty=1, price=300000):
        order = self._sync(partner or self.customer, [{"product": self.card_product, "qty": qty, "price": price}])
        cards = self.env["retail.product.card"].search([("order_id", "=", order.id)], order="id")
        return order, cards

    def _reserve(self, card, product, qty=1, uuid="visit-1", user=None):
        return self.env["retail.product.card.reservation"].with_user(user or self.cashier).retail_pos_reserve(
            card.id, product.id, qty, uuid, self.branch.id)

    def _use(self, card, product, qty=1, uuid=None, partner=None):
        uuid = uuid or str(uuid4())
        token = self._reserve(card, product, qty, uuid)["token"]
        order = self._sync(partner or self.customer, [{"product": product, "qty": qty, "token": token}], uuid=uuid)
        return order, token

    def _remaining(self, card, product):
        return card._retail_remaining().get((card.id, product.id), (0, 0.0))

    def _stock(self, product):
        return product.with_context(location=self.stock_location.id).qty_available

    @staticmethod
    def _today():
        return fields.Date.today()
