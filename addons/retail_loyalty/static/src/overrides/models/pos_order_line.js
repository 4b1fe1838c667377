import { PosOrderline } from "@point_of_sale/app/models/pos_order_line";
import { patch } from "@web/core/utils/patch";

const PREPAID_PROGRAMS = ["gift_card", "ewallet"];

patch(PosOrderline.prototype, {
    /** Whether the member's tier discount may go on this line. */
    retailTierDiscountEligible() {
        const product = this.product_id;
        if (!product || product.retail_member_discount_excluded) {
            return false;
        }
        if (this.is_reward_line || this.refunded_orderline_id || this.get_quantity() < 0) {
            return false;
        }
        if (this.combo_parent_id || this.combo_line_ids?.length) {
            return false;
        }
        if (this.getEWalletGiftCardProgramType?.() || product.id === this.config.tip_product_id?.id) {
            return false;
        }
        // selling prepaid value (gift cards, top-ups) is not a purchase the tier discounts
        return !(this.models["loyalty.program"]?.some(
            (program) =>
                PREPAID_PROGRAMS.includes(program.program_type) &&
                program.trigger_product_ids.some((p) => p.id === product.id)
        ));
    },
});
