#!/usr/bin/env python3
"""Footfall at chain scale: load N branches x Y years of 15-minute counts, print report timings.

    .venv/bin/python bench/footfall.py                      # 500 branches x 3 years (52.6M counts)
    .venv/bin/python bench/footfall.py --branches 50 --years 1 --keep

Creates the database retail_bench_footfall with retail_footfall (no demo data) on the server
that `./retail setup` configured, bulk-loads counts with SQL (as a migration would), rebuilds the
hourly aggregate, then times what users and devices do: the report queries through the ORM and
one device batch arriving at full scale. Receipts per hour are synthetic (one receipt per five
visitors): what is measured is the report, not the POS.
"""
import argparse
from datetime import UTC, datetime, timedelta

from benchlib import drop_database, fresh_registry, require_setup, timed

import odoo

DB = "retail_bench_footfall"


def make_branches(env, count):
    """One branch made by the ORM, the others cloned in SQL (POS set-up is not what is measured)."""
    template = env["pos.config"].create({"name": "Bench branch 0001", "retail_tz": "Asia/Ho_Chi_Minh"})
    env.flush_all()
    env.cr.execute("SELECT column_name FROM information_schema.columns "
                   "WHERE table_name = 'pos_config' AND column_name NOT IN ('id', 'name')")
    columns = ", ".join(f'"{row[0]}"' for row in env.cr.fetchall())
    env.cr.execute(f"""
        INSERT INTO pos_config (name, {columns})
        SELECT 'Bench branch ' || lpad(n::text, 4, '0'), {columns}
          FROM pos_config, generate_series(2, %s) n WHERE pos_config.id = %s
    """, (count, template.id))
    env.cr.execute("""
        INSERT INTO retail_footfall_counter (name, pos_config_id, company_id, tz, interval_minutes, gap_minutes,
                                             active, create_date, write_date)
        SELECT 'Entrance', id, company_id, 'Asia/Ho_Chi_Minh', 15, 60, true, now(), now()
          FROM pos_config WHERE name LIKE 'Bench branch %%'
    """)


def load_counts(env, years):
    """Every counter, every 15 minutes, for the given years up to today: a daily traffic curve."""
    env.cr.execute("""
        INSERT INTO retail_footfall_count (counter_id, pos_config_id, zone_id, company_id, interval_start,
                                           interval_minutes, visitors_in, visitors_out, source,
                                           create_date, write_date)
        SELECT c.id, c.pos_config_id, NULL, c.company_id, t.start, 15,
               (4 + 6 * sin(pi() * extract(hour FROM t.start + interval '7 hours') / 24) ^ 2
                  + (c.id + extract(epoch FROM t.start)::bigint / 900) %% 5)::int,
               NULL, 'import', now(), now()
          FROM retail_footfall_counter c
         CROSS JOIN generate_series(date_trunc('day', now() at time zone 'UTC') - %s * interval '1 year',
                                    date_trunc('day', now() at time zone 'UTC') - interval '15 minutes',
                                    interval '15 minutes') AS t(start)
    """, (years,))
    return env.cr.rowcount


def synthetic_receipts(env):
    env.cr.execute("""
        UPDATE retail_footfall_hour
           SET receipts = visitors_in / 5, revenue = (visitors_in / 5) * 150000
         WHERE zone_id IS NULL
    """)


def report_queries(env):
    Report = env["retail.footfall.report"]
    measures = ["visitors", "receipts", "conversion_rate", "revenue", "average_basket", "revenue_per_visitor"]
    env.cr.execute("SELECT max(hour_local) FROM retail_footfall_hour")
    newest = env.cr.fetchone()[0]
    month_start = newest.replace(day=1, hour=0)
    branch = env["pos.config"].search([("name", "=", "Bench branch 0001")])
    entrances = [("zone_id", "=", False)]
    this_month = [("date", ">=", month_start)]
    queries = [
        ("this month, all branches, by branch", this_month, ["pos_config_id"]),
        ("this month, all branches, by day", this_month, ["date:day"]),
        ("one branch, all years, by month", [("pos_config_id", "=", branch.id)], ["date:month"]),
        ("one branch, this month, by hour", [("pos_config_id", "=", branch.id), *this_month], ["date:hour"]),
        ("heatmap weekday x hour, all branches, last 90 days",
         [("date", ">=", newest.replace(hour=0) - timedelta(days=90))],
         ["weekday", "hour_of_day"]),
        ("all branches, all years, by month (worst case)", [], ["date:month"]),
    ]
    for label, domain, groupby in queries:
        def query(domain=domain, groupby=groupby):
            env.invalidate_all()
            return Report.read_group([*entrances, *domain], measures, groupby, lazy=False)
        timed(f"report: {label}", query, repeat=3)


def device_batch(env):
    """A day of 15-minute counts from one counter arriving through the ingestion path."""
    counter = env["retail.footfall.counter"].search([], limit=1)
    yesterday = (datetime.now(UTC) + timedelta(hours=7)).date() - timedelta(days=1)
    rows = [{"start": f"{yesterday}T{minute // 60:02d}:{minute % 60:02d}:00+07:00", "minutes": 15, "in": 5}
            for minute in range(0, 24 * 60, 15)]
    Count = env["retail.footfall.count"]
    parsed, errors = Count._parse_rows(counter, rows)
    assert not errors, errors
    timed("device batch: a day resent (96 intervals), hours and gaps refreshed",
          lambda: Count._store_rows(counter, parsed, "api"), repeat=3)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--branches", type=int, default=500)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    require_setup()

    print(f"Footfall bench: {args.branches} branches x {args.years} years of 15-minute counts", flush=True)
    registry = fresh_registry(DB, "retail_footfall")
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        timed(f"create {args.branches} branches with one entrance counter each",
              lambda: make_branches(env, args.branches))
        cr.execute("DROP INDEX retail_footfall_count_branch_start_idx")
        rows = timed("bulk load of the counts (SQL, secondary index dropped)", lambda: load_counts(env, args.years))
        timed("re-create the (branch, interval) index", lambda: env["retail.footfall.count"].init())
        print(f"{'counts loaded':<62} {rows:>11,}", flush=True)
        timed("rebuild the hourly aggregate from all counts", env["retail.footfall.hour"]._rebuild_all)
        synthetic_receipts(env)
        cr.execute("ANALYZE")
        cr.execute("SELECT count(*) FROM retail_footfall_hour")
        print(f"{'hourly rows':<62} {cr.fetchone()[0]:>11,}", flush=True)
        cr.commit()
        report_queries(env)
        device_batch(env)
        cr.rollback()
    if not args.keep:
        drop_database(DB)


if __name__ == "__main__":
    main()
