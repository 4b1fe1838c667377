#!/usr/bin/env python3
"""Customer master at chain scale: 1M customers, 10M POS order lines; purchase stats, RFM, searches.

    .venv/bin/python bench/crm_scale.py                                  # 1M customers, 10M lines
    .venv/bin/python bench/crm_scale.py --customers 50000 --lines 500000 --keep

Creates the database retail_bench_crm with retail_crm (no demo data) on the server that
`./retail setup` configured, builds the demo shop with the ORM (company, branches, closed sessions,
ORM-made paid orders), then clones one of its customers and one of its orders with its lines in SQL
(as a migration would): customers with spread birthdays, orders over three years skewed towards
a minority of customers, four lines an order, one order in fifty a refund, one line in ten
discounted. Then times the jobs and the searches users run.
"""
import argparse
import threading
from datetime import timedelta

from benchlib import drop_database, fresh_registry, require_setup, timed

import odoo

DB = "retail_bench_crm"
LINES_PER_ORDER = 4
# Columns the clones set themselves, or that hold figures the jobs compute.
PARTNER_OWN = {"id", "name", "complete_name", "email", "birthday", "phone", "mobile", "commercial_partner_id"}
ORDER_OWN = {"id", "name", "pos_reference", "partner_id", "date_order", "amount_total", "amount_tax",
             "amount_paid", "sequence_number", "uuid", "email", "mobile", "account_move"}
LINE_OWN = {"id", "name", "order_id", "product_id", "qty", "price_unit", "price_subtotal",
            "price_subtotal_incl", "discount", "uuid"}


def cloned_columns(env, table, own):
    env.cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s", (table,))
    computed = set(env["res.partner"]._retail_purchase_stat_fields()) | {
        "retail_birthday_md", "retail_rfm_recency", "retail_rfm_frequency", "retail_rfm_monetary",
        "retail_rfm_segment_id"}
    return [name for (name,) in env.cr.fetchall() if name not in own | computed]


def make_shop(env):
    # stock creates a new company's warehouse only in test mode (or from the settings); the demo shop needs one
    thread = threading.current_thread()
    thread.testing = True
    try:
        env["retail.demo.data"]._generate()
    finally:
        thread.testing = False
    env.flush_all()


def clone_customers(env, count):
    template = env.ref("retail_crm.demo_customer_1")
    columns = ", ".join(f'"{c}"' for c in cloned_columns(env, "res_partner", PARTNER_OWN))
    env.cr.execute(f"""
        INSERT INTO res_partner (id, commercial_partner_id, name, complete_name, email, birthday, retail_birthday_md,
                                 {columns})
        SELECT b.new_id, b.new_id, 'Bench customer ' || n, 'Bench customer ' || n, 'bench' || n || '@example.com',
               b.day, extract(month FROM b.day)::int * 100 + extract(day FROM b.day)::int, {columns}
          FROM res_partner t
         CROSS JOIN generate_series(1, %s) n
         CROSS JOIN LATERAL (SELECT nextval('res_partner_id_seq') AS new_id,
                                    date '1960-01-01' + ((n::bigint * 7919) %% 16000)::int AS day) b
         WHERE t.id = %s
    """, (count, template.id))
    env.cr.execute("SELECT min(id), max(id) FROM res_partner WHERE name LIKE 'Bench customer %%'")
    return env.cr.fetchone()


def clone_orders(env, partner_range, line_count):
    """One demo order cloned: partners skewed (u squared), dates over three years, across all sessions."""
    order_count = line_count // LINES_PER_ORDER
    template = env["pos.order"].search([("state", "in", ["paid", "done"]), ("partner_id", "!=", False)], limit=1)
    sessions = env["pos.session"].search([("state", "=", "closed")]).ids
    names = cloned_columns(env, "pos_order", ORDER_OWN | {"session_id", "config_id"})
    order_columns = ", ".join(f'"{c}"' for c in names)
    template_columns = ", ".join(f'o."{c}"' for c in names)
    first_partner, last_partner = partner_range
    env.cr.execute(f"""
        INSERT INTO pos_order (name, pos_reference, partner_id, date_order, amount_total, amount_tax, amount_paid,
                               sequence_number, session_id, config_id, {order_columns})
        SELECT 'Bench/' || n, 'Bench/' || n,
               %(first)s + floor((%(last)s - %(first)s + 1) * h.u * h.u)::int,
               now() at time zone 'UTC' - h.v * interval '3 years',
               a.total, round(a.total / 11), a.total, n,
               s.id, s.config_id, {template_columns}
          FROM pos_order o
         CROSS JOIN generate_series(1, %(orders)s) n
         CROSS JOIN LATERAL (SELECT ((n::bigint * 2654435761) %% 4294967296) / 4294967296.0 AS u,
                                    ((n::bigint * 40503 + 12345) %% 65536) / 65536.0 AS v) h
         CROSS JOIN LATERAL (
             SELECT sum(20000 * (1 + (n * 7 + j * 13) %% 25)
                        * (CASE WHEN n %% 50 = 0 THEN -1 ELSE 1 + (n + j) %% 3 END)
                        * (CASE WHEN (n + j) %% 10 = 0 THEN 0.9 ELSE 1 END)) AS total
               FROM generate_series(0, %(per_order)s - 1) j) a
         CROSS JOIN LATERAL (SELECT id, config_id FROM pos_session
                              WHERE id = (%(sessions)s::int[])[1 + n %% %(session_count)s]) s
         WHERE o.id = %(template)s
    """, {"first": first_partner, "last": last_partner, "orders": order_count, "per_order": LINES_PER_ORDER,
          "sessions": sessions, "session_count": len(sessions), "template": template.id})
    return template


def clone_lines(env, template_order):
    products = env["product.product"].search([("available_in_pos", "=", True)]).ids
    template_line = template_order.lines[:1]
    columns = ", ".join(f'"{c}"' for c in cloned_columns(env, "pos_order_line", LINE_OWN))
    env.cr.execute(f"""
        INSERT INTO pos_order_line (name, order_id, product_id, qty, price_unit, price_subtotal,
                                    price_subtotal_incl, discount, {columns})
        SELECT o.name || '/' || j, o.id, (%(products)s::int[])[1 + (o.sequence_number + j) %% %(product_count)s],
               q.qty, q.price, round(q.qty * q.price * (1 - q.discount / 100) / 1.1),
               q.qty * q.price * (1 - q.discount / 100), q.discount,
               {', '.join(f'l.{c}' for c in columns.split(', '))}
          FROM pos_order o
         CROSS JOIN generate_series(0, %(per_order)s - 1) j
         CROSS JOIN LATERAL (
             SELECT 20000 * (1 + (o.sequence_number * 7 + j * 13) %% 25) AS price,
                    CASE WHEN o.sequence_number %% 50 = 0 THEN -1 ELSE 1 + (o.sequence_number + j) %% 3 END AS qty,
                    CASE WHEN (o.sequence_number + j) %% 10 = 0 THEN 10 ELSE 0 END AS discount) q
         JOIN pos_order_line l ON l.id = %(template_line)s
         WHERE o.name LIKE 'Bench/%%'
    """, {"products": products, "product_count": len(products), "per_order": LINES_PER_ORDER,
          "template_line": template_line.id})
    return env.cr.rowcount


def explain(env, model, domain, label):
    query = env[model]._search(domain)
    sql = query.select()
    env.cr.execute(odoo.tools.SQL("EXPLAIN %s", sql))
    plan = "\n".join(row[0] for row in env.cr.fetchall())
    scans = [line.strip() for line in plan.splitlines() if "Scan" in line]
    print(f"  plan of {label}: " + " | ".join(scans[:3]), flush=True)
    return plan


def measure(env):
    Partner = env["res.partner"]
    refreshed = timed("purchase behaviour: full refresh (batches of 50,000 customers)",
                      Partner._retail_refresh_all_purchase_stats)
    print(f"{'customers refreshed':<62} {refreshed:>11,}", flush=True)
    env.cr.execute("ANALYZE res_partner")
    buyer = Partner.search([("retail_purchase_count", ">", 3)], limit=1)
    timed("purchase behaviour: one customer (what an order validation adds)",
          buyer._retail_refresh_purchase_stats, repeat=5)
    env["ir.config_parameter"].set_param(
        "retail_crm.purchase_stats_revenue_12m_since",
        odoo.fields.Datetime.to_string(Partner._retail_revenue_window_start() - timedelta(days=1)))
    timed("purchase behaviour: daily ageing of the 12-month revenue (one day)", Partner._retail_age_revenue_12m)
    timed("RFM job: scores and segments of every buyer, history of changes", Partner._retail_compute_rfm)
    timed("RFM job again (nothing changed)", Partner._retail_compute_rfm)
    env.cr.execute("ANALYZE")

    birthday = [("retail_birthday_in_days", "<=", 7)]
    found = timed("search: birthday in the next 7 days (ids)", lambda: Partner.search(birthday), repeat=3)
    print(f"{'customers with a birthday in the next 7 days':<62} {len(found):>11,}", flush=True)
    explain(env, "res.partner", birthday, "birthday next 7 days")
    month = [("retail_birthday_month", "=", 2)]
    timed("search: birthday in February (count)", lambda: Partner.search_count(month), repeat=3)
    explain(env, "res.partner", month, "birthday in February")

    wizard = env["retail.top.customer.wizard"].create({"limit": 100})
    top = timed("search: top 100 customers by revenue, last 12 months (SQL over orders)",
                wizard._fetch_top_customers, repeat=3)
    print(f"{'top customer revenue':<62} {top[0][1]:>11,.0f}", flush=True)
    timed("search: top 100 customers by stored 12-month revenue (list sort)",
          lambda: Partner.search([], order="retail_revenue_12m desc", limit=100), repeat=3)
    timed("search: no purchase for 180 days (count)",
          lambda: Partner.search_count([("retail_days_since_purchase", ">", 180)]), repeat=3)
    timed("search: segment At Risk (count)",
          lambda: Partner.search_count([("retail_rfm_segment_id.code", "=", "at_risk")]), repeat=3)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--lines", type=int, default=10_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    require_setup()

    print(f"CRM bench: {args.customers:,} customers, {args.lines:,} POS order lines", flush=True)
    registry = fresh_registry(DB, "retail_crm")
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        timed("demo shop with the ORM (company, branches, ~340 paid orders)", lambda: make_shop(env))
        partner_range = timed(f"clone {args.customers:,} customers (SQL)", lambda: clone_customers(env, args.customers))
        template = timed(f"clone {args.lines // LINES_PER_ORDER:,} orders (SQL)",
                         lambda: clone_orders(env, partner_range, args.lines))
        lines = timed(f"clone {args.lines:,} order lines (SQL)", lambda: clone_lines(env, template))
        print(f"{'order lines loaded':<62} {lines:>11,}", flush=True)
        timed("ANALYZE", lambda: cr.execute("ANALYZE"))
        cr.commit()
        measure(env)
        cr.commit()
    if not args.keep:
        drop_database(DB)


if __name__ == "__main__":
    main()
