import { PosOrder } from "@point_of_sale/app/models/pos_order";
import { patch } from "@web/core/utils/patch";

const { DateTime } = luxon;

/**
 * Whether a policy window ({weekdays: [ISO weekday], hour_from, hour_to}) contains the branch-local
 * luxon DateTime `local`. An end not after the start crosses midnight: Friday 22:00-02:00 also
 * covers Saturday 01:00. Same rule as retail.policy.window._contains on the server.
 */
export function retailWindowContains(window, local) {
    const hour = local.hour + local.minute / 60 + local.second / 3600;
    const crosses = window.hour_to <= window.hour_from;
    if (
        window.weekdays.includes(local.weekday) &&
        hour >= window.hour_from &&
        (crosses || hour < window.hour_to)
    ) {
        return true;
    }
    const previousDay = local.minus({ days: 1 }).weekday;
    return crosses && window.weekdays.includes(previousDay) && hour < window.hour_to;
}

patch(PosOrder.prototype, {
    /** The branch's wall clock (pos.config.retail_tz), whatever the till's own time zone. */
    retailPolicyLocalNow() {
        return DateTime.now().setZone(this.config.retail_tz || "UTC");
    },
    _programIsApplicable(program) {
        if (!super._programIsApplicable(...arguments)) {
            return false;
        }
        if (!program.retail_policy) {
            return true;
        }
        return this.retailPolicyEligible(program) && !this.retailPolicyBeaten(program);
    },
    /** Dates, windows, customer targets and combination flags (not the exclusive group). */
    retailPolicyEligible(program) {
        const data = program.retail_policy_pos_data || {};
        const local = this.retailPolicyLocalNow();
        const localDate = local.toISODate();
        if (program.date_from && program.date_from.toISODate() > localDate) {
            return false;
        }
        if (program.date_to && program.date_to.toISODate() < localDate) {
            return false;
        }
        if (data.windows?.length && !data.windows.some((w) => retailWindowContains(w, local))) {
            return false;
        }
        return this.retailPolicyCustomerEligible(data, local) && this.retailPolicyCombines(data);
    },
    retailPolicyCustomerEligible(data, local) {
        const partner = this.get_partner();
        const facts = partner?.retail_policy_facts || {};
        if (data.group_ids?.length && !data.group_ids.some((id) => facts.group_ids?.includes(id))) {
            return false;
        }
        if (data.partner_ids?.length && !data.partner_ids.includes(partner?.id)) {
            return false;
        }
        if (data.tier_ids?.length && !data.tier_ids.includes(partner?.retail_tier_id?.id)) {
            return false;
        }
        if (data.new_members) {
            if (!facts.member_since) {
                return false;
            }
            const since = DateTime.fromISO(facts.member_since, { zone: local.zone });
            const days = Math.floor(local.startOf("day").diff(since.startOf("day"), "days").days);
            if (days < 0 || days > data.new_member_days) {
                return false;
            }
        }
        return true;
    },
    retailPolicyCombines(data) {
        if (!data.combine_tier && this.retailPolicyHasTierDiscount()) {
            return false;
        }
        if (!data.combine_voucher && this.retailPolicyHasVoucher()) {
            return false;
        }
        if (!data.combine_coupon && this.retailPolicyHasCoupon()) {
            return false;
        }
        return true;
    },
    retailPolicyHasTierDiscount() {
        return this.lines.some((line) => line.uiState?.retailTierDiscount);
    },
    /** A serial voucher pays part of the bill (its redemption line is negative). */
    retailPolicyHasVoucher() {
        return this.lines.some((line) => line.retail_voucher_serial && line.get_price_with_tax() < 0);
    },
    retailPolicyHasCoupon() {
        return (
            this._code_activated_coupon_ids.some(
                (coupon) => coupon.program_id?.program_type === "coupons"
            ) ||
            this.lines.some(
                (line) =>
                    line.reward_id?.program_id?.program_type === "coupons" || line.retail_coupon_serial
            )
        );
    },
    /** What a policy would take off this bill, to pick the best of an exclusive group. */
    retailPolicyEstimate(program) {
        const base = this._get_regular_order_lines().reduce(
            (total, line) => total + line.get_price_with_tax(),
            0
        );
        let best = 0;
        for (const reward of program.reward_ids) {
            let value = 0;
            if (reward.reward_type === "discount") {
                value =
                    reward.discount_mode === "percent"
                        ? (base * reward.discount) / 100
                        : reward.discount;
                if (reward.discount_max_amount) {
                    value = Math.min(value, reward.discount_max_amount);
                }
            } else if (reward.reward_type === "product") {
                value = (reward.reward_product_id?.lst_price || 0) * (reward.reward_product_qty || 1);
            }
            best = Math.max(best, value);
        }
        return best;
    },
    /** Another eligible policy of the same exclusive group grants more (or as much, earlier in sequence). */
    retailPolicyBeaten(program) {
        const group = program.retail_policy_pos_data?.exclusive_group;
        if (!group) {
            return false;
        }
        const mine = this.retailPolicyEstimate(program);
        const rank = (p) => [p.sequence || 0, p.id];
        return this.models["loyalty.program"].getAll().some((other) => {
            if (
                other.id === program.id ||
                !other.retail_policy ||
                other.retail_policy_pos_data?.exclusive_group !== group ||
                !super._programIsApplicable(other) ||
                !this.retailPolicyEligible(other)
            ) {
                return false;
            }
            const theirs = this.retailPolicyEstimate(other);
            if (theirs !== mine) {
                return theirs > mine;
            }
            const [otherSequence, otherId] = rank(other);
            const [mySequence, myId] = rank(program);
            return otherSequence < mySequence || (otherSequence === mySequence && otherId < myId);
        });
    },
    /**
     * pos_loyalty keeps one whole-bill discount per order (the largest replaces the others); policies
     * stack by their own rules instead (sequence, exclusive groups, combination flags), so their lines
     * do not count as that one global discount.
     */
    _getGlobalDiscountLines() {
        return super
            ._getGlobalDiscountLines(...arguments)
            .filter((line) => !line.reward_id.program_id?.retail_policy);
    },
    /** Policies are claimed in their declared sequence, so they stack in that order. */
    getClaimableRewards() {
        const rewards = super.getClaimableRewards(...arguments);
        const sequence = (reward) =>
            reward.reward.program_id.retail_policy ? reward.reward.program_id.sequence || 0 : -Infinity;
        return rewards
            .map((reward, index) => ({ reward, index }))
            .sort((a, b) => sequence(a.reward) - sequence(b.reward) || a.index - b.index)
            .map(({ reward }) => reward);
    },
});
