#!/usr/bin/env python3
"""Recoin and product cards at scale: a spend at the till and the reconciliation report while the
prepaid ledgers hold 100k movements, and the difference between the ledgers and the general ledger.

    .venv/bin/python bench/stored_value.py                          # 100,000 ledger movements
    .venv/bin/python bench/stored_value.py --movements 5000 --keep

Creates the database retail_bench_stored_value with retail_loyalty (no demo data) on the server that
`./retail setup` configured: a Recoin program (1,000,000 top-up earns 500,000 bonus, 5 % accrual), a
Recoin payment method (Customer Account) and cash at one till, two product-card types (10 spa
sessions, 20 beers), and --customers customers. The ledgers are filled through the real code paths,
as a till sends its orders (`pos.order.sync_from_ui`, in batches of --batch orders, one commit each):
top-ups with their bonus, spends reserved on the server first (then the accrual), product cards sold
and units used (reserved first). Every --session-orders orders the session is closed for real
(closing entry, prepaid lines linked or posted); a few backend top-ups and corrections post their own
entries. Then it times:

- a spend at the till on one card while the ledger holds them all: the reservation
  (`retail.stored.value.reservation.retail_pos_reserve`) and the order's sync that consumes it, one
  commit each, per spend;
- the reconciliation report (`retail.prepaid.reconciliation`) over the whole period, and prints its
  difference to the general ledger, which must be 0 once every session is closed.
"""
import argparse
import random
import statistics
import time
from uuid import uuid4

from benchlib import LABEL_WIDTH, drop_database, fresh_registry, require_setup, timed

import odoo
from odoo import Command, fields

DB = "retail_bench_stored_value"


class Shop:
    """The bench shop: program, payment methods, till, card types and what the bench knows of each
    customer's balance (to spend no more than it holds)."""

    def __init__(self, env, customers):
        self.env = env
        company = env.company
        cash_journal = env["account.journal"].search([("type", "=", "cash"), ("company_id", "=", company.id)], limit=1)
        self.bank_journal = env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1)
        self.topup_product = env["product.product"].create({
            "name": "Recoin top-up", "type": "service", "available_in_pos": True, "list_price": 100000,
            "taxes_id": [Command.clear()]})
        self.service = env["product.product"].create({
            "name": "Bench spa service", "type": "service", "available_in_pos": True, "list_price": 400000,
            "taxes_id": [Command.clear()]})
        self.program = env["loyalty.program"].create({
            "name": "Recoin", "retail_stored_value": True, "program_type": "ewallet",
            "company_id": company.id, "retail_sv_topup_product_id": self.topup_product.id})
        env["retail.stored.value.level"].create({"program_id": self.program.id, "name": "Member", "sequence": 10,
                                                 "revenue_threshold": 0, "accrual_percent": 5})
        env["retail.stored.value.bonus"].create({"program_id": self.program.id, "min_amount": 1000000,
                                                 "bonus_type": "fixed", "bonus_amount": 500000})
        self.cash = env["pos.payment.method"].create({"name": "Cash", "journal_id": cash_journal.id,
                                                      "is_cash_count": True})
        self.recoin = env["pos.payment.method"].create({"name": "Recoin", "retail_sv_program_id": self.program.id})
        self.config = env["pos.config"].create({"name": "Bench till", "retail_tz": "Asia/Ho_Chi_Minh",
                                                "payment_method_ids": [Command.set((self.cash | self.recoin).ids)]})
        self.card_types = self._card_types()
        self.session = self._open_session()
        self.partners = self._customers(customers)
        self.balances = dict.fromkeys(self.partners.ids, 0.0)
        self.pending = {}  # top-ups of the batch being built: on the card once the batch is synced
        self.cards = {}  # product card id -> {product id: units left}
        self.card_owner = {}

    def _card_types(self):
        env = self.env
        products = {name: env["product.product"].create({
            "name": name, "type": "service", "available_in_pos": True, "list_price": price,
            "taxes_id": [Command.clear()]}) for name, price in (("Spa session", 350000), ("Draft beer", 45000))}
        card_types = env["retail.product.card.type"]
        for name, product_name, units, price in (("10 spa sessions", "Spa session", 10, 3000000),
                                                 ("20 beers", "Draft beer", 20, 800000)):
            card_types |= card_types.create({
                "name": name, "price": price, "validity_number": 12, "validity_unit": "months",
                "line_ids": [Command.create({"product_id": products[product_name].id, "quantity": units})]})
        card_types.product_id.taxes_id = [Command.clear()]
        return card_types

    def _customers(self, count):
        return self.env["res.partner"].create([{"name": f"Bench customer {index:06d}"} for index in range(count)])

    def _open_session(self):
        return self.env["pos.session"].create({"config_id": self.config.id, "user_id": self.env.uid})

    def close_session(self):
        self.session.action_pos_session_closing_control()
        self.session = self._open_session()

    # -- orders --------------------------------------------------------------------------------------
    def order(self, partner, lines, payments):
        """A till's order payload: lines [(product, qty, unit price, product-card token)],
        payments [(method, amount, Recoin token)]."""
        total = sum(qty * price for _product, qty, price, _token in lines)
        return {
            "amount_paid": total, "amount_return": 0, "amount_tax": 0, "amount_total": total,
            "date_order": fields.Datetime.to_string(fields.Datetime.now()), "fiscal_position_id": False,
            "pricelist_id": self.config.pricelist_id.id, "name": "Bench order", "sequence_number": 1,
            "last_order_preparation_change": "{}", "partner_id": partner.id, "session_id": self.session.id,
            "uuid": str(uuid4()), "user_id": self.env.uid, "to_invoice": False, "state": "paid",
            "lines": [(0, 0, {
                "product_id": product.id, "qty": qty, "price_unit": price, "discount": 0,
                "price_subtotal": qty * price, "price_subtotal_incl": qty * price, "tax_ids": [(6, 0, [])],
                "pack_lot_ids": [], "retail_product_card_token": token or False,
            }) for product, qty, price, token in lines],
            "payment_ids": [(0, 0, {
                "amount": amount, "name": fields.Datetime.now(), "payment_method_id": method.id,
                "retail_sv_token": token or False,
            }) for method, amount, token in payments],
        }

    def topup(self, partner, amount=None):
        amount = amount or random.choice((500000, 1000000, 1000000, 2000000, 3000000))
        self.pending[partner.id] = self.pending.get(partner.id, 0.0) + amount + (500000 if amount >= 1000000 else 0)
        return self.order(partner, [(self.topup_product, 1, amount, None)], [(self.cash, amount, None)])

    def spend(self, partner, uuid=None):
        """An order paid partly with Recoin, reserved on the server first, as the till does."""
        balance = self.balances[partner.id]
        recoin_amount = round(min(balance, random.choice((150000, 250000, 400000, 600000))), -3)
        if recoin_amount <= 0:
            return None
        total = recoin_amount + random.choice((0, 0, 50000, 200000))
        data = self.order(partner, [(self.service, 1, total, None)], [])
        token = self.env["retail.stored.value.reservation"].retail_pos_reserve(
            self._recoin_card(partner).id, recoin_amount, data["uuid"], self.config.id)["token"]
        data["payment_ids"] = [(0, 0, {"amount": recoin_amount, "name": fields.Datetime.now(),
                                       "payment_method_id": self.recoin.id, "retail_sv_token": token})]
        if total > recoin_amount:
            data["payment_ids"].append((0, 0, {"amount": total - recoin_amount, "name": fields.Datetime.now(),
                                               "payment_method_id": self.cash.id}))
        self.balances[partner.id] -= recoin_amount
        return data

    def _recoin_card(self, partner):
        return self.env["loyalty.card"]._retail_sv_card(partner, self.program)

    def sell_card(self, partner):
        card_type = random.choice(self.card_types)
        return self.order(partner, [(card_type.product_id, 1, card_type.price, None)],
                          [(self.cash, card_type.price, None)])

    def use_card(self):
        usable = [card_id for card_id, units in self.cards.items() if any(units.values())]
        if not usable:
            return None
        card_id = random.choice(usable)
        product_id = next(product_id for product_id, units in self.cards[card_id].items() if units)
        product = self.env["product.product"].browse(product_id)
        data = self.order(self.card_owner[card_id], [(product, 1, 0.0, None)], [])
        token = self.env["retail.product.card.reservation"].retail_pos_reserve(
            card_id, product_id, 1, data["uuid"], self.config.id)["token"]
        data["lines"][0][2]["retail_product_card_token"] = token
        self.cards[card_id][product_id] -= 1
        return data

    def learn_cards(self, orders):
        """Remember the cards the synced orders issued and their units, and the top-ups now on the cards."""
        for partner_id, amount in self.pending.items():
            self.balances[partner_id] += amount
        self.pending = {}
        cards = self.env["retail.product.card"].search([("order_id", "in", orders.ids)])
        for (card_id, product_id), (units, _value) in cards._retail_remaining().items():
            self.cards.setdefault(card_id, {})[product_id] = units
        for card in cards:
            self.card_owner[card.id] = card.partner_id


def ledger_count(env):
    env.cr.execute("SELECT (SELECT COUNT(*) FROM retail_stored_value_move) + "
                   "(SELECT COUNT(*) FROM retail_product_card_move)")
    return env.cr.fetchone()[0]


def fill(env, shop, movements, pos_orders, batch, session_orders):
    """Sync batches of orders (a mix of top-ups, spends, card sales and uses) until ``pos_orders``
    orders were synced or the ledgers hold ``movements`` lines; close the session every
    ``session_orders`` orders."""
    random.seed(2026)
    in_session = 0
    orders_synced = 0
    started = time.perf_counter()
    while ledger_count(env) < movements and orders_synced < pos_orders:
        payloads = []
        for _index in range(batch):
            partner = random.choice(shop.partners)
            kind = random.choices(("topup", "spend", "sell_card", "use_card"), weights=(30, 45, 8, 17))[0]
            if kind == "topup" or (kind == "spend" and shop.balances[partner.id] < 150000):
                payloads.append(shop.topup(partner))
            elif kind == "spend":
                payloads.append(shop.spend(partner))
            elif kind == "sell_card" or not shop.cards:
                payloads.append(shop.sell_card(partner))
            else:
                payloads.append(shop.use_card())
        payloads = [payload for payload in payloads if payload]
        result = env["pos.order"].sync_from_ui(payloads)
        orders = env["pos.order"].browse([order["id"] for order in result["pos.order"]])
        shop.learn_cards(orders)
        env.cr.commit()
        in_session += len(payloads)
        orders_synced += len(payloads)
        if in_session >= session_orders:
            shop.close_session()
            env.cr.commit()
            in_session = 0
        env.invalidate_all()
        elapsed = time.perf_counter() - started
        print(f"  {orders_synced:>8,} orders, {ledger_count(env):>8,} ledger lines, {elapsed:8.0f} s", flush=True)
    shop.close_session()
    env.cr.commit()
    return orders_synced


def backend_lines(env, shop, movements, batch=1000):
    """Backend top-ups received in the bank with their bonus, and a few manual corrections, created in
    batches through the ledger (each batch posts its own entry) until the ledgers hold ``movements``."""
    program = shop.program
    random.seed(2027)
    started = time.perf_counter()
    while ledger_count(env) < movements:
        vals_list = []
        for partner in random.sample(list(shop.partners), min(batch // 2, len(shop.partners))):
            card = env["loyalty.card"]._retail_sv_card(partner, program, create=True)
            vals_list += [
                {"card_id": card.id, "kind": "topup", "amount": 1000000, "topup_journal_id": shop.bank_journal.id,
                 "reason": "Bank transfer"},
                {"card_id": card.id, "kind": "bonus", "amount": 500000, "reason": "Top-up bonus"},
            ]
            shop.balances[partner.id] += 1500000
        vals_list[-1] = {**vals_list[-1], "kind": "adjust", "amount": 1000, "reason": "Bench correction"}
        env["retail.stored.value.move"].create(vals_list[:movements - ledger_count(env)])
        env.cr.commit()
        env.invalidate_all()
        print(f"  {ledger_count(env):>8,} ledger lines, {time.perf_counter() - started:8.0f} s", flush=True)


def till_spends(env, shop, samples):
    """Reserve and consume on one card, as the till does: two server calls, one commit each."""
    partner = shop.partners[0]
    env["pos.order"].sync_from_ui([shop.topup(partner, 100_000_000)])
    shop.learn_cards(env["pos.order"])
    env.cr.commit()
    durations, reserve_durations = [], []
    for _index in range(samples):
        env.invalidate_all()
        started = time.perf_counter()
        data = shop.spend(partner)
        env.cr.commit()
        reserved = time.perf_counter()
        env["pos.order"].sync_from_ui([data])
        env.cr.commit()
        done = time.perf_counter()
        reserve_durations.append(reserved - started)
        durations.append(done - started)
    label = "spend at the till: reserve + order sync that consumes it"
    print(f"{label:<{LABEL_WIDTH}} {statistics.median(durations) * 1000:9.1f} ms/spend  (median of {samples})",
          flush=True)
    label = "  of which the reservation (retail_pos_reserve)"
    print(f"{label:<{LABEL_WIDTH}} {statistics.median(reserve_durations) * 1000:9.1f} ms", flush=True)


def reconciliation(env):
    env.cr.execute("SELECT MIN(local_date), MAX(local_date) FROM retail_stored_value_move")
    date_from, date_to = env.cr.fetchone()
    report = env["retail.prepaid.reconciliation"].create({
        "company_ids": [Command.set(env.company.ids)], "date_from": date_from, "date_to": date_to})
    timed("reconciliation report (all branches, whole period)", report._retail_compute, repeat=3)
    print(f"{'  balances / differences listed':<{LABEL_WIDTH}} {len(report.line_ids):>6} / "
          f"{len(report.difference_ids)}", flush=True)
    closing = sum(report.line_ids.filtered("is_total").mapped("closing"))
    print(f"{'  ledger closing balance':<{LABEL_WIDTH}} {closing:>16,.2f}", flush=True)
    print(f"{'  difference to the general ledger (must be 0)':<{LABEL_WIDTH}} {report.difference:>16,.2f}",
          flush=True)
    return report.difference


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--movements", type=int, default=100_000, help="ledger lines to generate")
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--pos-orders", type=int, default=10_000,
                        help="orders synced at the till; backend top-ups make up the rest of the movements")
    parser.add_argument("--batch", type=int, default=200, help="orders per sync_from_ui call")
    parser.add_argument("--session-orders", type=int, default=5000, help="orders per POS session")
    parser.add_argument("--spends", type=int, default=50, help="spends timed at the till")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    require_setup()

    print(f"Stored-value bench: {args.movements:,} ledger movements, {args.customers:,} customers", flush=True)
    registry = fresh_registry(DB, "retail_loyalty")
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        shop = timed(f"set up the shop and {args.customers:,} customers", lambda: Shop(env, args.customers))
        cr.commit()
        orders = timed(f"sync {args.pos_orders:,} till orders in batches (sessions closed)",
                       lambda: fill(env, shop, args.movements, args.pos_orders, args.batch, args.session_orders))
        print(f"{'  orders synced / ledger lines':<{LABEL_WIDTH}} {orders:>8,} / {ledger_count(env):,}", flush=True)
        timed("backend top-ups, bonus and corrections up to the movements (own entries)",
              lambda: backend_lines(env, shop, args.movements))
        print(f"{'  ledger lines':<{LABEL_WIDTH}} {ledger_count(env):>8,}", flush=True)
        cr.execute("ANALYZE")
        cr.commit()
        till_spends(env, shop, args.spends)
        shop.close_session()
        cr.commit()
        difference = reconciliation(env)
    if not args.keep:
        drop_database(DB)
    if difference:
        raise SystemExit("The prepaid ledgers and the general ledger differ.")


if __name__ == "__main__":
    main()
