import { PosStore } from "@point_of_sale/app/store/pos_store";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { ConnectionLostError, RPCError } from "@web/core/network/rpc";
import { makeAwaitable } from "@point_of_sale/app/store/make_awaitable_dialog";
import { TextInputPopup } from "@point_of_sale/app/utils/input_popups/text_input_popup";

// Vouchers and coupons are honoured once: the till reserves a serial on the server before it goes
// on the order, and the order's sync consumes that reservation. Like Odoo's gift cards in
// pos_loyalty, a serial is a discount line (the type's product, negative), not a payment line: a
// voucher takes at most what the bill costs, so no change can ever be given for it.
patch(PosStore.prototype, {
    _retailSerialAlert(body, title = _t("Vouchers and coupons")) {
        this.dialog.add(AlertDialog, { title, body });
    },
    _retailSerialError(error) {
        if (error instanceof ConnectionLostError) {
            this._retailSerialAlert(
                _t(
                    "Vouchers and coupons need the server: each serial is checked and reserved there so it is used only once. The till is offline, so no serial can be redeemed now; the rest of the till keeps working."
                ),
                _t("Vouchers and coupons need the server")
            );
        } else if (error instanceof RPCError) {
            this._retailSerialAlert(error.data?.message || error.message);
        } else {
            throw error;
        }
    },
    async retailAskSerial() {
        const serial = await makeAwaitable(this.dialog, TextInputPopup, {
            title: _t("Voucher or coupon"),
            placeholder: _t("Scan or type the serial"),
        });
        if (serial && serial.trim()) {
            return this.retailRedeemSerial(serial.trim());
        }
        return false;
    },
    /** Try the serial as a voucher, then as a coupon; the server says exactly why it is refused. */
    async retailRedeemSerial(serial) {
        const order = this.get_order();
        let reservation;
        try {
            reservation = await this.data.call("retail.voucher", "retail_pos_reserve", [
                serial,
                order.uuid,
                this.config.id,
            ]);
        } catch (error) {
            const unknown = error instanceof RPCError && /unknown/i.test(error.data?.message || "");
            if (!unknown) {
                this._retailSerialError(error);
                return false;
            }
            try {
                reservation = await this.data.call("retail.coupon", "retail_pos_reserve", [
                    serial,
                    order.uuid,
                    this.config.id,
                ]);
            } catch (couponError) {
                this._retailSerialError(couponError);
                return false;
            }
        }
        const line =
            reservation.kind === "voucher"
                ? await this._retailAddVoucherLine(order, reservation)
                : await this._retailAddCouponLine(order, reservation);
        if (!line) {
            const model = reservation.kind === "voucher" ? "retail.voucher" : "retail.coupon";
            this.retailRelease({ model, token: reservation.token });
        }
        return line;
    },
    async _retailSerialProduct(productId) {
        const known = this.models["product.product"].get(productId);
        if (known) {
            return known;
        }
        const [product] = await this.data.read("product.product", [productId]);
        return product;
    },
    async _retailAddVoucherLine(order, voucher) {
        const bill = order.retailSerialBase().total;
        const taken = Math.min(bill, voucher.value);
        if (taken <= 0) {
            this._retailSerialAlert(_t("Add the products first: the voucher pays for the bill."));
            return false;
        }
        const product = await this._retailSerialProduct(voucher.product_id);
        const line = await this.addLineToCurrentOrder(
            {
                product_id: product,
                qty: 1,
                price_unit: -taken,
                retail_voucher_serial: voucher.serial,
                retail_voucher_token: voucher.token,
                // the receipt shows both values: what the voucher pays and what it was invoiced for
                full_product_name: _t(
                    "Voucher %s: worth %s, invoiced %s",
                    voucher.serial,
                    this.env.utils.formatCurrency(voucher.value),
                    this.env.utils.formatCurrency(voucher.invoice_value)
                ),
            },
            {},
            false
        );
        if (line && taken < voucher.value) {
            this.notification.add(
                _t(
                    "Voucher %s is worth %s: the bill takes %s, no change is given.",
                    voucher.serial,
                    this.env.utils.formatCurrency(voucher.value),
                    this.env.utils.formatCurrency(taken)
                ),
                { type: "warning" }
            );
        }
        return line;
    },
    async _retailAddCouponLine(order, coupon) {
        const discount = order.retailCouponDiscount(coupon);
        if (discount.error) {
            this._retailSerialAlert(discount.error);
            return false;
        }
        const product = await this._retailSerialProduct(coupon.product_id);
        return this.addLineToCurrentOrder(
            {
                product_id: product,
                qty: 1,
                price_unit: -discount.amount,
                retail_coupon_serial: coupon.serial,
                retail_coupon_token: coupon.token,
                full_product_name: _t("Coupon %s (%s)", coupon.serial, coupon.name),
            },
            {},
            false
        );
    },
});
