import { ProductScreen } from "@point_of_sale/app/screens/product_screen/product_screen";
import { patch } from "@web/core/utils/patch";

// A scanned code that is no product may be a voucher or coupon serial: the server says which, and the
// serial is then reserved like a typed one. Anything else (member cards, unknown codes) goes on as before.
patch(ProductScreen.prototype, {
    async _barcodeProductAction(code) {
        if (!(await this._getProductByBarcode(code)) && (await this._retailIsSerial(code.code))) {
            await this.pos.retailRedeemSerial(code.code);
            this.numberBuffer.reset();
            return;
        }
        return await super._barcodeProductAction(...arguments);
    },
    async _retailIsSerial(serial) {
        try {
            return await this.pos.data.call("retail.voucher", "retail_pos_serial_kind", [
                serial,
                this.pos.config.id,
            ]);
        } catch {
            return false; // offline: the code is handled as any unknown code
        }
    },
});
