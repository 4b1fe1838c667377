"""Possible duplicate customers: same E.164 phone (phone or mobile), same normalised email, or
same name once case, accents and spaces are ignored ("Nguyễn Văn  An" = "nguyen van an").
Found with one set-based query per key over indexed stored columns, merged with Odoo's wizard."""
import re
import unicodedata

from odoo import api, fields, models
from odoo.tools import SQL

MERGE_LIMIT = 3


def name_key(name):
    """Lower-case, accent-free, single-spaced name ("Đặng Thị  Mai" -> "dang thi mai")."""
    if not name:
        return False
    text = name.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return re.sub(r"\s+", " ", text).strip().lower() or False


class ResPartner(models.Model):
    _inherit = "res.partner"

    retail_name_key = fields.Char(
        string="Name (normalised)", compute="_compute_retail_name_key", store=True, index=True, copy=False
    )
    retail_duplicate_count = fields.Integer(
        string="Possible Duplicates",
        compute="_compute_retail_duplicate_count",
        search="_search_retail_duplicate_count",
    )

    @api.depends("name")
    def _compute_retail_name_key(self):
        for partner in self:
            partner.retail_name_key = name_key(partner.name)

    def _retail_duplicate_keys_sql(self):
        """(partner id, commercial entity, key) of active contacts; partners of two different
        commercial entities sharing a key are duplicates (a company and its own contacts are not)."""
        contacts = SQL("active AND (type = 'contact' OR type IS NULL)")
        return SQL(
            """SELECT id, commercial_partner_id, 'phone:' || retail_phone_e164 AS key FROM res_partner
                WHERE retail_phone_e164 IS NOT NULL AND %(contacts)s
               UNION ALL
               SELECT id, commercial_partner_id, 'phone:' || retail_mobile_e164 FROM res_partner
                WHERE retail_mobile_e164 IS NOT NULL AND %(contacts)s
               UNION ALL
               SELECT id, commercial_partner_id, 'email:' || email_normalized FROM res_partner
                WHERE email_normalized IS NOT NULL AND email_normalized != '' AND %(contacts)s
               UNION ALL
               SELECT id, commercial_partner_id, 'name:' || retail_name_key FROM res_partner
                WHERE retail_name_key IS NOT NULL AND %(contacts)s""",
            contacts=contacts,
        )

    def _retail_has_duplicates_sql(self):
        """Ids of all partners with a possible duplicate: one pass grouping by key (linear, no
        pairs, so a very common name does not multiply rows)."""
        return SQL(
            """WITH keys AS (%(keys)s)
               SELECT keys.id FROM keys
                 JOIN (SELECT key FROM keys GROUP BY key HAVING count(DISTINCT commercial_partner_id) > 1) shared
                   ON shared.key = keys.key""",
            keys=self._retail_duplicate_keys_sql(),
        )

    def _retail_duplicate_of_sql(self, partner_ids):
        """The duplicates of a few partners (a form, a page of a list): index lookups."""
        return SQL(
            """SELECT mine.id, other.id
                 FROM res_partner mine
                 JOIN res_partner other
                   ON other.id != mine.id AND other.active AND (other.type = 'contact' OR other.type IS NULL)
                  AND (other.retail_phone_e164 IN (mine.retail_phone_e164, mine.retail_mobile_e164)
                       OR other.retail_mobile_e164 IN (mine.retail_phone_e164, mine.retail_mobile_e164)
                       OR (other.email_normalized = mine.email_normalized AND mine.email_normalized != '')
                       OR other.retail_name_key = mine.retail_name_key)
                WHERE mine.id = ANY(%(ids)s)
                  AND other.commercial_partner_id IS DISTINCT FROM mine.commercial_partner_id""",
            ids=list(partner_ids),
        )

    def _retail_duplicate_pairs(self):
        """{partner id: set of duplicate partner ids} for the partners in self (one query)."""
        result = {partner_id: set() for partner_id in self.ids}
        if not self.ids:
            return result
        self.env.flush_all()
        self.env.cr.execute(self._retail_duplicate_of_sql(self.ids))
        for partner_id, other_id in self.env.cr.fetchall():
            result[partner_id].add(other_id)
        return result

    def _compute_retail_duplicate_count(self):
        pairs = self.filtered("id")._retail_duplicate_pairs()
        for partner in self:
            partner.retail_duplicate_count = len(pairs.get(partner.id, ()))

    @api.model
    def _search_retail_duplicate_count(self, operator, value):
        """Only "has duplicates" (> 0, != 0, >= 1) and "has none" (= 0) are meaningful here."""
        positive = (operator in (">", "!=") and value == 0) or (operator == ">=" and value == 1)
        negative = operator == "=" and value == 0
        if not positive and not negative:
            return [("id", "=", False)]
        self.env.flush_all()
        has_duplicates = SQL("(%s)", self._retail_has_duplicates_sql())
        return [("id", "in" if positive else "not in", has_duplicates)]

    def action_retail_open_duplicates(self):
        self.ensure_one()
        duplicate_ids = self._retail_duplicate_pairs()[self.id]
        action = self.env["ir.actions.act_window"]._for_xml_id("retail_crm.retail_customer_action")
        action.update({
            "name": self.env._("Possible duplicates of %(name)s", name=self.display_name),
            "domain": [("id", "in", [self.id, *duplicate_ids])],
            "view_mode": "list,form",
            "views": [(False, "list"), (False, "form")],
        })
        return action

    def action_retail_merge_duplicates(self):
        """Odoo's merge wizard with this customer and their possible duplicates preselected."""
        self.ensure_one()
        # Odoo's wizard merges at most three contacts at once: this one and its two oldest twins
        partner_ids = [self.id, *sorted(self._retail_duplicate_pairs()[self.id])[:MERGE_LIMIT - 1]]
        action = self.env["ir.actions.act_window"]._for_xml_id("base.action_partner_merge")
        action["context"] = {"active_model": "res.partner", "active_ids": partner_ids, "active_id": self.id}
        return action
