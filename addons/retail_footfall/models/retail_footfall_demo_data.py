"""Demo visitor counts for the demo shop, consistent with its POS history.

Every demo branch gets an entrance counter reporting 15-minute intervals from 09:00 to 21:00
(branch time) over the days of the POS history: a conversion rate around 20 %. TP.HCM - Quận 1
also counts its spa floor, and Cầu Giấy's counter was offline one afternoon (a visible gap).
Called from demo/retail_footfall_demo.xml only.
"""
import random
from collections import Counter
from datetime import datetime, time, timedelta

import pytz

from odoo import api, models

OPENING, CLOSING = time(9, 0), time(21, 0)


class RetailFootfallDemoData(models.AbstractModel):
    _name = "retail.footfall.demo.data"
    _description = "Retail Footfall demo data generator"

    @api.model
    def _generate(self):
        rng = random.Random(20251123)
        branches = {key: self.env.ref(f"retail_crm.demo_pos_{key}") for key in ("hoan_kiem", "cau_giay", "quan_1")}
        spa_floor = self.env["retail.footfall.zone"].create({
            "name": "Tầng 2 - Spa", "pos_config_id": branches["quan_1"].id,
        })
        counters = {
            key: self.env["retail.footfall.counter"].create({
                "name": "Cửa chính", "pos_config_id": branch.id, "tz": branch.retail_tz,
            })
            for key, branch in branches.items()
        }
        spa_counter = self.env["retail.footfall.counter"].create({
            "name": "Cầu thang tầng 2", "pos_config_id": branches["quan_1"].id, "zone_id": spa_floor.id,
            "tz": branches["quan_1"].retail_tz,
        })
        for key, counter in counters.items():
            self.env["ir.model.data"]._update_xmlids([{
                "xml_id": f"retail_footfall.demo_counter_{key}", "record": counter, "noupdate": True,
            }])
            entrance_rows = self._entrance_rows(counter, rng, skip_afternoon=(key == "cau_giay"))
            self.env["retail.footfall.count"]._store_rows(counter, entrance_rows, "import")
            if key == "quan_1":
                spa_rows = [dict(row, **{"in": int(row["in"] * 0.4), "out": None}) for row in entrance_rows]
                self.env["retail.footfall.count"]._store_rows(spa_counter, spa_rows, "import")
        self.env["retail.footfall.hour"]._refresh_receipts(full=True)

    def _receipts_per_interval(self, branch, tz):
        orders = self.env["pos.order"].search([("config_id", "=", branch.id), ("state", "in", ("paid", "done"))])
        buckets = Counter()
        for order in orders:
            local = pytz.utc.localize(order.date_order).astimezone(tz).replace(tzinfo=None)
            buckets[local.replace(minute=local.minute - local.minute % 15, second=0, microsecond=0)] += 1
        return buckets, orders

    def _entrance_rows(self, counter, rng, skip_afternoon=False):
        tz = pytz.timezone(counter.tz)
        receipts, orders = self._receipts_per_interval(counter.pos_config_id, tz)
        if not orders:
            return []
        first_day = min(receipts).date()
        last_day = max(receipts).date()
        offline_day = first_day + timedelta(days=3)
        rows, day = [], first_day
        while day <= last_day:
            moment = datetime.combine(day, OPENING)
            while moment.time() < CLOSING:
                offline = skip_afternoon and day == offline_day and time(13, 0) <= moment.time() < time(16, 0)
                if not offline:
                    # Three visitors a receipt, and now and then someone who leaves without buying.
                    visitors = receipts.get(moment, 0) * rng.randint(2, 4) + (rng.random() < 0.25)
                    rows.append({"start": tz.localize(moment).astimezone(pytz.utc).replace(tzinfo=None),
                                 "minutes": 15, "in": visitors, "out": visitors})
                moment += timedelta(minutes=15)
            day += timedelta(days=1)
        return rows
