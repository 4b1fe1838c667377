import { PosOrder } from "@point_of_sale/app/models/pos_order";
import { PosOrderline } from "@point_of_sale/app/models/pos_order_line";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import "@retail_loyalty/overrides/models/pos_reserved_line";

patch(PosOrderline.prototype, {
    /** A line holding product-card units (used, or extra bought) mirrors a server reservation. */
    retailIsProductCardLine() {
        return Boolean(this.retail_product_card_token);
    },
    retailReservation() {
        if (!this.retailIsProductCardLine()) {
            return super.retailReservation();
        }
        return {
            model: "retail.product.card.reservation",
            token: this.retail_product_card_token,
            title: _t("Product card line"),
            body: _t(
                "This line holds units reserved on a product card. Remove it and take the units again to change it."
            ),
        };
    },
    retailTierDiscountEligible() {
        // units taken from a card are already paid for: the member's tier discount has nothing to take off
        if (this.retailIsProductCardLine() || !super.retailTierDiscountEligible) {
            return false;
        }
        return super.retailTierDiscountEligible(...arguments);
    },
    can_be_merged_with(orderline) {
        if (this.retailIsProductCardLine() || orderline.retailIsProductCardLine?.()) {
            return false;
        }
        return super.can_be_merged_with(...arguments);
    },
});

patch(PosOrder.prototype, {
    /** Whether the order sells a product card (a customer must then be set). */
    retailSellsProductCard() {
        return this.lines.some((line) => line.product_id?.retail_is_product_card && line.qty > 0);
    },
    /** Units left on the cards this order used or sold, once the server recorded it. */
    retailReceiptProductCards() {
        const lines = this.retail_product_card_receipt;
        if (!lines) {
            return false;
        }
        return typeof lines === "string" ? JSON.parse(lines) : lines;
    },
    export_for_printing() {
        return {
            ...super.export_for_printing(...arguments),
            retailProductCards: this.retailReceiptProductCards(),
        };
    },
});
