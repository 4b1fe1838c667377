import { PosOrder } from "@point_of_sale/app/models/pos_order";
import { PosOrderline } from "@point_of_sale/app/models/pos_order_line";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { roundCurrency } from "@point_of_sale/app/models/utils/currency";
import "@retail_loyalty/overrides/models/pos_reserved_line";

patch(PosOrderline.prototype, {
    retailReservation() {
        const [model, token] = this.retail_voucher_token
            ? ["retail.voucher", this.retail_voucher_token]
            : ["retail.coupon", this.retail_coupon_token];
        if (!token) {
            return super.retailReservation();
        }
        return {
            model,
            token,
            title: _t("Voucher or coupon line"),
            body: _t("This line holds a serial reserved on the server. Remove it and scan the serial again to change it."),
        };
    },
    retailIsSerialLine() {
        return Boolean(this.retail_voucher_serial && this.price_unit < 0) || Boolean(this.retail_coupon_serial);
    },
    retailTierDiscountEligible() {
        // a voucher or coupon line is money off already: the tier discount has nothing to take off it
        return !this.retailIsSerialLine() && super.retailTierDiscountEligible(...arguments);
    },
    can_be_merged_with(orderline) {
        if (this.retailIsSerialLine() || orderline.retailIsSerialLine?.()) {
            return false;
        }
        return super.can_be_merged_with(...arguments);
    },
});

patch(PosOrder.prototype, {
    /** The bill a voucher or coupon applies to: every line except voucher and coupon lines. */
    retailSerialBase() {
        const lines = this.lines.filter((line) => !line.retailIsSerialLine());
        const total = lines.reduce((sum, line) => sum + line.get_price_with_tax(), 0);
        return { lines, total };
    },
    /** The discount of a coupon on this bill, computed as the server re-checks it. */
    retailCouponDiscount(coupon) {
        const { lines, total } = this.retailSerialBase();
        if (total < coupon.minimum) {
            return {
                error: _t(
                    "Coupon %s needs a bill of at least %s.",
                    coupon.name,
                    coupon.minimum
                ),
            };
        }
        const scoped = !coupon.product_ids.length && !coupon.category_ids.length;
        const base = lines
            .filter(
                (line) =>
                    scoped ||
                    coupon.product_ids.includes(line.product_id.id) ||
                    coupon.category_ids.includes(line.product_id.categ_id?.id)
            )
            .reduce((sum, line) => sum + line.get_price_with_tax(), 0);
        if (base <= 0) {
            return { error: _t("Coupon %s applies to none of the products on this bill.", coupon.name) };
        }
        const amount =
            coupon.mode === "amount"
                ? Math.min(coupon.amount, base)
                : roundCurrency((base * coupon.percent) / 100, this.currency);
        return { amount };
    },
});
