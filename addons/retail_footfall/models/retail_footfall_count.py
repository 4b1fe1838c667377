from datetime import datetime, timedelta

import pytz

from odoo import api, fields, models
from odoo.tools import SQL, create_index

# A device's clock may run a little ahead; counts of the future are refused.
FUTURE_TOLERANCE = timedelta(minutes=10)


class RetailFootfallCount(models.Model):
    """Visitors one counter saw in one interval. One row per counter and interval start:
    a device that sends the same interval again replaces its count, it never adds to it."""

    _name = "retail.footfall.count"
    _description = "Visitor Count"
    _order = "interval_start desc, counter_id"
    _rec_name = "interval_start"

    # Indexes: the unique (counter_id, interval_start) one, and (pos_config_id, interval_start) below.
    counter_id = fields.Many2one("retail.footfall.counter", required=True, ondelete="cascade")
    pos_config_id = fields.Many2one("pos.config", string="Branch", required=True)
    zone_id = fields.Many2one("retail.footfall.zone")
    company_id = fields.Many2one("res.company", required=True)
    interval_start = fields.Datetime(required=True, help="Start of the interval (stored in UTC).")
    interval_minutes = fields.Integer(required=True)
    visitors_in = fields.Integer(required=True)
    visitors_out = fields.Integer()
    source = fields.Selection([("api", "Device API"), ("import", "File import")], required=True)

    _sql_constraints = [
        ("counter_interval_uniq", "unique(counter_id, interval_start)",
         "A counter reports each interval once; send it again to replace it."),
        ("visitors_positive", "CHECK(visitors_in >= 0 AND (visitors_out IS NULL OR visitors_out >= 0))",
         "Visitor counts cannot be negative."),
        ("interval_positive", "CHECK(interval_minutes > 0 AND interval_minutes <= 1440)",
         "The interval length must be between 1 and 1440 minutes."),
    ]

    def init(self):
        create_index(self.env.cr, "retail_footfall_count_branch_start_idx", self._table,
                     ["pos_config_id", "interval_start"])

    # ------------------------------------------------------------------ parsing

    @api.model
    def _parse_timestamp(self, value, tz_name):
        """ISO 8601 text or a datetime; without an offset it is read in the counter's timezone."""
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, str) and value.strip():
            text = value.strip().replace(" ", "T", 1)
            if text.endswith("Z"):
                text = text[:-1] + "+00:00"
            moment = datetime.fromisoformat(text)
        else:
            raise ValueError(self.env._("missing timestamp"))
        if moment.tzinfo is None:
            moment = pytz.timezone(tz_name).localize(moment)
        return moment.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _parse_count(self, value, label, required=True):
        if value in (None, ""):
            if required:
                raise ValueError(self.env._("%s is missing", label))
            return None
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError(self.env._("%(label)s must be a whole number, not %(value)s", label=label, value=value))
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise ValueError(self.env._("%(label)s must be a whole number, not %(value)s", label=label, value=value))
        if number < 0:
            raise ValueError(self.env._("%(label)s cannot be negative (%(value)s)", label=label, value=number))
        return number

    @api.model
    def _parse_rows(self, counter, rows, first_row_number=1):
        """Validate raw rows (dicts with start, minutes, in, out).

        :return: (parsed rows, errors as [(row number, message)]); rows are numbered from
                 ``first_row_number`` (1 for an API batch, 2 for a file under its header)
        """
        parsed, errors, seen = [], [], {}
        now = fields.Datetime.now()
        for number, row in enumerate(rows, start=first_row_number):
            try:
                if not isinstance(row, dict):
                    raise ValueError(self.env._("a row must be an object"))
                start = self._parse_timestamp(row.get("start"), counter.tz)
                minutes = self._parse_count(row.get("minutes", counter.interval_minutes), self.env._("minutes"))
                if not 0 < minutes <= 1440:
                    raise ValueError(self.env._("minutes must be between 1 and 1440, not %s", minutes))
                visitors_in = self._parse_count(row.get("in"), self.env._("in"))
                visitors_out = self._parse_count(row.get("out"), self.env._("out"), required=False)
            except ValueError as error:
                errors.append((number, str(error)))
                continue
            if start + timedelta(minutes=minutes) > now + FUTURE_TOLERANCE:
                errors.append((number, self.env._("the interval ends in the future (%s UTC)", start)))
                continue
            if start in seen:
                errors.append((number, self.env._("the same interval as row %s", seen[start])))
                continue
            seen[start] = number
            parsed.append({"row": number, "start": start, "minutes": minutes, "in": visitors_in,
                           "out": visitors_out})
        return parsed, errors

    # ------------------------------------------------------------------ storing

    @api.model
    def _store_rows(self, counter, rows, source):
        """Insert or replace the parsed rows of one counter, then bring the aggregates up to date."""
        if not rows:
            return 0
        counter = counter.sudo()
        self.env.flush_all()
        self.env.cr.execute(SQL(
            """
            INSERT INTO retail_footfall_count (counter_id, pos_config_id, zone_id, company_id, interval_start,
                                               interval_minutes, visitors_in, visitors_out, source,
                                               create_uid, create_date, write_uid, write_date)
            SELECT %(counter)s, %(branch)s, %(zone)s, %(company)s, row.start, row.minutes, row.visitors_in,
                   row.visitors_out, %(source)s, %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM unnest(%(starts)s::timestamp[], %(minutes)s::int[], %(ins)s::int[], %(outs)s::int[])
                   AS row(start, minutes, visitors_in, visitors_out)
            ON CONFLICT (counter_id, interval_start) DO UPDATE
               SET interval_minutes = EXCLUDED.interval_minutes,
                   visitors_in = EXCLUDED.visitors_in,
                   visitors_out = EXCLUDED.visitors_out,
                   source = EXCLUDED.source,
                   write_uid = EXCLUDED.write_uid,
                   write_date = EXCLUDED.write_date
            """,
            counter=counter.id, branch=counter.pos_config_id.id, zone=counter.zone_id.id or None,
            company=counter.company_id.id, source=source, uid=self.env.uid,
            starts=[row["start"] for row in rows], minutes=[row["minutes"] for row in rows],
            ins=[row["in"] for row in rows], outs=[row["out"] for row in rows],
        ))
        first = min(row["start"] for row in rows)
        last = max(row["start"] + timedelta(minutes=row["minutes"]) for row in rows)
        self.env["retail.footfall.hour"]._refresh_counter_range(counter, first, last)
        self.env["retail.footfall.gap"]._refresh_counter_range(counter, first, last)
        self._update_last_interval_end(counter)
        self.env.invalidate_all()
        return len(rows)

    @api.model
    def _update_last_interval_end(self, counter):
        self.env.cr.execute(SQL(
            """
            UPDATE retail_footfall_counter c
               SET last_interval_end = latest.interval_end
              FROM (SELECT interval_start + interval_minutes * interval '1 minute' AS interval_end
                      FROM retail_footfall_count WHERE counter_id = %(counter)s
                     ORDER BY interval_start DESC LIMIT 1) latest
             WHERE c.id = %(counter)s
            """,
            counter=counter.id,
        ))
