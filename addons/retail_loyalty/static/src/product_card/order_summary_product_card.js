import { OrderSummary } from "@point_of_sale/app/screens/product_screen/order_summary/order_summary";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";

// A product-card line holds exactly what the server reserved: clearing its quantity removes it and
// gives the units back to the card; any other change is refused.
patch(OrderSummary.prototype, {
    _setValue(val) {
        const line = this.currentOrder.get_selected_orderline();
        const token = line?.retail_product_card_token;
        if (!token) {
            return super._setValue(...arguments);
        }
        const clearing = val === "remove" || (val !== null && !parseFloat(val || 0));
        if (this.pos.numpadMode === "quantity" && clearing) {
            this.currentOrder.removeOrderline(line);
            this.numberBuffer.reset();
            if (!this.currentOrder.lines.includes(line)) {
                this.pos.retailReleaseProductCard(token);
            }
            return;
        }
        this.numberBuffer.reset();
        this.dialog.add(AlertDialog, {
            title: _t("Product card line"),
            body: _t(
                "This line holds units reserved on a product card. Remove it and take the units again to change it."
            ),
        });
    },
});
