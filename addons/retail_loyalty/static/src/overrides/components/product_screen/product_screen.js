import { ProductScreen } from "@point_of_sale/app/screens/product_screen/product_screen";
import { patch } from "@web/core/utils/patch";

// A scanned code that is neither a product nor a customer's barcode may be a member card.
patch(ProductScreen.prototype, {
    async _barcodeProductAction(code) {
        if (await this._getProductByBarcode(code)) {
            return await super._barcodeProductAction(...arguments);
        }
        await this.pos.retailReadMemberCard(code.code);
    },
    async _barcodePartnerAction(code) {
        if (await this._getPartnerByBarcode(code)) {
            return await super._barcodePartnerAction(...arguments);
        }
        await this.pos.retailReadMemberCard(code.code);
    },
});
