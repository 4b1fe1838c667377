"""Phone numbers in E.164: stored beside what was typed, found however they are typed.

Rule: the number is parsed with the customer's country, else their
company's, else the current company's. A number that cannot be read is refused with a message
only for the shop's own customers (in a customer group) or when the caller asks for the check
(context key ``retail_phone_check``); other partners (suppliers, core flows, imports) keep the
number as typed and simply get no E.164 form.
"""
import re

import phonenumbers

from odoo import api, fields, models
from odoo.exceptions import ValidationError

PHONE_FIELDS = ("phone", "mobile")
MIN_SEARCH_DIGITS = 6


def fits_numbering_plan(parsed):
    """Possible length and the general shape of the country's numbers (not every assigned range)."""
    if not phonenumbers.is_possible_number(parsed):
        return False
    region = phonenumbers.region_code_for_country_code(parsed.country_code)
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    pattern = metadata and metadata.general_desc and metadata.general_desc.national_number_pattern
    national = phonenumbers.national_significant_number(parsed)
    return bool(pattern and re.fullmatch(pattern, national))


def to_e164(number, region=None):
    """The E.164 form of a typed number, or None when it cannot be one.

    A number read with the region must be valid, or at least fit the country's numbering plan
    (phonenumbers' list of assigned ranges lags behind the carriers: the demo's +84 891…); a
    number read by putting a "+" before the digits must be fully valid, since that is a guess.
    """
    if not number:
        return None
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed and (phonenumbers.is_valid_number(parsed) or fits_numbering_plan(parsed)):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith("+") or not digits:
        return None
    try:
        guessed = phonenumbers.parse("+" + digits)  # "84 90 123 4567" typed without the plus
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(guessed):
        return phonenumbers.format_number(guessed, phonenumbers.PhoneNumberFormat.E164)
    return None


class ResPartner(models.Model):
    _inherit = "res.partner"

    retail_phone_e164 = fields.Char(
        string="Phone (E.164)", compute="_compute_retail_phone_e164", store=True, index=True, copy=False
    )
    retail_mobile_e164 = fields.Char(
        string="Mobile (E.164)", compute="_compute_retail_phone_e164", store=True, index=True, copy=False
    )
    retail_phone_keys = fields.Char(
        string="Phone Keys",
        compute="_compute_retail_phone_keys",
        help="Digits of the numbers in international and national form, for the till's local search.",
    )
    retail_phone_search = fields.Char(
        string="Phone (any format)",
        compute="_compute_retail_phone_search",
        search="_search_retail_phone_search",
        help="Finds customers by phone or mobile, however the number is typed.",
    )

    @api.depends("phone", "mobile", "country_id", "company_id")
    def _compute_retail_phone_e164(self):
        for partner in self:
            region = partner._retail_phone_region()
            partner.retail_phone_e164 = to_e164(partner.phone, region) or False
            partner.retail_mobile_e164 = to_e164(partner.mobile, region) or False

    @api.depends("retail_phone_e164", "retail_mobile_e164")
    def _compute_retail_phone_keys(self):
        for partner in self:
            keys = []
            for number in (partner.retail_phone_e164, partner.retail_mobile_e164):
                if number:
                    national = phonenumbers.format_number(
                        phonenumbers.parse(number), phonenumbers.PhoneNumberFormat.NATIONAL
                    )
                    keys += [number.lstrip("+"), re.sub(r"\D", "", national)]
            partner.retail_phone_keys = " ".join(keys) or False

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [*super()._load_pos_data_fields(config_id), "retail_phone_keys"]

    def _compute_retail_phone_search(self):
        self.retail_phone_search = False

    def _retail_phone_region(self):
        country = self.country_id or self.company_id.country_id or self.env.company.country_id
        return country.code or None

    @api.model
    def _retail_phone_search_domain(self, value):
        """Domain matching a number typed in any format: the exact E.164 number when it parses,
        else the typed digits inside the stored E.164 numbers (a leading trunk 0 dropped)."""
        if not isinstance(value, str):
            return [("id", "=", False)]
        value = value.strip("% ")
        e164 = to_e164(value, self.env.company.country_id.code or None)
        if e164:
            return ["|", ("retail_phone_e164", "=", e164), ("retail_mobile_e164", "=", e164)]
        digits = re.sub(r"\D", "", value).lstrip("0")
        if len(digits) < MIN_SEARCH_DIGITS:
            return [("id", "=", False)]
        return ["|", ("retail_phone_e164", "like", digits), ("retail_mobile_e164", "like", digits)]

    @api.model
    def _search_retail_phone_search(self, operator, value):
        if operator not in ("=", "ilike", "like", "=ilike", "=like"):
            return [("id", "=", False)]
        return self._retail_phone_search_domain(value)

    @api.model
    def _search_phone_mobile_search(self, operator, value):
        """Odoo's Phone/Mobile search (``sms``: the partner search view, the till's "Search more")
        also matches the E.164 numbers, so 0901 234 567 finds +84 90 123 4567."""
        domain = super()._search_phone_mobile_search(operator, value)
        if (operator in ("ilike", "=ilike", "like", "=like", "=") and isinstance(value, str)
                and self._retail_looks_like_phone(value.strip("% "))):
            domain = ["|", *domain, *self._retail_phone_search_domain(value)]
        return domain

    @api.model
    def _search_display_name(self, operator, value):
        """Many2one fields (customer on an order…) also find a customer by phone number."""
        domain = super()._search_display_name(operator, value)
        if operator in ("ilike", "=ilike", "=") and isinstance(value, str) and self._retail_looks_like_phone(value):
            domain = ["|", *domain, *self._retail_phone_search_domain(value)]
        return domain

    @api.model
    def _retail_looks_like_phone(self, value):
        return bool(re.fullmatch(r"[\d\s+().\-/]+", value)) and len(re.sub(r"\D", "", value)) >= MIN_SEARCH_DIGITS

    @api.constrains("phone", "mobile", "country_id", "retail_group_ids")
    def _check_retail_phone(self):
        for partner in self._retail_phone_checked():
            region = partner._retail_phone_region()
            for fname in PHONE_FIELDS:
                number = partner[fname]
                if number and not to_e164(number, region):
                    raise ValidationError(
                        self.env._(
                            "“%(number)s” is not a valid %(field)s number for %(partner)s (country: %(country)s). "
                            "Type it with the country code, e.g. +84 90 123 4567, or set the customer's country.",
                            number=number,
                            field=partner._fields[fname]._description_string(self.env).lower(),
                            partner=partner.display_name,
                            country=region or self.env._("unknown"),
                        )
                    )

    def _retail_phone_checked(self):
        if self.env.context.get("retail_phone_check"):
            return self
        return self.filtered("retail_group_ids")

    @api.model
    def _retail_find_by_phone(self, number):
        """Customers whose phone or mobile is this number, typed in any format (one indexed query)."""
        return self.search(self._retail_phone_search_domain(number))
