#!/usr/bin/env python3
"""Customer margin and demand analytics on chain-sized sales: the SQL views and the weekly forecast.

    .venv/bin/python bench/analytics.py                                  # 200k customers, 2M lines
    .venv/bin/python bench/analytics.py --customers 5000 --lines 100000 --keep

Creates the database retail_bench_analytics with retail_vouchers (no demo data) on the server that
`./retail setup` configured, builds the demo shop and clones customers and orders over three years
in SQL as bench/crm_scale.py does, runs the RFM job (segments and their history), puts every
customer in one or two of six customer groups (two of them sub-groups), gives the orders discounts of
every kind in SQL (members' tiers, policy reward lines, vouchers and coupons redeemed), then times what
managers open: margin per segment and per tier x month, one customer's lines, margin per customer
group, demand per category x segment x week, the weekly forecast per category x segment and x tier,
the discount cost and return per kind x month, per benefit x branch and for one branch, the nightly
job of products bought together and one customer's product suggestions at the till.
"""
import argparse

from benchlib import drop_database, fresh_registry, require_setup, timed
from crm_scale import LINE_OWN, LINES_PER_ORDER, clone_customers, clone_lines, clone_orders, cloned_columns, make_shop

import odoo
from odoo.fields import Command
from odoo.tools import SQL

DB = "retail_bench_analytics"
MEASURES = ["qty:sum", "revenue:sum", "cost:sum", "margin:sum"]
EFFECT_MEASURES = ["bills:sum", "discount_cost:sum", "revenue:sum", "avg_basket:avg", "avg_basket_without:avg",
                   "incremental_revenue:sum", "net_return:sum", "return_ratio:avg"]
# the benefit lines set these themselves
BENEFIT_LINE_OWN = LINE_OWN | {"reward_id", "is_reward_line", "retail_voucher_serial", "retail_coupon_serial",
                               "full_product_name", "total_cost"}


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


def insert_benefit_lines(env, select, params):
    """Lines of the cloned orders made by ``select`` (order_id, product_id, amount, reward_id,
    voucher serial, coupon serial, from ``pos_order o``), the other columns from a cloned line."""
    columns = cloned_columns(env, "pos_order_line", BENEFIT_LINE_OWN)
    env.cr.execute("SELECT id FROM pos_order_line WHERE name LIKE 'Bench/%' LIMIT 1")
    template_line = env.cr.fetchone()[0]
    env.cr.execute(f"""
        INSERT INTO pos_order_line (name, order_id, product_id, qty, price_unit, price_subtotal, price_subtotal_incl,
                                    discount, total_cost, reward_id, is_reward_line, retail_voucher_serial,
                                    retail_coupon_serial, {", ".join(f'"{c}"' for c in columns)})
        SELECT 'Bench benefit', b.order_id, b.product_id, 1, b.amount, b.amount, b.amount, 0, 0, b.reward_id,
               b.reward_id IS NOT NULL, b.voucher_serial, b.coupon_serial, {", ".join(f't."{c}"' for c in columns)}
          FROM ({select}) b
          JOIN pos_order_line t ON t.id = %(template_line)s
    """, {**params, "template_line": template_line})
    return env.cr.rowcount


def make_benefits(env):
    """Discounts of every kind on the cloned orders, in SQL: two orders in five are members' (each line
    discounted 10 % carries their tier's discount), one in eight has a policy's 5 % reward line, one in
    twenty is paid partly with a voucher (sold at 90 % of its value), one in twenty-five uses a coupon."""
    company = env.company
    tiers = env["retail.tier"].search([]).ids
    env.cr.execute("""
        UPDATE pos_order SET retail_tier_upgraded = FALSE,
               retail_tier_id = CASE WHEN sequence_number %% 5 < 2 THEN (%s::int[])[1 + sequence_number %% %s] END
         WHERE name LIKE 'Bench/%%'
    """, (tiers, len(tiers)))
    policies = env["loyalty.program"].create([{
        "name": f"Bench policy {index}", "retail_policy": True, "company_id": company.id,
        "rule_ids": [Command.create({"reward_point_amount": 1, "reward_point_mode": "order", "minimum_qty": 0})],
        "reward_ids": [Command.create({"reward_type": "discount", "discount_mode": "percent", "discount": 5,
                                       "discount_applicability": "order", "required_points": 1})],
    } for index in range(10)])
    voucher_types = env["retail.voucher.type"].create([
        {"name": f"Bench voucher {value // 1000}K", "use_value": value, "invoice_value": value * 0.9,
         "company_id": company.id} for value in (100000, 500000)])
    coupon_types = env["retail.coupon.type"].create([
        {"name": "Bench coupon 50K", "discount_mode": "amount", "discount_amount": 50000, "company_id": company.id},
        {"name": "Bench coupon 10 %", "discount_mode": "percent", "discount_percent": 10, "company_id": company.id},
    ])
    env.flush_all()
    lines = insert_benefit_lines(env, """
        SELECT o.id AS order_id, (%(products)s::int[])[k] AS product_id, -round(o.amount_total * 0.05) AS amount,
               (%(rewards)s::int[])[k] AS reward_id, NULL AS voucher_serial, NULL AS coupon_serial
          FROM pos_order o CROSS JOIN LATERAL (SELECT 1 + (o.sequence_number / 8) %% 10 AS k) pick
         WHERE o.name LIKE 'Bench/%%' AND o.sequence_number %% 8 = 0 AND o.amount_total > 0
    """, {"products": [reward.discount_line_product_id.id for reward in policies.reward_ids],
          "rewards": policies.reward_ids.ids})
    lines += insert_benefit_lines(env, """
        SELECT o.id AS order_id, (%(products)s::int[])[k] AS product_id,
               -LEAST((%(values)s::numeric[])[k], o.amount_total) AS amount,
               NULL::int AS reward_id, 'BENCH-V' || o.id AS voucher_serial, NULL AS coupon_serial
          FROM pos_order o CROSS JOIN LATERAL (SELECT 1 + o.sequence_number %% 2 AS k) pick
         WHERE o.name LIKE 'Bench/%%' AND o.sequence_number %% 20 = 3 AND o.amount_total > 0
    """, {"products": [voucher_type.product_id.id for voucher_type in voucher_types],
          "values": voucher_types.mapped("use_value")})
    lines += insert_benefit_lines(env, """
        SELECT o.id AS order_id, (%(products)s::int[])[k] AS product_id,
               CASE WHEN k = 1 THEN -LEAST(50000, o.amount_total / 2) ELSE -round(o.amount_total * 0.1) END AS amount,
               NULL::int AS reward_id, NULL AS voucher_serial, 'BENCH-C' || o.id AS coupon_serial
          FROM pos_order o CROSS JOIN LATERAL (SELECT 1 + o.sequence_number %% 2 AS k) pick
         WHERE o.name LIKE 'Bench/%%' AND o.sequence_number %% 25 = 7 AND o.amount_total > 0
    """, {"products": [coupon_type.product_id.id for coupon_type in coupon_types]})
    # the serials used on those lines, and the voucher ledger: sold a month before, used on the order
    env.cr.execute("""
        INSERT INTO retail_voucher (serial, type_id, company_id, state, value, invoice_value, used_order_id,
                                    used_config_id, used_date, sold_date)
        SELECT l.retail_voucher_serial, t.id, o.company_id, 'used', t.use_value, t.invoice_value, o.id, o.config_id,
               o.date_order, o.date_order - interval '30 days'
          FROM pos_order_line l
          JOIN pos_order o ON o.id = l.order_id
          JOIN retail_voucher_type t ON t.product_id = l.product_id
         WHERE l.retail_voucher_serial LIKE 'BENCH-V%%';
        INSERT INTO retail_voucher_move (voucher_id, type_id, kind, value, date, local_date, company_id, user_id,
                                         branch_id, order_id, order_line_id)
        SELECT v.id, v.type_id, m.kind, m.value, m.date, m.date::date, v.company_id, %(uid)s, v.used_config_id,
               m.order_id, m.line_id
          FROM retail_voucher v
          JOIN pos_order_line l ON l.retail_voucher_serial = v.serial
         CROSS JOIN LATERAL (VALUES
               ('sale', v.invoice_value, v.sold_date, NULL::int, NULL::int),
               ('bonus', v.value - v.invoice_value, v.sold_date, NULL, NULL),
               ('use', l.price_subtotal, v.used_date, v.used_order_id, l.id)) AS m(kind, value, date, order_id, line_id)
         WHERE v.serial LIKE 'BENCH-V%%';
        INSERT INTO retail_coupon (serial, type_id, company_id, state, used_order_id, used_config_id, used_date)
        SELECT l.retail_coupon_serial, t.id, o.company_id, 'used', o.id, o.config_id, o.date_order
          FROM pos_order_line l
          JOIN pos_order o ON o.id = l.order_id
          JOIN retail_coupon_type t ON t.product_id = l.product_id
         WHERE l.retail_coupon_serial LIKE 'BENCH-C%%';
    """, {"uid": env.uid})
    return lines


def measure_discount_effect(env):
    Effect = env["retail.discount.effect.report"]
    last_year = [("date", ">=", odoo.fields.Date.subtract(odoo.fields.Date.today(), years=1))]
    env.cr.execute(SQL("EXPLAIN %s", Effect._search([]).select()))
    plan = [row[0] for row in env.cr.fetchall()]
    line_scans = sum("on pos_order_line" in step for step in plan)
    subplans = sum("SubPlan" in step for step in plan)
    print(f"{'discount cost and return: plan reads pos_order_line / per-row subplans':<66} "
          f"{line_scans:>5} / {subplans}", flush=True)
    rows = timed("discount cost and return: rows (count)", lambda: Effect.search_count([]), repeat=3)
    print(f"{'rows (benefit x branch x day)':<66} {rows:>9,}", flush=True)
    timed("discount cost and return per kind x month, three years",
          lambda: Effect._read_group([], ["kind", "date:month"], EFFECT_MEASURES), repeat=3)
    timed("discount cost and return per benefit x branch, last 12 months",
          lambda: Effect._read_group(last_year, ["benefit_name", "config_id"], EFFECT_MEASURES), repeat=3)
    env.cr.execute("SELECT config_id FROM pos_order WHERE name LIKE 'Bench/%' GROUP BY 1 "
                   "ORDER BY count(*) DESC LIMIT 1")
    branch = env.cr.fetchone()[0]
    timed("discount cost and return, one branch, per benefit x week, 12 months",
          lambda: Effect._read_group([*last_year, ("config_id", "=", branch)], ["benefit_name", "date:week"],
                                     EFFECT_MEASURES), repeat=3)


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
    registry = fresh_registry(args.database, "retail_vouchers")
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
        benefit_lines = timed("discounts: tiers, policy, voucher and coupon lines (SQL)", lambda: make_benefits(env))
        print(f"{'benefit lines added':<66} {benefit_lines:>9,}", flush=True)
        timed("ANALYZE", lambda: cr.execute("ANALYZE"))
        cr.commit()
        measure(env)
        measure_discount_effect(env)
        cr.commit()
    if not args.keep:
        drop_database(args.database)


if __name__ == "__main__":
    main()
