#!/usr/bin/env python3
"""Member tiers at scale: the scheduled tier evaluation over 1M members, and what loyalty adds to
validating a POS order.

    .venv/bin/python bench/tier_job.py                       # 1,000,000 members, 12 months of history
    .venv/bin/python bench/tier_job.py --members 50000 --keep

Creates the database retail_bench_tiers with retail_loyalty (no demo data) on the server that
`./retail setup` configured. Members are cloned in SQL from one ORM-made customer and get a random
tier; their ledger holds 0-2 purchases a month (about one a month on average) of 50,000 to
3,000,000 ₫ over the given months. Then it times:

- the scheduled evaluation (`retail.tier._cron_evaluate_tiers`) on the random tiers, one step at a
  time and straight down, rolled back after each run so both start from the same tiers (worst case:
  most members move); then the real daily run, one day after a run that settled everyone;
- POS orders synced through `pos.order.sync_from_ui` as a till sends them: for a customer without
  membership (the plain POS path) and for a member (points, benefits, upgrade check), per order;
- a member card read at the till (`retail_pos_find_card`) among one card per member, by each kind
  of number.
"""
import argparse
import time
from datetime import date, timedelta
from uuid import uuid4

from benchlib import drop_database, fresh_registry, require_setup, timed

import odoo

DB = "retail_bench_tiers"


def make_members(env, count):
    """One customer made by the ORM, the others cloned in SQL (partner creation is not measured)."""
    template = env["res.partner"].create({"name": "Bench member 0000001", "customer_rank": 1})
    env.flush_all()
    env.cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'res_partner' "
                   "AND column_name NOT IN ('id', 'name', 'complete_name', 'commercial_partner_id')")
    columns = ", ".join(f'"{row[0]}"' for row in env.cr.fetchall())
    env.cr.execute(f"""
        INSERT INTO res_partner (name, complete_name, {columns})
        SELECT 'Bench member ' || lpad(n::text, 7, '0'), 'Bench member ' || lpad(n::text, 7, '0'), {columns}
          FROM res_partner, generate_series(2, %s) n WHERE res_partner.id = %s
    """, (count, template.id))
    env.cr.execute("UPDATE res_partner SET commercial_partner_id = id WHERE name LIKE 'Bench member %%'")
    env.cr.execute("SELECT setseed(0.2026)")
    env.cr.execute("""
        WITH tier AS (SELECT array_agg(id ORDER BY sequence) AS ids FROM retail_tier WHERE active)
        UPDATE res_partner SET retail_tier_id = tier.ids[1 + floor(random() * array_length(tier.ids, 1))::int]
          FROM tier WHERE name LIKE 'Bench member %%'
    """)


def load_history(env, months, today):
    env.cr.execute("DROP INDEX IF EXISTS retail_points_move_partner_local_date_idx")
    env.cr.execute("""
        INSERT INTO retail_points_move (partner_id, kind, date, local_date, company_id, user_id, amount, points,
                                        multiplier, create_uid, write_uid, create_date, write_date)
        SELECT p.id, 'import', d.local_date + time '03:00', d.local_date, 1, 1, a.amount, floor(a.amount / 10000),
               1, 1, 1, now(), now()
          FROM res_partner p
         CROSS JOIN generate_series(0, %(months)s - 1) AS m(month)
         CROSS JOIN LATERAL generate_series(1, floor(random() * 3 + p.id * 0)::int) AS k(n)
         CROSS JOIN LATERAL (SELECT (%(today)s::date - make_interval(months => m.month)
                                     - make_interval(days => floor(random() * 28 + k.n * 0)::int))::date
                                    AS local_date) AS d
         CROSS JOIN LATERAL (SELECT round((50000 + random() * 2950000 + k.n * 0)::numeric, -3) AS amount) AS a
         WHERE p.retail_tier_id IS NOT NULL
    """, {"months": months, "today": today})
    rows = env.cr.rowcount
    env["retail.points.move"].init()
    env.cr.execute("""
        UPDATE res_partner p SET retail_points_balance = s.points
          FROM (SELECT partner_id, SUM(points) AS points FROM retail_points_move GROUP BY partner_id) s
         WHERE p.id = s.partner_id
    """)
    return rows


def evaluation(env, today, mode):
    env["ir.config_parameter"].set_param("retail_loyalty.downgrade_mode", mode)
    env.cr.commit()
    changed = timed(f"tier evaluation job, {mode} mode",
                    lambda: env["retail.tier"]._cron_evaluate_tiers(today=today))
    print(f"{'  members moved':<66} {changed:>11,}", flush=True)
    env.cr.rollback()
    env.invalidate_all()


def make_cards(env):
    """One card per member with the three kinds of number, written in SQL."""
    env.cr.execute("""
        INSERT INTO retail_member_card (name, barcode, magstripe_number, chip_uid, partner_id, company_id, state,
                                        issue_date, create_uid, write_uid, create_date, write_date)
        SELECT 'M' || lpad(id::text, 9, '0'), 'M' || lpad(id::text, 9, '0'), '60' || lpad(id::text, 12, '0'),
               upper(lpad(to_hex(id::bigint * 7919), 14, '0')), id, 1, 'active', now()::date, 1, 1, now(), now()
          FROM res_partner WHERE retail_tier_id IS NOT NULL
    """)
    return env.cr.rowcount


def card_lookups(env, samples=200):
    """What a till asks when a card is read: by printed barcode, stripe number or chip UID."""
    env.cr.execute("SELECT barcode, magstripe_number, chip_uid FROM retail_member_card ORDER BY random() LIMIT %s",
                   [samples])
    numbers = env.cr.fetchall()
    config = env["pos.config"].search([], limit=1)
    cards = env["retail.member.card"]
    for position, kind in enumerate(("printed barcode", "magnetic stripe", "chip UID")):
        def lookup_all(position=position):
            for row in numbers:
                env.invalidate_all()
                assert cards.retail_pos_find_card(row[position], config.id)["partner_id"]
        started = time.perf_counter()
        lookup_all()
        per_lookup = (time.perf_counter() - started) / len(numbers) * 1000
        print(f"{'card read at the till, by ' + kind:<66} {per_lookup:9.2f} ms/lookup  ({len(numbers)} cards)",
              flush=True)


def steady_state(env, today):
    """The real daily run: yesterday's run has already settled every member; one day later only the
    members whose window lost or gained enough move."""
    env["retail.tier"]._cron_evaluate_tiers(today=today - timedelta(days=1))
    env.cr.commit()
    changed = timed("tier evaluation job, the next day (steady state)",
                    lambda: env["retail.tier"]._cron_evaluate_tiers(today=today))
    print(f"{'  members moved':<66} {changed:>11,}", flush=True)
    env.cr.commit()


def open_session(env):
    company = env.company
    company.retail_points_amount = 10000
    cash_journal = env["account.journal"].search([("type", "=", "cash"), ("company_id", "=", company.id)], limit=1)
    cash = env["pos.payment.method"].create({"name": "Cash", "journal_id": cash_journal.id, "is_cash_count": True})
    config = env["pos.config"].create({"name": "Bench till", "payment_method_ids": [(6, 0, cash.ids)]})
    session = env["pos.session"].create({"config_id": config.id, "user_id": env.uid})
    product = env["product.product"].create({"name": "Bench service", "type": "service", "list_price": 250000,
                                             "available_in_pos": True, "taxes_id": [(5, 0, 0)]})
    return session, cash, product


def order_data(session, cash, product, partner):
    amount = 250000
    return {
        "amount_paid": amount, "amount_return": 0, "amount_tax": 0, "amount_total": amount,
        "date_order": odoo.fields.Datetime.to_string(odoo.fields.Datetime.now()),
        "fiscal_position_id": False, "pricelist_id": session.config_id.pricelist_id.id,
        "name": "Bench order", "last_order_preparation_change": "{}", "sequence_number": 1,
        "lines": [(0, 0, {"product_id": product.id, "qty": 1, "price_unit": amount, "discount": 0,
                          "price_subtotal": amount, "price_subtotal_incl": amount, "tax_ids": [(6, 0, [])],
                          "pack_lot_ids": []})],
        "partner_id": partner.id, "session_id": session.id, "uuid": str(uuid4()), "user_id": session.user_id.id,
        "to_invoice": False, "state": "paid",
        "payment_ids": [(0, 0, {"amount": amount, "name": odoo.fields.Datetime.now(), "payment_method_id": cash.id})],
    }


def order_overhead(env, orders):
    session, cash, product = open_session(env)
    walk_in = env["res.partner"].create({"name": "Walk-in customer"})
    members = env["res.partner"].search([("retail_tier_id", "!=", False)], limit=orders)
    env.cr.commit()
    for label, partners in (("customer without membership (plain POS)", [walk_in] * orders),
                            ("member: points, benefits, upgrade check", list(members))):
        def sync_all(partners=partners):
            for partner in partners:
                env["pos.order"].sync_from_ui([order_data(session, cash, product, partner)])
                env.cr.commit()
        env.cr.execute("SELECT COUNT(*) FROM retail_points_move WHERE order_id IS NOT NULL")
        ledger_before = env.cr.fetchone()[0]
        started = time.perf_counter()
        sync_all()
        per_order = (time.perf_counter() - started) / len(partners) * 1000
        env.cr.execute("SELECT COUNT(*) FROM retail_points_move WHERE order_id IS NOT NULL")
        earned = env.cr.fetchone()[0] - ledger_before
        print(f"{'order sync, ' + label:<66} {per_order:9.1f} ms/order  ({len(partners)} orders, "
              f"{earned} earned points)", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--members", type=int, default=1_000_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--orders", type=int, default=200, help="orders synced for each of the two order timings")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    require_setup()

    today = date.today()
    print(f"Tier bench: {args.members:,} members, {args.months} months of purchases", flush=True)
    registry = fresh_registry(DB, "retail_loyalty")
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        timed(f"create {args.members:,} members with a random tier (SQL)", lambda: make_members(env, args.members))
        rows = timed("load their purchase ledger (SQL, index re-created)",
                     lambda: load_history(env, args.months, today))
        print(f"{'ledger lines':<66} {rows:>11,}", flush=True)
        cr.execute("ANALYZE")
        cr.commit()
        evaluation(env, today, "step")
        evaluation(env, today, "straight")
        steady_state(env, today)
        order_overhead(env, args.orders)
        cards = timed("issue one card per member (SQL)", lambda: make_cards(env))
        print(f"{'cards':<66} {cards:>11,}", flush=True)
        cr.execute("ANALYZE retail_member_card")
        cr.commit()
        card_lookups(env)
    if not args.keep:
        drop_database(DB)


if __name__ == "__main__":
    main()
