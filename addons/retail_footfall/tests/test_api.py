import json

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPushApi(HttpCase):
    url = "/retail_footfall/api/v1/counts"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        branch = cls.env.ref("retail_crm.demo_pos_cau_giay")
        cls.counter = cls.env["retail.footfall.counter"].create({
            "name": "API door", "pos_config_id": branch.id, "tz": "Asia/Ho_Chi_Minh",
        })
        action = cls.counter.action_generate_token()
        cls.token = cls.env["retail.footfall.token"].browse(action["res_id"]).token

    def post(self, body, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = body if isinstance(body, str) else json.dumps(body)
        return self.url_open(self.url, data=data, headers=headers)

    def counts(self):
        return self.env["retail.footfall.count"].search([("counter_id", "=", self.counter.id)])

    def batch(self, visitors):
        return {"counts": [
            {"start": "2025-04-01T09:00:00+07:00", "minutes": 15, "in": visitors, "out": visitors - 1},
            {"start": "2025-04-01T09:15:00+07:00", "minutes": 15, "in": visitors + 1},
        ]}

    def test_missing_or_wrong_token_is_refused(self):
        for token in (None, "not-the-token", self.token[:-1]):
            response = self.post(self.batch(5), token=token)
            self.assertEqual(response.status_code, 401)
            self.assertIn("Bearer", response.headers.get("WWW-Authenticate", ""))
        self.assertFalse(self.counts())

    def test_batch_is_stored_and_a_resend_replaces_it(self):
        response = self.post(self.batch(5), token=self.token)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["stored"], 2)
        self.assertEqual(sorted(self.counts().mapped("visitors_in")), [5, 6])

        response = self.post(self.batch(9), token=self.token)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(self.counts()), 2, "a resend replaces, never doubles")
        self.assertEqual(sorted(self.counts().mapped("visitors_in")), [9, 10])
        self.assertEqual(set(self.counts().mapped("source")), {"api"})

    def test_malformed_batch_is_rejected_whole_with_row_numbers(self):
        body = self.batch(5)
        body["counts"] += [{"start": "2025-04-01T09:30:00+07:00", "in": "many"}, {"in": 3}]
        response = self.post(body, token=self.token)
        self.assertEqual(response.status_code, 400)
        self.assertEqual([row["row"] for row in response.json()["rows"]], [3, 4])
        self.assertFalse(self.counts(), "nothing of a rejected batch is stored")

    def test_body_that_is_not_a_batch_is_rejected(self):
        for body in ("not json", {"counts": []}, {"rows": [{"in": 1}]}, "[1, 2]"):
            response = self.post(body, token=self.token)
            self.assertEqual(response.status_code, 400, body)
        self.assertFalse(self.counts())

    def test_revoked_token_stops_working(self):
        self.counter.action_revoke_token()
        self.assertEqual(self.post(self.batch(5), token=self.token).status_code, 401)
