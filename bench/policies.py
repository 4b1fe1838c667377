#!/usr/bin/env python3
"""Discount policies at scale, on the server and at the till: 200 active policies and a 50-line order.

    .venv/bin/python bench/policies.py                  # 200 policies, 50 lines, server and browser
    .venv/bin/python bench/policies.py --no-browser     # server timings only
    .venv/bin/python bench/policies.py --policies 500 --lines 80 --keep
    .venv/bin/python bench/policies.py --browser-only   # the till again, on the database --keep left

Creates the database retail_bench_policies with retail_vouchers (no demo data) on the server that
`./retail setup` configured, then 200 automatic-promotion policies at one branch: a quarter with
time windows (some crossing midnight), a quarter targeting customer groups or tiers, a quarter with
product or category rules and a bill threshold, a quarter in exclusive groups of four. It times:

- the eligibility of every policy for one 50-line order (dates, windows in the branch time zone,
  customer targets, rule conditions) and the stacking (best of each exclusive group), as the
  server re-check evaluates them;
- the sync of that order as a till sends it (`pos.order.sync_from_ui`) without reward lines and
  with one reward line from each of 10 policies (the server re-check), per order;
- the till's side, in headless Chromium through Odoo's test browser (an HttpCase run by this script,
  not part of the test suite): the branch's till is opened, a 50-line order is built for the bench
  customer, then the till's own code is timed (median of --repeat runs): the eligibility of every
  policy (pos_loyalty's `_programIsApplicable` with this addon's windows, targets, combination and
  best-of-group checks), pos_loyalty's points for every program (`updatePrograms`, run on each line
  change) and the claimable rewards in stacking order with the caps (`getClaimableRewards`).
"""
import argparse
import json
import logging
import random
import socket
import sys
import threading
import time
import unittest
from uuid import uuid4

from benchlib import CONF, drop_database, fresh_registry, require_setup, timed

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


# run in the till's page: build the order, then time the till's own evaluation of the policies
BROWSER_CODE = """
(async () => {
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    const loading = performance.now();
    while (!window.posmodel?.models) {
        await sleep(200);  // the till loads its data
    }
    const pos = window.posmodel;
    const loaded = performance.now() - loading;
    const repeat = %(repeat)d;
    const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const timed = async (fn) => {
        const durations = [];
        for (let attempt = 0; attempt < repeat; attempt++) {
            const started = performance.now();
            await fn();
            durations.push(performance.now() - started);
        }
        return median(durations);
    };
    const order = pos.get_order() || pos.add_new_order();
    const products = pos.models["product.product"]
        .filter((product) => product.name?.startsWith("Bench product"))
        .sort((a, b) => a.id - b.id);
    order.set_partner(pos.models["res.partner"].find((partner) => partner.name === "Bench customer"));
    // the lines go in without a reward update each (that would time 50 updates on a growing bill);
    // then one update applies the rewards, as after the cashier's last line
    const updateRewards = pos.updateRewards;
    pos.updateRewards = () => {};
    for (const product of products) {
        await pos.addLineToCurrentOrder({ product_id: product, qty: 1 }, {}, false);
    }
    pos.updateRewards = updateRewards;
    const building = performance.now();
    pos.updateRewards();
    let settled = -1;
    while (settled !== order._get_reward_lines().length) {
        settled = order._get_reward_lines().length;
        await sleep(2000);  // until the reward lines stop changing
    }
    console.log(`retail_bench_progress ${products.length} lines, ${settled} reward lines`);
    const built = performance.now() - building;
    const policies = pos.models["loyalty.program"].filter((program) => program.retail_policy);
    const result = {
        loaded,
        lines: order._get_regular_order_lines().length,
        policies: policies.length,
        applicable: policies.filter((program) => order._programIsApplicable(program)).length,
        reward_lines: order._get_reward_lines().length,
        eligibility: await timed(() => policies.forEach((program) => order._programIsApplicable(program))),
        update_programs: await timed(() => pos.updatePrograms()),
        claimable: await timed(() => order.getClaimableRewards(false, false, true)),
        reward_lines_refresh: await timed(() => order._updateRewardLines()),
        built,
    };
    console.log("retail_bench_result " + JSON.stringify(result));
    console.log("test successful");
})();
"""


class _ResultHandler(logging.Handler):
    """Keeps the result the page logs to the browser console."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.result = None

    def emit(self, record):
        message = record.getMessage()
        if record.levelno >= logging.WARNING or message.startswith("retail_bench_progress "):
            print(message, file=sys.stderr, flush=True)
        if record.name.endswith(".browser") and message.startswith("retail_bench_result "):
            self.result = json.loads(message.split("retail_bench_result ", 1)[1].splitlines()[0])


def browser_timings(config_id, repeat):
    """Open the till in headless Chromium with Odoo's HttpCase browser and return what the page measured."""
    from odoo.service import server
    odoo.tools.config["test_enable"] = True  # before Odoo's test framework is imported
    from odoo.tests.common import HttpCase

    class TillBench(HttpCase):
        test_tags = {"bench"}
        test_module = "bench"
        test_class = "TillBench"

        def test_till(self):
            self.browser_js(f"/pos/ui?config_id={config_id}", BROWSER_CODE % {"repeat": repeat},
                            login="admin", timeout=900)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        odoo.tools.config["http_port"] = probe.getsockname()[1]
    threading.current_thread().testing = True
    server.load_server_wide_modules()
    server.server = server.ThreadedServer(odoo.http.root)
    server.server.start(stop=False)
    server.server.httpd.daemon_threads = True  # the till's websocket must not keep this script alive
    handler = _ResultHandler()
    case_logger = logging.getLogger(f"{TillBench.__module__}.{TillBench.__name__}")
    case_logger.setLevel(logging.INFO)
    case_logger.addHandler(handler)
    case_logger.propagate = False  # the browser's chatter stays out of the printed numbers
    try:
        outcome = unittest.TextTestRunner(verbosity=0).run(unittest.defaultTestLoader.loadTestsFromTestCase(TillBench))
    finally:
        server.server.stop()
        odoo.tools.config["test_enable"] = False
    if not outcome.wasSuccessful() or handler.result is None:
        sys.exit("The till could not be measured in the browser (see above).")
    return handler.result


def server_timings(args):
    """Create the database and the policies, print the server's timings, return the till's pos.config id."""
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
        return config.id


def kept_config_id():
    """The till of the database a previous --keep run left."""
    odoo.tools.config.parse_config(["-c", str(CONF), "-d", DB, "--log-level=warn"])
    with odoo.modules.registry.Registry(DB).cursor() as cr:
        config = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})["pos.config"].search([("name", "=", "Bench till")])
        if not config:
            sys.exit(f"No database {DB} with the bench's till: run once with --keep first.")
        return config.id


def print_till_timings(config_id, repeat):
    till = browser_timings(config_id, repeat)
    print(f"Till (headless Chromium): {till['lines']}-line order, {till['policies']} policies loaded, "
          f"{till['applicable']} applicable, {till['reward_lines']} reward lines", flush=True)
    print(f"{'  till loaded / rewards applied to the 50 lines (incl. 2 s settling)':<66} "
          f"{till['loaded'] / 1000:7.1f} s / {till['built'] / 1000:.1f} s", flush=True)
    for key, label in (("eligibility", f"eligibility of {till['policies']} policies (_programIsApplicable)"),
                       ("update_programs", "points of every program on a line change (updatePrograms)"),
                       ("claimable", "claimable rewards, stacking order and caps (getClaimableRewards)"),
                       ("reward_lines_refresh", "reward lines recomputed (_updateRewardLines)")):
        print(f"{'  ' + label:<66} {till[key]:9.1f} ms  (median of {repeat})", flush=True)
    change = till["update_programs"] + till["claimable"] + till["reward_lines_refresh"]
    print(f"{'  about one line change (the three above)':<66} {change:9.1f} ms", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--policies", type=int, default=200)
    parser.add_argument("--lines", type=int, default=50)
    parser.add_argument("--orders", type=int, default=20, help="orders synced for each sync timing")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--no-browser", action="store_true", help="skip the till's timing in headless Chromium")
    parser.add_argument("--browser-only", action="store_true",
                        help="only the till's timing, on the database a previous --keep run left")
    parser.add_argument("--repeat", type=int, default=20, help="runs of each timing in the browser (median)")
    args = parser.parse_args()
    require_setup()

    print(f"Policy bench: {args.policies} active policies, {args.lines}-line order", flush=True)
    config_id = kept_config_id() if args.browser_only else server_timings(args)
    if not args.no_browser:
        print_till_timings(config_id, args.repeat)
    if not args.keep and not args.browser_only:
        drop_database(DB)


if __name__ == "__main__":
    main()
