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
    /**
     * A voucher product with printed serials in stock is sold from one of them: the cashier scans the
     * printed voucher handed over, the till never makes a new serial for it.
     */
    async addLineToCurrentOrder(vals, opts = {}, configure = true) {
        const product =
            typeof vals.product_id === "number"
                ? this.models["product.product"].get(vals.product_id)
                : vals.product_id;
        if (product?.retail_voucher_printed && !vals.retail_voucher_serial) {
            const serial = await makeAwaitable(this.dialog, TextInputPopup, {
                title: _t("Sell a printed voucher"),
                placeholder: _t("Scan or type the serial of the voucher handed over"),
            });
            if (serial && serial.trim()) {
                return this.retailRedeemSerial(serial.trim(), product);
            }
            return false;
        }
        return super.addLineToCurrentOrder(...arguments);
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
    /**
     * Try the serial as a voucher, then as a coupon; the server says exactly why it is refused. A
     * printed voucher not sold yet is sold on the order, any other voucher or coupon is redeemed;
     * with ``saleProduct`` (the cashier sells that voucher product) only a printed serial of it is sold.
     */
    async retailRedeemSerial(serial, saleProduct = null) {
        const order = this.get_order();
        const known = order.lines.find(
            (line) =>
                [line.retail_voucher_serial, line.retail_coupon_serial].includes(serial.toUpperCase())
        );
        if (known) {
            this._retailSerialAlert(_t("Serial %s is already on this order.", serial));
            return false;
        }
        let reservation;
        try {
            reservation = await this.data.call("retail.voucher", "retail_pos_take", [
                serial,
                order.uuid,
                this.config.id,
                saleProduct?.id || false,
            ]);
        } catch (error) {
            const unknown = error instanceof RPCError && /unknown/i.test(error.data?.message || "");
            if (!unknown || saleProduct) {
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
        const adders = {
            voucher: this._retailAddVoucherLine,
            voucher_sale: this._retailAddVoucherSaleLine,
            coupon: this._retailAddCouponLine,
        };
        const line = await adders[reservation.kind].call(this, order, reservation);
        if (!line) {
            const model = reservation.kind === "coupon" ? "retail.coupon" : "retail.voucher";
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
    _retailVoucherTaxes(voucher) {
        return voucher.tax_ids.map((id) => this.models["account.tax"].get(id)).filter(Boolean);
    },
    async _retailAddVoucherLine(order, voucher) {
        // taxed at sale: the voucher pays for the goods carrying its tax and takes that tax back
        const taxes = this._retailVoucherTaxes(voucher);
        const bill = order.retailVoucherBase(voucher).total;
        const taken = Math.min(bill, voucher.value);
        if (taken <= 0) {
            this._retailSerialAlert(
                voucher.tax_treatment === "sale"
                    ? _t(
                          "Voucher %s pays only for goods taxed %s: add them first.",
                          voucher.serial,
                          taxes.map((tax) => tax.name).join(", ")
                      )
                    : _t("Add the products first: the voucher pays for the bill.")
            );
            return false;
        }
        const product = await this._retailSerialProduct(voucher.product_id);
        const line = await this.addLineToCurrentOrder(
            {
                product_id: product,
                qty: 1,
                price_unit: -taken,
                tax_ids: taxes.map((tax) => ["link", tax]),
                retail_voucher_serial: voucher.serial,
                retail_voucher_token: voucher.token,
                retail_voucher_value: voucher.value,
                retail_voucher_invoice_value: voucher.invoice_value,
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
    /** A printed voucher sold on this order, at its invoice value; the sync sells that serial once. */
    async _retailAddVoucherSaleLine(order, voucher) {
        const product = await this._retailSerialProduct(voucher.product_id);
        return this.addLineToCurrentOrder(
            {
                product_id: product,
                qty: 1,
                price_unit: voucher.invoice_value,
                retail_voucher_serial: voucher.serial,
                retail_voucher_token: voucher.token,
                retail_voucher_value: voucher.value,
                retail_voucher_invoice_value: voucher.invoice_value,
            },
            {},
            false
        );
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
            },
            {},
            false
        );
    },
});
