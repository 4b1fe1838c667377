import { PosStore } from "@point_of_sale/app/store/pos_store";
import { patch } from "@web/core/utils/patch";
import { effect } from "@web/core/utils/reactive";
import { batched } from "@web/core/utils/timing";
import { isBirthdayToday } from "@retail_loyalty/utils/format";

/** What the till knows without the server: the tier loaded with the customer. */
function localMemberInfo(partner) {
    const tier = partner.retail_tier_id;
    return {
        partnerId: partner.id,
        isMember: Boolean(tier),
        tierName: tier?.name || "",
        discountPercent: tier?.discount_percent || 0,
        basePercent: tier?.discount_percent || 0,
        pointsMultiplier: 1,
        benefitKind: false,
        benefitLabel: "",
        birthdayToday: isBirthdayToday(partner.birthday),
        pointsBalance: partner.retail_points_balance || 0,
        nextTierName: false,
        nextTierBasis: false,
        nextTierMissing: 0,
        pending: true,
        offline: false,
    };
}

function serverMemberInfo(partner, res) {
    return {
        partnerId: partner.id,
        isMember: Boolean(res.is_member),
        tierName: res.tier_name || "",
        discountPercent: res.discount_percent || 0,
        basePercent: res.base_discount_percent || 0,
        pointsMultiplier: res.points_multiplier || 1,
        benefitKind: res.benefit_kind || false,
        benefitLabel: res.benefit_label || "",
        birthdayToday: Boolean(res.birthday_today),
        pointsBalance: res.points_balance ?? partner.retail_points_balance ?? 0,
        nextTierName: res.next_tier_name || false,
        nextTierBasis: res.next_tier_basis || false,
        nextTierMissing: res.next_tier_missing || 0,
        pending: false,
        offline: false,
    };
}

patch(PosStore.prototype, {
    async setup() {
        // member facts per (order, customer, tier), asked once from the server
        this.retailMemberInfos = {};
        await super.setup(...arguments);
        effect(
            batched((orders) => {
                const order = Array.from(orders.values()).find(
                    (order) => order.uuid === this.selectedOrderUuid
                );
                if (order && !order.finalized) {
                    this.retailUpdateMember(order);
                }
            }),
            [this.data.records["pos.order"]]
        );
    },
    _retailMemberKey(order, partner) {
        return `${order.uuid}|${partner.id}|${partner.retail_tier_id?.id || 0}`;
    },
    /** The member facts to show for the order's customer (false without a customer). */
    retailMemberInfoFor(order) {
        const partner = order?.get_partner();
        if (!partner) {
            return false;
        }
        return this.retailMemberInfos[this._retailMemberKey(order, partner)] || localMemberInfo(partner);
    },
    /** Apply (or take back) the tier discount on the order; ask the server once per customer. */
    retailUpdateMember(order) {
        const partner = order.get_partner();
        // read the lines so that the effect runs again when they change
        order.lines.forEach((line) => [line.get_discount(), line.uiState.retailTierDiscount]);
        if (!partner) {
            order.retailApplyTierDiscount(0);
            return;
        }
        const key = this._retailMemberKey(order, partner);
        if (!(key in this.retailMemberInfos)) {
            this.retailMemberInfos[key] = localMemberInfo(partner);
            this._retailFetchMemberInfo(key, order, partner);
        }
        const info = this.retailMemberInfos[key];
        order.retailApplyTierDiscount(info.isMember ? info.discountPercent : 0);
    },
    async _retailFetchMemberInfo(key, order, partner) {
        try {
            const res = await this.data.call("res.partner", "retail_pos_member_info", [
                partner.id,
                this.config.id,
            ]);
            this.retailMemberInfos[key] = serverMemberInfo(partner, res);
        } catch (error) {
            // offline (or the server refused): keep the tier loaded with the customer
            console.warn("Member information unavailable, using the loaded tier:", error);
            this.retailMemberInfos[key] = { ...localMemberInfo(partner), pending: false, offline: true };
        }
        if (!order.finalized && order.get_partner()?.id === partner.id) {
            this.retailUpdateMember(order);
        }
    },
    /** Forget what the server said about a customer (e.g. after a card made them a member). */
    retailForgetMember(partner) {
        for (const key of Object.keys(this.retailMemberInfos)) {
            if (key.split("|")[1] === String(partner.id)) {
                delete this.retailMemberInfos[key];
            }
        }
    },
    async setDiscountFromUI(line, val) {
        // the cashier's own discount: the tier discount no longer touches this line
        line.uiState.retailTierManual = true;
        delete line.uiState.retailTierDiscount;
        return await super.setDiscountFromUI(...arguments);
    },
});
