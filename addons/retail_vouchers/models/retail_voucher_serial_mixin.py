import secrets
import string
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

DEFAULT_RESERVATION_HOURS = 12
SERIAL_ALPHABET = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"


class RetailVoucherSerialMixin(models.AbstractModel):
    """What vouchers and coupons share: a serial honoured once, valid at the branches and in the
    dates of its type, reserved by a till on the server before the till's order uses it.

    A till reserves a serial with a conditional UPDATE on its row (only a redeemable serial that no
    other till holds is taken), so two tills scanning the same serial at once cannot both win; the
    order's sync consumes the reservation with another conditional UPDATE, so it is honoured once."""

    _name = "retail.voucher.serial.mixin"
    _description = "Serial Voucher or Coupon"
    _order = "id desc"
    _rec_name = "serial"

    serial = fields.Char(required=True, readonly=True, index=True, copy=False)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True,
                                 default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    valid_from = fields.Date(help="Empty: the type's start date.")
    valid_to = fields.Date(string="Valid Until", help="Empty: the type's end date.")
    # reservation taken by a till (see retail_pos_reserve); kept after use for the history
    reservation_token = fields.Char(readonly=True, copy=False, index="btree_not_null", groups="base.group_system")
    reserved_config_id = fields.Many2one("pos.config", string="Reserved By Till", readonly=True, copy=False)
    reserved_order_uuid = fields.Char(readonly=True, copy=False)
    reserved_until = fields.Datetime(readonly=True, copy=False)
    used_order_id = fields.Many2one("pos.order", string="Used On Order", readonly=True, copy=False,
                                    index="btree_not_null")
    used_config_id = fields.Many2one("pos.config", string="Used At Branch", readonly=True, copy=False)
    used_user_id = fields.Many2one("res.users", string="Used By Cashier", readonly=True, copy=False)
    used_date = fields.Datetime(string="Used On", readonly=True, copy=False)
    cancel_reason = fields.Char(readonly=True, copy=False)
    cancel_user_id = fields.Many2one("res.users", string="Cancelled By", readonly=True, copy=False)

    _sql_constraints = [("serial_company_uniq", "unique(serial, company_id)", "A serial is unique in a company.")]

    #: the states in which a till may redeem the serial (per model)
    _retail_redeemable_states = ()
    #: the states in which a till's reservation may be given back (per model; empty: the redeemable ones)
    _retail_releasable_states = ()

    # -- what a serial is -----------------------------------------------------------------------------
    def _retail_type(self):
        return self.type_id

    def _retail_dates(self):
        """(first day, last day) the serial is valid, from the serial or its type; None when open."""
        self.ensure_one()
        kind = self._retail_type()
        return self.valid_from or kind.valid_from, self.valid_to or kind.valid_to

    def _retail_refusal(self, config, today=None):
        """Why ``config`` cannot take this serial today, in words for the cashier; False when it can.
        Says exactly which: used (and by which order), cancelled, expired, not valid yet, wrong branch,
        not sold."""
        self.ensure_one()
        today = today or config._retail_local_date()
        label = self._retail_label()
        if self.state == "used":
            return self.env._("%(label)s %(serial)s was already used on order %(order)s at %(branch)s on %(date)s.",
                              label=label, serial=self.serial, order=self.used_order_id.name or "?",
                              branch=self.used_config_id.name or "?",
                              date=fields.Datetime.to_string(self.used_date) if self.used_date else "?")
        if self.state == "cancelled":
            return self.env._("%(label)s %(serial)s was cancelled.", label=label, serial=self.serial)
        date_from, date_to = self._retail_dates()
        if self.state == "expired" or (date_to and today > date_to):
            return self.env._("%(label)s %(serial)s expired on %(date)s.", label=label, serial=self.serial,
                              date=date_to or "?")
        if date_from and today < date_from:
            return self.env._("%(label)s %(serial)s is valid from %(date)s only.", label=label, serial=self.serial,
                              date=date_from)
        kind = self._retail_type()
        if not kind.active:
            return self.env._("%(label)s type %(type)s is archived.", label=label, type=kind.name)
        if kind.config_ids and config not in kind.config_ids:
            return self.env._("%(label)s %(serial)s is not valid at this branch (%(branch)s); it is valid at: "
                              "%(branches)s.", label=label, serial=self.serial, branch=config.name,
                              branches=", ".join(kind.config_ids.mapped("name")))
        if self.state not in self._retail_redeemable_states:
            return self.env._("%(label)s %(serial)s has not been sold yet.", label=label, serial=self.serial)
        return False

    def _retail_label(self):
        return self._description

    @api.model
    def _retail_find(self, serial, company):
        serial = (serial or "").strip().upper()
        return self.sudo().with_context(active_test=False).search(
            [("serial", "=", serial), ("company_id", "=", company.id)], limit=1)

    # -- till API -------------------------------------------------------------------------------------
    @api.model
    def _retail_pos_check(self, config_id):
        if not self.env.user.has_group("point_of_sale.group_pos_user"):
            raise AccessError(self.env._("Only point of sale users may redeem serials at the till."))
        config = self.env["pos.config"].browse(config_id).exists()
        if not config or config.company_id not in self.env.user.company_ids:
            raise AccessError(self.env._("This till is not one of your companies'."))
        return config

    @api.model
    def retail_pos_reserve(self, serial, order_uuid, config_id):
        """Reserve the serial for the till's order, atomically: the row is taken only if the serial is
        redeemable and no other till holds a live reservation on it. Returns what the till needs for its
        line (see ``_retail_pos_line_values``) with the reservation token; a UserError says why not."""
        config = self._retail_pos_check(config_id)
        record = self._retail_find(serial, config.company_id)
        if not record:
            raise UserError(self.env._("%(label)s %(serial)s is unknown here.",
                                       label=self._description, serial=(serial or "").strip()))
        if reason := record._retail_refusal(config):
            raise UserError(reason)
        taken = self._retail_take_reservation(record, order_uuid, config, self._retail_redeemable_states)
        if not taken:
            raise UserError(self._retail_why_not_reserved(record, config))
        # the same order scanning the serial again keeps its reservation (one token, honoured once)
        return {**record._retail_pos_line_values(config), "token": taken}

    @api.model
    def _retail_take_reservation(self, record, order_uuid, config, states):
        """Reserve ``record`` for the till's order in one conditional UPDATE: only while it is in
        ``states`` and no other order holds a live reservation on it. Returns the token, else False."""
        token = secrets.token_hex(16)
        now = fields.Datetime.now()
        self.env.cr.execute(SQL(
            """
            UPDATE %(table)s
               SET reservation_token = CASE WHEN reserved_order_uuid = %(uuid)s AND reserved_until > %(now)s
                                            THEN reservation_token ELSE %(token)s END,
                   reserved_config_id = %(config)s, reserved_order_uuid = %(uuid)s,
                   reserved_until = %(until)s, write_uid = %(uid)s, write_date = %(now)s
             WHERE id = %(id)s AND state = ANY(%(states)s)
               AND (reservation_token IS NULL OR reserved_until IS NULL OR reserved_until <= %(now)s
                    OR reserved_order_uuid = %(uuid)s)
         RETURNING reservation_token
            """,
            table=SQL.identifier(self._table), token=token, config=config.id, uuid=order_uuid or "",
            until=now + timedelta(hours=self._retail_lifetime_hours()), uid=self.env.uid, now=now,
            id=record.id, states=list(states)))
        taken = self.env.cr.fetchone()
        record.invalidate_recordset()
        return taken[0] if taken else False

    @api.model
    def _retail_why_not_reserved(self, record, config):
        if reason := record._retail_refusal(config):
            return reason
        return self.env._("%(label)s %(serial)s is already reserved by another till (%(till)s) for an order in "
                          "progress.", label=record._retail_label(), serial=record.serial,
                          till=record.reserved_config_id.name or "?")

    @api.model
    def retail_pos_release(self, token):
        """Give back a serial whose line the till removed; a used serial stays used."""
        if not self.env.user.has_group("point_of_sale.group_pos_user"):
            raise AccessError(self.env._("Only point of sale users may redeem serials at the till."))
        self.env.cr.execute(SQL(
            """
            UPDATE %(table)s SET reservation_token = NULL, reserved_until = NULL, reserved_config_id = NULL,
                   reserved_order_uuid = NULL
             WHERE reservation_token = %(token)s AND state = ANY(%(states)s)
         RETURNING id
            """, table=SQL.identifier(self._table), token=token or "",
            states=list(self._retail_releasable_states or self._retail_redeemable_states)))
        released = bool(self.env.cr.fetchall())
        self.invalidate_model()
        return released

    def _retail_pos_line_values(self, config):
        """What the till shows and puts on its line for this serial (per model)."""
        self.ensure_one()
        return {"id": self.id, "serial": self.serial, "type": self._retail_type().name}

    @api.model
    def _retail_lifetime_hours(self):
        value = self.env["ir.config_parameter"].sudo().get_param("retail_vouchers.reservation_hours")
        try:
            return max(int(value), 1) if value else DEFAULT_RESERVATION_HOURS
        except ValueError:
            return DEFAULT_RESERVATION_HOURS

    # -- sync -----------------------------------------------------------------------------------------
    @api.model
    def _retail_consume(self, serial, token, order):
        """Mark the serial used by ``order`` if the till's reservation ``token`` still holds it, exactly
        once: a conditional update, so a second order (or a second sync) gets nothing. Returns the
        record, or an empty recordset."""
        record = self._retail_find(serial, order.company_id)
        if not record or not token:
            return self.browse()
        self.env.cr.execute(SQL(
            """
            UPDATE %(table)s
               SET state = 'used', used_order_id = %(order)s, used_config_id = %(config)s, used_user_id = %(user)s,
                   used_date = %(date)s, write_date = now() AT TIME ZONE 'UTC'
             WHERE id = %(id)s AND reservation_token = %(token)s AND state = ANY(%(states)s)
         RETURNING id
            """, table=SQL.identifier(self._table), order=order.id, config=order.config_id.id,
            user=order.user_id.id or self.env.uid, date=order.date_order, id=record.id, token=token,
            states=list(self._retail_redeemable_states)))
        row = self.env.cr.fetchone()
        record.invalidate_recordset()
        return record if row else self.browse()

    @api.model
    def _retail_why_not_consumed(self, serial, token, order):
        record = self._retail_find(serial, order.company_id)
        if not record:
            return self.env._("%(label)s %(serial)s is unknown", label=self._description, serial=serial)
        if not token:
            return self.env._("%(label)s %(serial)s was not reserved on the server (offline till?)",
                              label=record._retail_label(), serial=record.serial)
        if record.state == "used":
            return self.env._("%(label)s %(serial)s was already used on order %(order)s",
                              label=record._retail_label(), serial=record.serial, order=record.used_order_id.name)
        if record.state in self._retail_redeemable_states:
            return self.env._("the reservation of %(label)s %(serial)s was taken over by another till",
                              label=record._retail_label(), serial=record.serial)
        state = dict(record._fields["state"]._description_selection(self.env)).get(record.state, record.state)
        return self.env._("%(label)s %(serial)s is %(state)s", label=record._retail_label(),
                          serial=record.serial, state=state)

    # -- generation -----------------------------------------------------------------------------------
    @api.model
    def _retail_new_serials(self, count, prefix="", random_length=8, company=None):
        """``count`` serials ``prefix`` + a random part not used yet in the company."""
        if count <= 0:
            raise UserError(self.env._("Generate at least one serial."))
        if random_length < 4:
            raise UserError(self.env._("The random part needs at least 4 characters to be hard to guess."))
        company = company or self.env.company
        prefix = (prefix or "").strip().upper()
        serials = set()
        for _attempt in range(5):
            while len(serials) < count:
                serials.add(prefix + "".join(secrets.choice(SERIAL_ALPHABET) for _i in range(random_length)))
            self.env.cr.execute(SQL("SELECT serial FROM %s WHERE company_id = %s AND serial = ANY(%s)",
                                    SQL.identifier(self._table), company.id, list(serials)))
            taken = {row[0] for row in self.env.cr.fetchall()}
            if not taken:
                return sorted(serials)
            serials -= taken
        raise UserError(self.env._("Could not find enough free serials: use a longer random part."))

    # -- control --------------------------------------------------------------------------------------
    @api.model
    def _retail_check_manager(self):
        if not (self.env.su or self.env.user.has_group("retail_crm.group_retail_manager")):
            raise AccessError(self.env._("Only a retail manager may do this with serials."))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("serial"):
                vals["serial"] = vals["serial"].strip().upper()
        return super().create(vals_list)
