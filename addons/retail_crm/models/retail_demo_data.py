"""The demo shop: a Vietnamese retail and spa chain in VND.

Generated in Python because it needs a chart of accounts, three POS branches and weeks of
closed POS sessions, which XML records cannot express. Called from demo/retail_demo.xml only.
Everything is deterministic (fixed random seed), so tests can rely on its shape.
"""
import random
from datetime import date, datetime, timedelta

from odoo import Command, api, fields, models

FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
                "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_NAMES = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Đức", "Hoàng", "Quốc", "Thu", "Anh", "Gia", "Bảo"]
GIVEN_NAMES = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hương", "Khánh", "Lan", "Linh",
               "Long", "Mai", "Minh", "Nam", "Nga", "Phong", "Phương", "Quân", "Quang", "Sơn", "Tâm", "Thảo",
               "Trang", "Tuấn", "Vy", "Yến", "Hiếu", "Đạt"]
MOBILE_PREFIXES = ["90", "91", "93", "94", "96", "97", "98", "86", "88", "89", "70", "77", "81", "83", "85"]

BRANCHES = [
    # xml id suffix, name, warehouse code, city, street
    ("hoan_kiem", "Hà Nội - Hoàn Kiếm", "HK", "Hà Nội", "12 Hàng Bài"),
    ("cau_giay", "Hà Nội - Cầu Giấy", "CG", "Hà Nội", "88 Trần Thái Tông"),
    ("quan_1", "TP.HCM - Quận 1", "Q1", "Thành phố Hồ Chí Minh", "45 Lê Lợi"),
]
POS_CATEGORIES = [("spa", "Spa"), ("beer", "Bia"), ("cosmetics", "Mỹ phẩm"), ("food", "Đồ ăn")]
PRODUCTS = [
    # xml id suffix, name, POS category, type, sale price VND, cost VND
    ("spa_massage_60", "Massage body 60 phút", "spa", "service", 450000, 150000),
    ("spa_massage_90", "Massage body 90 phút", "spa", "service", 650000, 220000),
    ("spa_facial", "Chăm sóc da mặt", "spa", "service", 380000, 120000),
    ("spa_foot", "Massage chân 45 phút", "spa", "service", 250000, 80000),
    ("spa_hair_wash", "Gội đầu dưỡng sinh", "spa", "service", 150000, 40000),
    ("beer_hanoi", "Bia Hà Nội 330ml", "beer", "goods", 20000, 12000),
    ("beer_saigon", "Bia Sài Gòn Special", "beer", "goods", 25000, 15000),
    ("beer_craft_ipa", "Bia thủ công IPA 500ml", "beer", "goods", 95000, 45000),
    ("beer_tiger", "Bia Tiger Crystal", "beer", "goods", 28000, 17000),
    ("cos_serum", "Serum vitamin C", "cosmetics", "goods", 520000, 260000),
    ("cos_mask", "Mặt nạ dưỡng ẩm (hộp 10)", "cosmetics", "goods", 180000, 80000),
    ("cos_oil", "Tinh dầu sả chanh", "cosmetics", "goods", 120000, 50000),
    ("food_spring_rolls", "Nem rán (đĩa)", "food", "goods", 60000, 25000),
    ("food_peanuts", "Lạc rang", "food", "goods", 30000, 10000),
]
CUSTOMER_COUNT = 200
HISTORY_WEEKS = 3


class RetailDemoData(models.AbstractModel):
    _name = "retail.demo.data"
    _description = "Retail CRM demo data generator"

    @api.model
    def _generate(self):
        rng = random.Random(20251122)
        company = self._create_company()
        self._set_xmlid("demo_company_sen", company)
        env = self.with_company(company).with_context(allowed_company_ids=company.ids).env
        demo = self.with_env(env)
        tax = demo._create_sale_tax(company)
        categories = demo._create_pos_categories()
        products = demo._create_products(company, tax, categories)
        configs = demo._create_branches(company, categories)
        demo._stock_products(configs, products)
        partners = demo._create_customers(company, rng)
        demo._create_pos_history(configs, products, partners, rng)

    def _set_xmlid(self, name, record):
        self.env["ir.model.data"]._update_xmlids([{
            "xml_id": f"retail_crm.{name}", "record": record, "noupdate": True,
        }])

    def _create_company(self):
        vnd = self.env.ref("base.VND")
        vnd.active = True
        company = self.env["res.company"].create({
            "name": "Sen Retail & Spa",
            "currency_id": vnd.id,
            "country_id": self.env.ref("base.vn").id,
            "street": "12 Hàng Bài",
            "city": "Hà Nội",
            "phone": "+84 24 3825 1234",
            "email": "info@senretail.example.com",
            "website": "https://senretail.example.com",
            "vat": "0101234567",
        })
        company.partner_id.tz = "Asia/Ho_Chi_Minh"
        self.env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        # The generic chart sets its own fiscal country and currency; the shop is Vietnamese.
        company.write({"currency_id": vnd.id, "account_fiscal_country_id": company.country_id.id})
        admin = self.env.ref("base.user_admin")
        admin.write({"company_ids": [Command.link(company.id)], "company_id": company.id, "tz": "Asia/Ho_Chi_Minh"})
        admin.partner_id.lang = self.env.lang or "en_US"
        return company

    def _create_sale_tax(self, company):
        tax_group = self.env["account.tax.group"].create({
            "name": "VAT 10%", "company_id": company.id, "country_id": company.country_id.id,
        })
        tax = self.env["account.tax"].create({
            "name": "VAT 10% (incl.)",
            "tax_group_id": tax_group.id,
            "amount": 10.0,
            "amount_type": "percent",
            "type_tax_use": "sale",
            "price_include_override": "tax_included",
            "company_id": company.id,
        })
        company.account_sale_tax_id = tax
        self._set_xmlid("demo_tax_vat10", tax)
        return tax

    def _create_pos_categories(self):
        categories = {}
        for key, name in POS_CATEGORIES:
            categories[key] = self.env["pos.category"].create({"name": name})
            self._set_xmlid(f"demo_pos_category_{key}", categories[key])
        return categories

    def _create_products(self, company, tax, categories):
        products = self.env["product.product"]
        for key, name, category, kind, price, cost in PRODUCTS:
            product = self.env["product.product"].create({
                "name": name,
                "type": "service" if kind == "service" else "consu",
                "is_storable": kind != "service",
                "list_price": price,
                "standard_price": cost,
                "available_in_pos": True,
                "pos_categ_ids": [Command.set(categories[category].ids)],
                "taxes_id": [Command.set(tax.ids)],
                "company_id": company.id,
            })
            self._set_xmlid(f"demo_product_{key}", product)
            products |= product
        return products

    def _create_branches(self, company, categories):
        pricelist = self.env["product.pricelist"].create({
            "name": "Bảng giá bán lẻ (VND)", "currency_id": company.currency_id.id, "company_id": company.id,
        })
        cash_account = self.env["account.account"].search([
            *self.env["account.account"]._check_company_domain(company), ("account_type", "=", "asset_cash"),
        ], limit=1)
        bank_journal = self.env["account.journal"].search([
            *self.env["account.journal"]._check_company_domain(company), ("type", "=", "bank"),
        ], limit=1)
        card = self.env["pos.payment.method"].create({
            "name": "Thẻ ngân hàng", "journal_id": bank_journal.id, "company_id": company.id,
        })
        self._set_xmlid("demo_payment_method_card", card)
        configs = self.env["pos.config"]
        main_warehouse = self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
        for index, (key, name, code, city, street) in enumerate(BRANCHES):
            warehouse = main_warehouse if index == 0 else self.env["stock.warehouse"].create({
                "name": name, "code": code, "company_id": company.id,
            })
            warehouse.write({"name": name})
            warehouse.partner_id.write({"street": street, "city": city})
            cash_journal = self.env["account.journal"].create({
                "name": f"Tiền mặt {code}", "code": f"CSH{code}", "type": "cash", "company_id": company.id,
                "default_account_id": cash_account.id,
            })
            cash = self.env["pos.payment.method"].create({
                "name": "Tiền mặt", "journal_id": cash_journal.id, "company_id": company.id,
            })
            config = self.env["pos.config"].create({
                "name": name,
                "company_id": company.id,
                "retail_tz": "Asia/Ho_Chi_Minh",
                "warehouse_id": warehouse.id,
                "picking_type_id": warehouse.pos_type_id.id,
                "payment_method_ids": [Command.set((cash | card).ids)],
                "pricelist_id": pricelist.id,
                "available_pricelist_ids": [Command.set(pricelist.ids)],
                "limit_categories": True,
                "iface_available_categ_ids": [Command.set([c.id for c in categories.values()])],
            })
            self._set_xmlid(f"demo_pos_{key}", config)
            self._set_xmlid(f"demo_payment_method_cash_{key}", cash)
            configs |= config
        return configs

    def _stock_products(self, configs, products):
        quant = self.env["stock.quant"].with_context(inventory_mode=True)
        for config in configs:
            location = config.picking_type_id.default_location_src_id
            for product in products.filtered("is_storable"):
                quant.create({"product_id": product.id, "location_id": location.id, "inventory_quantity": 500})
        stock_locations = configs.picking_type_id.default_location_src_id
        quant.search([("location_id", "in", stock_locations.ids)]).action_apply_inventory()

    def _create_customers(self, company, rng):
        groups = {
            "retail": self.env.ref("retail_crm.customer_group_retail"),
            "wholesale": self.env.ref("retail_crm.customer_group_wholesale"),
            "vip": self.env.ref("retail_crm.customer_group_vip"),
        }
        vals_list = []
        for index in range(CUSTOMER_COUNT):
            family, middle, given = rng.choice(FAMILY_NAMES), rng.choice(MIDDLE_NAMES), rng.choice(GIVEN_NAMES)
            birthday = date(rng.randint(1965, 2004), rng.randint(1, 12), rng.randint(1, 28))
            if index == 7:
                birthday = date(1996, 2, 29)
            group = rng.choices(["retail", "wholesale", "vip"], weights=[70, 12, 18])[0]
            prefix = rng.choice(MOBILE_PREFIXES)
            phone = f"+84 {prefix}{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
            vals_list.append({
                "name": f"{family} {middle} {given}",
                "phone": phone,
                "email": f"khachhang{index + 1:03d}@example.com",
                "birthday": birthday,
                "city": rng.choice(["Hà Nội", "Hà Nội", "Thành phố Hồ Chí Minh"]),
                "country_id": company.country_id.id,
                "company_id": company.id,
                "lang": "en_US",
                "customer_rank": 1,
                "retail_group_ids": [Command.set(groups[group].ids)],
            })
        partners = self.env["res.partner"].create(vals_list)
        for index, partner in enumerate(partners[:5]):
            self._set_xmlid(f"demo_customer_{index + 1}", partner)
        return partners

    def _create_pos_history(self, configs, products, partners, rng):
        """One closed session per branch and week, a handful of paid orders a day."""
        today = fields.Date.context_today(self)
        start = today - timedelta(days=7 * HISTORY_WEEKS)
        admin = self.env.ref("base.user_admin")
        for config in configs:
            cash = config.payment_method_ids.filtered("is_cash_count")[:1]
            card = config.payment_method_ids - cash
            for week in range(HISTORY_WEEKS):
                session = self.env["pos.session"].with_user(admin).create({"config_id": config.id})
                session = session.with_user(self.env.user)
                for day in range(7):
                    order_day = start + timedelta(days=7 * week + day)
                    for _order in range(rng.randint(3, 7)):
                        self._create_paid_order(session, order_day, products, partners, rng, cash | card)
                session.cash_register_balance_end_real = session.cash_register_balance_end
                session.action_pos_session_closing_control()
                session.write({
                    "start_at": datetime.combine(start + timedelta(days=7 * week), datetime.min.time()),
                    "stop_at": datetime.combine(start + timedelta(days=7 * week + 6), datetime.max.time()),
                })

    def _create_paid_order(self, session, order_day, products, partners, rng, payment_methods):
        currency = session.currency_id
        partner = rng.choice(partners) if rng.random() < 0.8 else self.env["res.partner"]
        lines, total, tax_total = [], 0.0, 0.0
        for product in rng.sample(products, rng.randint(1, 4)):
            qty = rng.randint(1, 6) if product.is_storable else 1
            taxes = product.taxes_id
            computed = taxes.compute_all(product.lst_price, currency, qty, product=product, partner=partner)
            lines.append(Command.create({
                "product_id": product.id,
                "full_product_name": product.display_name,
                "qty": qty,
                "price_unit": product.lst_price,
                "price_subtotal": computed["total_excluded"],
                "price_subtotal_incl": computed["total_included"],
                "tax_ids": [Command.set(taxes.ids)],
            }))
            total += computed["total_included"]
            tax_total += computed["total_included"] - computed["total_excluded"]
        order_time = datetime.combine(order_day, datetime.min.time()) + timedelta(
            hours=rng.randint(2, 13), minutes=rng.randint(0, 59))  # 09:00-20:59 in Vietnam (UTC+7)
        order = self.env["pos.order"].create({
            "session_id": session.id,
            "company_id": session.company_id.id,
            "partner_id": partner.id,
            "pricelist_id": session.config_id.pricelist_id.id,
            "date_order": order_time,
            "lines": lines,
            "amount_total": total,
            "amount_tax": tax_total,
            "amount_paid": 0.0,
            "amount_return": 0.0,
        })
        method = rng.choice(payment_methods)
        self.env["pos.make.payment"].with_context(active_id=order.id).create({
            "amount": total, "payment_method_id": method.id,
        }).check()
        return order
