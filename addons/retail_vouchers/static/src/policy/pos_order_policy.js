import { PosOrder } from "@point_of_sale/app/models/pos_order";
import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { roundCurrency } from "@point_of_sale/app/models/utils/currency";

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

/**
 * pos_loyalty asks every program in a row, on every change of the bill: with 200 policies, reading the
 * zoned clock or ranking an exclusive group once per question costs seconds. Both are kept for the
 * current synchronous pass only (and the group ranking for an unchanged bill), never across changes.
 */
let passCache = null;
function thisPass() {
    if (!passCache) {
        passCache = { winners: new Map(), clock: new Map() };
        queueMicrotask(() => (passCache = null));
    }
    return passCache;
}

patch(PosOrder.prototype, {
    /** The branch's wall clock (pos.config.retail_tz), whatever the till's own time zone. */
    retailPolicyLocalNow() {
        const zone = this.config.retail_tz || "UTC";
        const clock = thisPass().clock;
        if (!clock.has(zone)) {
            clock.set(zone, DateTime.now().setZone(zone));
        }
        return clock.get(zone);
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
        const cap = this.retailPolicyCap(program);
        return cap ? Math.min(best, cap) : best;
    },
    /** Another eligible policy of the same exclusive group grants more (or as much, earlier in sequence). */
    retailPolicyBeaten(program) {
        const group = program.retail_policy_pos_data?.exclusive_group;
        if (!group) {
            return false;
        }
        const winner = this.retailPolicyGroupWinner(group);
        return Boolean(winner) && winner.id !== program.id;
    },
    /** The eligible policy of the exclusive group granting most (on a tie the earlier in sequence). */
    retailPolicyGroupWinner(group) {
        const key = `${this.uuid}|${group}|${this.retailPolicyBillKey()}`;
        const winners = thisPass().winners;
        if (!winners.has(key)) {
            const ranked = this.models["loyalty.program"]
                .filter(
                    (other) =>
                        other.retail_policy &&
                        other.retail_policy_pos_data?.exclusive_group === group &&
                        super._programIsApplicable(other) &&
                        this.retailPolicyEligible(other)
                )
                .map((other) => ({ other, value: this.retailPolicyEstimate(other) }))
                .sort(
                    (a, b) =>
                        b.value - a.value ||
                        (a.other.sequence || 0) - (b.other.sequence || 0) ||
                        a.other.id - b.other.id
                );
            winners.set(key, ranked[0]?.other || null);
        }
        return winners.get(key);
    },
    /** What the group ranking depends on: the customer and the bill's lines. */
    retailPolicyBillKey() {
        const lines = this.lines.map(
            (line) => `${line.uuid}:${line.qty}:${line.price_unit}:${line.discount}:${line.reward_id?.id || ""}`
        );
        return `${this.get_partner()?.id || ""}|${lines.join(",")}`;
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
    /**
     * Policies are claimed in their declared sequence, so they stack in that order. A policy whose cap
     * per bill cannot afford its reward once more is not claimable: pos_loyalty would otherwise add the
     * free product to the bill again at every change.
     */
    getClaimableRewards() {
        const rewards = super
            .getClaimableRewards(...arguments)
            .filter(({ reward }) => this.retailPolicyCapAffords(reward));
        const sequence = (reward) =>
            reward.reward.program_id.retail_policy ? reward.reward.program_id.sequence || 0 : -Infinity;
        return rewards
            .map((reward, index) => ({ reward, index }))
            .sort((a, b) => sequence(a.reward) - sequence(b.reward) || a.index - b.index)
            .map(({ reward }) => reward);
    },
    /** The policy's cap per bill (0: none). */
    retailPolicyCap(program) {
        return (program.retail_policy && program.retail_policy_pos_data?.cap_amount) || 0;
    },
    /** What the policy's reward lines take off this bill, taxes included (lines in `except` left out). */
    retailPolicyGranted(program, except = []) {
        return -this.lines
            .filter((line) => line.reward_id?.program_id?.id === program.id && !except.includes(line))
            .reduce((total, line) => total + line.get_price_with_tax(), 0);
    },
    /** Whether the policy's cap leaves room for the reward once more (a whole unit of a free product). */
    retailPolicyCapAffords(reward) {
        const cap = this.retailPolicyCap(reward.program_id);
        if (!cap) {
            return true;
        }
        const left = cap - this.retailPolicyGranted(reward.program_id);
        if (reward.reward_type !== "product") {
            return roundCurrency(left, this.currency) > 0;
        }
        return roundCurrency(left - this.retailPolicyFreeUnitValue(reward), this.currency) >= 0;
    },
    /** What one free unit of the reward takes off: as on the bill already, else the product's price. */
    retailPolicyFreeUnitValue(reward) {
        const rewardLine = this.lines.find((line) => line.reward_id?.id === reward.id && line.get_quantity());
        if (rewardLine) {
            return -rewardLine.get_price_with_tax() / rewardLine.get_quantity();
        }
        const product = reward.reward_product_id;
        const productLine = this._get_regular_order_lines().find(
            (line) => line.get_product()?.id === product?.id && line.get_quantity()
        );
        if (productLine) {
            return productLine.get_all_prices(1).priceWithTaxBeforeDiscount;
        }
        return product ? product.get_price(this.pricelist_id, 1) : 0;
    },
    /**
     * Odoo's "Max Discount" caps one discount reward; the policy's cap holds for the whole bill and for
     * free products too: a free product is given in whole units within what the cap leaves, a discount
     * line is reduced to it. The server re-check flags anything above the cap.
     */
    _applyReward(reward, coupon_id, args) {
        const cap = this.retailPolicyCap(reward.program_id);
        if (!cap) {
            return super._applyReward(...arguments);
        }
        const before = new Set(this.lines);
        const result = super._applyReward(...arguments);
        if (result !== true) {
            return result;
        }
        const added = this.lines.filter((line) => !before.has(line) && line.reward_id?.id === reward.id);
        this.retailPolicyFitCap(reward.program_id, cap, added);
        if (!added.some((line) => this.lines.includes(line))) {
            return _t("The policy %s has reached its cap per bill.", reward.program_id.name);
        }
        return true;
    },
    retailPolicyFitCap(program, cap, added) {
        let left = cap - this.retailPolicyGranted(program, added);
        for (const line of added) {
            const value = -line.get_price_with_tax();
            if (roundCurrency(left - value, this.currency) >= 0) {
                left -= value;
                continue;
            }
            if (line.reward_id.reward_type === "product") {
                const unit = value / line.get_quantity();
                const units = Math.floor(left / unit + 1e-9);
                if (units > 0) {
                    line.set_quantity(units, true);
                    left -= -line.get_price_with_tax();
                    continue;
                }
            } else if (roundCurrency(left, this.currency) > 0) {
                line.set_unit_price((line.price_unit * left) / value);
                left = 0;
                continue;
            }
            line.delete();
        }
    },
    /**
     * What took money off the bill, in the order it applied: the member tier discount (on the lines,
     * before any promotion), then each policy in its sequence, with what it gave. Same list as the
     * server's pos.order.retail_policy_steps.
     */
    retailPolicySteps() {
        const steps = [];
        const tierLines = this._get_regular_order_lines().filter(
            (line) => line.uiState?.retailTierDiscount !== undefined && line.get_discount()
        );
        if (tierLines.length) {
            steps.push({
                kind: "tier",
                name: _t("Member tier discount"),
                detail: `-${Math.max(...tierLines.map((line) => line.get_discount()))} %`,
                amount: roundCurrency(
                    tierLines.reduce(
                        (total, line) =>
                            total + line.get_price_with_tax_before_discount() - line.get_price_with_tax(),
                        0
                    ),
                    this.currency
                ),
            });
        }
        const linesByPolicy = new Map();
        for (const line of this.lines) {
            const program = line.reward_id?.program_id;
            if (line.is_reward_line && program?.retail_policy) {
                linesByPolicy.set(program, [...(linesByPolicy.get(program) || []), line]);
            }
        }
        const policies = [...linesByPolicy.keys()].sort(
            (a, b) => (a.sequence || 0) - (b.sequence || 0) || a.id - b.id
        );
        for (const program of policies) {
            const lines = linesByPolicy.get(program);
            const details = lines.map((line) =>
                line.reward_id.reward_type === "product"
                    ? `${line.get_quantity()} x ${line.reward_id.description}`
                    : line.reward_id.description || program.name
            );
            steps.push({
                kind: "policy",
                program_id: program.id,
                name: program.name,
                detail: [...new Set(details)].join(", "),
                amount: roundCurrency(
                    -lines.reduce((total, line) => total + line.get_price_with_tax(), 0),
                    this.currency
                ),
            });
        }
        return steps.map((step, index) => ({ index: index + 1, ...step }));
    },
    /** The steps the receipt prints: the server's once it recorded the order (reprints), else the till's. */
    retailPolicyReceiptSteps() {
        const recorded = this.retail_policy_steps;
        if (recorded) {
            return typeof recorded === "string" ? JSON.parse(recorded) : recorded;
        }
        return this.retailPolicySteps();
    },
    export_for_printing() {
        return {
            ...super.export_for_printing(...arguments),
            retailPolicySteps: this.retailPolicyReceiptSteps(),
        };
    },
});
