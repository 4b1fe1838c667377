import { ProductScreen } from "@point_of_sale/app/screens/product_screen/product_screen";
import { patch } from "@web/core/utils/patch";

// A scanned code that is neither a product nor a customer's barcode may be a member card;
// when no card has it either, Odoo's own "unknown barcode" handling applies.
patch(ProductScreen.prototype, {
    async _barcodeProductAction(code) {
        if (
            (await this._getProductByBarcode(code)) ||
            !(await this.pos.retailReadMemberCard(code.code, { quietIfUnknown: true }))
        ) {
            return await super._barcodeProductAction(...arguments);
        }
    },
    async _barcodePartnerAction(code) {
        if (
            (await this._getPartnerByBarcode(code)) ||
            !(await this.pos.retailReadMemberCard(code.code, { quietIfUnknown: true }))
        ) {
            return await super._barcodePartnerAction(...arguments);
        }
    },
});
