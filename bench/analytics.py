#!/usr/bin/env python3
"""Customer margin and demand analytics on chain-sized sales: the SQL views and the weekly forecast.

    .venv/bin/python bench/analytics.py                                  # 200k customers, 2M lines
    .venv/bin/python bench/analytics.py --customers 5000 --lines 100000 --keep

Creates the database retail_bench_analytics with retail_loyalty (no demo data) on the server that
`./retail setup` configured, builds the demo shop and clones customers and orders over three years
in SQL as bench/crm_scale.py does, runs the RFM job (segments and their history), puts every
customer in one or two of six customer groups (two of them sub-groups), then times what managers
open: margin per segment and per tier x month, one customer's lines, margin per customer group,
demand per category x segment x week, the weekly forecast per category x segment and x tier, the
nightly job of products bought together and one customer's product suggestions at the till.
"""
import argparse

from benchlib import drop_database, fresh_registry, require_setup, timed
from crm_scale import LINES_PER_ORDER, clone_customers, clone_lines, clone_orders, make_shop

import odoo

DB = "retail_bench_analytics"
MEASURES = ["qty:sum", "revenue:sum", "cost:sum", "margin:sum"]


def make_groups(env, partner_range):
    Group = env["retail.customer.group"]
    retail, wholesale = Group.create([{"name": "Bench Retail"}, {"name": "Bench Wholesale"}])
    groups = retail | wholesale | Group.create([
        {"name": "Hà Nội", "parent_id": wholesale.id}, {"name": "HCMC", "parent_id": wholesale.id},
        {"name": "Bench VIP"}, {"name": "Bench Staff"},
    ])
    env.flush_all()
    env.cr.execute("""
        INSERT INTO retail_customer_group_partner_rel (group_id, partner_id)
        SELECT DISTINCT (%(groups)s::int[])[1 + g], p
          FROM generate_series(%(first)s, %(last)s) p
         CROSS JOIN LATERAL (VALUES (p %% 4), (CASE WHEN p %% 3 = 0 THEN 4 + p %% 2 END)) AS pick(g)
         WHERE g IS NOT NULL
    """, {"groups": groups.ids, "first": partner_range[0], "last": partner_range[1]})
    return env.cr.rowcount


def measure(env):
    last_year = [("date", ">=", odoo.fields.Datetime.subtract(odoo.fields.Datetime.now(), years=1))]
    Margin = env["retail.customer.margin.report"]
    timed("margin per segment, last 12 months",
          lambda: Margin._read_group(last_year, ["rfm_segment_id"], MEASURES), repeat=3)
    timed("margin per tier x month, three years",
          lambda: Margin._read_group([], ["tier_id", "local_date:month"], MEASURES), repeat=3)
    timed("margin per branch x week, last 12 months",
          lambda: Margin._read_group(last_year, ["branch_id", "local_date:week"], MEASURES), repeat=3)
    env.cr.execute("SELECT partner_id FROM pos_order WHERE partner_id IS NOT NULL GROUP BY 1 "
                   "ORDER BY count(*) DESC LIMIT 1")
    best_customer = env.cr.fetchone()[0]
    rows = timed("one customer's lines (list, first 80)",
                 lambda: Margin.search_read([("partner_id", "=", best_customer)], ["revenue", "margin"], limit=80),
                 repeat=3)
    print(f"{'lines shown':<66} {len(rows):>9,}", flush=True)
    timed("margin per customer group, last 12 months",
          lambda: env["retail.customer.group.margin.report"]._read_group(last_year, ["group_id"], MEASURES),
          repeat=3)
    timed("demand per category x segment x week, last 12 months",
          lambda: Margin._read_group(last_year, ["product_categ_id", "rfm_segment_id", "local_date:week"],
                                     MEASURES), repeat=3)
    forecast = timed("weekly forecast, every category x segment and x tier (156 weeks)",
                     lambda: env["retail.demand.forecast"]._retail_compute(env.company))
    methods = {method: len(forecast.filtered(lambda row, m=method: row.method == m)) // 8
               for method in set(forecast.mapped("method"))}
    print(f"{'series forecast, by method':<66} {methods}", flush=True)
    better = forecast.filtered(lambda row: row.improvement > 0)
    print(f"{'series beating the naive baseline':<66} {len(better) // 8:>5} of {len(forecast) // 8}", flush=True)
    measure_suggestions(env, best_customer)


def measure_suggestions(env, best_customer):
    rules = timed("products bought together: association job, last 12 months (SQL)",
                  lambda: env["retail.product.association"]._retail_compute(env.company))
    print(f"{'association rules stored':<66} {rules:>9,}", flush=True)
    env.cr.execute("SELECT count(*) FROM pos_order_line l JOIN pos_order o ON o.id = l.order_id "
                   "WHERE o.partner_id = %s", [best_customer])
    print(f"{'order lines of that customer':<66} {env.cr.fetchone()[0]:>9,}", flush=True)
    till = env["pos.config"].search([("company_id", "=", env.company.id)], limit=1)
    env.cr.execute("SELECT partner_id FROM pos_order WHERE partner_id IS NOT NULL AND date_order > now() - "
                   "interval '1 year' GROUP BY 1 HAVING count(*) = 3 LIMIT 1")
    occasional = env.cr.fetchone()[0]
    for label, customer in (("the customer with the most orders", best_customer),
                            ("a customer with three orders this year", occasional)):
        suggestions = timed(f"suggestions at the till, {label}",
                            lambda c=customer: env["res.partner"].retail_pos_product_suggestions(c, till.id),
                            repeat=5)
        kinds = [suggestion["kind"] for suggestion in suggestions]
        print(f"{'  repeat purchases, bought together':<66} "
              f"{kinds.count('repeat'):>5}, {kinds.count('association')}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--lines", type=int, default=2_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--database", default=DB, help=f"the scratch database (default {DB})")
    args = parser.parse_args()
    require_setup()

    print(f"Analytics bench: {args.customers:,} customers, {args.lines:,} POS order lines", flush=True)
    registry = fresh_registry(args.database, "retail_loyalty")
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        timed("demo shop with the ORM (company, branches, ~340 paid orders)", lambda: make_shop(env))
        env = env(context={"allowed_company_ids": env.ref("retail_crm.demo_company_sen").ids})
        partner_range = timed(f"clone {args.customers:,} customers (SQL)", lambda: clone_customers(env, args.customers))
        template = timed(f"clone {args.lines // LINES_PER_ORDER:,} orders (SQL)",
                         lambda: clone_orders(env, partner_range, args.lines))
        lines = timed(f"clone {args.lines:,} order lines (SQL)", lambda: clone_lines(env, template))
        print(f"{'order lines loaded':<66} {lines:>9,}", flush=True)
        timed("purchase behaviour and RFM job (segments, history)", lambda: (
            env["res.partner"]._retail_refresh_all_purchase_stats(), env["res.partner"]._retail_compute_rfm()))
        memberships = timed("customer groups (SQL)", lambda: make_groups(env, partner_range))
        print(f"{'group memberships':<66} {memberships:>9,}", flush=True)
        timed("ANALYZE", lambda: cr.execute("ANALYZE"))
        cr.commit()
        measure(env)
        cr.commit()
    if not args.keep:
        drop_database(args.database)


if __name__ == "__main__":
    main()
