import { PaymentScreen } from "@point_of_sale/app/screens/payment_screen/payment_screen";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";

patch(PaymentScreen.prototype, {
    async _isOrderValid(isForceValidate) {
        if (this.currentOrder.retailSellsProductCard() && !this.currentOrder.get_partner()) {
            this.dialog.add(AlertDialog, {
                title: _t("Customer needed"),
                body: _t("A product card is issued to a customer: select the customer before validating."),
            });
            return false;
        }
        return super._isOrderValid(...arguments);
    },
});
