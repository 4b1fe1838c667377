import { PosOrder } from "@point_of_sale/app/models/pos_order";
import { patch } from "@web/core/utils/patch";

patch(PosOrder.prototype, {
    /**
     * Put the member's tier discount (percent, 0 for none) on every eligible line and take back
     * what it had put on lines that no longer qualify. Lines the cashier discounted by hand are
     * left alone. `uiState.retailTierDiscount` (not saved) remembers what the tier put on a line.
     */
    retailApplyTierDiscount(percent) {
        if (this.finalized) {
            return;
        }
        for (const line of this.lines) {
            const put = line.uiState.retailTierDiscount;
            if (put !== undefined && line.get_discount() !== put) {
                line.uiState.retailTierManual = true; // changed by someone else since
            }
            if (line.uiState.retailTierManual) {
                // OWL notifies a delete even of an absent key: this runs inside an effect that
                // observes uiState, so an unconditional delete would wake it again, forever
                if ("retailTierDiscount" in line.uiState) {
                    delete line.uiState.retailTierDiscount;
                }
                continue;
            }
            const wanted = percent && line.retailTierDiscountEligible() ? percent : 0;
            if (put === undefined) {
                if (wanted && !line.get_discount()) {
                    line.set_discount(wanted);
                    line.uiState.retailTierDiscount = line.get_discount();
                }
            } else if (wanted !== put) {
                line.set_discount(wanted);
                if (wanted) {
                    line.uiState.retailTierDiscount = line.get_discount();
                } else {
                    delete line.uiState.retailTierDiscount;
                }
            }
        }
    },
    /** The member block of the receipt: the server's figures once synced, else the tier at sale time. */
    retailReceiptMember() {
        const synced = Boolean(this.retail_tier_id);
        const tierName =
            this.retail_tier_name ||
            this.retail_tier_id?.name ||
            this.partner_id?.retail_tier_id?.name;
        if (!tierName) {
            return false;
        }
        return {
            synced,
            tierName,
            upgraded: synced && this.retail_tier_upgraded,
            pointsEarned: synced ? this.retail_points_earned : false,
            multiplier: synced ? this.retail_points_multiplier : false,
            pointsBalance: synced ? this.retail_points_balance : false,
            nextTierName: synced && this.retail_next_tier_name,
            nextTierBasis: synced && this.retail_next_tier_basis,
            nextTierMissing: synced ? this.retail_next_tier_missing : 0,
        };
    },
    export_for_printing() {
        return { ...super.export_for_printing(...arguments), retailMember: this.retailReceiptMember() };
    },
});
