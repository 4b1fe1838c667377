from datetime import date

from odoo.tests import tagged

from .common import RetailLoyaltyCase

TODAY = date(2026, 11, 23)
MEMBERS = 1000


@tagged("post_install", "-at_install")
class TestTierRecompute(RetailLoyaltyCase):
    """1,000 members with 24 months of generated history: the scheduled evaluation must agree with
    an independent plain-SQL reading of the tier rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        partners = cls.env["res.partner"].create([
            {"name": f"Generated member {index}", "company_id": cls.company.id} for index in range(MEMBERS)])
        cls.partner_ids = partners.ids
        tiers = [cls.member_tier.id, cls.vip_tier.id, cls.gold_tier.id]
        cls.env.flush_all()
        cr = cls.env.cr
        cr.execute("SELECT setseed(0.42)")
        # a random starting tier per member, then 0-4 purchases a month over 24 months, some of them
        # right at the window's edges (the 23rd/24th), amounts from 50,000 to 3,000,000 ₫
        cr.execute("""
            UPDATE res_partner SET retail_tier_id = (%(tiers)s::int[])[1 + floor(random() * 3)::int],
                                   retail_tier_date = NULL
             WHERE id = ANY(%(partners)s)
        """, {"tiers": tiers, "partners": cls.partner_ids})
        cr.execute("""
            INSERT INTO retail_points_move (partner_id, kind, date, local_date, company_id, user_id, amount,
                                            points, multiplier, create_uid, write_uid, create_date, write_date)
            SELECT p.partner_id, 'import', d.local_date + time '10:00', d.local_date, %(company)s, %(uid)s,
                   a.amount, floor(a.amount / 10000), 1, %(uid)s, %(uid)s, now(), now()
              FROM unnest(%(partners)s::int[]) AS p(partner_id)
             CROSS JOIN generate_series(0, 23) AS m(month)
             CROSS JOIN LATERAL generate_series(1, floor(random() * 5)::int + (p.partner_id * 0)) AS k(n)
             CROSS JOIN LATERAL (SELECT (%(today)s::date - make_interval(months => m.month)
                                 - make_interval(days => CASE WHEN random() < 0.1 THEN 0
                                                              ELSE floor(random() * 28)::int END)
                                 )::date AS local_date) AS d
             CROSS JOIN LATERAL (SELECT round((50000 + random() * 2950000 + k.n * 0)::numeric, -3) AS amount) AS a
        """, {"partners": cls.partner_ids, "company": cls.company.id, "uid": cls.env.uid, "today": TODAY})
        cr.execute("""
            UPDATE res_partner p SET retail_points_balance = s.points
              FROM (SELECT partner_id, SUM(points) AS points FROM retail_points_move
                     WHERE partner_id = ANY(%s) GROUP BY partner_id) s
             WHERE p.id = s.partner_id
        """, [cls.partner_ids])
        cls.env.invalidate_all()

    def _expected_tiers(self, straight):
        """Plain SQL over the ledger, tier by tier, independent of the job's statement."""
        self.env.cr.execute("""
            WITH ranked AS (
                SELECT t.*, (SELECT COUNT(*) FROM retail_tier u WHERE u.active AND u.sequence <= t.sequence) AS rank
                  FROM retail_tier t WHERE t.active
            ), start AS (
                SELECT p.id AS partner_id, r.id AS tier_id, r.rank, r.keep_revenue, r.window_months
                  FROM res_partner p JOIN ranked r ON r.id = p.retail_tier_id
                 WHERE p.id = ANY(%(partners)s)
            ), verdict AS (
                SELECT s.partner_id, s.tier_id, s.rank,
                       (SELECT MAX(r.rank) FROM ranked r
                         WHERE r.rank > s.rank
                           AND r.qualify_threshold <= (
                               SELECT COALESCE(SUM(CASE WHEN r.qualify_basis = 'points' THEN l.points
                                                        ELSE l.amount END), 0)
                                 FROM retail_points_move l
                                WHERE l.partner_id = s.partner_id AND l.local_date <= %(today)s
                                  AND l.local_date > (%(today)s::date - r.window_months * interval '1 month'))
                       ) AS up_rank,
                       (SELECT COALESCE(SUM(l.amount), 0) FROM retail_points_move l
                         WHERE l.partner_id = s.partner_id AND l.local_date <= %(today)s
                           AND l.local_date > (%(today)s::date - s.window_months * interval '1 month')
                       ) >= COALESCE(s.keep_revenue, 0) AS keeps,
                       (SELECT MAX(r.rank) FROM ranked r
                         WHERE r.rank < s.rank
                           AND COALESCE(r.keep_revenue, 0) <= (
                               SELECT COALESCE(SUM(l.amount), 0) FROM retail_points_move l
                                WHERE l.partner_id = s.partner_id AND l.local_date <= %(today)s
                                  AND l.local_date > (%(today)s::date - r.window_months * interval '1 month'))
                       ) AS kept_rank
                  FROM start s
            )
            SELECT v.partner_id,
                   (SELECT r.id FROM ranked r WHERE r.rank = CASE
                        WHEN v.up_rank IS NOT NULL THEN v.up_rank
                        WHEN v.keeps OR v.rank = 1 THEN v.rank
                        WHEN %(straight)s THEN COALESCE(v.kept_rank, 1)
                        ELSE v.rank - 1 END)
              FROM verdict v
        """, {"partners": self.partner_ids, "today": TODAY, "straight": straight})
        return dict(self.env.cr.fetchall())

    def _stored_tiers(self):
        self.env.cr.execute("SELECT id, retail_tier_id FROM res_partner WHERE id = ANY(%s)", [self.partner_ids])
        return dict(self.env.cr.fetchall())

    def _check_job_agrees(self, straight):
        self.env["ir.config_parameter"].sudo().set_param(
            "retail_loyalty.downgrade_mode", "straight" if straight else "step")
        expected = self._expected_tiers(straight)
        before = self._stored_tiers()
        self.env["retail.tier"]._cron_evaluate_tiers(today=TODAY)
        stored = self._stored_tiers()
        self.assertEqual(stored, expected)
        moved = {partner for partner in stored if stored[partner] != before[partner]}
        self.assertGreater(len(moved), 100, "the generated history moves a good share of the members")
        self.assertLess(len(moved), MEMBERS)
        self.env.cr.execute("""
            SELECT COUNT(*) FROM retail_tier_history WHERE reason = 'job' AND partner_id = ANY(%s)
        """, [self.partner_ids])
        self.assertEqual(self.env.cr.fetchone()[0], len(moved), "one history row per change")

    def test_scheduled_evaluation_agrees_with_plain_sql_going_straight(self):
        self._check_job_agrees(straight=True)

    def test_scheduled_evaluation_agrees_with_plain_sql_one_step_at_a_time(self):
        self._check_job_agrees(straight=False)
