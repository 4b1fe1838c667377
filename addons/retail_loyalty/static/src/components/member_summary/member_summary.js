import { Component } from "@odoo/owl";
import { usePos } from "@point_of_sale/app/store/pos_hook";
import { formatMultiplier, formatPoints } from "@retail_loyalty/utils/format";

/** The order's member at a glance: tier, discount, points, birthday or member-day benefit. */
export class RetailMemberSummary extends Component {
    static template = "retail_loyalty.RetailMemberSummary";
    static props = { order: Object };

    setup() {
        this.pos = usePos();
    }
    get info() {
        return this.pos.retailMemberInfoFor(this.props.order);
    }
    get tierColor() {
        return this.props.order.get_partner()?.retail_tier_id?.color || 0;
    }
    get benefitText() {
        const info = this.info;
        if (!info.benefitKind) {
            return "";
        }
        const multiplier = formatMultiplier(info.pointsMultiplier) || formatMultiplier(
            info.basePercent ? info.discountPercent / info.basePercent : 1
        );
        return [info.benefitLabel, multiplier].filter(Boolean).join(" ");
    }
    get nextTierMissing() {
        const info = this.info;
        return info.nextTierBasis === "revenue"
            ? this.env.utils.formatCurrency(info.nextTierMissing)
            : formatPoints(info.nextTierMissing);
    }
    formatPoints(value) {
        return formatPoints(value);
    }
}
