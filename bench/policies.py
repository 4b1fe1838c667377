#!/usr/bin/env python3
"""Discount policies at scale, server side: 200 active policies and a 50-line order.

    .venv/bin/python bench/policies.py                  # 200 policies, 50 lines
    .venv/bin/python bench/policies.py --policies 500 --lines 80 --keep

Creates the database retail_bench_policies with retail_vouchers (no demo data) on the server that
`./retail setup` configured, then 200 automatic-promotion policies at one branch: a quarter with
time windows (some crossing midnight), a quarter targeting customer groups or tiers, a quarter with
product or category rules and a bill threshold, a quarter in exclusive groups of four. It times:

- the eligibility of every policy for one 50-line order (dates, windows in the branch time zone,
  customer targets, rule conditions) and the stacking (best of each exclusive group), as the
  server re-check evaluates them;
- the sync of that order as a till sends it (`pos.order.sync_from_ui`) without reward lines and
  with one reward line from each of 10 policies (the server re-check), per order.

The till's side (pos_loyalty's `_programIsApplicable` patched for windows and targets, run on each
line change in the browser) is not measured here.
"""
import argparse
import random
import time
from uuid import uuid4

from benchlib import drop_database, fresh_registry, require_setup, timed

import odoo
from odoo.fields import Command

DB = "retail_bench_policies"


def make_shop(env, line_count):
    company = env.company
    cash_journal = env["account.journal"].search([("type", "=", "cash"), ("company_id", "=", company.id)], limit=1)
    cash = env["pos.payment.method"].create({"name": "Cash", "journal_id": cash_journal.id, "is_cash_count": True})
    config = env["pos.config"].create({"name": "Bench till", "payment_method_ids": [(6, 0, cash.ids)],
                                       "retail_tz": "Asia/Ho_Chi_Minh"})
    session = env["pos.session"].create({"config_id": config.id, "user_id": env.uid})
    session.start_at = "2000-01-01 00:00:00"
    categories = env["product.category"].create([{"name": f"Bench category {index}"} for index in range(10)])
    products = env["product.product"].create([{
        "name": f"Bench product {index}", "type": "service", "list_price": 10000 + 1000 * index,
        "available_in_pos": True, "taxes_id": [(5, 0, 0)], "categ_id": categories[index % 10].id,
    } for index in range(line_count)])
    groups = env["retail.customer.group"].create([{"name": f"Bench group {index}"} for index in range(5)])
    partner = env["res.partner"].create({"name": "Bench customer", "retail_group_ids": [Command.set(groups[:2].ids)]})
    return config, session, cash, products, categories, groups, partner


def make_policies(env, count, config, products, categories, groups):
    rng = random.Random(7)
    tiers = env["retail.tier"].search([])
    vals_list = []
    for index in range(count):
        kind = index % 4
        vals = {
            "name": f"Bench policy {index}", "retail_policy": True, "sequence": index,
            "pos_config_ids": [Command.set(config.ids)],
            "rule_ids": [Command.create({"reward_point_amount": 1, "reward_point_mode": "order", "minimum_qty": 0})],
            "reward_ids": [Command.create({"reward_type": "discount", "discount_mode": "percent",
                                           "discount": rng.choice([5, 10, 15]), "discount_applicability": "order",
                                           "required_points": 1})],
        }
        if kind == 0:
            start = rng.randrange(24)
            vals["retail_window_ids"] = [Command.create({"hour_from": start, "hour_to": (start + 4) % 24 or 24,
                                                         "sat": False, "sun": rng.random() < 0.5})]
        elif kind == 1:
            vals["retail_group_ids"] = [Command.set(groups[rng.randrange(5)].ids)]
            vals["retail_tier_ids"] = [Command.set(tiers[:rng.randrange(1, len(tiers) + 1)].ids)] if tiers else []
        elif kind == 2:
            vals["rule_ids"] = [Command.create({
                "reward_point_amount": 1, "reward_point_mode": "order", "minimum_qty": 1,
                "minimum_amount": rng.choice([0, 500000, 2000000]),
                **({"product_category_id": categories[rng.randrange(10)].id} if rng.random() < 0.5
                   else {"product_ids": [Command.set(products[rng.randrange(len(products))].ids)]}),
            })]
        else:
            vals["retail_exclusive_group"] = f"group {index // 16}"
        vals_list.append(vals)
    return env["loyalty.program"].create(vals_list)


def bill(products):
    return [(product, 1, product.list_price, product.list_price) for product in products]


def order_data(session, cash, products, partner, rewards=()):
    lines = [{"product_id": product.id, "qty": 1, "price_unit": product.list_price, "discount": 0,
              "price_subtotal": product.list_price, "price_subtotal_incl": product.list_price,
              "tax_ids": [(6, 0, [])], "pack_lot_ids": []} for product in products]
    for reward in rewards:
        lines.append({"product_id": reward.discount_line_product_id.id, "qty": 1, "price_unit": -1000,
                      "discount": 0, "price_subtotal": -1000, "price_subtotal_incl": -1000, "tax_ids": [(6, 0, [])],
                      "pack_lot_ids": [], "reward_id": reward.id, "is_reward_line": True})
    amount = sum(line["price_subtotal_incl"] for line in lines)
    return {
        "amount_paid": amount, "amount_return": 0, "amount_tax": 0, "amount_total": amount,
        "date_order": odoo.fields.Datetime.to_string(odoo.fields.Datetime.now()),
        "fiscal_position_id": False, "pricelist_id": session.config_id.pricelist_id.id,
        "name": "Bench order", "last_order_preparation_change": "{}", "sequence_number": 1,
        "lines": [(0, 0, line) for line in lines],
        "partner_id": partner.id, "session_id": session.id, "uuid": str(uuid4()), "user_id": session.user_id.id,
        "to_invoice": False, "state": "paid",
        "payment_ids": [(0, 0, {"amount": amount, "name": odoo.fields.Datetime.now(), "payment_method_id": cash.id})],
    }


def evaluate_all(policies, config, partner, lines):
    moment = odoo.fields.Datetime.now()
    eligible = policies.filtered(lambda policy: not policy._retail_policy_refusal(config, moment, partner, lines))
    kept, _beaten = eligible._retail_policy_stack({policy: policy.reward_ids[:1].discount for policy in eligible})
    return eligible, kept


def sync_orders(env, session, cash, products, partner, rewards, count):
    started = time.perf_counter()
    for _index in range(count):
        env["pos.order"].sync_from_ui([order_data(session, cash, products, partner, rewards)])
        env.cr.commit()
    return (time.perf_counter() - started) / count * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--policies", type=int, default=200)
    parser.add_argument("--lines", type=int, default=50)
    parser.add_argument("--orders", type=int, default=20, help="orders synced for each sync timing")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    require_setup()

    print(f"Policy bench: {args.policies} active policies, {args.lines}-line order", flush=True)
    registry = fresh_registry(DB, "retail_vouchers")
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        config, session, cash, products, categories, groups, partner = make_shop(env, args.lines)
        policies = timed(f"create {args.policies} policies (ORM)",
                         lambda: make_policies(env, args.policies, config, products, categories, groups))
        cr.commit()
        lines = bill(products)
        eligible, kept = timed(f"eligibility + stacking of {args.policies} policies, one order (warm)",
                               lambda: evaluate_all(policies, config, partner, lines), repeat=5)
        print(f"{'  eligible / applied after exclusive groups':<66} {len(eligible):>5} / {len(kept)}", flush=True)
        plain = sync_orders(env, session, cash, products, partner, (), args.orders)
        print(f"{'order sync without reward lines':<66} {plain:9.1f} ms/order", flush=True)
        rewards = policies[:10].reward_ids
        rechecked = sync_orders(env, session, cash, products, partner, rewards, args.orders)
        print(f"{'order sync with 10 policy reward lines (server re-check)':<66} {rechecked:9.1f} ms/order",
              flush=True)
    if not args.keep:
        drop_database(DB)


if __name__ == "__main__":
    main()
