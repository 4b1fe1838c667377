import { ProductScreen } from "@point_of_sale/app/screens/product_screen/product_screen";
import { patch } from "@web/core/utils/patch";

// What a keyboard-wedge card reader types and the till's card pattern recognises is a member card:
// it is looked up as one straight away, never as a product or a customer's barcode.
patch(ProductScreen.prototype, {
    async _barcodeProductAction(code) {
        const number = this.pos.retailCardNumberFromInput(code.code);
        if (number) {
            await this.pos.retailReadMemberCard(number);
            return;
        }
        return await super._barcodeProductAction(...arguments);
    },
    async _barcodePartnerAction(code) {
        const number = this.pos.retailCardNumberFromInput(code.code);
        if (number) {
            await this.pos.retailReadMemberCard(number);
            return;
        }
        return await super._barcodePartnerAction(...arguments);
    },
});
