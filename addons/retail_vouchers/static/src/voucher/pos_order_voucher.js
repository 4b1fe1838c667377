import { PosOrder } from "@point_of_sale/app/models/pos_order";
import { PosOrderline } from "@point_of_sale/app/models/pos_order_line";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { roundCurrency } from "@point_of_sale/app/models/utils/currency";
import "@retail_loyalty/overrides/models/pos_reserved_line";

patch(PosOrderline.prototype, {
    /** The line names its serial (the receipt prints it): "Voucher 100K V7K2M9QX". */
    set_full_product_name() {
        super.set_full_product_name(...arguments);
        const serial = this.retail_voucher_serial || this.retail_coupon_serial;
        if (serial && !this.full_product_name?.includes(serial)) {
            this.full_product_name = `${this.full_product_name || this.product_id.display_name} ${serial}`;
        }
    },
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
    /** A printed voucher sold on this line (its serial reserved to be sold). */
    retailIsVoucherSaleLine() {
        return Boolean(this.retail_voucher_serial && this.price_unit >= 0);
    },
    retailTierDiscountEligible() {
        // a voucher or coupon line is money off already: the tier discount has nothing to take off it;
        // a voucher sold is sold for its invoice value
        return (
            !this.retailIsSerialLine() &&
            !this.retailIsVoucherSaleLine() &&
            super.retailTierDiscountEligible(...arguments)
        );
    },
    retailTaxKey() {
        return this.tax_ids
            .map((tax) => tax.id)
            .sort((a, b) => a - b)
            .join(",");
    },
    can_be_merged_with(orderline) {
        // a serial (sold or redeemed) is one line of its own
        const serial = (line) => line.retail_voucher_serial || line.retail_coupon_serial;
        if (serial(this) || serial(orderline)) {
            return false;
        }
        return super.can_be_merged_with(...arguments);
    },
});

patch(PosOrder.prototype, {
    /** The bill a voucher or coupon applies to: every line except voucher and coupon lines and vouchers sold. */
    retailSerialBase() {
        const lines = this.lines.filter(
            (line) => !line.retailIsSerialLine() && !line.retailIsVoucherSaleLine()
        );
        const total = lines.reduce((sum, line) => sum + line.get_price_with_tax(), 0);
        return { lines, total };
    },
    /**
     * The part of the bill a voucher pays for: taxed at sale, only the goods carrying the voucher's taxes
     * (it takes that tax back); taxed at redemption, the whole bill.
     */
    retailVoucherBase(voucher) {
        const { lines, total } = this.retailSerialBase();
        if (voucher.tax_treatment !== "sale") {
            return { lines, total };
        }
        const key = [...voucher.tax_ids].sort((a, b) => a - b).join(",");
        const taxed = lines.filter((line) => line.retailTaxKey() === key && line.get_price_with_tax() > 0);
        return { lines: taxed, total: taxed.reduce((sum, line) => sum + line.get_price_with_tax(), 0) };
    },
    /** What the receipt says of each voucher redeemed: both values, their difference, what the bill took. */
    retailReceiptVouchers() {
        return this.lines
            .filter((line) => line.retail_voucher_serial && line.price_unit < 0)
            .map((line) => ({
                serial: line.retail_voucher_serial,
                taken: -line.get_price_with_tax(),
                value: line.retail_voucher_value,
                invoiceValue: line.retail_voucher_invoice_value,
                difference: line.retail_voucher_value - line.retail_voucher_invoice_value,
            }));
    },
    export_for_printing() {
        return { ...super.export_for_printing(...arguments), retailVouchers: this.retailReceiptVouchers() };
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
