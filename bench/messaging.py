#!/usr/bin/env python3
"""Birthday messages for 1M customers: the day's run against a local SMTP server and SMS gateway.

    .venv/bin/python bench/messaging.py                      # 1M customers
    .venv/bin/python bench/messaging.py --customers 100000 --keep

Creates the database retail_bench_messaging with retail_crm (no demo data) on the server that
`./retail setup` configured, clones one consenting customer (email, mobile, Asia/Ho_Chi_Minh) in SQL
with birthdays spread over 44 years, starts a loopback SMTP server (aiosmtpd) and a loopback HTTP
brand-name SMS gateway, and times one day of the hourly birthday job: the indexed selection, the
set-based insertion of the message log (greetings on the day and announcements 7 days before),
rendering and queueing in batches, then Odoo's mail queue delivering to the SMTP server and the
SMS queue posting to the gateway. A second run of the job shows that nothing is sent twice.
"""
import argparse
import importlib.util
import time
from datetime import datetime
from pathlib import Path
from unittest.mock import patch

from benchlib import drop_database, fresh_registry, require_setup, timed

import odoo

DB = "retail_bench_messaging"
RUN_AT = datetime(2027, 3, 10, 3, 0)  # 10:00 in Hà Nội: after the 09:00 send hour, before quiet hours
PARTNER_OWN = {"id", "name", "complete_name", "email", "email_normalized", "birthday", "retail_birthday_md",
               "mobile", "retail_mobile_e164", "commercial_partner_id"}


def servers():
    """The loopback transports of the tests (aiosmtpd; http.server with a gateway's JSON replies)."""
    path = Path(__file__).resolve().parent.parent / "addons" / "retail_crm" / "tests" / "loopback_servers.py"
    spec = importlib.util.spec_from_file_location("retail_loopback_servers", path)
    loopback = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loopback)
    smtp, gateway = loopback.SmtpServer(), loopback.GatewayServer()
    smtp.start()
    gateway.start()
    return smtp, gateway


def configure(env, smtp, gateway):
    company = env.company
    env["ir.mail_server"].search([]).write({"active": False})
    env["ir.mail_server"].create({"name": "Loopback SMTP", "smtp_host": "127.0.0.1", "smtp_port": smtp.port,
                                  "smtp_encryption": "none"})
    provider = env["retail.sms.provider"].create({
        "name": "Loopback gateway", "provider_type": "http", "url": f"{gateway.url}/ok", "brand_name": "SENSPA",
        "timeout": 5, "company_id": company.id,
    })
    company.write({"retail_sms_provider_id": provider.id, "email": "shop@sen-retail.example",
                   "country_id": env.ref("base.vn").id})
    company.partner_id.tz = "Asia/Ho_Chi_Minh"
    env["retail.message.event"]._create_default_rules(company)
    env["retail.message.event"].search([("event", "in", ("birthday_day", "birthday_before"))]).write(
        {"active": True, "email_enabled": True, "sms_enabled": True, "send_hour": 9.0, "days_before": 7,
         "offer": "Double points all week"})
    return env["res.partner"].create({
        "name": "Bench template", "email": "template@example.com", "mobile": "0901000000",
        "country_id": env.ref("base.vn").id, "tz": "Asia/Ho_Chi_Minh", "company_id": company.id,
        "birthday": "1990-01-01", "retail_email_consent": "opt_in", "retail_sms_consent": "opt_in",
    })


def clone_customers(env, template, count):
    env.flush_all()
    env.cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'res_partner'")
    columns = [name for (name,) in env.cr.fetchall() if name not in PARTNER_OWN]
    names = ", ".join(f'"{c}"' for c in columns)
    env.cr.execute(f"""
        INSERT INTO res_partner (id, commercial_partner_id, name, complete_name, email, email_normalized, birthday,
                                 retail_birthday_md, mobile, retail_mobile_e164, {names})
        SELECT b.new_id, b.new_id, 'Bench customer ' || n, 'Bench customer ' || n,
               'bench' || n || '@example.com', 'bench' || n || '@example.com', b.day,
               extract(month FROM b.day)::int * 100 + extract(day FROM b.day)::int,
               '09' || lpad(n::text, 8, '0'), '+849' || lpad(n::text, 8, '0'), {names}
          FROM res_partner t
         CROSS JOIN generate_series(1, %s) n
         CROSS JOIN LATERAL (SELECT nextval('res_partner_id_seq') AS new_id,
                                    date '1960-01-01' + ((n::bigint * 7919) %% 16000)::int AS day) b
         WHERE t.id = %s
    """, (count, template.id))
    return count


def measure(registry, smtp, gateway, customers):
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        partners = env["res.partner"]
        found = timed("birthday selection (index on month-day), on the day",
                      lambda: partners._retail_birthday_candidates(0, RUN_AT), repeat=3)
        timed("birthday selection (index on month-day), 7 days before",
              lambda: partners._retail_birthday_candidates(7, RUN_AT), repeat=3)
        print(f"{'customers with a birthday today (all timezones scanned)':<66} {len(found):>9,}", flush=True)

    started = time.perf_counter()
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        queued = timed("job: select, insert the log once, render and queue (batches)",
                       lambda: env["res.partner"]._cron_retail_birthday_messages(now=RUN_AT))
        cr.commit()
    print(f"{'messages queued (email + SMS)':<66} {queued:>9,}", flush=True)
    with registry.cursor() as cr, patch.object(odoo.modules.module, "current_test", None):
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})

        def deliver_emails():
            while env["mail.mail"].search_count([("state", "=", "outgoing")]):
                env["mail.mail"].process_email_queue(batch_size=2000)
            cr.commit()

        timed("Odoo mail queue -> loopback SMTP", deliver_emails)

        def deliver_sms():
            while env["retail.message.log"].search_count([("channel", "=", "sms"), ("state", "=", "queued")]):
                env["retail.sms.provider"]._cron_send_sms(batch_size=500, max_batches=1000)
            cr.commit()

        timed("SMS queue -> loopback HTTP gateway", deliver_sms)
    total = time.perf_counter() - started
    print(f"{'birthday run for the day, selection to delivery':<66} {total:9.3f} s", flush=True)
    print(f"{'emails received by the SMTP server':<66} {len(smtp.inbox.messages):>9,}", flush=True)
    print(f"{'SMS received by the gateway':<66} {len(gateway.requests):>9,}", flush=True)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        again = timed("job run again the same day (nothing new)",
                      lambda: env["res.partner"]._cron_retail_birthday_messages(now=RUN_AT))
        cr.execute("SELECT state, count(*) FROM retail_message_log GROUP BY state ORDER BY state")
        states = ", ".join(f"{state} {count:,}" for state, count in cr.fetchall())
    print(f"{'messages queued by the second run':<66} {again:>9,}", flush=True)
    print(f"{'message log':<66} {states}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    require_setup()

    print(f"Messaging bench: {args.customers:,} customers, birthday run of {RUN_AT:%Y-%m-%d %H:%M} UTC", flush=True)
    registry = fresh_registry(DB, "retail_crm")
    smtp, gateway = servers()
    try:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            template = configure(env, smtp, gateway)
            timed(f"clone {args.customers:,} customers (SQL)", lambda: clone_customers(env, template, args.customers))
            timed("ANALYZE", lambda: cr.execute("ANALYZE"))
            cr.commit()
        measure(registry, smtp, gateway, args.customers)
    finally:
        smtp.stop()
        gateway.stop()
    if not args.keep:
        drop_database(DB)


if __name__ == "__main__":
    main()
