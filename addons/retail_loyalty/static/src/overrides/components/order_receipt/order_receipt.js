import { OrderReceipt } from "@point_of_sale/app/screens/receipt_screen/receipt/order_receipt";
import { patch } from "@web/core/utils/patch";
import { formatMultiplier, formatPoints } from "@retail_loyalty/utils/format";

patch(OrderReceipt.prototype, {
    retailPoints(value) {
        return formatPoints(value);
    },
    retailMultiplier(value) {
        return formatMultiplier(value);
    },
});
