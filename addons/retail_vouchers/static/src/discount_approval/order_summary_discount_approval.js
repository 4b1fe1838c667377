import { OrderSummary } from "@point_of_sale/app/screens/product_screen/order_summary/order_summary";
import { patch } from "@web/core/utils/patch";

patch(OrderSummary.prototype, {
    async updateSelectedOrderline({ buffer }) {
        // The numpad applies the discount at every key: remember the line's discount when the cashier
        // starts typing, so that a refused approval puts it back rather than a half-typed value.
        const line = this.currentOrder?.get_selected_orderline();
        if (line && this.pos.numpadMode === "discount" && (buffer || "").length <= 1) {
            line.uiState.retailDiscountBeforeEntry = line.get_discount();
        }
        return await super.updateSelectedOrderline(...arguments);
    },
});
