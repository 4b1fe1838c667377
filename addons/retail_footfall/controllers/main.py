import json
import logging

from odoo import http
from odoo.http import request

_logger = logging.getLogger(__name__)

MAX_ROWS_PER_BATCH = 10000


class FootfallApi(http.Controller):
    """Push API for people counters.

    POST /retail_footfall/api/v1/counts
    Authorization: Bearer <counter token>
    {"counts": [{"start": "2026-11-22T09:00:00+07:00", "minutes": 15, "in": 12, "out": 9}, ...]}

    A batch is stored whole or not at all; sending an interval again replaces it.
    """

    @http.route("/retail_footfall/api/v1/counts", type="http", auth="none", methods=["POST"], csrf=False,
                save_session=False)
    def push_counts(self):
        counter = self._authenticated_counter()
        if not counter:
            return self._reply(401, {"error": "invalid or missing token"},
                               headers=[("WWW-Authenticate", 'Bearer realm="retail_footfall"')])
        try:
            payload = json.loads(request.httprequest.get_data(as_text=True) or "null")
        except ValueError:
            return self._reply(400, {"error": "the body is not JSON"})
        rows = payload.get("counts") if isinstance(payload, dict) else None
        if not isinstance(rows, list) or not rows:
            return self._reply(400, {"error": "the body must be an object with a non-empty list 'counts'"})
        if len(rows) > MAX_ROWS_PER_BATCH:
            return self._reply(400, {"error": f"at most {MAX_ROWS_PER_BATCH} rows per batch"})
        Count = request.env["retail.footfall.count"].sudo()
        parsed, errors = Count._parse_rows(counter, rows)
        if errors:
            return self._reply(400, {
                "error": "malformed rows, nothing was stored",
                "rows": [{"row": number, "error": message} for number, message in errors],
            })
        stored = Count._store_rows(counter, parsed, "api")
        _logger.info("Footfall: %s intervals from counter %s", stored, counter.id)
        return self._reply(200, {"stored": stored, "counter": counter.name})

    def _authenticated_counter(self):
        header = request.httprequest.headers.get("Authorization", "")
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        counter = request.env["retail.footfall.counter"].sudo()._find_by_token(token.strip())
        return counter if counter.active else None

    def _reply(self, status, body, headers=None):
        return request.make_json_response(body, headers=headers, status=status)
